#!/usr/bin/env python3
"""A citizen lodges a complaint on a phone, in a real browser, in Khmer, and follows it: a phone
number that cannot be one is refused on its field (what was typed is kept), the complaint is sent
with a photograph and gets its reference, the reference typed again finds it; the commune
commission (signed in) sees the complainant and decides with reasons; the citizen reads the
decision and appeals it with the phone number given.

Usage: complaint_test.py --url http://127.0.0.1:PORT --station CODE --name NAME --password PASSWORD
       [--screenshots DIR]
NAME is a commune official of the station's commune. Prints "N passed, M failed".
"""
import argparse, os, pathlib, sys, tempfile

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks, until as checks_until, wait_for as checks_wait_for  # noqa: E402
from portal_test import start_browser, set_viewport  # noqa: E402

# The smallest valid JPEG there is: one grey pixel.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720"
    "222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405"
    "060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a"
    "161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798"
    "999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--station", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    photo = pathlib.Path(tempfile.mkdtemp()) / "ballot-box.jpg"
    photo.write_bytes(JPEG)

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

    def shot(name: str):
        if shots:
            driver.save_screenshot(str(shots / name))

    def fill(phone: str):
        Select(driver.find_element(By.ID, "category")).select_by_value("polling-and-counting")
        Select(driver.find_element(By.ID, "province")).select_by_value(args.station[:2])
        area = driver.find_element(By.ID, "area")
        area.clear()
        area.send_keys(args.station)
        description = driver.find_element(By.ID, "description")
        if not description.get_attribute("value"):
            description.send_keys("ប្រអប់ឆ្នោតត្រូវបានបើកមុនម៉ោងបិទ។")
        name = driver.find_element(By.ID, "name")
        name.clear()
        name.send_keys("សុខ ដារា")
        field = driver.find_element(By.ID, "phone")
        field.clear()
        field.send_keys(phone)
        driver.find_element(By.ID, "evidence").send_keys(str(photo))
        driver.find_element(By.CSS_SELECTOR, "#complaint-form button[type=submit]").click()

    try:
        driver.get(base + "/km/complaints")
        wait_for("#lodge-complaint")
        check(driver.find_element(By.ID, "complaints-by-category").is_displayed(), "the public page shows the counts so far")
        shot("complaints.png")
        driver.find_element(By.ID, "lodge-complaint").click()
        wait_for("#complaint-form")
        fill("12")
        wait_for("#form-error")
        check(driver.find_element(By.ID, "phone").get_attribute("aria-invalid") == "true", "a phone number of two digits is refused on its field")
        check("លេខទូរស័ព្ទ" in driver.find_element(By.ID, "form-error").text, "the refusal names the field in Khmer")
        check("ប្រអប់ឆ្នោត" in driver.find_element(By.ID, "description").get_attribute("value"), "what was typed is kept")
        shot("complaint-refused.png")
        fill("012 345 678")
        wait_for("#complaint-lodged")
        reference = driver.find_element(By.ID, "complaint-reference").text
        check(reference.startswith("C") and "-" in reference, "the complaint has its reference")
        check("សុខ ដារា" not in driver.find_element(By.TAG_NAME, "main").text, "the public page shows no personal data")
        shot("complaint-lodged.png")

        driver.get(base + "/km/complaints")
        driver.find_element(By.ID, "reference").send_keys(" " + reference.lower() + " ")
        driver.find_element(By.CSS_SELECTOR, "#follow-complaint button").click()
        wait_for("#complaint-facts")
        check(driver.find_element(By.ID, "complaint-reference").text == reference, "the reference typed in lower case finds the complaint")

        driver.get(base + "/km/signin")
        driver.find_element(By.NAME, "name").send_keys(args.name)
        driver.find_element(By.NAME, "password").send_keys(args.password)
        driver.find_element(By.CSS_SELECTOR, "#signin-form button").click()
        until(lambda d: d.current_url.endswith("/km/desk"), 30)
        driver.get(base + "/km/desk/complaints")
        wait_for("#desk-complaints")
        driver.find_element(By.LINK_TEXT, reference).click()
        wait_for("#decision-form")
        check("សុខ ដារា" in driver.find_element(By.ID, "complainant").text, "the handling commission sees the complainant")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#evidence a")) == 1, "and the photograph")
        Select(driver.find_element(By.ID, "outcome")).select_by_value("dismissed")
        driver.find_element(By.ID, "reasons").send_keys("ត្រាបិទនៅដដែល។")
        driver.find_element(By.CSS_SELECTOR, "#decision-form button").click()
        until(lambda d: "ត្រាបិទនៅដដែល" in d.find_element(By.ID, "complaint-history").text)
        shot("complaint-desk.png")
        driver.delete_all_cookies()

        driver.get(base + "/km/complaints/" + reference)
        wait_for("#appeal-form")
        check("ត្រាបិទនៅដដែល" in driver.find_element(By.ID, "complaint-history").text, "the citizen reads the decision and its reasons")
        driver.find_element(By.ID, "phone").send_keys("012345678")
        driver.find_element(By.ID, "reasons").send_keys("មានសាក្សីពីរនាក់។")
        driver.find_element(By.CSS_SELECTOR, "#appeal-form button").click()
        until(lambda d: not d.find_elements(By.ID, "appeal-form"))
        check("បានប្តឹងឧទ្ធរណ៍" in driver.find_element(By.ID, "complaint-facts").text, "the appeal is recorded and shown")
        shot("complaint-appealed.png")
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
