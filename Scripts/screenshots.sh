#!/usr/bin/env bash
# The README's screenshots of the default look, from the real thing: `clerkbridge sandbox` and `clerkbridge serve`
# on the config it writes, a shop page with every placement on the sandbox config's base_url, and headless
# Chromium driven over the DevTools protocol (Scripts/screenshots/capture.py, for exact phone-sized viewports).
#
#   Scripts/screenshots.sh            writes docs/storefront-desktop.png (1280 px), docs/storefront-phone.png
#                                     (390 px, pixel ratio 2) and docs/email-block.png (600 px, 12 products, 2 columns)
#
# Needs a built clerkbridge (.build/debug/clerkbridge, or $CLERKBRIDGE), chromium ($CHROMIUM), python3 and openssl.
# Uses loopback ports 18080 (serve), 18000 (the page) and 18443 (the stand-in image host); override with
# SERVE_PORT, PAGE_PORT, IMAGES_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${CLERKBRIDGE:-.build/debug/clerkbridge}
serve_port=${SERVE_PORT:-18080}
page_port=${PAGE_PORT:-18000}
images_port=${IMAGES_PORT:-18443}
[[ -x "$bin" ]] || swift build --product clerkbridge
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Polls a command until it succeeds, for at most $1 seconds.
eventually() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then echo "screenshots: gave up waiting for: $*" >&2; return 1; fi
    sleep 0.5
  done
}

echo "sandbox and serve…"
"$bin" sandbox --quiet --base-url "http://127.0.0.1:$page_port" --write-config "$work/sandbox.yaml" >"$work/sandbox.log" 2>&1 &
pids+=($!)
eventually 60 test -s "$work/sandbox.yaml"
export CLERKBRIDGE_CONFIG="$work/sandbox.yaml"
export CLERKBRIDGE_PORT=$serve_port CLERKBRIDGE_PUBLIC_URL="http://127.0.0.1:$serve_port"
export CLERKBRIDGE_EMAIL_BLOCKS_TOKEN=screenshots-email-blocks-token
"$bin" serve >"$work/serve.log" 2>&1 &
pids+=($!)
app="http://127.0.0.1:$serve_port"
# serve pushes the catalog into the sandbox's Clerk at start; placements answer from Clerk once it is there.
eventually 120 bash -c "curl -sf '$app/v1/recommendations?placement=home&limit=1' | grep -q '\"source\":\"clerk\"'"

# The page's context: two visible products of channel 1, the sandbox's Lighting category, an order of the first.
products=$("$bin" sandbox products --limit 100 --json)
read -r product other < <(python3 -c '
import json, sys
listed = [p["id"] for p in json.load(sys.stdin)["products"] if 1 in p["channels"] and p["is_visible"]]
print(listed[0], listed[1])' <<<"$products")
category=11
order=$("$bin" sandbox order --product "$product" --quantity 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["order"]["id"])')

site="$work/site"
mkdir -p "$site"
sed -e "s|@APP@|$app|g" -e "s|@PRODUCT@|$product|g" -e "s|@CATEGORY@|$category|g" -e "s|@CART@|$product,$other|g" \
  -e "s|@ORDER@|$order|g" Scripts/screenshots/shop.html >"$site/shop.html"
block=$(curl -sf "$app/v1/email/blocks?email=jo%40example.com&type=recommended&limit=12&columns=2" \
  -H "Authorization: Bearer $CLERKBRIDGE_EMAIL_BLOCKS_TOKEN")
cat >"$site/email.html" <<EOF
<!doctype html>
<html><head><meta charset="utf-8"><title>email</title></head>
<body style="margin:0;background:#ffffff;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;font-family:Arial,Helvetica,sans-serif;">
<tr><td style="padding:24px 12px 4px;font-size:22px;font-weight:bold;color:#222222;">Picked for you</td></tr>
<tr><td style="padding:0 12px 8px;font-size:14px;color:#555555;">New in this week, chosen from what you looked at.</td></tr>
<tr><td>$block</td></tr>
</table></body></html>
EOF

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=cdn.sandbox.example" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
python3 Scripts/screenshots/site.py --dir "$site" --port "$page_port" --images-port "$images_port" \
  --cert "$work/cert.pem" --key "$work/key.pem" &
pids+=($!)
eventually 10 curl -sf "http://127.0.0.1:$page_port/shop.html"

capture() {
  python3 Scripts/screenshots/capture.py "$@" \
    --chromium-arg="--host-resolver-rules=MAP cdn.sandbox.example:443 127.0.0.1:$images_port" \
    --chromium-arg=--ignore-certificate-errors
}
# Every slot settled: filled, or kept its own content.
settled="document.querySelectorAll('[data-clerkbridge-query]').length === 7 &&
  document.querySelectorAll('[data-clerkbridge-state=loading]').length === 0"
mkdir -p docs
echo "docs/storefront-desktop.png…"
capture "http://127.0.0.1:$page_port/shop.html" docs/storefront-desktop.png --width 1280 --height 900 --until "$settled"
echo "docs/storefront-phone.png…"
capture "http://127.0.0.1:$page_port/shop.html" docs/storefront-phone.png --width 390 --height 844 --scale 2 --mobile \
  --clip-height 1500 --until "$settled"
echo "docs/email-block.png…"
capture "http://127.0.0.1:$page_port/email.html" docs/email-block.png --width 600 --height 900
