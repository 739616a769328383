/**
 * The policy set in force in the running gateway, its reloading from the directory and, in a
 * cluster with a shared database, the one set in force for all nodes ({@link
 * dev.gatehouse.server.policy.SharedPolicies}).
 */
package dev.gatehouse.server.policy;
