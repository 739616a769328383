/**
 * Policy as code: rules read from YAML files ({@link dev.gatehouse.shield.policy.PolicyLoader}),
 * evaluated for every call ({@link dev.gatehouse.shield.policy.PolicySet#evaluate}) with explicit
 * precedence, and tested by the same engine ({@link dev.gatehouse.shield.policy.PolicyTestRunner}).
 * The reference is docs/POLICIES.md.
 */
package dev.gatehouse.shield.policy;
