"""Validates recorded API responses against the schemas the OpenAPI document declares for them.

Usage: python3 validate_responses.py OPENAPI.json CASES.json

CASES.json is a list of {"method", "path", "status", "body"} objects (path is the document's path
template, e.g. "/stations/{code}"; body is the response text), optionally with "expectInvalid":
true for a body made wrong on purpose, which the validator must refuse. The schemas are JSON
Schema 2020-12 (OpenAPI 3.1), validated with $refs resolved in the document itself.

Prints one JSON object: {"checked": N, "failures": [text, ...]}. Exits 0 unless it cannot run.
"""
import json
import sys
from urllib.parse import quote

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:sala:openapi"


def pointer(*segments):
    """A JSON pointer as a URI fragment, each segment escaped."""
    return "".join("/" + quote(str(s).replace("~", "~0").replace("/", "~1"), safe="") for s in segments)


def main():
    document = json.load(open(sys.argv[1], encoding="utf-8"))
    cases = json.load(open(sys.argv[2], encoding="utf-8"))
    registry = Registry().with_resource(DOCUMENT_URI, Resource(contents=document, specification=DRAFT202012))
    format_checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    failures = []
    checked = 0
    for case in cases:
        method, path, status = case["method"].lower(), case["path"], str(case["status"])
        name = f"{method.upper()} {path} → {status}"
        operation = document.get("paths", {}).get(path, {}).get(method)
        if operation is None:
            failures.append(f"{name}: the document has no such operation")
            continue
        responses = operation.get("responses", {})
        key = status if status in responses else ("default" if "default" in responses else None)
        if key is None:
            failures.append(f"{name}: status not declared (declared: {', '.join(sorted(responses))})")
            continue
        response = responses[key]
        location = ["paths", path, method, "responses", key]
        if "$ref" in response:
            # A shared response in components/responses.
            ref = response["$ref"]
            if not ref.startswith("#/components/responses/"):
                failures.append(f"{name}: cannot follow the response $ref {ref}")
                continue
            location = ["components", "responses", ref.rsplit("/", 1)[1]]
            response = document["components"]["responses"][location[2]]
        if "text/csv" in response.get("content", {}):
            # A CSV file: a header line of column names, then lines with as many fields.
            lines = [line for line in case["body"].split("\n") if line]
            if not lines or "," not in lines[0]:
                failures.append(f"{name}: the document declares CSV, but the body has no header line: {case['body'][:200]}")
            checked += 1
            continue
        if "text/calendar" in response.get("content", {}):
            # An iCalendar file (RFC 5545).
            if not case["body"].startswith("BEGIN:VCALENDAR\r\n") or "END:VCALENDAR" not in case["body"]:
                failures.append(f"{name}: the document declares iCalendar, but the body is not one: {case['body'][:200]}")
            checked += 1
            continue
        binary = [kind for kind in ("image/jpeg", "image/png", "application/pdf") if kind in response.get("content", {})]
        if binary:
            # A file sent as it was stored (evidence): not an error body, not empty.
            if not case["body"] or case["body"].lstrip().startswith("{"):
                failures.append(f"{name}: the document declares a file ({', '.join(binary)}), but the body is not one: {case['body'][:200]}")
            checked += 1
            continue
        media = response.get("content", {}).get("application/json")
        if media is None or "schema" not in media:
            if case["body"].strip() and case["status"] != 302:
                failures.append(f"{name}: the document declares no JSON schema, but the server sent a body: {case['body'][:200]}")
            continue
        try:
            body = json.loads(case["body"])
        except ValueError as error:
            failures.append(f"{name}: not JSON ({error}): {case['body'][:200]}")
            continue
        ref = DOCUMENT_URI + "#" + pointer(*location, "content", "application/json", "schema")
        validator = jsonschema.Draft202012Validator({"$ref": ref}, registry=registry, format_checker=format_checker)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
        checked += 1
        if case.get("expectInvalid"):
            if not errors:
                failures.append(f"{name}: a deliberately wrong body was accepted: {case['body'][:300]}")
            continue
        for error in errors[:10]:
            at = "/".join(map(str, error.absolute_path)) or "(root)"
            failures.append(f"{name} ({case.get('uri', '')}): at {at}: {error.message[:300]}")
    print(json.dumps({"checked": checked, "failures": failures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
