#!/usr/bin/env bash
# A second organisation, unlike the sample (issue 17): a municipality whose files use the
# units and spellings Swedish users write (ton, st, m3, kWh/m2, timmar, invånare), ids
# with å/ä/ö, a CSV as Swedish Excel saves it (';', decimal commas, no griexport line,
# trailing delimiters, CRLF, BOM), a Kolada file with string periods and "Prel", and
# intensity ratios for 302-3 and 305-4. It must validate and build, and mean it.
set -euo pipefail
bin=$1
org=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" validate "$org" --format json > "$work/validate.json" 2> /dev/null
"$bin" build "$org" --lang both -o "$work/out" 2> "$work/build.log"
"$bin" explain "$org" 305-4 > "$work/305-4.txt"
"$bin" explain "$org" 302-3 > "$work/302-3.txt"
pdftotext -layout "$work/out/gri-supplement.sv.pdf" "$work/sv.txt"
pdftotext -layout "$work/out/gri-supplement.en.pdf" "$work/en.txt"
python3 - "$work" <<'PY'
import json, re, sys
w = sys.argv[1]
m = json.load(open(f"{w}/out/manifest.json", encoding="utf-8"))
items = m["diagnostics"]["items"]
codes = [d["code"] for d in items]
assert m["diagnostics"]["errors"] == 0, items
# The CSV's decimal commas were inferred, once; no header of either PDF broke in a word.
assert codes.count("csv.decimal-comma-inferred") == 1, codes
assert "pdf.header-split" not in codes, [d for d in items if d["code"] == "pdf.header-split"]
assert m["standards"] == ["GRI 2", "GRI 3", "GRI 302", "GRI 305", "GRI 306"], m["standards"]

e305 = open(f"{w}/305-4.txt", encoding="utf-8").read()
# 6140 t CO2e / 24 780 inhabitants = 0.2477… → 0.25, from the default rule and <intensity>.
assert "305-4-a = 0.25 t CO2e/inhabitants for 2023" in e305, e305
assert "rule emissions.305-4-a" in e305 and "value(denominator) = 24780 inhabitants" in e305, e305
assert "concept gri:" not in e305, e305  # a total-emissions ratio is not the Scope 1 concept
e302 = open(f"{w}/302-3.txt", encoding="utf-8").read()
# 39 850 000 kWh (written in kWh for an MWh indicator) / 268 400 m² = 148.47… → 148.5 kWh/m².
assert "302-3-a = 148.5 kWh/m² for 2023" in e302, e302
assert "39850000 kWh as written, 39850 MWh in the indicator's unit (preliminary" in e302, e302

inst = open(f"{w}/out/gri-instance.xbrl", encoding="utf-8").read()
assert "DirectScope1GHGEmissionsIntensityRatio" not in inst
prog = open(f"{w}/out/programme.xbrl", encoding="utf-8").read()
# Swedish ids stay Swedish in XBRL names; m³ is m3; kg per inhabitant is a divide.
assert "<prog:Indicator_växthusgaser " in prog and "<prog:Indicator_återvunnet-avfall " in prog
assert "gxu:m3" in prog, "m³ as a measure"
assert re.search(r'<xbrli:unit id="u_kg_per_inhabitants"><xbrli:divide>', prog.replace("\n", "").replace("  ", "")), "kg/invånare as a divide"

sv = open(f"{w}/sv.txt", encoding="utf-8").read()
en = open(f"{w}/en.txt", encoding="utf-8").read()
for unit in ["ton CO2e/", "kWh/m²", "kg/invånare", "m³", "timmar", "st"]:
    assert unit in sv, unit
