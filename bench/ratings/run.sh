#!/usr/bin/env bash
# POST /api/ratings throughput and latency against one node, with wrk.
#   bench/ratings/run.sh [USERS] [CONNECTIONS] [DURATION_S]   (defaults 256 64 30)
# Store: H2 by default; ACTORSHOP_DB=postgres DB_URL=... DB_USER=... DB_PASSWORD=... for PostgreSQL.
# MODE=profile measures GET /api/users/me instead (HTTP + auth + entity read, no write);
# BENCH_JAVA_OPTS adds -Dkey=value settings to the node.
# Starts its own node (bin/actorshop node) on a fresh data dir and ports 18080/25590/18558.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
USERS="${1:-256}" CONNECTIONS="${2:-64}" DURATION="${3:-30}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }

WORK="$(mktemp -d)"
URL=http://127.0.0.1:18080
# bcrypt cost 4 only to create the users quickly; the rating path never hashes.
JAVA_OPTS="-Xmx1g -Dactorshop.user.bcrypt-cost=4 ${BENCH_JAVA_OPTS:-}" "$ROOT/bin/actorshop" node --data-dir "$WORK/data" \
  --http-port 18080 --port 25590 --management-port 18558 >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null; rm -rf "$WORK"; exit 0' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18558/ready >/dev/null && break; sleep 0.5; done
curl -sf http://127.0.0.1:18558/ready >/dev/null || { cat "$WORK/node.log"; exit 1; }

for i in $(seq 1 "$USERS"); do
  curl -sf -X POST "$URL/api/users" -d "{\"username\":\"bench$i\",\"password\":\"bench-password-$i\"}" >/dev/null
  curl -sf -X POST "$URL/api/sessions" -d "{\"username\":\"bench$i\",\"password\":\"bench-password-$i\"}" \
    | sed -E 's/.*"token":"([^"]+)".*/\1/'
  echo
done | grep . >"$WORK/tokens"

# Warm up the JIT and the entities, then measure.
MODE="${MODE:-ratings}" TOKENS_FILE="$WORK/tokens" wrk -t2 -c"$CONNECTIONS" -d5s -s "$HERE/wrk.lua" "$URL" >/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RESULT=$(MODE="${MODE:-ratings}" TOKENS_FILE="$WORK/tokens" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$HERE/wrk.lua" "$URL" | tail -n 1)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$(pgrep -f "actorshop-node.jar.*18080" | head -1)/status 2>/dev/null || echo 0)
echo "${RESULT%\}},\"store\":\"${ACTORSHOP_DB:-h2}\",\"users\":$USERS,\"connections\":$CONNECTIONS,\"duration_s\":$DURATION,\"node_rss_mib\":$((RSS_KB / 1024)),\"loadavg_before\":\"$LOAD_BEFORE\",\"loadavg_after\":\"$LOAD_AFTER\"}"
