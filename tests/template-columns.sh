#!/usr/bin/env bash
# templates/layout.xml's column widths: a table given fewer or more widths than it has
# columns, or widths for a table the supplement does not have, is refused at the attribute
# with template.columns and nothing is written (fewer widths dropped the last columns from
# the page, and crashed the content index); a table given none gets equal widths, every
# column printed.
set -euo pipefail
bin=$1
sample=$2
data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fresh_data() {
  rm -rf "$work/data"
  mkdir "$work/data"
  cp -r "$data/gri-mappings" "$data/templates" "$data/fonts" "$work/data/"
}
refused() {  # NAME SED-EXPRESSION EXPECTED-DIAGNOSTIC
  fresh_data
  sed -i -e "$2" "$work/data/templates/layout.xml"
  cmp -s "$work/data/templates/layout.xml" "$data/templates/layout.xml" && fail "$1: sed changed nothing"
  set +e
  "$bin" --data-dir "$work/data" build "$sample" -o "$work/out-$1" > "$work/$1.log" 2>&1
  local rc=$?
  set -e
  [ $rc -eq 1 ] || fail "$1: exit $rc: $(grep -v note "$work/$1.log" | head -c 2000)"
  grep -q "$3" "$work/$1.log" || fail "$1: no '$3': $(grep error "$work/$1.log" | head -c 2000)"
  [ ! -e "$work/out-$1" ] || fail "$1: an output folder was written"
  echo "ok: $1"
}
refused too-few 's/table="index" widths="[^"]*"/table="index" widths="50 50"/' \
  'templates/layout.xml:[0-9]*:[0-9]*: error\[template.columns\]: the index table has 8 columns, and widths gives 2'
refused too-many 's/table="climate" widths="[^"]*"/table="climate" widths="1 1 1 1 1"/' \
  'templates/layout.xml:[0-9]*:[0-9]*: error\[template.columns\]: the climate table has 4 columns, and widths gives 5'
refused unknown-table 's/table="goals"/table="goal"/' \
  'templates/layout.xml:[0-9]*:[0-9]*: error\[template.columns\]: no table of the supplement is called "goal"'

# No widths for the goals table: equal widths, and its last column (the status) printed.
fresh_data
sed -i '/table="goals"/d' "$work/data/templates/layout.xml"
"$bin" --data-dir "$work/data" build "$sample" -o "$work/equal" 2> /dev/null
pdftotext -layout "$work/equal/gri-supplement.sv.pdf" "$work/equal.txt"
status=$(python3 - "$data/templates/sv/labels.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
for e in ET.parse(sys.argv[1]).getroot().iter():
    if e.get("key") == "pdf.goals.col.status":
        print(e.text.strip())
PY
)
[ -n "$status" ] || fail "no label pdf.goals.col.status"
grep -q "$status" "$work/equal.txt" || fail "goals table without widths: no '$status' column"
echo "ok: equal widths"
