#!/usr/bin/env bash
# Release-build benchmarks on PostgreSQL, side by side with SQLite on the same machine (figures in BENCHMARKS.md).
# Starts a throw-away PostgreSQL cluster (initdb + pg_ctl in a temporary directory, as user postgres when run as
# root; durable: fsync and synchronous_commit on, as a production server), the sandbox with 10,000 products in its
# own process, then for each database:
#   1. a full reindex (products/s end to end);
#   2. `serve` on it: webhook acceptance (32 connections, as fast as they go), the ack latency at 500 deliveries/s
#      (open loop), then event intake (batches of 100, 8 connections);
# and on PostgreSQL only:
#   3. a backlog of 10,000 product jobs and 50,000 events drained by 1, 2 and 4 `worker` processes;
#   4. the wait from enqueue to claim across two connections, woken by LISTEN/NOTIFY and by polling (1 s).
#
#   Scripts/benchmark-postgres.sh
#   SECONDS_PER_RUN=20 WORKERS="1 2 4 8" Scripts/benchmark-postgres.sh
#   BIN=/path/to/clerkbridge Scripts/benchmark-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
if [ -z "${BIN:-}" ]; then
  swift build -c release --product clerkbridge >/dev/null
  bin=.build/release/clerkbridge
else
  bin=$BIN
fi
run_seconds=${SECONDS_PER_RUN:-10}
workers=${WORKERS:-1 2 4}
pgbin=${CLERKBRIDGE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$pgbin/initdb" ] || { echo "no PostgreSQL binaries: apt-get install postgresql, or set CLERKBRIDGE_PG_BIN" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
pg_port=$(free_port)
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-k $work/pg -c listen_addresses=127.0.0.1 -p $pg_port -c max_connections=300" start >/dev/null
new_postgres() {
  as_pg "$pgbin/createdb" -h "$work/pg" -p "$pg_port" -U postgres "$1"
  echo "postgres://postgres@127.0.0.1:$pg_port/$1?sslmode=disable"
}
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, fsync on, synchronous_commit on"

"$bin" sandbox --products 10000 --write-config "$work/config.yaml" --quiet > "$work/sandbox.log" 2>&1 &
for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
export BIGCOMMERCE_WEBHOOK_SECRET=bench-shared-secret CLERKBRIDGE_EVENTS_RATE_LIMIT=off
export CLERKBRIDGE_REINDEX_INTERVAL=off CLERKBRIDGE_RECONCILE_INTERVAL=off

for database in sqlite postgres; do
  if [ "$database" = sqlite ]; then url="sqlite:$work/db.sqlite"; else url=$(new_postgres clerkbridge); fi
  echo
  echo "== $database"
  /usr/bin/time -f "%e" -o "$work/time" "$bin" reindex --config "$work/config.yaml" --database-url "$url" \
    --json --log-level error > "$work/report.json" 2> "$work/reindex.log"
  python3 - "$(cat "$work/time")" "$work/report.json" <<'PY'
import json, sys
seconds, report = float(sys.argv[1]), json.load(open(sys.argv[2]))
documents = sum(s["products"]["pushed"] for s in report["storefronts"])
print(f"reindex, 10,000 products: {seconds:.1f} s, {10000/seconds:,.0f} products/s ({documents:,} documents), ok={report['ok']}")
PY
  port=$(free_port)
  CLERKBRIDGE_PORT=$port "$bin" serve --config "$work/config.yaml" --database-url "$url" --log-level error > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 400); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.05; done
  echo -n "webhook acceptance, 32 connections, ${run_seconds} s: "
  "$bin" benchmark webhooks --url "http://127.0.0.1:$port/webhooks/bigcommerce" --concurrency 32 --duration "$run_seconds"
  echo -n "webhook ack latency at 500/s, ${run_seconds} s: "
  "$bin" benchmark webhooks --url "http://127.0.0.1:$port/webhooks/bigcommerce" --rate 500 --duration "$run_seconds"
  echo -n "event intake, batches of 100, 8 connections, ${run_seconds} s: "
  "$bin" benchmark events --url "http://127.0.0.1:$port/v1/events" --batch 100 --concurrency 8 --duration "$run_seconds"
  kill -TERM "$serve_pid"; wait "$serve_pid" || true
done

echo
echo "== postgres: a backlog of 10,000 product jobs and 50,000 events drained by worker processes"
for count in $workers; do
  url=$(new_postgres "workers$count")
  "$bin" reindex --config "$work/config.yaml" --database-url "$url" --log-level error > /dev/null 2>&1
  "$bin" benchmark backlog --config "$work/config.yaml" --database-url "$url" --log-level error --jobs 10000 --events 50000 > /dev/null
  pids=()
  for _ in $(seq 1 "$count"); do
    "$bin" worker --config "$work/config.yaml" --database-url "$url" --log-level error >> "$work/workers.log" 2>&1 &
    pids+=($!)
  done
  echo -n "$count worker process(es): "
  "$bin" benchmark backlog --config "$work/config.yaml" --database-url "$url" --log-level error --wait
  kill -TERM "${pids[@]}"; wait "${pids[@]}" || true
done

echo
echo "== postgres: enqueue to claim across two connections"
url=$(new_postgres wakeup)
"$bin" benchmark wakeup --config "$work/config.yaml" --database-url "$url" --log-level error --samples 100
"$bin" benchmark wakeup --config "$work/config.yaml" --database-url "$url" --log-level error --samples 100 --poll-only
