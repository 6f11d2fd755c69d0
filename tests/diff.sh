#!/usr/bin/env bash
# griexport diff: equal folders exit 0; a changed figure shows both values; a changed
# definition and a changed rule are each named; an earlier year's value changed between
# two reporting years without a new restatement entry is diff.silent-restatement.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; cat "$work/out" "$work/err" 2> /dev/null; exit 1; }
run() {  # expected exit code, then diff's arguments
  local want=$1; shift
  set +e
  "$bin" diff "$@" > "$work/out" 2> "$work/err"; local rc=$?
  set -e
  [ "$rc" = "$want" ] || fail "diff $* exited $rc, not $want"
}
has() { grep -qF -- "$1" "$work/out" "$work/err" || fail "no '$1'"; }

cp -r "$sample" "$work/old"
run 0 "$work/old" "$sample"
[ ! -s "$work/out" ] || fail "equal folders printed changes"

# One figure: the 2021 energy use, read by 302-1-e.
cp -r "$sample" "$work/figure"
sed -i 's/^3.4,2021,95450,/3.4,2021,95460,/' "$work/figure/observations.csv"
run 1 "$work/old" "$work/figure"
has "value 3.4 2021: 95450 MWh → 95460 MWh"
has "figure 302-1-e (energy) 2021: 343620 GJ → 343656 GJ"
has "figure/observations.csv:101:1"
if grep -q silent-restatement "$work/err"; then fail "a change of the reporting year is no restatement"; fi

# A definition and a rule.
cp -r "$sample" "$work/defrule"
sed -i 's/Livsmedel som är producerade inom Dalarnas län\./Livsmedel producerade i Dalarnas län./' "$work/defrule/programme.xml"
sed -i 's|<value unit="GJ" precision="0" years="base previous current">convert(value("3.4"), "GJ")</value>|<value unit="GJ" precision="1" years="base previous current">convert(value("3.4"), "GJ")</value>|' "$work/defrule/rules.xml"
run 1 "$work/old" "$work/defrule"
has "definition 3.11 version 2:"
has "Livsmedel producerade i Dalarnas län."
has "rule dalarna.302-1-e: convert(value(\"3.4\"), \"GJ\") [302-1, precision 0] → convert(value(\"3.4\"), \"GJ\") [302-1, precision 1]"

# Next year's folder restates 2020 silently; with a restatement entry it is stated.
cp -r "$sample" "$work/next"
sed -i 's/start="2021-01-01" end="2021-12-31"/start="2022-01-01" end="2022-12-31"/' "$work/next/organisation.xml"
sed -i 's/^3.4,2020,96950,/3.4,2020,96000,/' "$work/next/observations.csv"
run 1 "$work/old" "$work/next"
has "error[diff.silent-restatement]: indicator 3.4 2020 was 96950 MWh in the 2021 report and is 96000 MWh now"
has "next/observations.csv:100:1"
python3 - "$work/next/programme.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
entry = ('<restatement id="R-3.4-2022" indicator="3.4" from-version="1" to-version="1" '
         'effective-year="2020"><reason><sv>Mätfel rättat.</sv><en>Metering error corrected.</en>'
         '</reason><effect><sv>2020 blir 950 MWh lägre.</sv><en>2020 is 950 MWh lower.</en>'
         '</effect></restatement>\n  ')
s = s.replace('<restatement id="R-3.11-2021"', entry + '<restatement id="R-3.11-2021"', 1)
open(p, "w", encoding="utf-8").write(s)
PY
run 1 "$work/old" "$work/next"
if grep -q silent-restatement "$work/err"; then fail "a stated restatement reported as silent"; fi
has "value 3.4 2020: 96950 MWh → 96000 MWh"

# JSON for machines; a folder that does not load is exit 2.
run 1 "$work/old" "$work/figure" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["equal"] is False; assert any(c["kind"]=="value" and c["before"]=="95450 MWh" and c["after"]=="95460 MWh" for c in d["changes"]), d' "$work/out"
mkdir "$work/empty"
run 2 "$work/old" "$work/empty"
echo "diff: equal, figure, definition, rule and silent restatement as required"
