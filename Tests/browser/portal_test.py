#!/usr/bin/env python3
"""Real-browser test of Sala's public portal: registration look-up and polling-station pages.

Drives Debian's headless Chromium (/usr/bin/chromium, /usr/bin/chromedriver) with selenium 4 at
a phone's window size, against a running `sala serve`. Test data (a voter, stations) is chosen
from the server's SQLite database, opened read-only, so every expectation comes from the data
the server itself serves.

Usage:
    python3 Tests/browser/portal_test.py --url http://127.0.0.1:PORT --db PATH_TO_SQLITE \
        [--screenshots DIR] [--timeout SECONDS]

Prints one line per case (PASS/FAIL) and ends with exactly one line `N passed, M failed`;
exits 1 if any case failed (or the setup failed), 0 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import pathlib
import re
import sqlite3
import sys
import time
import traceback
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

# Never let selenium try to download a browser or a driver: both are given explicitly below.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (412, 915)  # a phone
ZWSP = "\u200b"
COENG = "\u17d2"


class CheckFailed(AssertionError):
    """A check did not hold; the message says what was expected and what was found."""


def fail(message: str) -> None:
    raise CheckFailed(message)


# --------------------------------------------------------------------------------------------
# Text helpers


def norm(text: str | None) -> str:
    """NFC, zero-width characters dropped, runs of white space collapsed: for comparing visible text."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


_DROPPED = set("-\u2010\u2011\u2012\u2013\u2014\u2015.\u00b7'\u2019\u02bc`\u00b4\u034f\u17b4\u17b5")


def approx_key(name: str) -> str:
    """An approximation of the server's NameKey (which merges at least as much as this), used
    only to choose test data whose name cannot collide with another voter's."""
    kept = "".join(
        ch for ch in name
        if not (ch.isspace() or ch in _DROPPED or unicodedata.category(ch) == "Cf")
    )
    return unicodedata.normalize("NFC", kept).casefold()


def is_khmer_cluster_start(ch: str) -> bool:
    # Consonants U+1780-U+17A2 and independent vowels U+17A3-U+17B3 start an orthographic cluster.
    return "\u1780" <= ch <= "\u17b3"


def with_zero_width_spaces(khmer: str) -> str:
    """Puts U+200B between the syllables of each word, as Khmer typists do to mark line breaks:
    before every consonant or independent vowel that is not subscript (after COENG) and not the
    first letter of a word."""
    out: list[str] = []
    prev = ""
    for ch in khmer:
        if is_khmer_cluster_start(ch) and prev and prev != COENG and not prev.isspace():
            out.append(ZWSP)
        out.append(ch)
        prev = ch
    return "".join(out)


def khmer_clusters(text: str) -> int:
    """Orthographic clusters (about what a reader counts as letters) in Khmer text."""
    count, prev = 0, ""
    for ch in text:
        if is_khmer_cluster_start(ch) and prev != COENG:
            count += 1
        prev = ch
    return count


def other_case(latin: str) -> str:
    upper = latin.upper()
    return upper if upper != latin else latin.lower()


def voter_number_text(n: int) -> str:
    return f"{n:010d}"


def url_path_endswith(url: str | None, suffix: str) -> bool:
    if not url:
        return False
    path = urllib.parse.unquote(urllib.parse.urlparse(url).path).rstrip("/")
    return path.endswith(suffix)


# --------------------------------------------------------------------------------------------
# Test data from the database


@dataclass
class Station:
    code: str
    commune_code: str
    name_en: str
    name_km: str
    address_en: str
    address_km: str
    latitude: float
    longitude: float
    registered_voters: int
    province_code: str = ""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_km

    def address(self, lang: str) -> str:
        return self.address_en if lang == "en" else self.address_km


@dataclass
class Voter:
    number: int
    station_code: str
    name_km: str
    name_latin: str
    sex: str
    birth_date: str


@dataclass
class TestData:
    voter: Voter
    station: Station  # the voter's station
    wrong_birth_date: str
    search_station: Station
    search_word: str
    search_word_matches: int
    nearest_station: Station
    ambiguous: tuple[str, str, list[str]] | None = None  # (name_km, birth_date, station codes)
    notes: list[str] = field(default_factory=list)


STATION_COLUMNS = (
    "s.code, s.commune_code, s.name_en, s.name_km, s.address_en, s.address_km, "
    "s.latitude, s.longitude, s.registered_voters, c.province_code"
)


