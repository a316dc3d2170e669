#!/usr/bin/env bash
# Release-build benchmarks of shopper tracking (figures in BENCHMARKS.md):
#   1. acceptance: `clerkbridge serve` (with its worker and event forwarder running) on a file database, the
#      sandbox in its own process, and a load generator in a third posting batches of 100 distinct events
#      as fast as 8 connections allow; every accepted event is durable (synchronous=FULL) before its answer;
#   2. forwarding: a backlog of events in a fresh file database, sent by the forwarder to the Clerk sandbox
#      (its own process) with 32 calls in flight.
#
#   Scripts/benchmark-events.sh
#   SECONDS_PER_RUN=20 EVENTS=100000 Scripts/benchmark-events.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product clerkbridge >/dev/null
bin=.build/release/clerkbridge
run_seconds=${SECONDS_PER_RUN:-10}
events=${EVENTS:-50000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" sandbox --products 1000 --write-config "$work/config.yaml" > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export BIGCOMMERCE_WEBHOOK_SECRET=bench-shared-secret
export CLERKBRIDGE_PORT=$port
export CLERKBRIDGE_EVENTS_RATE_LIMIT=off
"$bin" serve --config "$work/config.yaml" --database-url "sqlite:$work/db.sqlite" --log-level error > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.05; done

echo "acceptance, batches of 100, 8 connections, ${run_seconds} s (serve with its forwarder, synchronous=FULL):"
"$bin" benchmark events --url "http://127.0.0.1:$port/v1/events" --batch 100 --concurrency 8 --duration "$run_seconds"
python3 - "$work/db.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
states = dict(db.execute("select state, count(*) from events group by state").fetchall())
print(f"stored events by state right after the run: {states}")
PY
kill -TERM "$serve_pid"; wait "$serve_pid" || true

echo "forwarding ${events} events to the Clerk sandbox (separate process), 32 calls in flight:"
"$bin" benchmark forwarding --config "$work/config.yaml" --database-url "sqlite:$work/forward.sqlite" --log-level error \
  --events "$events" --concurrency 32
kill -TERM "$sandbox_pid"; wait "$sandbox_pid" || true
