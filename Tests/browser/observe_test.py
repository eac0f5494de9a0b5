#!/usr/bin/env python3
"""An observer on a phone, in a real browser: sign in with the mission's code, open a voting
checklist for a station of the deployment, leave one question out and see it refused on that
question, answer it and see the checklist stored (through the optional script, which Chromium
runs); then, with the network cut, report an incident, see it kept on the phone, and see it sent
and listed once the network is back.

Usage: observe_test.py --url http://127.0.0.1:PORT --code CODE [--screenshots DIR]
Prints "N passed, M failed".
"""
import argparse, os, pathlib, sys

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks  # noqa: E402
from portal_test import start_browser  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = start_browser()
    checks = Checks(driver)
    check = checks.check

    def wait_for(css: str):
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))

    def answer(question: str, value: str):
        driver.find_element(By.CSS_SELECTOR, f'#q-{question} input[value="{value}"]').click()

    try:
        driver.get(base + "/en/observe")
        driver.find_element(By.ID, "code").send_keys(args.code)
        driver.find_element(By.CSS_SELECTOR, "#observe-signin button").click()
        wait_for("#observe-choose")
        check("Lin Mei" in driver.find_element(By.ID, "observer").text, "the observer's page names them")
        Select(driver.find_element(By.ID, "form")).select_by_value("voting")
        driver.find_element(By.CSS_SELECTOR, "#observe-choose button").click()
        wait_for("#checklist")
        # The time field's picker depends on the phone's locale (12- or 24-hour); set what it would.
        driver.execute_script("arguments[0].value = '10:30'", driver.find_element(By.ID, "observedAt"))
        for q in ["voters-checked", "ink-applied", "ink-checked", "accessible", "assistance-proper", "observers-free"]:
            answer(q, "yes")
        # Skip logic on the page: the follow-up shows only when voters were turned away.
        follow_up = driver.find_element(By.ID, "q-turned-away-why")
        check(not follow_up.is_displayed(), "a follow-up question is hidden until its answer asks it")
        answer("turned-away", "yes")
        check(follow_up.is_displayed(), "answering yes shows the follow-up question")
        for q in ["turned-away", "unauthorised-present"]:
            answer(q, "no")
        check(not follow_up.is_displayed(), "answering no hides it again, and nothing is sent for it")
        answer("overall", "good")
        driver.find_element(By.CSS_SELECTOR, '#q-queue input').send_keys("12")
        driver.find_element(By.CSS_SELECTOR, "#checklist button[type=submit]").submit()
        wait_for("#checklist-error")
        check(driver.find_element(By.ID, "q-secrecy").get_attribute("aria-invalid") == "true", "the unanswered question is marked")
        check(driver.find_element(By.CSS_SELECTOR, '#q-queue input').get_attribute("value") == "12", "what was typed is kept")
        if shots:
            driver.save_screenshot(str(shots / "checklist-error.png"))
        answer("secrecy", "yes")
        driver.find_element(By.CSS_SELECTOR, "#checklist button[type=submit]").submit()
        wait_for("#observe-received")
        check(driver.find_element(By.ID, "observe-received").text == "Your checklist is stored.", "the checklist is stored")
        if shots:
            driver.save_screenshot(str(shots / "checklist-received.png"))

        # An incident reported with no network: kept on the phone, sent when the network is back.
        driver.get(base + "/en/observe/incident")
        wait_for("#incident-form")
        Select(driver.find_element(By.ID, "category")).select_by_value("vote-buying")
        Select(driver.find_element(By.ID, "station")).select_by_index(1)
        driver.find_element(By.ID, "description").send_keys("Envelopes handed out near the gate")
        driver.set_network_conditions(offline=True, latency=0, download_throughput=-1, upload_throughput=-1)
        driver.find_element(By.CSS_SELECTOR, "#incident-form button[type=submit]").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "observe-queue").is_displayed())
        check(driver.find_element(By.ID, "observe-queue").text.startswith("1 report(s) saved on this phone"),
              "with no network the report is kept on the phone and the page says so")
        if shots:
            driver.save_screenshot(str(shots / "incident-offline.png"))
        driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
        driver.get(base + "/en/observe")
        WebDriverWait(driver, 20).until(lambda d: "Vote buying" in d.find_element(By.ID, "observe-sent").text)
        check(not driver.find_element(By.ID, "observe-queue").is_displayed(), "once sent, nothing waits on the phone")
        driver.refresh()
        wait_for("#observe-sent")
        check(driver.find_element(By.ID, "observe-sent").text.count("Vote buying") == 1, "the report is stored once")
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
