/**
 * A small MCP server for the quickstart: it runs over stdio, needs no Node.js, and shows each kind
 * of tool result (text, image, structured content, errors, progress and logging). Gatehouse's own
 * tests use it as a real stdio upstream too. It depends on the MCP SDK only.
 */
package dev.gatehouse.demo;
