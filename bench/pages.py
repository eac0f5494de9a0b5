#!/usr/bin/env python3
"""The measuring half of bench/pages (see bench/README.md): the weight and speed of the most used
public pages, in Khmer, served by one or two running `sala serve`s.

    python3 bench/pages.py --db DB --after URL [--before URL --before-db DB] [--json FILE]

For each page and server: the body as sent to a client that asks for no compression, the bytes on
the wire when it asks for `gzip, br` (and the Content-Encoding it got), the median of 5 request
times after one warm-up, whether a repeat with `If-None-Match: <ETag>` gets 304, and a first visit
in headless Chromium on an emulated phone over DevTools' classic "Slow 3G" (load event time, and
bytes transferred by the page and the subresources it asked for before its load event). Prints one
table and the goals.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

# Never let selenium try to download a browser or a driver: both are given explicitly below.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (390, 844)  # a phone (iPhone 12-14 size), in CSS pixels
# DevTools' classic "Slow 3G" preset: 400 ms round trip x 5, 500 kbit/s x 0.8 each way.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 51200, "uploadThroughput": 51200}
ACCEPT = "gzip, br"
TIMES = 5  # server-time samples per page, after one warm-up
GOAL_BYTES = 100_000  # 100 KB (1 KB = 1,000 bytes, as DevTools counts), page and subresources
GOAL_SECONDS = 3.0  # to the load event on the emulated slow 3G phone


def pages(db: str) -> list[tuple[str, str]]:
    """The pages, with real codes from the database: the commune of Phnom Penh (12) with the most
    stations, and its first station."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    commune = con.execute(
        "SELECT commune_code FROM polling_stations WHERE commune_code LIKE '12%' "
        "GROUP BY commune_code ORDER BY COUNT(*) DESC, commune_code LIMIT 1").fetchone()[0]
    station = con.execute("SELECT MIN(code) FROM polling_stations WHERE commune_code = ?", (commune,)).fetchone()[0]
    con.close()
    return [
        ("home", "/km/"),
        ("registration check", "/km/registration"),
        ("station finder", "/km/stations"),
        ("station search", "/km/stations/search?q=pagoda"),
        ("station", f"/km/stations/{station}"),
        ("province", "/km/provinces/12"),
        ("results", "/km/results"),
        ("province results", "/km/results/provinces/12"),
        ("commune results", f"/km/results/communes/{commune}"),
        ("station results", f"/km/results/stations/{station}"),
        ("parties", "/km/parties"),
    ]


# --------------------------------------------------------------------------------------------
# curl


def curl(url: str, *args: str, headers_to: str | None = None) -> list[str]:
    """Runs curl once, body to /dev/null; returns the fields of its -w output."""
    cmd = ["curl", "-s", "--max-time", "120", "-o", "/dev/null", *args]
    if headers_to:
        cmd += ["-D", headers_to]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"curl {url} failed ({out.returncode}): {out.stderr.strip()}")
    return out.stdout.split()


def read_headers(path: str) -> dict[str, str]:
    """The last header block curl wrote (lower-case names)."""
    headers: dict[str, str] = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("HTTP/"):
                headers = {}
            elif ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
    return headers


def measure_http(base: str, path: str) -> dict:
    url = base + path
    status, raw = curl(url, "-w", "%{http_code} %{size_download}")
    with tempfile.NamedTemporaryFile(suffix=".headers") as h:
        wire_status, wire = curl(url, "-H", f"Accept-Encoding: {ACCEPT}", "-w", "%{http_code} %{size_download}",
                                 headers_to=h.name)
        headers = read_headers(h.name)
    curl(url, "-H", f"Accept-Encoding: {ACCEPT}")  # warm-up
    times = [float(curl(url, "-H", f"Accept-Encoding: {ACCEPT}", "-w", "%{time_total}")[0]) for _ in range(TIMES)]
    etag = headers.get("etag")
    not_modified = False
    if etag:
        code, _ = curl(url, "-H", f"Accept-Encoding: {ACCEPT}", "-H", f"If-None-Match: {etag}",
                       "-w", "%{http_code} %{size_download}")
        not_modified = code == "304"
    return {
        "status": int(status), "wire_status": int(wire_status),
        "raw": int(raw), "wire": int(wire), "encoding": headers.get("content-encoding", ""),
        "etag": etag or "", "not_modified": not_modified,
        "server_ms": statistics.median(times) * 1000, "server_ms_all": [t * 1000 for t in times],
    }


# --------------------------------------------------------------------------------------------
# Chromium


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                 "--lang=km", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    # The DevTools network log tells when every request the page made has ended.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(300)
    # Desktop Chromium keeps windows at least 500 px wide whatever --window-size says: emulate the
    # phone's viewport (as Tests/browser/portal_test.py does).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 3, "mobile": True})
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_3G)
    return driver


