#!/usr/bin/env python3
"""Mutation check: do the tests notice when a decision in the library is made wrong?

Each row of Tests/mutations.json names a source file, an exact piece of its text, and what to
put there instead (a bound moved, a guard dropped, absent bits read as known). For each row the
script writes the mutant, builds the tests, runs `swift test`, and restores the file, whatever
happens. A mutant is caught when some test fails; one that passes every test shows a decision
no test pins down. Rows marked "equivalent" change nothing observable (the reason is given) and
are expected to pass.

Usage (from the repository root; about a minute per row on two cores):

    samples/tools/mutate.py [ID ...]

Exit status 0 when every mutant not marked equivalent is caught, 1 otherwise, 2 when a row's
text is no longer in its file (the source moved on: update the row) or an ID names no row.
"""

import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run(command):
    return subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True)


def write(path, text):
    # The build compares modification times: a rewrite within the same second as the last build
    # could be missed, so each write waits first (an interrupt while waiting still writes: the
    # restoring write must happen).
    try:
        time.sleep(1.5)
    finally:
        with open(path, "w") as f:
            f.write(text)


def failing_tests():
    """The tests that failed; a run that ended badly without naming one (a mutant that traps
    kills the test process) counts as caught too."""
    result = run("swift test --skip-build 2>&1")
    names = set()
    for line in result.stdout.splitlines():
        match = re.match(r"^✘ Test (\w+)\(", line)
        if match:
            names.add(match.group(1))
    if not names and result.returncode != 0:
        return [f"the test run itself (exit status {result.returncode})"]
    return sorted(names)


def main():
    with open(os.path.join(ROOT, "Tests", "mutations.json")) as f:
        rows = json.load(f)
    if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
        print(__doc__.strip())
        return
    wanted = set(sys.argv[1:])
    unknown = sorted(wanted - {row["id"] for row in rows})
    if unknown:
        print(f"mutate.py: no row {', '.join(unknown)} in Tests/mutations.json", file=sys.stderr)
        sys.exit(2)
    rows = [row for row in rows if not wanted or row["id"] in wanted]
    missing = False
    surviving = []
    for row in rows:
        path = os.path.join(ROOT, row["file"])
        with open(path) as f:
            source = f.read()
        if source.count(row["old"]) != 1:
            print(f"{row['id']}: its text is in {row['file']} {source.count(row['old'])} times, not once", flush=True)
            missing = True
            continue
        try:
            write(path, source.replace(row["old"], row["new"]))
            build = run("swift build --build-tests 2>&1")
            if build.returncode != 0:
                print(f"{row['id']}: the mutant does not build; fix the row", flush=True)
                missing = True
                continue
            failed = failing_tests()
        finally:
            write(path, source)
        equivalent = row.get("equivalent")
        if failed:
            verdict = "caught by " + ", ".join(failed[:4]) + (f" and {len(failed) - 4} more" if len(failed) > 4 else "")
            if equivalent:
                verdict += " (marked equivalent: update the row)"
                surviving.append(row["id"])
        elif equivalent:
            verdict = "passes, as expected: " + equivalent
        else:
            verdict = "NOT CAUGHT"
            surviving.append(row["id"])
        print(f"{row['id']}: {row['mutation']}: {verdict}", flush=True)
    run("swift build --build-tests 2>&1")
    if missing:
        sys.exit(2)
    if surviving:
        print("not caught: " + " ".join(surviving))
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("mutate.py: interrupted; the file under test is restored (the next build rebuilds it)", file=sys.stderr)
        sys.exit(130)
