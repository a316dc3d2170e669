#!/usr/bin/env bash
# Release-build benchmarks of the webhook path (figures in BENCHMARKS.md):
#   1. acceptance: `clerkbridge serve` (with its worker) on a file database, the sandbox in its own process,
#      and a load generator in a third: distinct deliveries as fast as 32 connections allow, then 500/s open
#      loop for the ack latency (measured from each request's scheduled send time);
#   2. webhook-to-Clerk latency: price changes in the sandbox at 20/s, delivered to an in-process serve,
#      each timed until the new document is in the Clerk sandbox.
#
#   Scripts/benchmark-webhooks.sh            # both
#   SECONDS_PER_RUN=20 Scripts/benchmark-webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product clerkbridge >/dev/null
bin=.build/release/clerkbridge
run_seconds=${SECONDS_PER_RUN:-10}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" sandbox --products 10000 --write-config "$work/config.yaml" --webhook-client-secret bench-client-secret > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export BIGCOMMERCE_WEBHOOK_SECRET=bench-shared-secret
export CLERKBRIDGE_PORT=$port
"$bin" reindex --config "$work/config.yaml" --database-url "sqlite:$work/db.sqlite" --log-level error > /dev/null 2>&1
"$bin" serve --config "$work/config.yaml" --database-url "sqlite:$work/db.sqlite" --log-level error > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.05; done

url="http://127.0.0.1:$port/webhooks/bigcommerce"
echo "acceptance, 32 connections, ${run_seconds} s (serve and its worker on a file database, synchronous=FULL):"
"$bin" benchmark webhooks --url "$url" --concurrency 32 --duration "$run_seconds"
echo "ack latency at 500 deliveries/s, ${run_seconds} s, open loop:"
"$bin" benchmark webhooks --url "$url" --rate 500 --duration "$run_seconds"
python3 - "$work/db.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
deliveries = db.execute("select count(*) from webhook_deliveries").fetchone()[0]
states = dict(db.execute("select state, count(*) from jobs group by state").fetchall())
print(f"stored: {deliveries:,} deliveries; jobs by state: {states}")
PY
kill -TERM "$serve_pid"; wait "$serve_pid" || true
kill -TERM "$sandbox_pid"; wait "$sandbox_pid" || true

echo "webhook-to-Clerk latency (in-process serve and sandbox, 10,000 products, 500 price changes at 20/s):"
"$bin" benchmark delta-latency --products 10000 --changes 500 --rate 20
