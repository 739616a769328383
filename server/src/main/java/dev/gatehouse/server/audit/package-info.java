/** The record of every tool call and its outcome, kept in the store. */
package dev.gatehouse.server.audit;
