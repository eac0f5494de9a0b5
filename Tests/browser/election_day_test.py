#!/usr/bin/env python3
"""A polling station's official on a phone on election day, in a real browser, in Khmer: sign in,
report the station's opening with no network (kept on the phone, and the page says so), see it
sent and shown once the network is back, then report turnout at 09:00, see a figure above the
station's registered voters refused on that field, and the corrected figure stored once.

Usage: election_day_test.py --url http://127.0.0.1:PORT --name NAME --password PASSWORD
       --station CODE --registered N [--screenshots DIR]
The server's clock must stand after 09:00 on election day (sala serve --clock-start).
Prints "N passed, M failed".
"""
import argparse, os, pathlib, sys

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks, until as checks_until, wait_for as checks_wait_for  # noqa: E402
from portal_test import start_browser, set_viewport  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--station", required=True)
    parser.add_argument("--registered", type=int, required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = start_browser()
    set_viewport(driver, 390, 844)
    checks = Checks(driver)
    check = checks.check

    def until(condition, seconds: int = 60):
        return checks_until(driver, condition, seconds)

    def wait_for(css: str):
        checks_wait_for(driver, css)

    def network(online: bool):
        driver.set_network_conditions(offline=not online, latency=0, download_throughput=-1, upload_throughput=-1)

    try:
        driver.get(base + "/km/signin")
        driver.find_element(By.NAME, "name").send_keys(args.name)
        driver.find_element(By.NAME, "password").send_keys(args.password)
        driver.find_element(By.CSS_SELECTOR, "#signin-form button").click()
        # Wait for the sign-in to land on the desk: navigating on at once would abandon it.
        until(lambda d: d.current_url.endswith("/km/desk"), 30)
        driver.get(base + "/km/desk/election-day")
        wait_for("#observe-sent")
        check(args.station in driver.find_element(By.TAG_NAME, "h1").text, "the page is the official's own station")
        driver.find_element(By.CSS_SELECTOR, 'a[href$="report?kind=opening"]').click()
        wait_for("#report-form")
        # The time field's picker depends on the phone's locale (12- or 24-hour); set what it would.
        driver.execute_script("arguments[0].value = '06:55'", driver.find_element(By.ID, "time"))
        driver.find_element(By.ID, "staffPresent").send_keys("5")
        driver.find_element(By.CSS_SELECTOR, 'input[name="materialsComplete"][value="yes"]').click()
        network(False)
        driver.find_element(By.CSS_SELECTOR, "#report-form button[type=submit]").click()
        until(lambda d: d.find_element(By.ID, "observe-queue").is_displayed())
        check("១" in driver.find_element(By.ID, "observe-queue").text, "with no network the report is kept on the phone, counted in Khmer digits")
        if shots:
            driver.save_screenshot(str(shots / "opening-offline.png"))
        network(True)

        def sent_at_0655(d) -> bool:
            # Under a loaded run the first load after the network returns has come back as the
            # browser's own offline page: load the desk again until it is the server's.
            if not d.find_elements(By.ID, "observe-sent") and not d.find_elements(By.ID, "observe-queue"):
                d.get(base + "/km/desk/election-day")
                return False
            if "០៦:៥៥" in d.find_element(By.ID, "observe-sent").text:
                return True
            # Nothing waits on the phone, but this page was drawn before the report arrived (the
            # outbox's own reload can lose a race with a load): read the server's list again.
            if d.execute_script("return (localStorage.getItem('sala-observe-queue') || '[]') === '[]'"):
                d.get(base + "/km/desk/election-day")
            return False

        driver.get(base + "/km/desk/election-day")
        try:
            until(sent_at_0655)
        except Exception:
            queued = driver.execute_script("return localStorage.getItem('sala-observe-queue')")
            print("after the network returned the page showed:", driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:600],
                  "queue:", queued, file=sys.stderr)
            raise
        check(not driver.find_element(By.ID, "observe-queue").is_displayed(), "once sent, nothing waits on the phone")
        check(not driver.find_elements(By.CSS_SELECTOR, 'a[href$="report?kind=opening"]'), "the opening is no longer asked for")
        if shots:
            driver.save_screenshot(str(shots / "opening-sent.png"))

        driver.find_element(By.CSS_SELECTOR, 'a[href$="report?kind=turnout"]').click()
        wait_for("#report-form")
        Select(driver.find_element(By.ID, "time")).select_by_value("09:00")
        driver.find_element(By.ID, "voted").send_keys(str(args.registered + 1))
        driver.find_element(By.CSS_SELECTOR, "#report-form button[type=submit]").click()
        wait_for("#report-error")
        check(driver.find_element(By.ID, "voted").get_attribute("aria-invalid") == "true", "a figure above the registered voters is refused on its field")
        if shots:
            driver.save_screenshot(str(shots / "turnout-refused.png"))
        field = driver.find_element(By.ID, "voted")
        field.clear()
        field.send_keys(str(args.registered))
        driver.find_element(By.CSS_SELECTOR, "#report-form button[type=submit]").click()
        wait_for("#observe-received")
        driver.get(base + "/km/desk/election-day")
        wait_for("#observe-sent")
        sent = driver.find_element(By.ID, "observe-sent").text
        check(sent.count("បានបោះឆ្នោត") == 1, "the 09:00 turnout is stored once")
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
