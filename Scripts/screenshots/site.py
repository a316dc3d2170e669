#!/usr/bin/env python3
"""The two local servers behind the README's screenshots (standard library only).

- http://127.0.0.1:PORT serves DIR: the shop and email pages screenshots.sh writes there. Its origin is the
  storefronts' base_url in the sandbox config, so serve lets the page call /v1.
- https://127.0.0.1:IMAGES_PORT stands in for the sandbox catalog's image host (https://cdn.sandbox.example, which
  exists nowhere): any path ending in a product's slug (`…/oak-lamp-181__0.jpg`) is answered with a drawing of that
  product, 500×659 like the sandbox's `url_standard`, on white like a shop's product photos. Chromium is pointed at
  it with --host-resolver-rules and accepts its self-signed certificate with --ignore-certificate-errors.

    site.py --dir DIR --port PORT --images-port IMAGES_PORT --cert CERT --key KEY
"""
import argparse
import functools
import http.server
import re
import ssl
import threading

COLOURS = {
    "oak": "#b08358", "linen": "#cdbd9f", "cote": "#6f8a72", "nordic": "#8ea4bb", "velvet": "#7b3f61",
    "copper": "#b8733b", "rustic": "#8b5a3c", "smart": "#3d4450", "aero": "#4f7c8a", "bamboo": "#c2a75c",
    "urban": "#5b5f66", "cafe": "#6f4e37", "creme": "#e2d3b5", "granite": "#7d7f82", "soft": "#d9a6a0",
}

# Each drawing: SVG elements in a 500×659 box, {c} the colour, {d} a darker shade; the ground is near y=560.
SHAPES = {
    "lamp": '<rect x="244" y="250" width="12" height="290" fill="{d}"/><ellipse cx="250" cy="545" rx="80" ry="16" fill="{d}"/>'
            '<path d="M165 260 L335 260 L295 130 L205 130 Z" fill="{c}"/>',
    "chair": '<rect x="160" y="120" width="180" height="230" rx="24" fill="{c}"/><rect x="140" y="330" width="220" height="70" rx="18" fill="{c}"/>'
             '<rect x="155" y="395" width="14" height="150" fill="{d}"/><rect x="331" y="395" width="14" height="150" fill="{d}"/>',
    "table": '<rect x="90" y="330" width="320" height="26" rx="6" fill="{c}"/><rect x="120" y="356" width="16" height="190" fill="{d}"/>'
             '<rect x="364" y="356" width="16" height="190" fill="{d}"/>',
    "coat": '<path d="M200 110 L300 110 L370 170 L390 470 L340 480 L330 300 L330 540 L170 540 L170 300 L160 480 L110 470 L130 170 Z" fill="{c}"/>'
            '<path d="M250 130 L250 540" stroke="{d}" stroke-width="4"/><path d="M200 110 L250 190 L300 110" fill="none" stroke="{d}" stroke-width="6"/>',
    "sneaker": '<path d="M90 470 C90 400 150 390 200 360 C230 340 260 330 290 360 C330 400 400 410 420 450 L420 500 L90 500 Z" fill="{c}"/>'
               '<rect x="90" y="495" width="330" height="26" rx="10" fill="#f4f4f4" stroke="{d}" stroke-width="3"/>',
    "boot": '<path d="M170 150 L300 150 L300 400 C360 410 410 430 410 480 L410 510 L170 510 Z" fill="{c}"/>'
            '<rect x="165" y="505" width="250" height="28" rx="8" fill="{d}"/>',
    "vase": '<path d="M215 120 L285 120 L280 170 C370 230 370 440 300 540 L200 540 C130 440 130 230 220 170 Z" fill="{c}"/>'
            '<ellipse cx="250" cy="120" rx="35" ry="8" fill="{d}"/>',
    "rug": '<path d="M80 420 L420 420 L470 540 L30 540 Z" fill="{c}"/><path d="M120 450 L380 450 M100 480 L400 480 M80 510 L420 510" '
           'stroke="{d}" stroke-width="8"/>',
    "mug": '<rect x="150" y="300" width="170" height="220" rx="18" fill="{c}"/><path d="M320 350 C400 350 400 470 320 470" fill="none" '
           'stroke="{c}" stroke-width="22"/><ellipse cx="235" cy="300" rx="85" ry="12" fill="{d}"/>',
    "shelf": '<rect x="120" y="90" width="14" height="460" fill="{d}"/><rect x="366" y="90" width="14" height="460" fill="{d}"/>'
             '<rect x="120" y="180" width="260" height="14" fill="{c}"/><rect x="120" y="320" width="260" height="14" fill="{c}"/>'
             '<rect x="120" y="460" width="260" height="14" fill="{c}"/><rect x="160" y="120" width="30" height="60" fill="{d}"/>'
             '<circle cx="300" cy="290" r="30" fill="{d}"/>',
    "jacket": '<path d="M195 130 L305 130 L375 190 L395 440 L345 450 L335 310 L335 500 L165 500 L165 310 L155 450 L105 440 L125 190 Z" fill="{c}"/>'
              '<path d="M250 150 L250 500" stroke="{d}" stroke-width="5" stroke-dasharray="10 8"/>',
    "planter": '<path d="M170 380 L330 380 L310 540 L190 540 Z" fill="{c}"/><path d="M250 380 C200 300 150 260 140 200 C200 220 240 290 250 380 '
               'C260 280 300 200 360 180 C350 250 300 310 250 380" fill="#5f8f5a"/>',
    "cushion": '<path d="M110 230 Q250 200 390 230 Q420 370 390 510 Q250 540 110 510 Q80 370 110 230 Z" fill="{c}"/>'
               '<path d="M130 250 Q250 225 370 250 Q395 370 370 490 Q250 515 130 490 Q105 370 130 250 Z" fill="none" stroke="{d}" '
               'stroke-width="4" stroke-dasharray="8 8"/>',
    "tumbler": '<rect x="190" y="150" width="120" height="390" rx="20" fill="{c}"/><rect x="185" y="130" width="130" height="40" rx="10" '
               'fill="{d}"/><rect x="190" y="300" width="120" height="40" fill="{d}" opacity="0.35"/>',
}


def darker(colour):
    value = int(colour[1:], 16)
    channels = [max(0, int(((value >> shift) & 0xFF) * 0.7)) for shift in (16, 8, 0)]
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def drawing(path):
    """The SVG for an image path of the sandbox catalog (its slug names the adjective and the noun)."""
    slug = path.rsplit("/", 1)[-1].split("__")[0].lower()
    colour = next((c for name, c in COLOURS.items() if slug.startswith(name)), "#9aa0a6")
    noun = next((n for n in SHAPES if re.search(rf"(^|-){n}(-|$)", slug)), "lamp")
    shape = SHAPES[noun].format(c=colour, d=darker(colour))
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="500" height="659" viewBox="0 0 500 659">'
            '<rect width="500" height="659" fill="#ffffff"/>'
            '<ellipse cx="250" cy="548" rx="170" ry="18" fill="#000000" opacity="0.07"/>' + shape + "</svg>")


class Images(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = drawing(self.path.split("?")[0]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Site(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--images-port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args()

    images = http.server.ThreadingHTTPServer(("127.0.0.1", args.images_port), Images)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    images.socket = context.wrap_socket(images.socket, server_side=True)
    threading.Thread(target=images.serve_forever, daemon=True).start()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), functools.partial(Site, directory=args.dir))
    site.serve_forever()


if __name__ == "__main__":
    main()
