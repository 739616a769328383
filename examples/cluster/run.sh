#!/usr/bin/env bash
# Starts the cluster example on one machine: two Gatehouse nodes (node-a.yaml, node-b.yaml)
# sharing Redis and PostgreSQL, and HAProxy in front of them on http://127.0.0.1:8080/mcp.
# Every step is one of README.md's; Ctrl-C stops what this script started.
# Needs: Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432 (its postgres user may connect
# from 127.0.0.1, e.g. trust auth), psql, redis-cli and haproxy (apt-get install haproxy).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LOGS="$ROOT/data/cluster"
PG_PASSWORD="${PG_PASSWORD:-change-me}"
gatehouse() { "$ROOT/gatehouse" "$@"; }

for tool in haproxy psql redis-cli; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "run.sh: Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }

# 1. The database and its user (skipped when they exist).
psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -v pw="$PG_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE gatehouse LOGIN PASSWORD %L', :'pw')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gatehouse') \gexec
SELECT 'CREATE DATABASE gatehouse OWNER gatehouse'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'gatehouse') \gexec
SQL

# 2. The database password, into each node's own store.
mkdir -p "$LOGS"
for node in a b; do
  printf %s "$PG_PASSWORD" | gatehouse secret set --node PG_PASSWORD --config "$HERE/node-$node.yaml"
done

# 3. The two nodes, each in the background, its output in data/cluster/node-X.log.
pids=()
alive() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT
trap 'exit 130' INT TERM
for node in a b; do
  "$ROOT/gatehouse" serve --config "$HERE/node-$node.yaml" >"$LOGS/node-$node.log" 2>&1 &
  pids+=($!)
done
for node in a b; do
  until grep -q "is serving" "$LOGS/node-$node.log"; do
    alive || { echo "run.sh: a node stopped; see $LOGS/node-$node.log" >&2; exit 1; }
    sleep 1
  done
  echo "node $node: $(grep "is serving" "$LOGS/node-$node.log")"
done

# 4. HAProxy in front of them (in the foreground of this script; its log on the terminal).
echo "HAProxy on http://127.0.0.1:8080/mcp; an agent token valid on both nodes:"
echo "  ./gatehouse agent create NAME --config examples/cluster/node-a.yaml"
haproxy -f "$HERE/haproxy.cfg" &
pids+=($!)
wait "${pids[@]}"
