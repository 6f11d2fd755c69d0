#!/usr/bin/env bash
# Draft and final (issue 16): the sample (no GRI notification, no publication date,
# sample="true") is a draft on every page and in the manifest; `build --final` refuses it
# and writes nothing; with both recorded it builds final, with no draft marking.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bin" build "$sample" -o "$work/draft" 2> /dev/null
every_page() {  # pdf, text: the text is on every page
  local pages n
  pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  n=$(pdftotext -layout "$1" - | grep -c -- "$2" || true)
  [ "$n" = "$pages" ] || fail "$(basename "$1"): '$2' on $n of $pages pages"
}
for pdf in "$work/draft/gri-supplement.sv.pdf" "$work/draft/mapping-report.sv.pdf"; do
  every_page "$pdf" "Utkast · Exempel med illustrativa värden"
done
text=$(pdftotext -layout "$work/draft/gri-supplement.sv.pdf" -)
grep -q "Källa: Kolada" <<< "$text" || fail "no Källa: Kolada"
# Preliminary values (1.2 and 2.4 in 2021) are marked where they are read, and explained.
grep -q "3,2 prel\." <<< "$text" || fail "1.2's preliminary 2021 value is not marked"
grep -q "prel. = preliminärt värde" <<< "$text" || fail "no note on prel."
grep -q "Hållbarhetsredovisning med hänvisning till GRI-standarderna" <<< "$text" || fail "cover"
if grep -q "enligt GRI-standarderna" <<< "$text"; then fail "a with-reference report says enligt"; fi
if grep -q "Krav 9" <<< "$text"; then fail "notification printed as a claim blocker"; fi
python3 - "$work/draft/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["draft"] is True and m["sample"] is True, m
assert m["publication_date"] is None and m["gri_notified"] is None
assert 9 not in [b["requirement"] for b in m["claim_blockers"]], m["claim_blockers"]
items = m["diagnostics"]["items"]
# Every diagnostic of the build (notes too), not only the counts.
assert len(items) >= m["diagnostics"]["warnings"] + m["diagnostics"]["errors"], m["diagnostics"]
assert {"code": "climate.cross-footing", "severity": "warning",
        "location": "climate-accounts.csv:10:1",
        "message": "the 2018 total: published 17860 differs by rounding from 17861 computed "
                   "from its parts (difference 1)"} in items, items[:3]
assert any(i["code"] == "publication.date-missing" and i["location"] == "organisation.xml:5:1"
           for i in items), items
PY

set +e
"$bin" build "$sample" -o "$work/final" --final 2> "$work/final.log"; rc=$?
set -e
[ "$rc" = 1 ] || fail "--final of a draft exited $rc"
grep -q 'error\[claim.gri-not-notified\]' "$work/final.log" || fail "no claim.gri-not-notified"
grep -q 'error\[publication.date-missing\]' "$work/final.log" || fail "no publication.date-missing"
[ ! -e "$work/final" ] || fail "--final of a draft wrote $work/final"

cp -r "$sample" "$work/ready"
sed -i 's|<gri-1 principles-applied="true"/>|<gri-1 principles-applied="true" gri-notified="2022-03-01"/>\n  <publication date="2022-04-15"/>|' "$work/ready/organisation.xml"
sed -i 's|<organisation sample="true">|<organisation>|' "$work/ready/organisation.xml"
"$bin" build "$work/ready" -o "$work/final" --final 2> "$work/final.log" || { cat "$work/final.log"; fail "--final"; }
for pdf in "$work/final/gri-supplement.sv.pdf" "$work/final/mapping-report.sv.pdf"; do
  if pdftotext "$pdf" - | grep -q "Utkast\|Exempel med illustrativa"; then fail "$(basename "$pdf") marked"; fi
done
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["draft"] is False and m["publication_date"] == "2022-04-15", m' "$work/final/manifest.json"
# Proxies and parts (fit=): published, never tagged as the GRI figure, and every index says so.
for f in "$work/draft/gri-instance.xbrl"; do
  if grep -q '<gri:ProportionOfSpendingOnLocalSuppliers \|<gri:TotalEnergyConsumptionWithinOrganization ' "$f"; then
    fail "a proxy or partial value is tagged with the GRI concept"
  fi
done
python3 - "$work/draft/content-index.csv" <<'PY'
import csv, sys
rows = {r["disclosure"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
assert rows["204-1"]["omission_requirements"] == "204-1-a", rows["204-1"]
assert rows["204-1"]["omission_explanation"].startswith("Ersättningsmått: Nyckeltal 3.11"), rows["204-1"]
assert rows["302-1"]["omission_explanation"].startswith("Delvis redovisat: "), rows["302-1"]
PY
text=$(pdftotext -layout "$work/draft/gri-supplement.sv.pdf" -)
grep -q "Ersättningsmått: Nyckeltal" <<< "$text" || fail "the PDF index does not mark 204-1 as a proxy"
grep -q "Delvis redovisat:" <<< "$text" || fail "the PDF index does not mark 302-1 as partial"
grep -q "(ersättningsmått)" <<< "$text" || fail "the facts table does not mark the proxy"
echo "draft on every page; --final refuses a draft and builds a ready folder unmarked"
