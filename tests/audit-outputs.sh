#!/usr/bin/env bash
# The auditor's outputs of the sample: the audit trail's places all exist, the mapping
# report (read by openpyxl and by pdftotext) lists every rule the audit trail lists and
# the programme's goals and indicators that feed no disclosure.
set -euo pipefail
bin=$1
sample=$2
data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$sample" -o "$work/out" 2> "$work/log" || { cat "$work/log"; exit 1; }
pdftotext -layout "$work/out/mapping-report.sv.pdf" "$work/report.txt"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
$py - "$work/out" "$sample" "$data" "$work/report.txt" <<'PY'
import json, os, re, sys
import openpyxl
out, sample, data, report = sys.argv[1:5]
trail = json.load(open(f"{out}/audit-trail.json", encoding="utf-8"))
assert trail["schema"] == "griexport.audit-trail/1"

# Every place in the audit trail names an input and a line that exists in it.
places = []
def walk(x, key=""):
    if isinstance(x, dict):
        for k, v in x.items(): walk(v, k)
    elif isinstance(x, list):
        for v in x: walk(v, key)
    elif isinstance(x, str) and key.endswith("location"):
        places.append(x)
walk(trail)
assert len(places) > 100, len(places)
lines_of = {}
for p in places:
    m = re.fullmatch(r"(.+?):(\d+):(\d+)", p)
    assert m, f"not file:line:col: {p}"
    path, line = m.group(1), int(m.group(2))
    root = data if path.split("/")[0] in ("gri-mappings", "templates", "fonts") else sample
    full = os.path.join(root, path)
    assert os.path.isfile(full), f"{p}: no file {full}"
    if full not in lines_of:
        lines_of[full] = open(full, encoding="utf-8").read().count("\n") + 1
    assert 1 <= line <= lines_of[full], f"{p}: {full} has {lines_of[full]} lines"

# The rules applied: the count, and each with what it gave.
runs = trail["rules_applied"]
assert trail["counts"]["rules_applied"] == len(runs) > 0
r305 = next(r for r in runs if r["rule"] == "emissions.305-5-a")
assert r305["origin"] == "override" and r305["result"] == "fallback-omission", r305
assert r305["replaces"]["location"].startswith("gri-mappings/rules/emissions.xml:"), r305
assert r305["replaces"]["expression"] == "reductions()", r305
ctx = next(f for f in trail["facts"] if f["rule"] == "emissions.305-5-context")
assert ctx["context"] and ctx["value"] == "-1920" and ctx["concept"] is None, ctx
checks = {(c["check"], c["outcome"]) for c in ctx["checks"]}
assert ("cross-footing", "warning") in checks and ("target-path", "behind-path") in checks, checks
cov = next(c for c in trail["coverage"] if c["disclosure"] == "305-5")
assert [r["by"] for r in cov["requirements"]] == ["omission", "none", "none", "none", "none"], cov
assert cov["partly_reported"] is True
unmapped_ind = {i["id"] for i in trail["feeding_no_disclosure"]["indicators"]}
assert "1.1" in unmapped_ind and "3.1" not in unmapped_ind and "3.11" not in unmapped_ind

# The workbook: a sheet per part, header frozen under the introduction, filters on.
wb = openpyxl.load_workbook(f"{out}/mapping-report.xlsx")
assert wb.sheetnames == ["Regler", "Indata", "Kontroller", "Utelämnanden", "Täckning per krav",
                         "Hinder för anspråket", "Ej kopplat till GRI", "Granska först"], wb.sheetnames
for ws in wb.worksheets:
    assert ws.freeze_panes == "A3", (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), (ws.title, ws.auto_filter.ref)
rules = wb["Regler"]
rows = [r for r in rules.iter_rows(min_row=3, values_only=True)]
assert len(rows) == len(runs), (len(rows), len(runs))
assert [r[3] for r in rows] == [r["rule"] for r in runs]
assert rows[0][5] == "ersätter standard", rows[0]
inputs = list(wb["Indata"].iter_rows(min_row=3, values_only=True))
assert any(r[6] == 17860 and r[13] == "climate-accounts.csv:10:1" for r in inputs), inputs
unmapped = {r[1] for r in wb["Ej kopplat till GRI"].iter_rows(min_row=3, values_only=True)
            if r[0] == "nyckeltal"}
assert unmapped == unmapped_ind, unmapped ^ unmapped_ind
cover = {r[0]: r[3] for r in wb["Täckning per krav"].iter_rows(min_row=3, values_only=True)}
assert cover["305-5-b"] == "INGET" and cover["305-5-a"] == "utelämnande", cover

# The PDF says the same: the count and every rule id.
text = open(report, encoding="utf-8").read()
assert f"{len(runs)} regeltillämpningar" in text, text[:400]
for r in runs:
    assert r["rule"] in text or r["rule"][:12] in text, r["rule"]
print(f"audit trail: {len(places)} places exist; mapping report: {len(runs)} rules, "
      f"{len(unmapped)} indicators feeding nothing")
PY