def open_db(path: str) -> sqlite3.Connection:
    resolved = pathlib.Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(f"database {resolved} does not exist")
    uri = "file:" + urllib.parse.quote(str(resolved)) + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def load_station(db: sqlite3.Connection, code: str) -> Station:
    row = db.execute(
        f"SELECT {STATION_COLUMNS} FROM polling_stations s JOIN communes c ON c.code = s.commune_code "
        "WHERE s.code = ?",
        (code,),
    ).fetchone()
    if row is None:
        raise LookupError(f"polling station {code} is not in the database")
    return Station(*row[:9], province_code=row[9])


def voters_born_on(db: sqlite3.Connection, date: str) -> list[tuple[int, str, str, str]]:
    return db.execute(
        "SELECT voter_number, name_km, name_latin, station_code FROM voters WHERE birth_date = ?",
        (date,),
    ).fetchall()


def shift_date(date: str, days: int) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


def suitable_voter(db: sqlite3.Connection, row: tuple, strict: bool) -> tuple[Voter, str] | None:
    """The voter if their Khmer and Latin names are unique for their birth date (by approximate
    key), their family names alone match nobody born that day, and a nearby wrong date of birth
    matches nobody of that name; with that wrong date. `strict` also asks for family names of
    at least two letters, so that a family name alone is a plausible (if partial) full name and
    not just too short to be one."""
    voter = Voter(*row)
    if len(voter.name_km.split()) < 2 or len(voter.name_latin.split()) < 2:
        return None
    if strict and (khmer_clusters(voter.name_km.split()[0]) < 2 or len(voter.name_latin.split()[0]) < 2):
        return None
    km, latin = approx_key(voter.name_km), approx_key(voter.name_latin)
    km_family = approx_key(voter.name_km.split()[0])
    latin_family = approx_key(voter.name_latin.split()[0])
    for number, name_km, name_latin, _ in voters_born_on(db, voter.birth_date):
        keys = {approx_key(name_km), approx_key(name_latin)}
        if number != voter.number and (km in keys or latin in keys):
            return None
        if km_family in keys or latin_family in keys:
            return None
    for days in (1, -1, 2, -2, 30, -30, 365):
        wrong = shift_date(voter.birth_date, days)
        clash = any(
            approx_key(k) in (km, latin) or approx_key(l) in (km, latin)
            for _, k, l, _ in voters_born_on(db, wrong)
        )
        if not clash:
            return voter, wrong
    return None


def choose_voter(db: sqlite3.Connection) -> tuple[Voter, str]:
    for strict in (True, False):
        found = find_voter(db, strict)
        if found:
            return found
    raise LookupError("found no voter whose name and date of birth are unique on the register")


def find_voter(db: sqlite3.Connection, strict: bool) -> tuple[Voter, str] | None:
    cols = "voter_number, station_code, name_km, name_latin, sex, birth_date"
    # Prefer the most populous stations, so that the registered-voters figure has thousands
    # separators on a full register.
    stations = [
        r[0] for r in db.execute(
            "SELECT code FROM polling_stations WHERE registered_voters > 0 "
            "ORDER BY registered_voters DESC, code LIMIT 10"
        )
    ]
    for code in stations:
        for row in db.execute(
            f"SELECT {cols} FROM voters WHERE station_code = ? ORDER BY voter_number LIMIT 200", (code,)
        ):
            found = suitable_voter(db, row, strict)
            if found:
                return found
    # Fall back to voters spread over the whole register.
    lo, hi = db.execute("SELECT min(voter_number), max(voter_number) FROM voters").fetchone()
    if lo is None:
        raise LookupError("the voters table is empty")
    for i in range(400):
        target = lo + int((hi - lo) * ((0.37 + i * 0.6180339887) % 1.0))
        row = db.execute(
            f"SELECT {cols} FROM voters WHERE voter_number >= ? ORDER BY voter_number LIMIT 1", (target,)
        ).fetchone()
        if row:
            found = suitable_voter(db, row, strict)
            if found:
                return found
    return None


def choose_search(db: sqlite3.Connection, first: Station) -> tuple[Station, str, int]:
    """A station and a word of its English name that as few stations as possible contain."""
    all_codes = [r[0] for r in db.execute("SELECT code FROM polling_stations ORDER BY code")]
    codes = [first.code] + all_codes[13::97][:60]
    best: tuple[int, str, str] | None = None
    for code in codes:
        name = db.execute("SELECT name_en FROM polling_stations WHERE code = ?", (code,)).fetchone()[0]
        for word in sorted(set(re.findall(r"[A-Za-z]{4,}", name))):
            count = db.execute(
                "SELECT count(*) FROM polling_stations WHERE name_en LIKE ?", (f"%{word}%",)
            ).fetchone()[0]
            if best is None or count < best[0]:
                best = (count, code, word)
        if best and best[0] <= 5:
            break
    if best is None:
        raise LookupError("no station has an English name with a word of four letters or more")
    return load_station(db, best[1]), best[2], best[0]


