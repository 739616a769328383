/** The policy set in force in the running gateway, and its reloading from the directory. */
package dev.gatehouse.server.policy;
