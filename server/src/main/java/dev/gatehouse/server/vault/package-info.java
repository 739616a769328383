/** The vault in the running gateway: reference checks at start-up and the egress redactor. */
package dev.gatehouse.server.vault;
