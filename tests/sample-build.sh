#!/usr/bin/env bash
# The sample's build: content index and manifest as issue 3 asks, byte-for-byte
# reproducible, and `explain 305-5` leading from the figure to its rule and source rows.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$sample" -o "$work/a" 2> "$work/a.log"
"$bin" build "$sample" -o "$work/b" 2> "$work/b.log"
diff -r "$work/a" "$work/b"
# Standard error holds the diagnostics and nothing else (a stage timer once slipped in).
if grep -Ev '^([^ ]+:[0-9]+:[0-9]+: )?(error|warning|note)\[[a-z0-9.-]+\]: ' "$work/a.log"; then
  echo "FAIL: the build wrote something other than diagnostics to standard error" >&2
  exit 1
fi
python3 - "$work/a" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/content-index.csv", encoding="utf-8")))
header = open(f"{out}/content-index.csv", encoding="utf-8").readline().strip()
assert header == ("gri_standard,disclosure,title,location,omission_requirements,omission_reason,"
                  "omission_explanation,internal_refs,requirements_not_covered"), header
manifest = json.load(open(f"{out}/manifest.json", encoding="utf-8"))
numbers = [r["disclosure"] for r in rows]
general = [f"2-{i}" for i in range(1, 31)] if manifest["claim"] == "in-accordance" \
    else [f"2-{i}" for i in range(1, 6)]
for d in general + ["3-1", "3-2", "3-3"] + [f"305-{i}" for i in range(1, 6)]:
    assert d in numbers, f"no row for {d}"
reasons = {"Inte tillämplig", "Lagliga hinder", "Sekretess", "Information saknas"}
for r in rows:
    if r["omission_requirements"]:
        assert r["omission_reason"] in reasons, r
        assert r["omission_explanation"].strip(), r
    if r["disclosure"] in {"2-1", "2-2", "2-3", "2-4", "2-5", "3-1", "3-2"}:
        assert not r["omission_requirements"], r
        assert r["location"], r
row = next(r for r in rows if r["disclosure"] == "305-5")
# 305-5-a comes from initiatives, which the sample does not estimate: omitted, and b–e
# (which its text does not declare) named as not covered.
assert row["omission_requirements"] == "305-5-a" and "305-5" in row["location"], row
assert row["requirements_not_covered"] == "305-5-b 305-5-c 305-5-d 305-5-e", row
assert row["internal_refs"] == "delmål 3.1; nyckeltal 3.1", row
assert manifest["claim"] == "with-reference"
assert [b["requirement"] for b in manifest["claim_blockers"]] == [2, 4, 5], manifest["claim_blockers"]
assert "305-5-b (emissions)" in manifest["claim_blockers"][2]["disclosures"], manifest["claim_blockers"]
assert manifest["statement_of_use"]["en"] == (
    "Region Dalarna has reported the information cited in this GRI content index for the period "
    "1 January 2021 to 31 December 2021 with reference to the GRI Standards.")
assert manifest["statement_of_use"]["sv"].startswith("Region Dalarna har rapporterat den information")
paths = [i["path"] for i in manifest["inputs"]]
for p in ["organisation.xml", "programme.xml", "climate-accounts.csv", "rules.xml",
          "fonts/LiberationSans-Regular.ttf", "templates/layout.xml", "templates/color/sRGB.icc",
          "gri-mappings/rules/emissions.xml", "gri-mappings/catalogue/gri-305.xml",
          "gri-mappings/compliance.xml", "templates/sv/labels.xml", "templates/xhtml.css"]:
    assert p in paths, f"input {p} not listed"
assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
kinds = {o["path"]: o["kind"] for o in manifest["outputs"]}
assert kinds == {"content-index.csv": "content-index", "content-index.en.csv": "content-index",
                 "content-index.xlsx": "content-index",
                 "gri-supplement.sv.pdf": "pdf-supplement",
                 "gri-supplement.sv.xhtml": "xhtml-supplement",
                 "gri-instance.xbrl": "xbrl-instance", "programme.xbrl": "xbrl-instance",
                 "programme.xsd": "xbrl-schema", "programme_lab.xml": "xbrl-linkbase",
                 "programme_pre.xml": "xbrl-linkbase",
                 "programme_def.xml": "xbrl-linkbase", "audit-trail.json": "audit-trail",
                 "mapping-report.xlsx": "mapping-report",
                 "mapping-report.sv.pdf": "mapping-report"}, kinds
