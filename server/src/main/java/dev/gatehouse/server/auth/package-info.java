/**
 * Agent authentication: bearer JWTs signed with the gateway's own key (ES256, Nimbus JOSE JWT),
 * checked against the store for revocation. Nothing here knows about HTTP.
 */
package dev.gatehouse.server.auth;
