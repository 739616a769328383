/**
 * Agent authentication: bearer JWTs signed with the gateway's own key (ES256, Nimbus JOSE JWT) and
 * naming it in {@code kid}, checked against the store for revocation. The keys are a rotatable set
 * ({@link dev.gatehouse.server.auth.SigningKeySet}) kept in the data directory or the shared vault
 * ({@link dev.gatehouse.server.auth.SigningKeyStore}) and followed by running gateways ({@link
 * dev.gatehouse.server.auth.SigningKeys}). Nothing here knows about HTTP.
 */
package dev.gatehouse.server.auth;
