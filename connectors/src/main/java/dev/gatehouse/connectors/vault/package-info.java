/**
 * The secret vault: values encrypted with Tink AEAD (AES-256-GCM, the secret's name bound as
 * associated data), kept by a {@link dev.gatehouse.connectors.vault.SecretStore}, and injected into
 * upstream configuration ({@code ${secret:NAME}}) at the last moment.
 */
package dev.gatehouse.connectors.vault;