def drain(driver, pending: set[str]) -> None:
    """Reads the DevTools network log so far, keeping the ids of requests not yet ended."""
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method", ""), message.get("params", {})
        if method == "Network.requestWillBeSent":
            pending.add(params["requestId"])
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            pending.discard(params["requestId"])


def first_visit(driver, url: str) -> dict:
    """One load of the page with an empty cache: time to the end of the load event, and bytes
    transferred (headers included) by the page and by the requests it started before then."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.get_log("performance")  # forget about:blank
    pending: set[str] = set()
    driver.get(url)
    deadline = time.monotonic() + 300
    nav = None
    while time.monotonic() < deadline:
        nav = driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0 ? n.toJSON() : null")
        if nav:
            break
        time.sleep(0.05)
    if not nav:
        raise RuntimeError(f"{url}: no load event within 300 s")
    # Let what the page started before its load event (a script's fetch, images) finish, so that
    # their bytes are known; then stop at the first quiet moment.
    quiet_since, deadline = None, time.monotonic() + 120
    while time.monotonic() < deadline:
        drain(driver, pending)
        if pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.5:
            break
        time.sleep(0.1)
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.toJSON())")
    load = nav["loadEventEnd"]
    before_load = [r for r in resources if r["startTime"] <= load and not r["name"].startswith("data:")]
    late = [r for r in before_load if r["responseEnd"] > load]
    after_load = [r for r in resources if r["startTime"] > load and not r["name"].startswith("data:")]
    return {
        "seconds": load / 1000,
        "bytes": nav["transferSize"] + sum(r["transferSize"] for r in before_load),
        "page_bytes": nav["transferSize"],
        "status": nav.get("responseStatus", 0),
        "resources": [(r["name"], r["initiatorType"], r["transferSize"]) for r in before_load],
        "still_loading_at_load": [(r["name"], r["initiatorType"], r["transferSize"]) for r in late],
        "after_load": [(r["name"], r["initiatorType"], r["transferSize"]) for r in after_load],
    }


def browser_loads(driver, url: str, loads: int) -> dict:
    runs = [first_visit(driver, url) for _ in range(loads)]
    runs.sort(key=lambda r: r["seconds"])
    median = runs[(len(runs) - 1) // 2]
    return dict(median, seconds_all=[r["seconds"] for r in runs])


# --------------------------------------------------------------------------------------------
# Report


def kb(n: float) -> str:
    return f"{n / 1000:.1f}"


def enc(m: dict) -> str:
    return m["encoding"] or "none"


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    def line(r):
        return "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def report(results: list[dict], with_before: bool, loads: int) -> str:
    sides = ["before", "after"] if with_before else ["after"]
    out: list[str] = []
    out.append(f"pages in Khmer; KB = 1,000 bytes; wire = Accept-Encoding: {ACCEPT}; server ms = median of {TIMES} "
               f"after a warm-up (curl, loopback, asking {ACCEPT});")
    out.append(f"1st visit = headless Chromium {WINDOW[0]}x{WINDOW[1]}, empty cache, DevTools classic Slow 3G "
               f"(latency {SLOW_3G['latency']} ms, {SLOW_3G['downloadThroughput']:,} B/s down and up): bytes of the page "
               f"and the subresources it requested before its load event, headers included; slow 3G s = to the end of "
               f"the load event" + (f", median of {loads} loads" if loads > 1 else "") + ".")
    out.append("")
    rows = []
    for r in results:
        row = [r["path"]]
        if with_before:
            b, a = r["before"], r["after"]
            row += [f"{kb(b['raw'])}/{kb(b['wire'])}", f"{kb(a['raw'])}/{kb(a['wire'])}",
                    f"{enc(b)}/{enc(a)}", f"{yes(b['not_modified'])}/{yes(a['not_modified'])}",
                    f"{b['server_ms']:.1f}/{a['server_ms']:.1f}",
                    f"{kb(b['visit']['bytes'])}/{kb(a['visit']['bytes'])}",
                    f"{b['visit']['seconds']:.2f}/{a['visit']['seconds']:.2f}"]
        else:
            a = r["after"]
            row += [f"{kb(a['raw'])}/{kb(a['wire'])}", enc(a), yes(a["not_modified"]), f"{a['server_ms']:.1f}",
                    kb(a["visit"]["bytes"]), f"{a['visit']['seconds']:.2f}"]
        rows.append(row)
    if with_before:
        header = ["page", "before KB raw/wire", "after KB raw/wire", "encoding b/a", "304 b/a", "server ms b/a",
                  "1st visit KB b/a", "slow 3G s b/a"]
    else:
        header = ["page", "KB raw/wire", "encoding", "304", "server ms", "1st visit KB", "slow 3G s"]
    out.append(table(rows, header))

    # Anything other than 200, and requests still under way at the load event.
    notes = []
    for r in results:
        for side in sides:
            m = r[side]
            if m["status"] != 200 or m["wire_status"] != 200 or m["visit"]["status"] not in (0, 200):
                notes.append(f"{side} {r['path']}: HTTP {m['status']} (plain), {m['wire_status']} ({ACCEPT}), "
                             f"{m['visit']['status']} (browser)")
            for name, kind, size in m["visit"]["still_loading_at_load"]:
                notes.append(f"{side} {r['path']}: {kind} {name} ({kb(size)} KB) was still loading at the load event "
                             f"(counted in 1st visit KB)")
    if notes:
        out.append("")
        out += notes

    out.append("")
    out.append(f"goals: every page under {GOAL_BYTES // 1000} KB on the wire (page and subresources, first visit) "
               f"and under {GOAL_SECONDS:g} s on emulated slow 3G")
    latency = SLOW_3G["latency"] / 1000
    out.append(f"  (DevTools adds the {latency:g} s latency to every request: a page with one subresource it must wait "
               f"for, like the stylesheet, cannot load in under {2 * latency:g} s)")
    for side in sides:
        light = [r["path"] for r in results if r[side]["visit"]["bytes"] < GOAL_BYTES]
        fast = [r["path"] for r in results if r[side]["visit"]["seconds"] < GOAL_SECONDS]
        both = [r["path"] for r in results if r["path"] in light and r["path"] in fast]
        heavy = [r["path"] for r in results if r["path"] not in light]
        slow = [r["path"] for r in results if r["path"] not in fast]
        n = len(results)
        out.append(f"  {side:6}: under {GOAL_BYTES // 1000} KB {len(light)}/{n}, under {GOAL_SECONDS:g} s {len(fast)}/{n}, "
                   f"both {len(both)}/{n} -> " + ("met" if len(both) == n else "NOT met"))
        if heavy:
            out.append(f"          over {GOAL_BYTES // 1000} KB: " + ", ".join(heavy))
        if slow:
            out.append(f"          {GOAL_SECONDS:g} s or more: " + ", ".join(slow))
        if both:
            out.append("          meeting both: " + ", ".join(both))

    out.append("")
    def total(side, key):
        return sum(key(r[side]) for r in results)
    for side in sides:
        out.append(f"  {side:6} totals: {kb(total(side, lambda m: m['raw']))} KB raw, "
                   f"{kb(total(side, lambda m: m['wire']))} KB wire (pages alone), "
                   f"{kb(total(side, lambda m: m['visit']['bytes']))} KB first visits, "
                   f"{total(side, lambda m: m['server_ms']):.1f} ms server, "
                   f"{total(side, lambda m: m['visit']['seconds']):.2f} s slow 3G")
    if with_before:
        def ratio(key):
            b, a = total("before", key), total("after", key)
            return f"{a / b:.2f}" if b else "n/a"
        out.append(f"  ratio after/before: wire bytes of first visits {ratio(lambda m: m['visit']['bytes'])}, "
                   f"slow 3G time {ratio(lambda m: m['visit']['seconds'])}, "
                   f"wire bytes of the pages alone {ratio(lambda m: m['wire'])}, "
                   f"server time {ratio(lambda m: m['server_ms'])}")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the database the codes are taken from")
    ap.add_argument("--after", required=True, help="base URL of the server under test")
    ap.add_argument("--before", help="base URL of the reference server")
    ap.add_argument("--loads", type=int, default=int(os.environ.get("LOADS", "1")), help="browser loads per page (median)")
    ap.add_argument("--json", help="also write every figure here")
    args = ap.parse_args()

    servers = {"after": args.after.rstrip("/")}
    if args.before:
        servers = {"before": args.before.rstrip("/"), **servers}
    results = [{"name": name, "path": path} for name, path in pages(args.db)]

    for r in results:
        for side, base in servers.items():
            r[side] = measure_http(base, r["path"])
    driver = start_browser()
    try:
        for r in results:
            for side, base in servers.items():
                r[side]["visit"] = browser_loads(driver, base + r["path"], args.loads)
                print(f"  {side:6} {r['path']}: {r[side]['visit']['seconds']:.2f} s, "
                      f"{kb(r[side]['visit']['bytes'])} KB", file=sys.stderr)
    finally:
        driver.quit()

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"network": SLOW_3G, "window": WINDOW, "pages": results}, f, indent=1)
    print(report(results, "before" in servers, args.loads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
