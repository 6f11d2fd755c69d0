#!/usr/bin/env bash
# The audit trail's checks are the checks' own records (issue 32, defect 4): a cross-footing
# warning past the diagnostics' cap of 100 per code and file is still reported for the figure
# that uses the row (it printed "ok"), and a conversion written `convert (…)` is listed as a
# conversion (it was found by the text "convert(").
set -euo pipefail
bin=$1
base=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$base" org
python3 - <<'PY'
rows = ["post,year,measure,compared_with,value,unit,model,source"]
# 118 years whose totals differ from their parts by rounding come first; 2018 and 2021 last.
for y in list(range(1900, 2018)) + [2018, 2021]:
    rows += [f"a,{y},emissions,,100,t CO2e,M1,kb", f"b,{y},emissions,,200,t CO2e,M1,kb",
             f"total,{y},emissions,,301,t CO2e,M1,kb"]
open("org/climate-accounts.csv", "w").write("\n".join(rows) + "\n")
open("org/rules.xml", "w").write("""<?xml version="1.0" encoding="UTF-8"?>
<rules>
  <rule id="t.conv" disclosure="305-1" requirement="a">
    <value unit="t CO2e" precision="0">convert (convert(value(climate, year=base), "kg CO2e"), "t CO2e")</value>
  </rule>
</rules>
""")
PY
"$bin" build org -o out 2> build.log || { cat build.log; exit 1; }
grep -q "and 20 more climate.cross-footing" build.log || { cat build.log; echo "FAIL: the cap was not reached"; exit 1; }
python3 - <<'PY'
import json
a = json.load(open("out/audit-trail.json"))
by = {f["requirement"]: f["checks"] for f in a["facts"]}
context = by["305-5 (context)"]
cross = [(c["outcome"], c["detail"][:14]) for c in context if c["check"] == "cross-footing"]
assert sorted(cross) == [("warning", "the 2018 total"), ("warning", "the 2021 total")], cross
assert not any(c["check"] == "cross-footing" and c["outcome"] == "ok" for f in a["facts"] for c in f["checks"])
conv = [c["detail"] for c in by["305-1-a"] if c["check"] == "unit-conversion"]
assert len(conv) == 2 and conv[1].startswith("convert (convert("), conv
print("ok: checks past the cap and conversions written with a space")
PY
