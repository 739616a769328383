/**
 * The Slack channel for approvals: posts each pending request to a channel with Approve / Approve
 * for 1h / Deny buttons, takes the clicks from Slack's interaction requests (signature, timestamp
 * and replay checked here, approvers checked against the config), and updates the message once the
 * request is decided. Slack being down leaves requests pending; nothing here approves by itself.
 * Transport-free: the HTTP endpoint that feeds {@link
 * dev.gatehouse.approvals.slack.SlackInteractions} lives in the server.
 */
package dev.gatehouse.approvals.slack;
