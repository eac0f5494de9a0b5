"""What the short browser scripts (results_test.py, observe_test.py) share: counting checks, and
saying where a failed one failed."""


class Checks:
    def __init__(self, driver):
        self.driver = driver
        self.passed = 0
        self.failed = 0

    def check(self, condition: bool, what: str) -> None:
        from selenium.webdriver.common.by import By

        if condition:
            self.passed += 1
            return
        self.failed += 1
        main = self.driver.find_element(By.TAG_NAME, "main").text[:300]
        print(f"FAIL: {what} (at {self.driver.current_url}): {main!r}")

    def summary(self) -> int:
        """Prints "N passed, M failed" and returns the exit status."""
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


def until(driver, condition, seconds: int = 60):
    """Waits for `condition`, generously, reading a page replaced under it again: under a loaded
    CI run an outbox's send and the reload after it took more than 20 s once."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def wait_for(driver, css: str):
    """Waits until the page has an element matching `css`."""
    from selenium.webdriver.common.by import By

    until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, css))
