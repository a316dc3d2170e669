#!/usr/bin/env bash
# Release-build benchmark of a full reindex against the sandbox (run in its own process, so the
# figures are the connector's alone). Prints products per second end to end and peak RSS.
#
#   Scripts/benchmark-reindex.sh                 # 10k and 100k products, no quota
#   Scripts/benchmark-reindex.sh 1000000         # any sizes
#   QUOTA=150 WINDOW_MS=30000 Scripts/benchmark-reindex.sh 60000   # a Standard-plan quota
#   VARIANTS=batch Scripts/benchmark-reindex.sh 10000             # variants read store-wide instead of included
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
swift build -c release --product clerkbridge >/dev/null
bin=.build/release/clerkbridge
quota_args=()
[ -n "${QUOTA:-}" ] && quota_args=(--quota "$QUOTA" --window-ms "${WINDOW_MS:-30000}")

for n in "${sizes[@]}"; do
  work=$(mktemp -d)
  "$bin" sandbox --products "$n" --write-config "$work/config.yaml" "${quota_args[@]}" > "$work/sandbox.log" 2>&1 &
  sandbox=$!
  for _ in $(seq 1 200); do [ -s "$work/config.yaml" ] && break; sleep 0.05; done
  [ "${VARIANTS:-include}" = batch ] && sed -i 's/^bigcommerce:$/bigcommerce:\n  include_variants: false/' "$work/config.yaml"
  /usr/bin/time -f "%M %e" -o "$work/time" "$bin" reindex --config "$work/config.yaml" \
    --database-url "sqlite:$work/clerkbridge.sqlite" --json --log-level error > "$work/report.json" 2> "$work/reindex.log" || true
  kill -TERM "$sandbox"; wait "$sandbox" || true
  read -r rss_kb seconds < "$work/time"
  python3 - "$n" "$rss_kb" "$seconds" "$work/report.json" "$work/sandbox.log" "${QUOTA:-}" "${WINDOW_MS:-30000}" <<'PY'
import json, sys, re
n, rss_kb, seconds, report_path, sandbox_log, quota, window_ms = sys.argv[1:]
report = json.load(open(report_path))
seconds = float(seconds)
documents = sum(s["products"]["pushed"] for s in report["storefronts"])
failed = sum(s["products"]["failed"] for s in report["storefronts"])
line = (f"{int(n):>9,} products: {seconds:7.1f} s, {int(n)/seconds:8,.0f} products/s end to end "
        f"({documents:,} documents into {len(report['storefronts'])} storefronts, {documents/seconds:,.0f}/s), "
        f"peak RSS {int(rss_kb)/1024:.0f} MB, ok={report['ok']}, failed={failed}")
print(line)
log = open(sandbox_log).read()
m = re.search(r"requests: (\d+), 429s served: (\d+)", log)
if m and quota:
    requests, throttled = int(m.group(1)), int(m.group(2))
    allowed = int(quota) * seconds / (int(window_ms) / 1000)
    print(f"           quota {quota} per {int(window_ms)/1000:.0f} s: {requests} requests in {seconds:.1f} s = "
          f"{100*requests/allowed:.1f} % of the quota, {throttled} 429s")
PY
  rm -rf "$work"
done
