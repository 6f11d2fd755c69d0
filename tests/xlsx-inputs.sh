#!/usr/bin/env bash
# .xlsx inputs (issue 13): workbooks written by an independent writer (openpyxl) are read
# as their CSVs are, exactly; bad workbooks are refused naming the file or the cell.
set -euo pipefail
bin=$1
sample=$2
base=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# Debian's python3-openpyxl lives with Debian's python3, which another python3 on PATH
# (pyenv) may hide.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
$py -c "import openpyxl" 2>/dev/null || { echo "python3-openpyxl is missing"; exit 1; }

# The sample from .xlsx gives the same content index and XBRL facts as from its CSVs.
cp -r "$sample" "$work/xlsx"
$py - "$work/xlsx" <<'PY'
import csv, io, os, sys, zipfile
import openpyxl
folder = sys.argv[1]
for name, sheet in (("observations", "Mätvärden"), ("climate-accounts", None)):
    path = os.path.join(folder, name + ".csv")
    lines = [l for l in open(path, encoding="utf-8-sig").read().splitlines() if not l.startswith("#")]
    rows = list(csv.reader(lines))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet or "Blad1"
    header = rows[0]
    for r in rows:
        out = []
        for col, v in zip(header, r):
            if r is not rows[0] and col in ("value", "year", "compared_with") and v:
                # Numbers as numbers; Excel stores the shortest decimal that round-trips.
                out.append(int(v) if v.lstrip("-").isdigit() else float(v))
            else:
                out.append(v if v else None)
        ws.append(out)
    wb.save(os.path.join(folder, name + ".xlsx"))
    os.remove(path)
org = os.path.join(folder, "organisation.xml")
s = open(org, encoding="utf-8").read()
s = s.replace("</organisation>", '  <sheet file="observations.xlsx">Mätvärden</sheet>\n</organisation>')
open(org, "w", encoding="utf-8").write(s)
PY
"$bin" build "$sample" -o "$work/from-csv" 2> "$work/csv.log" || fail "CSV build: $(cat "$work/csv.log")"
"$bin" build "$work/xlsx" -o "$work/from-xlsx" 2> "$work/xlsx.log" || fail "xlsx build: $(grep error "$work/xlsx.log")"
for f in content-index.csv content-index.en.csv gri-instance.xbrl programme.xbrl; do
  cmp -s "$work/from-csv/$f" "$work/from-xlsx/$f" || fail "$f differs between CSV and xlsx inputs: $(diff "$work/from-csv/$f" "$work/from-xlsx/$f" | head -5)"
done
grep -q '"path": "observations.xlsx"' "$work/from-xlsx/manifest.json" || fail "manifest does not list observations.xlsx"
echo "ok: sample from xlsx"

# Cells as Excel stores them: a float sum, a date in the year column, a formula with its
# cached value, shared and inline strings.
cp -r "$base" "$work/cells"
rm "$work/cells/observations.csv"
$py - "$work/cells/observations.xlsx" <<'PY'
import datetime, sys, zipfile
import openpyxl
path = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["indicator", "year", "value", "unit", "status", "source"])
ws.append(["1.2", 2019, 0.1 + 0.2, "%", "final", "kost"])  # a double 0.30000000000000004; stored "0.3"
ws.append(["1.2", 2018, 1e-7, "%", "final", "kost"])        # stored "1e-07"
ws.append(["1.2", datetime.date(2020, 12, 31), 14.5, "%", "final", "kost"])
ws.append(["1.2", 2021, "=10+1", "%", "preliminary", "kost"])
wb.save(path)
# openpyxl cannot calculate: give the formula the cached value Excel would have saved.
z = zipfile.ZipFile(path)
parts = {n: z.read(n) for n in z.namelist()}
z.close()
sheet = parts["xl/worksheets/sheet1.xml"].decode()
sheet = sheet.replace("<f>10+1</f><v></v>", "<f>10+1</f><v>11</v>").replace("<f>10+1</f><v />", "<f>10+1</f><v>11</v>")
if "<v>11</v>" not in sheet:
    sheet = sheet.replace("<f>10+1</f>", "<f>10+1</f><v>11</v>")
# openpyxl writes inline strings; Excel and libxlsxwriter write shared strings: move every
# string into xl/sharedStrings.xml, as Excel would.
import re
strings = []
def share(m):
    strings.append(m.group(2))
    return f'<c r="{m.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'
