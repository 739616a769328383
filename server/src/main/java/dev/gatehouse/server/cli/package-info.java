/** The {@code gatehouse} command line (picocli). Each verb is one small class. */
package dev.gatehouse.server.cli;
