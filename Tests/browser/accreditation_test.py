#!/usr/bin/env python3
"""Accreditation in a real browser: an organisation signs in with its code on a phone, applies
for an observer (refused until the code of conduct is acknowledged), the NEC signs in, accepts the
organisation's waiting applications and opens the badge sheet, and the badge's credential, checked
on the public page, is valid.

Usage: accreditation_test.py --url http://127.0.0.1:PORT --code ORGANISATION_CODE --password NEC_PASSWORD [--screenshots DIR]
Prints "N passed, M failed".
"""
import argparse, os, pathlib, sys, urllib.parse

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from checks import Checks  # noqa: E402
from portal_test import start_browser, set_viewport  # noqa: E402


def read_qr(svg: str) -> str:
    """The text of a QR code drawn as Sala draws it (a stroked path of runs), read by zxing-cpp."""
    import re
    import numpy
    import zxingcpp

    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = numpy.full((side * 4, side * 4), 255, dtype=numpy.uint8)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", re.search(r' d="([^"]*)"', svg).group(1)):
        a, b = float(a), float(b or 0)
        if command == "M":
            x, y = a, b
        elif command == "m":
            x, y = x + a, y + b
        else:
            row = int(y - 0.5)
            image[row * 4:(row + 1) * 4, int(x) * 4:int(x + a) * 4] = 0
            x += a
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    shots = pathlib.Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = start_browser()
    checks = Checks(driver)
    check = checks.check

    def wait_for(css: str):
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))

    try:
        # The organisation, on a phone, in Khmer.
        set_viewport(driver, 390, 844)
        driver.get(base + "/km/organisation")
        driver.find_element(By.ID, "code").send_keys(args.code.lower())
        driver.find_element(By.CSS_SELECTOR, "#organisation-signin button").click()
        wait_for("#apply-one")
        driver.find_element(By.ID, "nameKhmer").send_keys("សុខ សុភា")
        driver.find_element(By.ID, "nameLatin").send_keys("Sok Sophea")
        driver.find_element(By.CSS_SELECTOR, "#apply-one button[type=submit]").click()
        wait_for("#organisation-error")
        check("ក្រមសីលធម៌" in driver.find_element(By.ID, "organisation-error").text, "applying without the code of conduct is refused, in Khmer")
        check(driver.find_element(By.ID, "nameLatin").get_attribute("value") == "Sok Sophea", "what was typed is kept")
        driver.find_element(By.ID, "acknowledge").click()
        driver.find_element(By.CSS_SELECTOR, "#apply-one button[type=submit]").click()
        wait_for("#organisation-message")
        check("Sok Sophea" in driver.find_element(By.ID, "applicants").text, "the organisation sees its applicant")
        check(driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the page fits a 390 px phone")
        if shots:
            driver.save_screenshot(str(shots / "organisation-applied.png"))

        # The NEC, on a desktop.
        set_viewport(driver, 1280, 900)
        driver.delete_all_cookies()
        driver.get(base + "/en/signin")
        driver.find_element(By.NAME, "name").send_keys("nec.admin")
        driver.find_element(By.NAME, "password").send_keys(args.password)
        driver.find_element(By.CSS_SELECTOR, "form button").click()
        wait_for("#desk-links")
        driver.find_element(By.CSS_SELECTOR, "#desk-links a[href$='/desk/accreditation']").click()
        wait_for("#organisations")
        first = driver.find_element(By.CSS_SELECTOR, "#organisations tbody tr")
        check("Browser Watch" in first.text, "the organisation with an application waiting comes first")
        first.find_element(By.TAG_NAME, "a").click()
        wait_for("#decide-applications")
        check("Sok Sophea" in driver.find_element(By.ID, "waiting").text, "the NEC sees who applies")
        driver.find_element(By.CSS_SELECTOR, "#decide-applications button[type=submit]").click()
        wait_for("#print-badges")
        check("accepted" in driver.find_element(By.CSS_SELECTOR, "p.notice").text, "the decision is confirmed")
        driver.find_element(By.ID, "print-badges").click()
        wait_for(".badge svg")
        badge = driver.find_element(By.CSS_SELECTOR, ".badge")
        check("Sok Sophea" in badge.text and "សុខ សុភា" in badge.text, "the badge carries both scripts")
        if shots:
            driver.save_screenshot(str(shots / "badges.png"))
        status = driver.execute_script(
            "return fetch('/api/v1/accreditation/badges/' + arguments[0]).then(r => r.status)", badge.get_attribute("id")[len("badge-"):])
        check(status == 401, "a badge's personal data is not for a browser without the NEC's token")

        # The printed QR code, read back by an independent decoder, is a credential the public page finds valid.
        credential = read_qr(badge.find_element(By.CSS_SELECTOR, "svg").get_attribute("outerHTML"))
        check(credential.startswith("SALA1."), "the badge's QR code holds a Sala credential")
        driver.get(base + "/en/accreditation/verify?badge=" + urllib.parse.quote(credential))
        wait_for("#badge-verdict")
        check("This badge is valid" in driver.find_element(By.ID, "badge-verdict").text, "anyone finds the badge valid")
        check("Sok Sophea" in driver.find_element(By.ID, "badge-details").text, "and sees whose it is")
    finally:
        driver.quit()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
