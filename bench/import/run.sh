#!/usr/bin/env bash
# Import-rate benchmark: generates RATINGS ratings (cached under target/bench-data), starts a fresh
# node on H2 (or PostgreSQL with ACTORSHOP_DB/DB_* set), imports them with `bin/actorshop import`,
# waits until the Mongo ratings read model has them all, and prints one JSON line.
#   bench/import/run.sh [RATINGS]          e.g. bench/import/run.sh 1000000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RATINGS="${1:-100000}"
USERS=$(( RATINGS / 165 > 60 ? RATINGS / 165 : 60 ))
ITEMS=$(( RATINGS / 250 > 200 ? RATINGS / 250 : 200 ))
DATA="$ROOT/target/bench-data/${USERS}u-${ITEMS}i-${RATINGS}r"
WORK="$(mktemp -d)"
HTTP=18080; MGMT=18558; MONGO=27217
export ACTORSHOP_ADMIN_PASSWORD="bench-admin-password"

"$ROOT/bin/actorshop" --help >/dev/null   # builds the jars if needed
[[ -f "$DATA/ratings.csv" ]] || "$ROOT/bin/actorshop" generate --users "$USERS" --items "$ITEMS" \
    --ratings "$RATINGS" --seed 42 --out "$DATA" >&2

JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}" "$ROOT/bin/actorshop" node --data-dir "$WORK" --http-port $HTTP \
    --port 25620 --management-port $MGMT --mongo-port $MONGO >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "localhost:$MGMT/ready" >/dev/null; do sleep 0.5; done
sleep 2   # the admin account is set up right after readiness

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
START=$(date +%s.%N)
"$ROOT/bin/actorshop" import --data "$DATA" --to "http://127.0.0.1:$HTTP" 2>"$WORK/import.log"
grep -h " rows: " "$WORK/import.log" >&2   # one summary line per file
END=$(date +%s.%N)
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
RATINGS_S=$(grep -o 'ratings.csv: .* in [0-9.]* s' "$WORK/import.log" | sed 's/.* in \([0-9.]*\) s/\1/')
CATCH_UP=$(java -cp "$ROOT/http-api/target/lib/*" "$ROOT/bench/import/WaitForRatings.java" \
    "mongodb://127.0.0.1:$MONGO" "$RATINGS" 2>/dev/null | tail -1)
JVM=$(pgrep -P $NODE java || echo $NODE)
RSS_KB=$(ps -o rss= -p "$JVM" | tr -d ' ')
# Live heap: after a full GC, what the node still holds (entities in memory, caches).
jcmd "$JVM" GC.run >/dev/null 2>&1 || true
HEAP=$(jcmd "$JVM" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)

printf '{"bench":"import","store":"%s","ratings":%d,"users":%d,"items":%d,"import_s":%.1f,"ratings_s":%s,"ratings_per_s":%.0f,"read_model_lag_s":%s,"node_rss_mib":%d,"node_live_heap_mib":%d,"load_before":%s,"load_after":%s}\n' \
  "${ACTORSHOP_DB:-h2}" "$RATINGS" "$USERS" "$ITEMS" "$(awk "BEGIN{print $END - $START}")" "$RATINGS_S" \
  "$(awk "BEGIN{print $RATINGS / $RATINGS_S}")" "$CATCH_UP" $((RSS_KB / 1024)) $((${HEAP:-0} / 1024)) "$LOAD_BEFORE" "$LOAD_AFTER"
