/**
 * The gateway process: command line, config, the Jetty front door with the SDK's Streamable HTTP
 * transport, stdio mode, agent authentication, storage, audit, and the one place where the pipeline
 * is wired ({@link dev.gatehouse.server.Gateway}).
 */
package dev.gatehouse.server;