en = list(csv.DictReader(open(f"{out}/content-index.en.csv", encoding="utf-8")))
assert next(r for r in en if r["disclosure"] == "305-6")["omission_reason"] == "Not applicable"
PY
# content-index.xlsx holds the CSV's rows, laid out as GRI's template: statement of use
# above, a frozen header with an autofilter. Read by an independent reader (openpyxl).
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
$py - "$work/a" <<'PY'
import csv, sys
import openpyxl
out = sys.argv[1]
ws = openpyxl.load_workbook(f"{out}/content-index.xlsx").active
assert ws.title == "Innehållsindex", ws.title
assert ws["A2"].value == "Uttalande om användning" and "med hänvisning till" in ws["B2"].value
assert ws.freeze_panes == "A7", ws.freeze_panes
header = [c.value for c in ws[6]]
assert header[:3] == ["GRI-standard / annan källa", "Upplysning", "Placering"], header
assert ws.auto_filter.ref.startswith("A6:H"), ws.auto_filter.ref
assert ws["F7"].alignment.wrap_text and ws.column_dimensions["F"].width >= 40
rows = list(csv.DictReader(open(f"{out}/content-index.csv", encoding="utf-8")))
cells = [[c.value or "" for c in r] for r in ws.iter_rows(min_row=7)]
assert len(cells) == len(rows), (len(cells), len(rows))
for r, c in zip(rows, cells):
    assert c[0] == r["gri_standard"] and c[1] == f"{r['disclosure']} {r['title']}", (r, c)
    assert c[2] == r["location"] and c[3] == r["omission_requirements"], (r, c)
    assert c[5] == r["omission_explanation"] and c[7] == r["internal_refs"], (r, c)
print("content-index.xlsx matches the CSV:", len(rows), "rows")
PY
"$bin" explain "$sample" 305-5 > "$work/explain.txt"
# 305-5-a is omitted (no initiative estimates); the totals stay visible as context.
for want in '305-5 context \(reports no requirement\) = -1920 t CO2e for 2021' \
            'rule emissions.305-5-context  .*gri-mappings/rules/emissions.xml:[0-9]+:[0-9]+' \
            '305-5-a omitted \(its inputs are missing\): Information unavailable' \
            'requirements: a=omission b=none c=none d=none e=none' \
            'warning\[climate.cross-footing\]: the 2018 total: published 17860 differs by rounding from 17861' \
            'value\(climate, year=base\) = 17860 t CO2e' \
            'value\(climate\) = 15940 t CO2e' \
            'climate-accounts.csv:10:1  indicator 3.1 2018 total: 17860 t CO2e \(definition 1, model RD-2018\)' \
            'climate-accounts.csv:15:1  indicator 3.1 2021 total: 15940 t CO2e'; do
  grep -Eq "$want" "$work/explain.txt" || { echo "explain lacks: $want"; cat "$work/explain.txt"; exit 1; }
done
# With initiatives' estimates recorded, 305-5-a is their sum, each action a listed input.
cp -r "$sample" "$work/initiatives"
python3 - "$work/initiatives/programme.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
actions = ('<action id="K1" goals="3.1"><sv>Byt till eldrivna fordon.</sv><en>Electric cars.</en>'
           '<reduction year="2021" unit="t CO2e" scopes="1" method="fuel saved × emission factor">120'
           '</reduction></action>\n  <action id="K2" goals="3.1"><sv>Solceller.</sv><en>Solar.</en>'
           '<reduction year="2021" unit="kg CO2e" scopes="2" method="metered output">35500</reduction>'
           '<reduction year="2020" unit="t CO2e" scopes="2" method="metered output">30</reduction>'
           '</action>\n  <action id="A1"')
s = s.replace('<action id="A1"', actions, 1)
open(p, "w", encoding="utf-8").write(s)
PY
"$bin" explain "$work/initiatives" 305-5 > "$work/explain-initiatives.txt"
for want in '305-5-a = 156 t CO2e for 2021' \
            'programme.xml:[0-9]+:[0-9]+  action K1 2021 scope=1: 120 t CO2e estimated \(fuel saved' \
            'action K2 2021 scope=2: 35500 kg CO2e estimated \(metered output\)' \
            'requirements: a=fact b=none'; do
  grep -Eq "$want" "$work/explain-initiatives.txt" || { echo "explain lacks: $want"; cat "$work/explain-initiatives.txt"; exit 1; }
done
if grep -q 'action K2 2020' "$work/explain-initiatives.txt"; then echo "a 2020 estimate counted for 2021"; exit 1; fi
set +e
"$bin" explain "$sample" 999-9 > /dev/null 2>&1; rc=$?
set -e
[ "$rc" = 2 ] || { echo "explain of an unknown disclosure exited $rc"; exit 1; }
# A broken folder writes nothing and leaves earlier outputs untouched.
cp -r "$sample" "$work/broken"
echo '<rules><rule id="x" disclosure="305-5"><value unit="t CO2e" precision="0">1 +</value></rule></rules>' \
  > "$work/broken/rules.xml"
cp -r "$work/a" "$work/c"
set +e
"$bin" build "$work/broken" -o "$work/c" 2> "$work/c.log"; rc=$?
set -e
[ "$rc" = 1 ] || { echo "a rule error exited $rc"; exit 1; }
grep -q 'rules.xml:1:.*error\[rule.syntax\]' "$work/c.log" || { cat "$work/c.log"; exit 1; }
diff -r "$work/a" "$work/c"
echo "sample builds; content index, manifest and explain as required; reproducible"
