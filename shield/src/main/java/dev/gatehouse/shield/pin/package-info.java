/**
 * Tool-definition pinning against rug pulls: a tool's canonical definition (name, description,
 * input schema) is fingerprinted when first seen; a later change quarantines the tool until a
 * person approves the new definition.
 */
package dev.gatehouse.shield.pin;
