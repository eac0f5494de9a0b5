#!/usr/bin/env python3
"""Parties and lists in a real browser, on a phone-sized screen: an NEC administrator records a
party's application, registers it and reads the agent's code, and reopens nominations with a
reason; the party's agent signs in with the code, submits a list with one candidate too young to
stand and sees why (in Khmer too), corrects it, and the public list page shows the accepted list.

Usage: nominations_test.py --url http://127.0.0.1:PORT --db PATH --password P [--screenshots DIR]
The database must hold the NEC account nec.admin with password P. Prints "N passed, M failed".
"""
import argparse, datetime, os, pathlib, sqlite3, sys

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks  # noqa: E402
from portal_test import start_browser  # noqa: E402

POLLING_DAY = datetime.date(2023, 7, 23)


def age_on_polling_day(born: str) -> int:
    b = datetime.date.fromisoformat(born)
    return POLLING_DAY.year - b.year - ((POLLING_DAY.month, POLLING_DAY.day) < (b.month, b.day))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)

    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    province = db.execute("SELECT code FROM constituencies WHERE seats = 1 ORDER BY code LIMIT 1").fetchone()[0]
    voters = db.execute("SELECT voter_number, name_km, name_latin, birth_date FROM voters ORDER BY voter_number LIMIT 3000").fetchall()
    adults = [v for v in voters if age_on_polling_day(v[3]) >= 25]
    young = next(v for v in voters if age_on_polling_day(v[3]) < 25)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = start_browser()
    checks = Checks(driver)
    check = checks.check

    def wait_for(css: str):
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))

    def type_into(element_id: str, text: str):
        field = driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def fill_candidate(index: int, voter):
        type_into(f"voter-{index}", f"{voter[0]:010d}")
        type_into(f"name-{index}", voter[1])
        # A click can land on the sticky header once the page scrolls; set the box as a tap would.
        driver.execute_script("arguments[0].checked = true", driver.find_element(By.ID, f"national-{index}"))

    try:
        # The NEC records the application and registers the party.
        driver.get(base + "/en/signin")
        driver.find_element(By.ID, "name").send_keys("nec.admin")
        driver.find_element(By.ID, "password").send_keys(args.password)
        driver.find_element(By.CSS_SELECTOR, "#signin-form button").submit()
        WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/en/desk"))
        driver.find_element(By.CSS_SELECTOR, 'a[href="/en/desk/parties"]').click()
        wait_for("#file-application")
        for field, value in [("nameEnglish", "Mekong Green Party"), ("nameKhmer", "គណបក្សបៃតងមេគង្គ"),
                             ("abbreviation", "MGP"), ("leader", "Chea Sokha"), ("contact", "012 000 111")]:
            type_into(field, value)
        driver.find_element(By.CSS_SELECTOR, "#file-application button").submit()
        wait_for(".application")
        check("Mekong Green Party" in driver.find_element(By.CSS_SELECTOR, ".application h3").text, "the application waits for a decision")
        driver.execute_script("arguments[0].checked = true", driver.find_element(By.CSS_SELECTOR, '.application input[value="register"]'))
        driver.find_element(By.CSS_SELECTOR, '.application input[name="agent"]').send_keys("Keo Dara")
        driver.find_element(By.CSS_SELECTOR, ".application button").submit()
        wait_for("#agent-code")
        code = driver.find_element(By.ID, "agent-code").text.strip()
        check(len(code) == 64, "registering the party shows the agent's code")
        party = int(driver.find_element(By.CSS_SELECTOR, "main .notice").text.split(" ")[-1].rstrip("."))

        # Nominations for 2023 closed long ago: the NEC reopens them, saying why.
        driver.get(base + "/en/desk/calendar")
        wait_for("#move-deadline")
        driver.execute_script("arguments[0].value = 'nominations'", driver.find_element(By.ID, "milestone"))
        driver.execute_script("arguments[0].value = '2099-12-31'", driver.find_element(By.ID, "closes"))
        type_into("reason", "Reopened for the browser test")
        driver.find_element(By.CSS_SELECTOR, "#move-deadline button").submit()
        wait_for("#calendar")
        check("Reopened for the browser test" in driver.find_element(By.ID, "milestone-nominations").text,
              "the moved deadline shows its reason")

        # The agent signs in with the code and submits a list with a candidate too young.
        driver.get(base + "/en/party")
        driver.find_element(By.ID, "code").send_keys(code)
        driver.find_element(By.CSS_SELECTOR, "#party-signin button").submit()
        wait_for("#lists")
        check("Keo Dara" in driver.find_element(By.ID, "who").text, "the agent's page names them")
        driver.get(base + f"/en/party/lists/{province}")
        wait_for("#candidate-list")
        fill_candidate(0, adults[0])
        fill_candidate(1, young)
        driver.find_element(By.CSS_SELECTOR, "#candidate-list button[type=submit]").submit()
        wait_for("#list-problems")
        problems = driver.find_element(By.ID, "list-problems").text
        check(f"Candidate 2 {young[1]}" in problems and "younger than the minimum age" in problems,
              "the refusal names the candidate and the rule")
        check(driver.find_element(By.ID, "voter-1").get_attribute("value") == f"{young[0]:010d}", "what was typed is kept")

        # The same refusal in Khmer, as most agents read it, at phone width.
        driver.get(base + f"/km/party/lists/{province}")
        wait_for("#candidate-list")
        fill_candidate(0, adults[0])
        fill_candidate(1, young)
        driver.find_element(By.CSS_SELECTOR, "#candidate-list button[type=submit]").submit()
        wait_for("#list-problems")
        check("អាយុតិចជាងអាយុអប្បបរមា" in driver.find_element(By.ID, "list-problems").text, "the refusal is in Khmer on Khmer pages")
        if shots:
            driver.save_screenshot(str(shots / "list-refused-km.png"))

        # Corrected, the list is accepted and published.
        fill_candidate(1, adults[1])
        driver.find_element(By.CSS_SELECTOR, "#candidate-list button[type=submit]").submit()
        WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/km/party?done=submitted"))
        driver.get(base + f"/en/parties/{party}/{province}")
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.candidate")
        check([r.find_elements(By.TAG_NAME, "td")[1].text.split(" (")[0] for r in rows] == [adults[0][2], adults[1][2]],
              "the public list shows the accepted candidates in order")
        check("Keo Dara" in driver.find_element(By.ID, "submitted").text, "the public list says who submitted it")
        if shots:
            driver.save_screenshot(str(shots / "public-list.png"))
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
