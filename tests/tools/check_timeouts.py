"""Fails unless every ctest test of the build folder has a TIMEOUT property.

Reads ctest's own listing (ctest --show-only=json-v1), so a test added anywhere without a
timeout is caught, whichever CMakeLists.txt added it.
"""
import json
import os
import subprocess
import sys

cmake, build = sys.argv[1], sys.argv[2]
ctest = os.path.join(os.path.dirname(cmake), "ctest")
listing = subprocess.run([ctest, "--show-only=json-v1", "--test-dir", build],
                         check=True, capture_output=True, text=True).stdout
tests = json.loads(listing)["tests"]
missing = []
for t in tests:
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    if not props.get("TIMEOUT"):
        missing.append(t["name"])
if not tests:
    sys.exit("no tests listed")
if missing:
    sys.exit("tests without a TIMEOUT: " + ", ".join(missing))
print(f"ok: all {len(tests)} tests have a timeout")
