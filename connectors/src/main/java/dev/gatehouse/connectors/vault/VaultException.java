package dev.gatehouse.connectors.vault;

/** A vault operation failed. The message names the secret, never its value. */
public class VaultException extends RuntimeException {
  public VaultException(String message) {
    super(message, null, false, false);
  }
}
