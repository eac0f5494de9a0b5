#!/usr/bin/env python3
"""The quick count on phones, in a real browser: the published estimates page is open in Khmer at
390 px; an observer signs in on another tab, copies a sampled station's posted count into the
count form, and the open estimates page shows one more station reported by itself (its script
polls the page), without a reload.

Usage: quick_count_test.py --url http://127.0.0.1:PORT --code CODE --station CODE [--screenshots DIR]
Prints "N passed, M failed".
"""
import argparse, os, pathlib, sys

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks, until, wait_for  # noqa: E402
from portal_test import start_browser, set_viewport  # noqa: E402

KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def reported(driver) -> int:
    """The number of stations reported, read from the page's Khmer sentence."""
    from selenium.webdriver.common.by import By

    text = driver.find_element(By.ID, "reporting").text.translate(KHMER_DIGITS)
    digits = "".join(c if c.isdigit() else " " for c in text.replace(",", "")).split()
    return int(digits[0])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--station", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)

    from selenium.webdriver.common.by import By

    driver = start_browser()
    checks = Checks(driver)
    check = checks.check
    try:
        set_viewport(driver, 390, 844)
        estimates = base + "/km/missions/demo-2023/quick-count"
        driver.get(estimates)
        wait_for(driver, "#estimates")
        before = reported(driver)
        check(driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the estimates page fits a phone's width")
        check("%" in driver.find_element(By.ID, "estimates").text, "the national estimate is shown with its intervals")
        if shots:
            driver.save_screenshot(str(shots / "quick-count-km.png"))
        page = driver.current_window_handle

        driver.switch_to.new_window("tab")
        driver.get(base + "/km/observe")
        driver.find_element(By.ID, "code").send_keys(args.code)
        driver.find_element(By.CSS_SELECTOR, "#observe-signin button").click()
        wait_for(driver, "#send-count")
        driver.find_element(By.ID, "send-count").click()
        wait_for(driver, "#count-form")
        driver.find_element(By.ID, "station").send_keys(args.station)
        # The time field's picker depends on the phone's locale; set what it would.
        driver.execute_script("arguments[0].value = '15:40'", driver.find_element(By.ID, "observedAt"))
        for name, value in [("registeredVoters", "420"), ("ballotsReceived", "430"), ("ballotsIssued", "350"), ("ballotsInBox", "350"),
                            ("spoiledBallots", "1"), ("unusedBallots", "79"), ("invalidBallots", "20")]:
            driver.find_element(By.ID, name).send_keys(value)
        votes = driver.find_elements(By.CSS_SELECTOR, "#count-form input[name^='votes.']")
        check(len(votes) > 1, "the form has a line for each party on the ballot")
        for i, field in enumerate(votes):
            field.send_keys("300" if i == 0 else ("30" if i == 1 else "0"))
        if shots:
            driver.save_screenshot(str(shots / "count-form-km.png"))
        driver.find_element(By.CSS_SELECTOR, "#count-form button").click()
        # The page's script sends the form and writes the answer in its place.
        until(driver, lambda d: not d.find_elements(By.ID, "count-form") or d.find_elements(By.CSS_SELECTOR, ".error"))
        check(not driver.find_elements(By.CSS_SELECTOR, ".error"), "the count is accepted")

        driver.switch_to.window(page)
        try:
            until(driver, lambda d: reported(d) == before + 1, seconds=60)
        except Exception:
            pass
        check(reported(driver) == before + 1, f"the open estimates page counts one more station by itself ({before} before)")
        if shots:
            driver.save_screenshot(str(shots / "quick-count-after-km.png"))
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
