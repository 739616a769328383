#!/usr/bin/env bash
# Runs the official MCP conformance suite (server mode, --suite all) against Gatehouse:
#
#   examples/conformance/run-gateway.sh stdio        # the shipped gatehouse.yaml: fixture over stdio
#   examples/conformance/run-gateway.sh http         # the fixture over Streamable HTTP
#   examples/conformance/run-gateway.sh everything   # @modelcontextprotocol/server-everything over
#                                                    # stdio, compared with the suite run directly
#                                                    # against it (streamableHttp)
#   extra arguments go to the suite (e.g. --scenario tools-call-sampling)
#
# The suite sends no Authorization header; node/bearer-hook.mjs gives its requests to the gateway
# a real agent token (from `gatehouse agent create`). Against the fixture, the audit trail must
# then show every tools-call scenario's tool really called (a refusal rendered as an error result
# would let some scenarios pass vacuously). Exits non-zero when the suite, that check or the
# comparison fails.
set -euo pipefail
# shellcheck source=suite.sh
. "$(dirname "${BASH_SOURCE[0]}")/suite.sh"

mode="${1:-stdio}"
shift || true
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [[ -n "${KEEP_WORK:-}" ]] && echo "work dir kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

gatehouse() { "$repo/gatehouse" "$@"; }

# A config in $work for an upstream given as YAML lines, with allow-all policies for it.
temp_config() {
  mkdir -p "$work/policies"
  cat >"$work/policies/allow-upstream.yaml" <<POLICY
default: deny
rules:
  - { id: everything-it-serves, tools: ["*"], prompts: ["*"], resources: ["*"], action: allow }
POLICY
  cat >"$work/gatehouse.yaml" <<CONFIG
server: { host: 127.0.0.1, port: 0, data_dir: ./data }
policies: ./policies
upstreams:
$1
CONFIG
  echo "$work/gatehouse.yaml"
}

case "$mode" in
  stdio)
    config="$conformance_dir/gatehouse.yaml"
    rm -rf "$conformance_dir/data"   # a fresh store: the audit check reads this run's records only
    ;;
  http)
    build_fixture
    start_and_read_url "$work/fixture.log" 's/^conformance fixture listening on \(http:[^ ]*\)$/\1/p' \
      "$JDK/bin/java" -jar "$fixture_jar" --http 0
    pids+=("$started_pid")
    config="$(temp_config "  fixture: { type: mcp-http, url: \"$started_url\", prefix: none, timeout: 60s }")"
    ;;
  everything)
    config="$(temp_config "  everything:
    type: mcp-stdio
    prefix: none
    command: $node_bin
    args: [\"$everything_cli\", \"stdio\"]
    timeout: 60s")"
    ;;
  *) die "unknown mode '$mode' (stdio, http or everything)" ;;
esac

gatehouse policy check --config "$config" >/dev/null || die "the policies of $config do not load"
token="$(gatehouse agent create "conformance-$$" --config "$config")"
start_and_read_url "$work/gateway.log" 's/^Gatehouse .* at \(http:[^ ]*\) (config.*$/\1/p' \
  "$repo/gatehouse" serve --config "$config"
pids+=("$started_pid")
gateway_url="$started_url"
say "gateway ($mode) at $gateway_url; suite $("$node_bin" "$suite_cli" --version)"

suite() { # url, output file, [token]
  local url="$1" out="$2" status=0
  if [[ -n "${3:-}" ]]; then
    (cd "$node_dir" && GATEHOUSE_TOKEN="$3" GATEHOUSE_URL="$url" \
      "$node_bin" --import ./bearer-hook.mjs "$suite_cli" server --url "$url" --suite all "${@:4}") \
      >"$out" 2>&1 || status=$?
  else
    "$node_bin" "$suite_cli" server --url "$url" --suite all "${@:4}" >"$out" 2>&1 || status=$?
  fi
  sed -n '/=== SUMMARY ===/,$p' "$out"
  return "$status"
}

status=0
suite "$gateway_url" "$work/through.log" "$token" "$@" || status=$?
say "suite exit status $status (through Gatehouse, $mode)"

if [[ "$mode" != everything ]]; then
  missing=""
  records="$(gatehouse audit export --since 1h --format jsonl --config "$config")"
  for tool in test_simple_text test_image_content test_audio_content test_embedded_resource \
      test_multiple_content_types test_tool_with_logging test_error_handling \
      test_tool_with_progress test_sampling test_elicitation test_elicitation_sep1034_defaults \
      test_elicitation_sep1330_enums; do
    grep -q "\"tool\":\"$tool\",\"upstream\":\"fixture\",\"outcome\":\"\(completed\|tool_error\)\"" \
      <<<"$records" || missing="$missing $tool"
  done
  if [[ -n "$missing" ]]; then
    say "the audit trail shows no relayed call of:$missing (a scenario passed vacuously)"
    status=1
  else
    say "audit trail: every tools-call scenario's fixture tool was really called"
  fi
else
  PORT=0 start_and_read_url "$work/everything.log" 's/.*[Ll]istening on port \([0-9]*\).*/\1/p;s/.*running on port \([0-9]*\).*/\1/p' \
    env PORT="$(shuf -i 20000-40000 -n 1)" "$node_bin" "$everything_cli" streamableHttp
  pids+=("$started_pid")
  direct_url="http://127.0.0.1:$started_url/mcp"
  say "server-everything directly at $direct_url"
  suite "$direct_url" "$work/direct.log" "" "$@" || true
  grep -q "^Total: [1-9][0-9]* passed" "$work/direct.log" \
    || die "the direct run against server-everything passed nothing; nothing to compare with"
  # No scenario may do worse through the gateway than directly.
  worse="$(awk '
    FNR == 1 { file++ }
    /^[^ ]+ [a-z0-9-]+: [0-9]+ passed, [0-9]+ failed/ {
      name = $2; sub(":", "", name); passed[file, name] = $3; failed[file, name] = $5; names[name] = 1
    }
    END {
      for (n in names) if (passed[2, n] + 0 < passed[1, n] + 0 || failed[2, n] + 0 > failed[1, n] + 0)
        printf " %s(direct %d/%d, gateway %d/%d)", n, passed[1, n], failed[1, n], passed[2, n], failed[2, n]
    }' "$work/direct.log" "$work/through.log")"
  if [[ -n "$worse" ]]; then
    say "worse through Gatehouse than directly:$worse"
    status=1
  else
    say "no scenario does worse through Gatehouse than directly against server-everything"
    status=0
  fi
fi
exit "$status"
