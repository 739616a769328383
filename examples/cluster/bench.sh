#!/usr/bin/env bash
# The cluster benchmark (docs/PERFORMANCE.md, "Cluster"): calls/s and latency of one echo tool
# called directly, through one node, and through HAProxy over two nodes — this folder's
# node-a.yaml, node-b.yaml and haproxy.cfg, with the benchmark's echo upstream
# (`gatehouse bench upstream`) in place of the demo, on ports 9100 (upstream), 9180 (HAProxy),
# 9181 and 9182 (the nodes) and a database `gatehouse_bench` that is dropped at the end.
# Arguments go to `gatehouse bench`, e.g.: examples/cluster/bench.sh --concurrency 32 --rounds 3
# Needs what run.sh needs (Redis, PostgreSQL with the `gatehouse` user of README.md, haproxy).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-cluster-bench.XXXXXX")"
DB=gatehouse_bench
gatehouse() { "$ROOT/gatehouse" "$@"; }

pids=()
alive() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB OWNER gatehouse"

# The echo upstream both nodes front.
"$ROOT/gatehouse" bench upstream --port 9100 >"$WORK/upstream.log" 2>&1 &
pids+=($!)

# The example's files with the bench's ports, database, data folder and upstream.
mkdir -p "$WORK/policies"
cp "$HERE"/policies/*.yaml "$WORK/policies/"
printf 'rules:\n  - id: bench-echo\n    tools: [bench__echo]\n    action: allow\n' >"$WORK/policies/zz-bench.yaml"
for node in a b; do
  port=$([ "$node" = a ] && echo 9181 || echo 9182)
  sed -e "s#port: 808[12]#port: $port#" \
      -e "s#5432/gatehouse\"#5432/$DB\"#" \
      -e "s#\.\./\.\./data/cluster/#$WORK/data/#" \
      -e "/^upstreams:/,\$d" \
      "$HERE/node-$node.yaml" >"$WORK/node-$node.yaml"
  printf 'upstreams:\n  bench:\n    type: mcp-http\n    url: http://127.0.0.1:9100/mcp\n' >>"$WORK/node-$node.yaml"
  sed -i "s#^policies: .*#policies: $WORK/policies#" "$WORK/node-$node.yaml"
done
sed -e 's/127.0.0.1:8080/127.0.0.1:9180/' -e 's/127.0.0.1:8081/127.0.0.1:9181/' \
    -e 's/127.0.0.1:8082/127.0.0.1:9182/' -e 's/^\(    log stdout.*\)$/#\1/' -e 's/^\(    option httplog\)$/#\1/' \
    "$HERE/haproxy.cfg" >"$WORK/haproxy.cfg"

for node in a b; do
  printf %s "${PG_PASSWORD:-change-me}" | gatehouse secret set --node PG_PASSWORD --config "$WORK/node-$node.yaml" >/dev/null
done
for node in a b; do
  "$ROOT/gatehouse" serve --config "$WORK/node-$node.yaml" >"$WORK/node-$node.log" 2>&1 &
  pids+=($!)
done
for node in a b; do
  until grep -q "is serving 1 tools" "$WORK/node-$node.log"; do
    alive || { cat "$WORK/node-$node.log" >&2; exit 1; }
    sleep 1
  done
done
haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
pids+=($!)
sleep 3 # two health checks, one second apart, bring both nodes into rotation

GATEHOUSE_TOKEN="$(gatehouse agent create bench --config "$WORK/node-a.yaml")" \
  gatehouse bench --upstream http://127.0.0.1:9100/mcp \
  --against "HAProxy, 2 nodes=http://127.0.0.1:9180/mcp" \
  --against "1 node=http://127.0.0.1:9181/mcp" "$@"