def isolated(db: sqlite3.Connection, s: Station, radius: float = 0.002) -> bool:
    n = db.execute(
        "SELECT count(*) FROM polling_stations WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
        (s.latitude - radius, s.latitude + radius, s.longitude - radius, s.longitude + radius),
    ).fetchone()[0]
    return n == 1


def choose_nearest(db: sqlite3.Connection, first: Station) -> Station:
    if isolated(db, first):
        return first
    all_codes = [r[0] for r in db.execute("SELECT code FROM polling_stations ORDER BY code")]
    for code in all_codes[7::101]:
        s = load_station(db, code)
        if isolated(db, s):
            return s
    return first  # no isolated station: the check still runs, with the voter's station


def choose_ambiguous(db: sqlite3.Connection, dates: list[str]) -> tuple[str, str, list[str]] | None:
    """A Khmer name and date of birth shared by voters of different stations, if a few dates have one."""
    for date in dates:
        by_key: dict[str, list[tuple[str, str]]] = {}
        for _, name_km, _, station in voters_born_on(db, date):
            by_key.setdefault(approx_key(name_km), []).append((name_km, station))
        for entries in by_key.values():
            stations = sorted({st for _, st in entries})
            if len(stations) > 1:
                return entries[0][0], date, stations
    return None


def choose_test_data(db_path: str) -> TestData:
    db = open_db(db_path)
    try:
        voter, wrong = choose_voter(db)
        station = load_station(db, voter.station_code)
        search_station, word, matches = choose_search(db, station)
        nearest = choose_nearest(db, station)
        dates = [voter.birth_date] + [
            r[0] for r in db.execute(
                "SELECT birth_date FROM voters WHERE voter_number >= ? ORDER BY voter_number LIMIT 5",
                (voter.number,),
            )
        ]
        ambiguous = choose_ambiguous(db, dates)
        return TestData(voter, station, wrong, search_station, word, matches, nearest, ambiguous)
    finally:
        db.close()


# --------------------------------------------------------------------------------------------
# The browser


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--lang=en-US",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    # Desktop Chromium keeps windows at least 500 px wide, whatever --window-size says; emulate
    # the phone's viewport so that pages lay out at 412 CSS pixels as on the phone.
    set_viewport(driver, *WINDOW)
    return driver


def set_viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
    )


