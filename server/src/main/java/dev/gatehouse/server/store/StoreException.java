package dev.gatehouse.server.store;

/** The store cannot be opened or used. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }
}
