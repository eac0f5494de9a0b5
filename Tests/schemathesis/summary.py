"""Prints what one schemathesis run did, from its JSON and NDJSON reports.

    python3 summary.py NAME REPORT_DIR

One line: requests sent (every HTTP exchange schemathesis recorded), answers by status, distinct
failures and errors; then each failure kind with its operations. Exits 1 when there were failures
or errors, or when the reports are missing (the run did not finish).
"""
import collections
import glob
import json
import sys

name, directory = sys.argv[1], sys.argv[2]
summaries = glob.glob(f"{directory}/json-*.json")
events = glob.glob(f"{directory}/ndjson-*.ndjson")
if not summaries or not events:
    print(f"{name}: no report (schemathesis did not finish)")
    sys.exit(1)

requests = 0
statuses = collections.Counter()
with open(events[0], encoding="utf-8") as lines:
    for line in lines:
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        for interaction in (finished["recorder"].get("interactions") or {}).values():
            requests += 1
            response = interaction.get("response")
            statuses[response["status_code"] if response else "no answer"] += 1

with open(summaries[0], encoding="utf-8") as f:
    report = json.load(f)
cases = report["test_cases"]
failures = cases["unique_failures"]
errors = len(report["errors"])
by_status = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=lambda s: str(s[0])))
print(f"{name}: {requests} requests sent ({by_status}); {failures} failures, {errors} errors"
      f" in {report['running_time']:.0f} s")
for failure in report["failures"]:
    print(f"  {failure['code']} {failure['title']}: {failure['count']} ({', '.join(failure['operations'])})")
for error in report["errors"]:
    print(f"  error: {json.dumps(error)[:300]}")
sys.exit(1 if failures or errors or not report.get("complete", True) else 0)
