#!/usr/bin/env bash
# Installs the npm MCP servers the integration tests run (pinned by package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/@modelcontextprotocol/server-everything ]; then
  command -v npm >/dev/null || { echo "npm is needed for the integration tests (apt-get install nodejs npm)" >&2; exit 1; }
  npm ci --no-audit --no-fund
fi