class Portal:
    """Page operations with waits and checks, as a person would use the site."""

    def __init__(self, driver, base_url: str, timeout: float, screenshots: pathlib.Path | None):
        from selenium.webdriver.common.by import By

        self.d = driver
        self.By = By
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.screenshots = screenshots
        self.notes: list[str] = []

    # navigation -------------------------------------------------------------------------------

    def wait(self, condition, what: str, timeout: float | None = None):
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            return WebDriverWait(self.d, timeout or self.timeout).until(condition)
        except TimeoutException:
            fail(f"timed out after {timeout or self.timeout:g} s waiting for {what} (at {self.d.current_url})")

    def wait_loaded(self):
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete", "the page to load")

    def open(self, path: str, lang: str | None = None):
        self.d.get(self.base + path)
        self.wait_loaded()
        if lang:
            self.expect_lang(lang)

    def navigate_by(self, action, what: str, lang: str | None = None, timeout: float | None = None):
        """Runs `action` (a click or submit) and waits for the next page to load.

        A marker set on the old page's window is gone once a new document has loaded; polling for
        that avoids chromedriver's errors about elements of a document that is being replaced."""
        from selenium.common.exceptions import WebDriverException

        self.d.execute_script("window.__salaOldPage = true")
        action()

        def new_page(d):
            try:
                return d.execute_script(
                    "return window.__salaOldPage === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False

        self.wait(new_page, f"a new page after {what}", timeout)
        if lang:
            self.expect_lang(lang)

    def click_link(self, link, lang: str | None = None):
        from selenium.common.exceptions import ElementClickInterceptedException

        href = link.get_attribute("href")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)

        def click():
            try:
                link.click()
            except ElementClickInterceptedException:
                self.notes.append(f"link {href} was covered by another element; clicked it by script")
                self.d.execute_script("arguments[0].click()", link)

        self.navigate_by(click, f"following {href}", lang)

    # elements ---------------------------------------------------------------------------------

    def find(self, css: str, within=None):
        elements = (within or self.d).find_elements(self.By.CSS_SELECTOR, css)
        return elements[0] if elements else None

    def find_all(self, css: str, within=None):
        return (within or self.d).find_elements(self.By.CSS_SELECTOR, css)

    def require(self, css: str, within=None, what: str | None = None):
        el = self.find(css, within)
        if el is None:
            fail(f"expected {what or css} on {self.d.current_url}, found none; page says: {self.page_excerpt()}")
        return el

    def text(self, el) -> str:
        # textContent, not .text: .text is empty for elements scrolled out of a small viewport
        # in some drivers, and we compare content, not layout.
        return norm(el.get_property("textContent"))

    def page_excerpt(self, limit: int = 300) -> str:
        try:
            body = norm(self.d.find_element(self.By.TAG_NAME, "body").get_property("textContent"))
        except Exception:  # noqa: BLE001 - diagnostics only
            return "(no body)"
        return repr(body[:limit] + ("…" if len(body) > limit else ""))

    def describe_answer(self) -> str:
        """Which answer section the page shows, and any alert: for failure messages."""
        shown = [f"section#{s}" for s in ("registration-result", "registration-not-found", "registration-ambiguous")
                 if self.find(f"section#{s}")]
        alert = self.find("[role=alert]")
        parts = shown or ["no answer section"]
        if alert is not None:
            parts.append(f"an alert {self.text(alert)!r}")
        return " and ".join(parts)

    def page_html(self) -> str:
        return html.unescape(self.d.page_source)

    def expect_lang(self, lang: str):
        found = self.d.find_element(self.By.TAG_NAME, "html").get_attribute("lang")
        if found != lang:
            fail(f"expected <html lang=\"{lang}\"> on {self.d.current_url}, found lang={found!r}")

    # forms ------------------------------------------------------------------------------------

    def type_into(self, field, value: str):
        field.clear()
        field.send_keys(value)
        typed = field.get_property("value")
        if typed != value:
            self.notes.append(
                f"typing {value!r} gave {typed!r} in the field; set its value by script instead"
            )
            self.set_value(field, value)

    def set_value(self, field, value: str):
        self.d.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            field,
            value,
        )

    def submit_button(self, form, form_name: str):
        button = self.find("button[type=submit], input[type=submit], button:not([type])", form)
        if button is None:
            fail(f"expected a submit button in {form_name}, found none")
        return button

    def submit(self, form, form_name: str, lang: str | None, bypass_validation: bool = False):
        button = self.submit_button(form, form_name)
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        if bypass_validation:
            self.d.execute_script("arguments[0].noValidate = true", form)
        self.navigate_by(button.click, f"submitting {form_name}", lang)

    def field(self, form, name: str, form_name: str):
        return self.require(f"[name='{name}']", form, f"a field name=\"{name}\" in {form_name}")

    # screenshots ------------------------------------------------------------------------------

    def screenshot(self, name: str):
        if not self.screenshots:
            return
        try:
            self.screenshots.mkdir(parents=True, exist_ok=True)
            height = self.d.execute_script(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
            )
            set_viewport(self.d, WINDOW[0], max(WINDOW[1], min(int(height), 6000)))
            path = self.screenshots / f"{name}.png"
            self.d.save_screenshot(str(path))
            print(f"  screenshot: {path}")
        except Exception as error:  # noqa: BLE001 - a screenshot never fails a case
            print(f"  (screenshot {name} failed: {error})")
        finally:
            try:
                set_viewport(self.d, *WINDOW)
            except Exception:  # noqa: BLE001
                pass


# --------------------------------------------------------------------------------------------
# HTTP without the browser (for status codes, which selenium cannot see)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def http_post(url: str, fields: dict[str, str], cookies: str, timeout: float) -> tuple[int, str, str]:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookies:
        request.add_header("Cookie", cookies)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location", "")


# --------------------------------------------------------------------------------------------
# The cases


