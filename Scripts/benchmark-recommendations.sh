#!/usr/bin/env bash
# Release-build benchmarks of placements (figures in BENCHMARKS.md): the sandbox (BigCommerce and Clerk) in its
# own process, a full reindex of its catalog, then `clerkbridge serve` in a second process and the load generator
# in a third, all on this machine's cores:
#   1. shared placements (category, product alternatives, product bought-together over 200 products), warm:
#      answers are shared for 30 s, so this is clerkbridge's own throughput;
#   2. personal placements (home for 5,000 visitors): every request asks Clerk; the latency added over Clerk's is
#      each request's wait minus the Clerk wait `serve` reports in `Server-Timing`;
#   3. shared placements with sharing off (CLERKBRIDGE_PLACEMENT_CACHE_SECONDS=0): every request asks Clerk.
#
#   Scripts/benchmark-recommendations.sh
#   SECONDS_PER_RUN=20 Scripts/benchmark-recommendations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product clerkbridge >/dev/null
bin=.build/release/clerkbridge
run_seconds=${SECONDS_PER_RUN:-10}
products=1000
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" sandbox --products "$products" --write-config "$work/config.yaml" > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
"$bin" reindex --config "$work/config.yaml" --database-url "sqlite:$work/db.sqlite" --log-level error > /dev/null

export BIGCOMMERCE_WEBHOOK_SECRET=bench-shared-secret
start_serve() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  CLERKBRIDGE_PORT=$port "$bin" serve --config "$work/config.yaml" --database-url "sqlite:$work/db.sqlite" \
    --log-level error > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/v1/recommendations?placement=home" > /dev/null && break
    sleep 0.05
  done
}

start_serve
url="http://127.0.0.1:$port/v1/recommendations"
echo "1. shared placements, warm, 32 in flight:"
"$bin" benchmark recommendations --url "$url" --mix shared --sandbox-products "$products" --concurrency 32 --duration "$run_seconds"
echo "2. personal placements (every request asks Clerk), 4 in flight:"
"$bin" benchmark recommendations --url "$url" --mix personal --sandbox-products "$products" --concurrency 4 --duration "$run_seconds"
echo "   the same, 16 in flight:"
"$bin" benchmark recommendations --url "$url" --mix personal --sandbox-products "$products" --concurrency 16 --duration "$run_seconds"
kill -TERM "$serve_pid"; wait "$serve_pid" || true

export CLERKBRIDGE_PLACEMENT_CACHE_SECONDS=0
start_serve
url="http://127.0.0.1:$port/v1/recommendations"
echo "3. shared placements with sharing off (every request asks Clerk), 4 in flight:"
"$bin" benchmark recommendations --url "$url" --mix shared --sandbox-products "$products" --concurrency 4 --duration "$run_seconds"
kill -TERM "$serve_pid"; wait "$serve_pid" || true
kill -TERM "$sandbox_pid"; wait "$sandbox_pid" || true
