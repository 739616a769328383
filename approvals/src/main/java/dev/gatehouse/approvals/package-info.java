/**
 * Human approvals: the persistent {@link dev.gatehouse.approvals.ApprovalQueue}, the grants it
 * hands out, and the {@link dev.gatehouse.approvals.ApprovalGate} that holds a call while a person
 * decides. Depends on the shield and Jdbi only; the Slack channel lives in {@code .slack}. Nothing
 * here ever approves by itself.
 */
package dev.gatehouse.approvals;
