/**
 * Approvals in the running gateway: builds the queue, the gate, the audit of every request and
 * decision, and (when configured) the Slack channel, and serves the admin API. The CLI verbs are in
 * {@code server.cli}.
 */
package dev.gatehouse.server.approvals;
