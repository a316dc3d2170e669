#!/usr/bin/env bash
# Release-build benchmark of a full reindex against the sandbox (run in its own process, so the
# figures are the connector's alone). Prints products per second end to end, the connector's CPU
# per product (user + system seconds / products) and peak RSS.
#
#   Scripts/benchmark-reindex.sh                 # 10k and 100k products, no quota
#   Scripts/benchmark-reindex.sh 1000000         # any sizes
#   QUOTA=150 WINDOW_MS=30000 Scripts/benchmark-reindex.sh 60000   # a Standard-plan quota
#   LATENCY=100+1.5 Scripts/benchmark-reindex.sh 20000            # BigCommerce answering in 100 ms + 1.5 ms per item
#   TIMELINE=1 LATENCY=100+1.5 Scripts/benchmark-reindex.sh 20000 # also products/s and requests in flight each second
#   CONCURRENCY=1 Scripts/benchmark-reindex.sh 20000             # bigcommerce.crawl_concurrency (default 8)
#   VARIANTS=batch Scripts/benchmark-reindex.sh 10000             # variants read store-wide instead of included
#   BIN=/path/to/clerkbridge Scripts/benchmark-reindex.sh 100000  # another build as the connector (sandbox: this checkout's)
#   SANDBOX_BIN=/path/to/clerkbridge ...                          # another build as the sandbox
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
if [ -z "${BIN:-}" ]; then
  swift build -c release --product clerkbridge >/dev/null
  bin=.build/release/clerkbridge
else
  bin=$BIN
fi
# The sandbox runs from this checkout's release build when there is one (or SANDBOX_BIN), so two connectors meet the
# same simulator; an older binary's sandbox has no --latency.
sandbox_bin=${SANDBOX_BIN:-}
if [ -z "$sandbox_bin" ]; then
  if [ -x .build/release/clerkbridge ]; then sandbox_bin=.build/release/clerkbridge; else sandbox_bin=$bin; fi
fi
quota_args=()
[ -n "${QUOTA:-}" ] && quota_args=(--quota "$QUOTA" --window-ms "${WINDOW_MS:-30000}")
[ -n "${LATENCY:-}" ] && quota_args+=(--latency "$LATENCY")

for n in "${sizes[@]}"; do
  work=$(mktemp -d)
  "$sandbox_bin" sandbox --products "$n" --write-config "$work/config.yaml" --quiet "${quota_args[@]}" > "$work/sandbox.log" 2>&1 &
  sandbox=$!
  for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
  [ "${VARIANTS:-include}" = batch ] && sed -i 's/^bigcommerce:$/bigcommerce:\n  include_variants: false/' "$work/config.yaml"
  [ -n "${CONCURRENCY:-}" ] && sed -i "s/^bigcommerce:\$/bigcommerce:\n  crawl_concurrency: $CONCURRENCY/" "$work/config.yaml"
  progress_args=()
  [ -n "${TIMELINE:-}" ] && progress_args=(--progress-interval 1)
  /usr/bin/time -f "%M %e %U %S" -o "$work/time" "$bin" reindex --config "$work/config.yaml" \
    --database-url "sqlite:$work/clerkbridge.sqlite" --json --log-level error "${progress_args[@]}" \
    > "$work/report.json" 2> "$work/reindex.log" || true
  kill -TERM "$sandbox"; wait "$sandbox" || true
  read -r rss_kb seconds user system < "$work/time"
  python3 - "$n" "$rss_kb" "$seconds" "$user" "$system" "$work/report.json" "$work/sandbox.log" "$work/reindex.log" \
    "${QUOTA:-}" "${WINDOW_MS:-30000}" "${TIMELINE:-}" <<'PY'
import json, sys, re
n, rss_kb, seconds, user, system, report_path, sandbox_log, reindex_log, quota, window_ms, timeline = sys.argv[1:]
report = json.load(open(report_path))
seconds, cpu = float(seconds), float(user) + float(system)
documents = sum(s["products"]["pushed"] for s in report["storefronts"])
failed = sum(s["products"]["failed"] for s in report["storefronts"])
print(f"{int(n):>9,} products: {seconds:7.1f} s, {int(n)/seconds:8,.0f} products/s end to end "
      f"({documents:,} documents into {len(report['storefronts'])} storefronts, {documents/seconds:,.0f}/s), "
      f"peak RSS {int(rss_kb)/1024:.0f} MB, ok={report['ok']}, failed={failed}")
print(f"           connector CPU {user} s user + {system} s system = {cpu:.2f} s, {1e6*cpu/int(n):.0f} µs per product")
log = open(sandbox_log).read()
m = re.search(r"requests: (\d+), 429s served: (\d+)", log)
if m and quota:
    requests, throttled = int(m.group(1)), int(m.group(2))
    allowed = int(quota) * seconds / (int(window_ms) / 1000)
    print(f"           quota {quota} per {int(window_ms)/1000:.0f} s: {requests} requests in {seconds:.1f} s = "
          f"{100*requests/allowed:.1f} % of the quota, {throttled} 429s")
elif m:
    print(f"           {m.group(1)} BigCommerce requests")
if timeline:
    print("           time   products  products/s (last s)  pages in flight  requests in flight")
    previous = (0.0, 0)
    for line in open(reindex_log):
        t = re.match(r"reindex: ([\d.]+) s: (\d+)\S* products, .*pages in flight (\d+), requests in flight (\d+)", line)
        if not t:
            continue
        at, crawled, pages, requests = float(t.group(1)), int(t.group(2)), int(t.group(3)), int(t.group(4))
        rate = (crawled - previous[1]) / (at - previous[0]) if at > previous[0] else 0
        previous = (at, crawled)
        print(f"         {at:6.1f} s {crawled:9,} {rate:12,.0f} {pages:16} {requests:19}")
PY
  rm -rf "$work"
done