sheet = re.sub(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', share, sheet)
assert 't="s"' in sheet and "inlineStr" not in sheet
sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
       'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
       + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")
parts["xl/sharedStrings.xml"] = sst.encode()
rels = parts["xl/_rels/workbook.xml.rels"].decode()
parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>",
    '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>').encode()
ct = parts["[Content_Types].xml"].decode()
parts["[Content_Types].xml"] = ct.replace("</Types>",
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>').encode()
# The 1904 date system (Excel for Mac's old default): 2020-12-31 is day 42734.
wbx = parts["xl/workbook.xml"].decode()
parts["xl/workbook.xml"] = wbx.replace("<workbookPr/>", '<workbookPr date1904="1"/>').encode()
sheet = re.sub(r'(<c r="B4" s="\d+" t="n"><v>)44196(</v>)', r"\g<1>42734\2", sheet)
assert "42734" in sheet, sheet
parts["xl/worksheets/sheet1.xml"] = sheet.encode()
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
    for n, b in parts.items():
        out.writestr(n, b)
PY
"$bin" build "$work/cells" -o "$work/cells-out" 2> "$work/cells.log" || fail "cells: $(grep error "$work/cells.log")"
$py - "$work/cells-out/programme.xbrl" <<'PY'
import re, sys
x = open(sys.argv[1], encoding="utf-8").read()
facts = re.findall(r'<prog:Indicator_1_2 (?:id="prel_[0-9]+" )?contextRef="([^"]+)"[^>]*>([^<]+)<', x)
values = sorted(v for _, v in facts)
# % facts are fractions. Exactly the decimal stored, never a binary float's digits.
assert "0.003" in values, values
assert "0.000000001" in values, values
assert "0.145" in values, values
assert "0.11" in values, values
# The date cell, in the 1904 system, names 2020.
years = dict(re.findall(r'<xbrli:context id="([^"]+)">.*?<xbrli:endDate>(\d{4})', x, re.S))
assert ("0.145", "2020") in [(v, years.get(c)) for c, v in facts], [(v, years.get(c)) for c, v in facts]
print("ok: exact values", values)
PY

# Bad workbooks, each refused with its code at the file or the cell.
expect() {  # expect CASE PREFIX
  set +e; (cd "$work" && "$bin" validate "$1") > "$work/$1.log" 2>&1; local rc=$?; set -e
  [ $rc -eq 1 ] || fail "$1: exit $rc: $(cat "$work/$1.log")"
  grep -q "^$2" "$work/$1.log" || fail "$1: no '$2': $(grep -E 'error|note' "$work/$1.log")"
  echo "ok: $1"
}
bad() { cp -r "$base" "$work/$1"; rm "$work/$1/observations.csv"; }
bad xls;       printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1%01000d' 0 > "$work/xls/observations.xlsx"
expect xls "xls/observations.xlsx: error\[xlsx.old-format\]: this is an .xls file"
bad encrypted; { printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; printf 'E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0'; } > "$work/encrypted/observations.xlsx"
expect encrypted "encrypted/observations.xlsx: error\[xlsx.encrypted\]: the workbook is password-protected"
bad corrupt;   head -c 3000 /dev/urandom > "$work/corrupt/observations.xlsx"
expect corrupt "corrupt/observations.xlsx: error\[xlsx.corrupt\]"
for c in sheet-missing merged text-comma text-bad formula; do bad $c; done
$py - "$work" <<'PY'
import os, sys
import openpyxl
work = sys.argv[1]
def book(case, rows, merge=None, title="Blad1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(os.path.join(work, case, "observations.xlsx"))
head = ["indicator", "year", "value", "unit", "status", "source"]
book("sheet-missing", [head, ["1.2", 2019, 14.5, "%", "final", "kost"]], title="Data")
book("merged", [["indicator", "", "value", "unit", "status", "source"], ["1.2", 2019, 14.5, "%", "final", "kost"]], merge="A1:B1")
book("text-comma", [head, ["1.2", 2019, "14,5", "%", "final", "kost"]])
book("text-bad", [head, ["1.2", 2019, "14,5 %", "%", "final", "kost"]])
book("formula", [head, ["1.2", 2019, "=1/3", "%", "final", "kost"]])
PY

sed -i 's|</organisation>|  <sheet file="observations.xlsx">Mätvärden</sheet>\n</organisation>|' "$work/sheet-missing/organisation.xml"
expect sheet-missing "sheet-missing/observations.xlsx: error\[xlsx.sheet-missing\]: the workbook has no sheet 'Mätvärden' (it has: Data)"
expect merged "merged/observations.xlsx:Blad1!A1: error\[xlsx.merged-header\]"
expect text-bad "text-bad/observations.xlsx:Blad1!C2: error\[csv.number\]: '14,5 %' is not a number"
expect formula "formula/observations.xlsx:Blad1!C2: error\[xlsx.formula-no-value\]"
set +e; (cd "$work" && "$bin" validate text-comma) > "$work/text-comma.log" 2>&1; rc=$?; set -e
[ $rc -eq 0 ] && grep -q "^text-comma/observations.xlsx:Blad1!C2: note\[xlsx.text-number\]: '14,5' is stored as text; read as 14.5" "$work/text-comma.log" ||
  fail "text-comma: $rc $(grep -E 'error|note' "$work/text-comma.log")"
echo "ok: text-comma"
cp -r "$base" "$work/both"; cp "$work/text-comma/observations.xlsx" "$work/both/"
expect both "both/observations.xlsx: error\[io.ambiguous-input\]: both observations.csv and observations.xlsx"
# The data-entry workbook: sheets, lists, locked header; filled in by openpyxl it builds
# with the values given, exactly.
"$bin" template "$sample" -o "$work/template.xlsx" 2> "$work/template.log" || fail "template: $(cat "$work/template.log")"
cp -r "$sample" "$work/filled"
rm "$work/filled/observations.csv"
$py - "$work/template.xlsx" "$work/filled/observations.xlsx" "$work/filled.json" <<'PY'
import json, sys
import openpyxl
src, dst, record = sys.argv[1:4]
wb = openpyxl.load_workbook(src)
assert wb.sheetnames[:2] == ["Instruktioner", "Listor"], wb.sheetnames
assert wb["Listor"].sheet_state == "hidden"
areas = wb.sheetnames[2:]
assert areas == ["1 Hälsa och livsvillkor", "2 Samhälle och delaktighet", "3 Miljö och klimat",
                 "4 Hållbar organisation"], areas
assert "observations.xlsx" in " ".join(str(c.value) for c in wb["Instruktioner"]["A"])
given = {}
for name in areas:
    ws = wb[name]
    assert [c.value for c in ws[1]] == ["indicator", "name", "definition", "year", "value", "unit",
                                        "status", "source", "evidence"]
    assert ws.protection.sheet and ws["A1"].protection.locked and not ws["E2"].protection.locked
    assert ws.freeze_panes == "A2"
    kinds = {str(d.sqref).split(":")[0][0]: (d.type, d.formula1) for d in ws.data_validations.dataValidation}
    assert kinds["A"] == ("list", "Listor!$A$2:$A$66"), kinds
    assert kinds["G"] == ("list", '"final,preliminary"'), kinds
    assert kinds["F"][0] == "list", kinds
    for r in range(2, ws.max_row + 1):
        ind, year = ws.cell(r, 1).value, ws.cell(r, 4).value
        assert ind != "3.1", "the climate indicator comes from the climate accounts"
        value = round(r * 1.25 + len(name), 2)  # exact in decimal, not in binary
        ws.cell(r, 5).value = value
        ws.cell(r, 7).value = "final"
        given[f"{ind}@{year}"] = repr(value)
wb.save(dst)
json.dump(given, open(record, "w"))
print("filled", len(given), "values")
PY
"$bin" build "$work/filled" -o "$work/filled-out" 2> "$work/filled.log" || fail "filled template: $(grep error "$work/filled.log")"
$py - "$work/filled-out/programme.xbrl" "$work/filled.json" "$work/filled/programme.xml" <<'PY'
import json, re, sys
from decimal import Decimal
x = open(sys.argv[1], encoding="utf-8").read()
given = json.load(open(sys.argv[2]))
prog = open(sys.argv[3], encoding="utf-8").read()
units = dict(re.findall(r'<indicator id="([^"]+)"[^>]*unit="([^"]+)"', prog))
contexts = dict(re.findall(r'<xbrli:context id="([^"]+)">.*?<xbrli:endDate>(\d{4})', x, re.S))
found = {}
for concept, ctx, value in re.findall(r'<prog:Indicator_([0-9_]+) contextRef="([^"]+)"[^>]*>([^<]+)<', x):
    found.setdefault(f"{concept.replace('_', '.')}@{contexts.get(ctx)}", set()).add(Decimal(value))
checked = 0
for key, value in given.items():
    ind = key.split("@")[0]
    want = Decimal(value) / (100 if units.get(ind) == "%" else 1)
    assert want in found.get(key, set()), (key, want, found.get(key))
    checked += 1
print("ok: template round trip,", checked, "values back exactly")
PY
echo "ok: xlsx inputs"