class Cases:
    def __init__(self, portal: Portal, data: TestData):
        self.p = portal
        self.data = data

    # registration -----------------------------------------------------------------------------

    def registration_form(self, lang: str, form_id: str):
        self.p.open(f"/{lang}/registration", lang)
        form = self.p.require(f"form#{form_id}")
        method = (form.get_attribute("method") or "get").lower()
        if method != "post":
            fail(f"expected form#{form_id} to use method POST, found {method!r}")
        action = form.get_property("action")
        if not url_path_endswith(action, f"/{lang}/registration"):
            fail(f"expected form#{form_id} to post to /{lang}/registration, found action {action!r}")
        return form

    def search_by_number(self, lang: str, number_text: str, bypass_validation: bool = False):
        form = self.registration_form(lang, "by-number")
        self.p.type_into(self.p.field(form, "voter_number", "form#by-number"), number_text)
        self.p.submit(form, "form#by-number", lang, bypass_validation)

    def search_by_name(self, lang: str, name: str, birth_date: str):
        form = self.registration_form(lang, "by-name")
        self.p.type_into(self.p.field(form, "name", "form#by-name"), name)
        date_field = self.p.field(form, "date_of_birth", "form#by-name")
        kind = date_field.get_attribute("type")
        if kind != "date":
            fail(f"expected the date of birth field to be <input type=\"date\">, found type={kind!r}")
        self.p.set_value(date_field, birth_date)
        if date_field.get_property("value") != birth_date:
            fail(f"could not set the date field to {birth_date}; it holds {date_field.get_property('value')!r}")
        self.p.submit(form, "form#by-name", lang)

    def expect_result(self, lang: str, station: Station, how: str):
        section = self.p.find("section#registration-result")
        if section is None:
            fail(
                f"{how}: expected section#registration-result naming station {station.code} "
                f"({station.name(lang)!r}), found {self.p.describe_answer()}; page says: {self.p.page_excerpt()}"
            )
        name_el = self.p.require(".station-name", section, "a .station-name in the result")
        found = self.p.text(name_el)
        if found != norm(station.name(lang)):
            fail(f"{how}: expected station name {station.name(lang)!r}, found {found!r}")
        address_el = self.p.require(".station-address", section, "a .station-address in the result")
        address = self.p.text(address_el)
        if norm(station.address(lang)) not in address:
            fail(f"{how}: expected the address {station.address(lang)!r}, found {address!r}")
        link = self.p.require("a.station-link", section, "an a.station-link in the result")
        href = link.get_attribute("href")
        if not url_path_endswith(href, f"/{lang}/stations/{station.code}"):
            fail(f"{how}: expected a.station-link to /{lang}/stations/{station.code}, found href {href!r}")

    def expect_not_found(self, how: str, station: Station):
        if self.p.find("section#registration-not-found") is None:
            fail(f"{how}: expected section#registration-not-found, found {self.p.describe_answer()}")
        page = norm(self.p.page_html())
        for lang in ("en", "km"):
            if norm(station.name(lang)) in page:
                fail(f"{how}: the not-found page must not name the voter's station, but it contains {station.name(lang)!r}")

    def registration_by_number_en(self):
        v, s = self.data.voter, self.data.station
        self.search_by_number("en", voter_number_text(v.number))
        self.expect_result("en", s, f"voter number {voter_number_text(v.number)}")
        self.p.screenshot("registration-result-en")

    def registration_by_number_km(self):
        v, s = self.data.voter, self.data.station
        self.search_by_number("km", voter_number_text(v.number))
        self.expect_result("km", s, f"voter number {voter_number_text(v.number)}")
        self.p.screenshot("registration-result-km")

    def registration_by_khmer_name_zwsp(self):
        v, s = self.data.voter, self.data.station
        typed = with_zero_width_spaces(v.name_km)
        if ZWSP not in typed:
            fail(f"could not break {v.name_km!r} into syllables to insert zero-width spaces")
        self.search_by_name("km", typed, v.birth_date)
        self.expect_result("km", s, f"name {typed!r} (with U+200B) born {v.birth_date}")

    def registration_by_latin_name_other_case(self):
        v, s = self.data.voter, self.data.station
        typed = other_case(v.name_latin)
        self.search_by_name("en", typed, v.birth_date)
        self.expect_result("en", s, f"name {typed!r} born {v.birth_date}")

    def registration_family_name_only_latin(self):
        v, s = self.data.voter, self.data.station
        family = v.name_latin.split()[0]
        self.search_by_name("en", family, v.birth_date)
        self.expect_not_found(f"family name {family!r} only, born {v.birth_date}", s)

    def registration_family_name_only_khmer(self):
        v, s = self.data.voter, self.data.station
        family = v.name_km.split()[0]
        self.search_by_name("km", family, v.birth_date)
        self.expect_not_found(f"family name {family!r} only, born {v.birth_date}", s)

    def registration_wrong_birth_date(self):
        v, s = self.data.voter, self.data.station
        self.search_by_name("en", v.name_latin, self.data.wrong_birth_date)
        self.expect_not_found(
            f"name {v.name_latin!r} with wrong date {self.data.wrong_birth_date} (registered {v.birth_date})", s
        )

    def registration_ambiguous(self):
        name_km, date, stations = self.data.ambiguous
        self.search_by_name("km", name_km, date)
        if self.p.find("section#registration-ambiguous") is None:
            fail(
                f"name {name_km!r} born {date} is shared by voters at stations {', '.join(stations)}: "
                f"expected section#registration-ambiguous, found {self.p.describe_answer()}"
            )

    def registration_bad_number(self):
        bad = "12ab"
        form = self.registration_form("en", "by-number")
        number_field = self.p.field(form, "voter_number", "form#by-number")
        label_text = ""
        field_id = number_field.get_attribute("id")
        if field_id:
            label = self.p.find(f"label[for='{field_id}']")
            if label is not None:
                label_text = self.p.text(label)
        action = form.get_property("action")
        hidden = {
            el.get_attribute("name"): el.get_property("value") or ""
            for el in self.p.find_all("input[type=hidden][name]", form)
        }
        self.p.type_into(number_field, bad)
        button = self.p.submit_button(form, "form#by-number")
        old = self.p.d.find_element(self.p.By.TAG_NAME, "html")
        button.click()
        try:
            from selenium.webdriver.support import expected_conditions as EC
            self.p.wait(EC.staleness_of(old), "the server's answer", timeout=3)
            self.p.wait_loaded()
        except CheckFailed:
            # The browser's own validation (pattern/inputmode) kept the form; that is good, but
            # the server's answer is what is tested here, so submit once more without it.
            self.p.notes.append("the browser's form validation stopped 12ab; submitted again with novalidate")
            form = self.p.require("form#by-number")
            self.p.submit(form, "form#by-number", "en", bypass_validation=True)
        self.p.expect_lang("en")
        alert = self.p.find("[role=alert]")
        if alert is None:
            fail(f"voter number {bad!r}: expected an element with role=alert, found none; page says: {self.p.page_excerpt()}")
        alert_text = self.p.text(alert)
        names = [n for n in (label_text, "voter number") if n]
        if not any(n.casefold() in alert_text.casefold() for n in names):
            fail(f"voter number {bad!r}: expected the alert to name the field ({' or '.join(map(repr, names))}), found {alert_text!r}")
        if self.p.find("form#by-number") is None:
            fail(f"voter number {bad!r}: expected the form to be shown again with the alert, found no form#by-number")
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.p.d.get_cookies())
        status, body, location = http_post(action, {**hidden, "voter_number": bad}, cookies, self.p.timeout)
        if status != 400:
            where = f" (Location: {location})" if location else ""
            fail(f"POST voter_number={bad} to {action}: expected HTTP status 400, found {status}{where}")
        if 'role="alert"' not in body and "role='alert'" not in body and "role=alert" not in body:
            fail(f"POST voter_number={bad}: the 400 answer has no role=alert element")

    # stations ---------------------------------------------------------------------------------

    def result_links(self):
        return self.p.find_all("ul#station-results > li > a")

    def station_search(self):
        s, word = self.data.search_station, self.data.search_word
        self.p.open("/en/stations", "en")
        form = self.p.require("form#station-search")
        action = form.get_property("action")
        method = (form.get_attribute("method") or "get").lower()
        if method != "get" or not url_path_endswith(action, "/en/stations/search"):
            fail(f"expected form#station-search to GET /en/stations/search, found {method.upper()} {action!r}")
        self.p.type_into(self.p.field(form, "q", "form#station-search"), word)
        self.p.submit(form, "form#station-search", "en")
        links = self.result_links()
        hrefs = [a.get_attribute("href") for a in links]
        if not any(url_path_endswith(h, f"/en/stations/{s.code}") for h in hrefs):
            shown = [self.p.text(a) for a in links[:5]]
            fail(
                f"search {word!r} (in {self.data.search_word_matches} station names): expected a link to "
                f"/en/stations/{s.code} ({s.name_en!r}) in ul#station-results, found {len(links)} links: {shown}"
            )

    def expect_station_page(self, lang: str, s: Station, how: str):
        if not url_path_endswith(self.p.d.current_url, f"/{lang}/stations/{s.code}"):
            fail(f"{how}: expected to be at /{lang}/stations/{s.code}, found {self.p.d.current_url}")
        h1 = self.p.require("h1")
        if self.p.text(h1) != norm(s.name(lang)):
            fail(f"{how}: expected h1 {s.name(lang)!r}, found {self.p.text(h1)!r}")

    def browse_to_station(self):
        s = self.data.station
        self.p.open("/en/stations", "en")
        provinces = self.p.find_all("a.province-link")
        link = next((a for a in provinces if url_path_endswith(a.get_attribute("href"), f"/en/provinces/{s.province_code}")), None)
        if link is None:
            fail(f"expected an a.province-link to /en/provinces/{s.province_code} among {len(provinces)} province links")
        self.p.click_link(link, "en")
        communes = self.p.find_all("a.commune-link")
        link = next((a for a in communes if url_path_endswith(a.get_attribute("href"), f"/en/communes/{s.commune_code}")), None)
        if link is None:
            fail(f"on province {s.province_code}: expected an a.commune-link to /en/communes/{s.commune_code} among {len(communes)} commune links")
        self.p.click_link(link, "en")
        stations = self.p.find_all("a.station-link")
        link = next((a for a in stations if url_path_endswith(a.get_attribute("href"), f"/en/stations/{s.code}")), None)
        if link is None:
            fail(f"on commune {s.commune_code}: expected an a.station-link to /en/stations/{s.code} among {len(stations)} station links")
        self.p.click_link(link, "en")
        self.expect_station_page("en", s, "browsing")
        voters = self.p.text(self.p.require(".registered-voters"))
        digits = re.sub(r"[^0-9]", "", voters)
        if digits != str(s.registered_voters):
            fail(f"station {s.code}: expected {s.registered_voters:,} registered voters, found {voters!r}")
        if f"{s.registered_voters:,}" not in voters:
            fail(f"station {s.code}: expected the number written {s.registered_voters:,} (with separators), found {voters!r}")
        self.p.screenshot("station-en")

    def station_page_details(self):
        s = self.data.station
        self.p.open(f"/en/stations/{s.code}", "en")
        self.expect_station_page("en", s, "station page")
        address = self.p.text(self.p.require(".station-address"))
        if norm(s.address_en) not in address:
            fail(f"station {s.code}: expected the address {s.address_en!r}, found {address!r}")
        members = self.p.find_all(".commission-member")
        if len(members) != 6:
            fail(f"station {s.code}: expected 6 .commission-member elements (the polling station commission), found {len(members)}")

    def nearest(self):
        s = self.data.nearest_station
        self.p.open("/en/stations", "en")
        form = self.p.require("form#station-nearest")
        action = form.get_property("action")
        method = (form.get_attribute("method") or "get").lower()
        if method != "get" or not url_path_endswith(action, "/en/stations/nearest"):
            fail(f"expected form#station-nearest to GET /en/stations/nearest, found {method.upper()} {action!r}")
        lat_text, lon_text = f"{s.latitude:.6f}", f"{s.longitude:.6f}"
        lat = self.p.field(form, "lat", "form#station-nearest")
        lon = self.p.field(form, "lon", "form#station-nearest")
        # Number inputs take typed text by the browser's locale; set the values directly.
        for el, value in ((lat, lat_text), (lon, lon_text)):
            if (el.get_attribute("type") or "text") == "number":
                self.p.set_value(el, value)
            else:
                self.p.type_into(el, value)
        self.p.submit(form, "form#station-nearest", "en")
        links = self.result_links()
        if not links:
            fail(f"nearest to {lat_text},{lon_text}: expected links in ul#station-results, found none; page says: {self.p.page_excerpt()}")
        first = links[0].get_attribute("href")
        if not url_path_endswith(first, f"/en/stations/{s.code}"):
            fail(f"nearest to {lat_text},{lon_text}: expected /en/stations/{s.code} ({s.name_en!r}) first, found {first!r} ({self.p.text(links[0])!r})")

    def language_switch(self):
        s = self.data.station
        self.p.open(f"/en/stations/{s.code}", "en")
        switch = self.p.require("a#language-switch")
        self.p.click_link(switch, "km")
        self.expect_station_page("km", s, "after the language switch")
        self.p.screenshot("station-km")
        back = self.p.require("a#language-switch")
        self.p.click_link(back, "en")
        self.expect_station_page("en", s, "after switching back")

    def language_switch_everywhere(self):
        """Every page type has a#language-switch leading to the same page in the other language."""
        s = self.data.station
        for path in ("/en/registration", "/en/stations", f"/en/provinces/{s.province_code}",
                     f"/en/communes/{s.commune_code}", f"/km/stations/{s.code}"):
            lang = path.split("/")[1]
            other = "km" if lang == "en" else "en"
            self.p.open(path, lang)
            switch = self.p.require("a#language-switch", what=f"a#language-switch on {path}")
            href = switch.get_attribute("href")
            expected = "/" + other + path[len(lang) + 1:]
            if not url_path_endswith(href, expected):
                fail(f"on {path}: expected a#language-switch to {expected}, found href {href!r}")

    def all(self):
        cases = [
            ("registration by voter number (en)", self.registration_by_number_en),
            ("registration by voter number (km)", self.registration_by_number_km),
            ("registration by Khmer name with zero-width spaces and date of birth (km)", self.registration_by_khmer_name_zwsp),
            ("registration by Latin name in another case and date of birth (en)", self.registration_by_latin_name_other_case),
            ("registration by Latin family name only is not found (en)", self.registration_family_name_only_latin),
            ("registration by Khmer family name only is not found (km)", self.registration_family_name_only_khmer),
            ("registration with a wrong date of birth is not found (en)", self.registration_wrong_birth_date),
            ("registration with a bad voter number: alert and status 400 (en)", self.registration_bad_number),
        ]
        if self.data.ambiguous:
            cases.append(("registration by a name and date shared by two voters is ambiguous (km)", self.registration_ambiguous))
        cases += [
            ("station search by a word of the English name (en)", self.station_search),
            ("browse province, commune, station; registered voters match (en)", self.browse_to_station),
            ("station page: name, address, 6 commission members (en)", self.station_page_details),
            ("nearest stations to a station's coordinates list it first (en)", self.nearest),
            ("language switch on the station page leads to the Khmer page (en -> km -> en)", self.language_switch),
            ("language switch on every kind of page", self.language_switch_everywhere),
        ]
        return cases