assert "t CO2e/inhabitant" in " ".join(en.split()), "en unit"
assert "hours" in en and "kg/inhabitant" in en, "en labels"
# Kolada's "Prel" value and the Excel sheet's preliminär are marked preliminary.
assert re.search(r"432 prel\.", sv), "Kolada Prel"
assert re.search(r"39 850 .*\n.*prel\.", sv), "the sheet's preliminär"
assert "prel. = preliminärt värde" in sv
# A figure computed from a preliminary value is marked where it is printed…
assert re.search(r"302-3-a .*148,5 kWh/m² prel\.", sv), "302-3-a computed from a preliminary value"
# …and footnoted in XBRL: each preliminary observation (the sheet's two, Kolada's one).
assert prog.count(' id="prel_') == 3, prog.count(' id="prel_')
assert 'xlink:arcrole="http://www.xbrl.org/2003/arcrole/fact-footnote"' in prog
assert 'xml:lang="sv">Preliminärt värde' in prog
# Issue 10: a municipality's words, not a region's; defaults from its data; a comparison
# across a definition change said where it is made.
assert "regionens" not in sv and "region's" not in en, "region wording in a municipality's PDF"
assert "från kommunens verksamheter" in sv.replace("\n", " ")
assert "De väsentliga frågorna är: Utsläpp och klimat, Energi, Avfall." in sv
assert "Redovisningen avser perioden 1 januari 2023 – 31 december 2023" in sv
assert re.search(r"66,3 % \(1\) Enligt plan", sv), "the footnote mark on the compared share"
flat = re.sub(r"-\s+(?=\w)", "-", " ".join(sv.split()))  # a line broken after a hyphen
assert "(1) Utvecklingen för återvunnet-avfall jämför 2019 (definition 1) med 2023 (definition 2); enligt ändring R-avfall-2022: Värdena blev omkring 15 % högre." in flat, flat[-2000:]
note = [d for d in items if d["code"] == "target.across-definitions"]
assert len(note) == 1 and "R-avfall-2022" in note[0]["message"], note
print("kommun: validates and builds; intensities, units, ids, Excel CSV and Kolada hold")
PY
# The 2019 value restated under definition 2 (column restated_as) takes the baseline's
# place: (2 710 − 2 461,6) / (3 000 − 2 461,6) = 46,1 %, said in a note and a footnote,
# while the table still shows 2019 as it was reported.
cp -r "$org" "$work/restated"
python3 - "$work/restated/observations.csv" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8", newline="").read()
s = s.replace("source;scope;\r\n", "source;scope;restated_as\r\n", 1)
s += "återvunnet-avfall;2019;2461,6;ton;slutlig;Renhållningen;;2\r\n"
open(p, "w", encoding="utf-8", newline="").write(s)
PY
"$bin" build "$work/restated" -o "$work/restated-out" 2> "$work/restated.log"
pdftotext -layout "$work/restated-out/gri-supplement.sv.pdf" "$work/restated.txt"
grep -q "note\[target.restated-baseline\]: indicator återvunnet-avfall: progress starts from the 2019 value restated" "$work/restated.log"
if grep -q "target.across-definitions" "$work/restated.log"; then
  echo "the restated baseline still compared across definitions"
  exit 1
fi
python3 - "$work/restated.txt" "$work/restated-out/programme.xbrl" <<'PY'
import re, sys
sv = open(sys.argv[1], encoding="utf-8").read()
assert re.search(r"2 140 .* 2 710 minst 3 000\s+46,1 % \(1\)", sv), "restated baseline"
assert "(1) Utvecklingen för återvunnet-avfall utgår från värdet för 2019 omräknat enligt definition 2." in re.sub(r"-\s+(?=\w)", "-", " ".join(sv.split()))
x = open(sys.argv[2], encoding="utf-8").read()
assert re.search(r'<xbrli:context id="D2019_DefinitionVersion-2">', x), "the restated value's own context"
print("kommun: a restated baseline is used and said")
PY
# Any figure that compares years across the definition change says so where it is printed.
cp -r "$org" "$work/across"
python3 - "$work/across/rules.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("</rules>", """  <rule id="kommun.306-4-change" disclosure="306-4" context="true">
    <label><sv>Förändring sedan basåret</sv><en>Change since the base year</en></label>
    <value unit="t" precision="0">value("återvunnet-avfall") - value("återvunnet-avfall", year=base)</value>
  </rule>
</rules>""")
open(p, "w", encoding="utf-8").write(s)
PY
"$bin" build "$work/across" -o "$work/across-out" 2> "$work/across.log"
grep -q "note\[rule.across-definitions\]: rule 'kommun.306-4-change' compares återvunnet-avfall: definition 1 (2019) → 2 (2023); restatement R-avfall-2022 explains the change" "$work/across.log"
pdftotext -layout "$work/across-out/gri-supplement.sv.pdf" "$work/across.txt"
python3 - "$work/across.txt" <<'PY'
import re, sys
sv = re.sub(r"-\s+(?=\w)", "-", " ".join(open(sys.argv[1], encoding="utf-8").read().split()))
assert "570 ton (1)" in sv, "the change 2 710 − 2 140 marked"
assert "(1) Jämförelsen spänner över en ändring, återvunnet-avfall: definition 1 (2019) → 2 (2023); enligt ändring R-avfall-2022: Värdena blev omkring 15 % högre." in sv
print("kommun: a figure across the definition change is footnoted")
PY
