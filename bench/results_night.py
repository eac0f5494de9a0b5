"""The results-night half of bench/load (see bench/README.md): result forms entered over the API at
a steady rate (blind double entry, two NEC accounts) while wrk reads the national and province
pages, then the results JSON, and a probe reads both every 100 ms to see how far behind the last
accepted form they are."""

import http.client
import json
import re
import threading
import time

from forms import consistent_forms


class FormEntry:
    """Enters every station's form twice (two accounts' tokens), `rate` forms a second, from 32
    threads over kept-alive connections; a third account acknowledges a form the checks question.
    Notes when each form was answered as accepted."""

    def __init__(self, port, stations, ballots, tokens, rate):
        self.port = port
        tokens, self.acknowledger = tokens[:2], tokens[2]
        self.rate = rate
        bodies = consistent_forms(stations, ballots)
        # The second clerk enters the same paper a second after the first, as another account.
        self.requests = sorted((i / rate + second, code, body, token) for i, (code, body) in enumerate(bodies)
                               for second, token in enumerate(tokens))
        self.accepted = []  # monotonic times, in the order the answers came
        self.refused = []
        self.lock = threading.Lock()
        self.next = 0
        self.started = None
        self.threads = [threading.Thread(target=self.worker, daemon=True) for _ in range(32)]

    def start(self):
        self.started = time.monotonic()
        for t in self.threads:
            t.start()

    def join(self):
        for t in self.threads:
            t.join()

    def accepted_count(self):
        with self.lock:
            return len(self.accepted)

    def worker(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port)
        while True:
            with self.lock:
                if self.next >= len(self.requests):
                    return
                due, code, body, token = self.requests[self.next]
                self.next += 1
            wait = self.started + due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
            conn.request("POST", f"/api/v1/results/stations/{code}/entries", body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            if response.status < 300 and json.loads(answer).get("status") == "awaiting-acknowledgement":
                # A form the checks question (a station with few voters on a small register): the
                # NEC acknowledges it, as an official would after a look (not one who entered it).
                version = json.dumps({"version": json.loads(answer)["version"]})
                conn.request("POST", f"/api/v1/results/stations/{code}/acknowledgement", body=version,
                             headers={**headers, "Authorization": "Bearer " + self.acknowledger})
                response = conn.getresponse()
                answer = response.read()
            now = time.monotonic()
            with self.lock:
                if response.status >= 300:
                    self.refused.append((code, response.status, answer[:200]))
                elif json.loads(answer).get("status") == "accepted":
                    self.accepted.append(now)


class Probe:
    """Reads the results JSON and the national page in turn every 100 ms and notes, each time, how
    long ago the oldest accepted form it does not show was acknowledged (0 when it shows them all)."""

    PAGE = re.compile(r"([\d,]+) of [\d,]+ polling stations reported")

    def __init__(self, port, entry):
        self.port = port
        self.entry = entry
        self.behind = []  # (seconds behind, which)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join()

    def shown(self, conn, which):
        if which == "JSON":
            conn.request("GET", "/api/v1/results")
            return json.loads(conn.getresponse().read())["national"]["stationsReported"]
        conn.request("GET", "/en/results")
        page = conn.getresponse().read().decode()
        return int(self.PAGE.search(page).group(1).replace(",", ""))

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port)
        turn = 0
        while not self.stopping.wait(0.1):
            which = ("JSON", "page")[turn % 2]
            turn += 1
            shown = self.shown(conn, which)
            now = time.monotonic()
            with self.entry.lock:
                accepted = sorted(self.entry.accepted)
            # The page shows `shown` forms: at least one of the first shown + 1 accepted is missing.
            self.behind.append((now - accepted[shown] if len(accepted) > shown else 0.0, which))


def measure(port, stations, ballots, tokens, rate, runs, wrk):
    """Enters forms at `rate` while wrk runs each of `runs` ((name, url, script)); returns figures
    per run (wrk's, and the forms accepted a second meanwhile) and the probe's worst delay."""
    entry = FormEntry(port, stations, ballots, tokens, rate)
    probe = Probe(port, entry)
    entry.start()
    probe.start()
    time.sleep(3)  # the entry reaches its pace and the first reports are made
    figures = {}
    for name, url, script in runs:
        before, started = entry.accepted_count(), time.monotonic()
        figures[name] = wrk(url, script)
        figures[name]["forms per s"] = (entry.accepted_count() - before) / (time.monotonic() - started)
    probe.stop()
    entry.join()
    figures["most behind (s)"] = max((b for b, _ in probe.behind), default=0.0)
    figures["probes"] = len(probe.behind)
    figures["forms accepted"] = entry.accepted_count()
    figures["refused entries"] = len(entry.refused)
    figures["first refusals"] = entry.refused[:3]
    return figures