# --------------------------------------------------------------------------------------------


def server_reachable(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/en/registration", timeout=timeout) as response:
            response.read(1)
        return None
    except urllib.error.HTTPError as error:
        return f"GET /en/registration answered {error.code}"
    except OSError as error:
        return f"cannot reach {url}: {error}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="base URL of the running server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--db", required=True, help="the server's SQLite database (read only)")
    parser.add_argument("--screenshots", type=pathlib.Path, help="directory for PNG screenshots")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a page (default 20)")
    args = parser.parse_args()

    passed = failed = 0

    def setup_failed(message: str) -> int:
        print(f"FAIL setup: {message}")
        print(f"{passed} passed, {failed + 1} failed")
        return 1

    try:
        data = choose_test_data(args.db)
    except Exception as error:  # noqa: BLE001
        return setup_failed(f"choosing test data from {args.db}: {type(error).__name__}: {error}")
    v, s = data.voter, data.station
    print(f"voter {voter_number_text(v.number)} {v.name_latin} / {v.name_km}, born {v.birth_date}, "
          f"station {s.code} {s.name_en!r} ({s.registered_voters} registered)")
    print(f"search word {data.search_word!r} ({data.search_word_matches} stations) for {data.search_station.code}; "
          f"nearest check at station {data.nearest_station.code}"
          + (f"; ambiguous name {data.ambiguous[0]} born {data.ambiguous[1]}" if data.ambiguous else ""))

    problem = server_reachable(args.url, args.timeout)
    if problem:
        return setup_failed(problem)

    try:
        driver = start_browser()
    except Exception as error:  # noqa: BLE001
        return setup_failed(f"starting {CHROMIUM} with {CHROMEDRIVER}: {type(error).__name__}: {error}")

    try:
        driver.set_page_load_timeout(args.timeout * 2)
        portal = Portal(driver, args.url, args.timeout, args.screenshots)
        for name, case in Cases(portal, data).all():
            portal.notes.clear()
            started = time.monotonic()
            try:
                case()
            except CheckFailed as error:
                failed += 1
                print(f"FAIL {name}: {error}")
            except Exception as error:  # noqa: BLE001 - a broken page must not stop the other cases
                failed += 1
                where = ""
                try:
                    where = f" (at {driver.current_url})"
                except Exception:  # noqa: BLE001
                    pass
                print(f"FAIL {name}: {type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}{where}")
                if os.environ.get("PORTAL_TEST_TRACEBACK"):
                    traceback.print_exc()
            else:
                passed += 1
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)")
            for note in portal.notes:
                print(f"  note: {note}")
    finally:
        try:
            driver.quit()
        except Exception:  # noqa: BLE001
            pass

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
