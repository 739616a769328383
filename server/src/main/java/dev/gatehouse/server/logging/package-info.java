/**
 * Log output that never carries a vault secret. Logback is configured globally, so the one redactor
 * it uses is held in {@link dev.gatehouse.server.logging.LogRedaction}, set by the running gateway;
 * this is the only process-wide state in Gatehouse.
 */
package dev.gatehouse.server.logging;
