#!/usr/bin/env python3
"""Accessibility of the pages people use most: axe-core (bundled by the PyPI package
axe-selenium-python) run in headless Chromium on each page, in English and Khmer, at a phone's
width and a desktop's. Any violation axe rates serious or critical fails the test.

Usage:
    python3 Tests/browser/accessibility_test.py --url http://127.0.0.1:PORT --db PATH_TO_SQLITE

Prints each failing page with its violations and ends with `N passed, M failed`.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from portal_test import start_browser, set_viewport

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def pages(db: str) -> list[str]:
    """The main public pages, with real codes from the server's database."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    station, commune = con.execute("SELECT code, commune_code FROM polling_stations ORDER BY code LIMIT 1").fetchone()
    con.close()
    return ["/", "/registration", "/stations", "/stations/search?q=pagoda", f"/stations/{station}", "/provinces/12",
            f"/communes/{commune}", "/parties", "/results", "/results/provinces/12", f"/results/communes/{commune}",
            f"/results/stations/{station}", "/missions", "/signin", "/observe"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    from axe_selenium_python import Axe

    driver = start_browser()
    passed = failed = 0
    try:
        for size, (width, height) in SIZES.items():
            set_viewport(driver, width, height)
            for lang in ("en", "km"):
                for path in pages(args.db):
                    url = f"{args.url}/{lang}{path}"
                    driver.get(url)
                    axe = Axe(driver)
                    axe.inject()
                    result = axe.run(options={"resultTypes": ["violations"]})
                    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
                    if bad:
                        failed += 1
                        print(f"FAIL: {size} {url}")
                        for v in bad:
                            targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
                            print(f"   {v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {targets})")
                    else:
                        passed += 1
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
