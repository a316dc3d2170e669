#!/usr/bin/env python3
"""Screenshots a page in headless Chromium at an exact viewport, over the DevTools protocol on a pipe.

`chromium --screenshot` cannot make a phone-sized viewport (headless windows stay at least 500 px wide) and
captures the window only; this sets the device metrics (width, height, pixel ratio, mobile), waits until a
JavaScript condition holds, and captures the whole page. Standard library only.

    capture.py URL OUT.png --width 390 --height 844 --scale 2 --mobile --until "EXPRESSION" [--clip-height PX]
               [--chromium PATH] [--chromium-arg ARG]...
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import time


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, messages end with NUL)."""

    def __init__(self, chromium, extra):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def pipes():  # in the child, before the descriptors not passed are closed: 3 and 4 are passed
            reading, writing = os.dup(to_child_r), os.dup(from_child_w)  # out of the way of 3 and 4
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--hide-scrollbars", "--remote-debugging-pipe", *extra, "about:blank"],
            pass_fds=(3, 4, to_child_r, from_child_w), preexec_fn=pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.read()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.process.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--mobile", action="store_true")
    parser.add_argument("--until", default="document.readyState === 'complete'",
                        help="a JavaScript expression to wait for (at most --timeout seconds)")
    parser.add_argument("--clip-height", type=int, help="capture only the page's top this many CSS pixels")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    parser.add_argument("--chromium-arg", action="append", default=[])
    args = parser.parse_args()

    browser = DevTools(args.chromium, args.chromium_arg)
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call("Emulation.setDeviceMetricsOverride", session, width=args.width, height=args.height,
                     deviceScaleFactor=args.scale, mobile=args.mobile)
        browser.call("Page.navigate", session, url=args.url)
        deadline = time.monotonic() + args.timeout
        while True:
            held = browser.call("Runtime.evaluate", session, expression=f"Boolean({args.until})", returnByValue=True)
            if held.get("result", {}).get("value") is True:
                break
            if time.monotonic() > deadline:
                sys.exit(f"capture.py: {args.url}: `{args.until}` did not hold within {args.timeout:g} s")
            time.sleep(0.2)
        # The viewport grows to the page (or the clip), so every lazy image loads and nothing is painted outside it
        # (captureBeyondViewport left some badges out of sections below the first screen).
        height = browser.call("Runtime.evaluate", session, returnByValue=True,
                              expression="document.documentElement.scrollHeight")["result"]["value"]
        if args.clip_height:
            height = min(height, args.clip_height)
        browser.call("Emulation.setDeviceMetricsOverride", session, width=args.width, height=max(height, args.height),
                     deviceScaleFactor=args.scale, mobile=args.mobile)
        browser.call("Runtime.evaluate", session, awaitPromise=True, expression="""
            new Promise(function (done) {
              setTimeout(function () {
                var images = [].slice.call(document.images).filter(function (image) { return !image.complete; });
                Promise.all(images.map(function (image) {
                  return new Promise(function (loaded) { image.onload = image.onerror = loaded; });
                })).then(function () { setTimeout(done, 300); });
              }, 300);
            })""")
        clip = {"clip": {"x": 0, "y": 0, "width": args.width, "height": height, "scale": 1}}
        shot = browser.call("Page.captureScreenshot", session, format="png", **clip)
        with open(args.out, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
