#!/usr/bin/env bash
# Every printed word comes from templates/<lang>/labels.xml (issue 32, item 7): the texts
# the rules write (2-1-a's organisation number, 2-4-a's restatements, 3-3-e's goals) and
# the content index's sheet name change when the labels do (the goals text and the sheet
# are checked here; the others print in the golden outputs exactly as before), in a copy of the data folder.
# The municipality's 3-3-e is the goals text the rules write (the sample writes its own).
set -euo pipefail
bin=$1
sample=$2
data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/data"
cp -r "$data/gri-mappings" "$data/templates" "$data/fonts" "$work/data/"
python3 - "$work/data/templates/sv/labels.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
for key, text in {"text.goals.goal": "DELMÅLET {id} ({title})",
                  "text.status.on-path": "ENLIGT PLANEN",
                  "text.organisation-number": "{name} med ORGNR {number}",
                  "text.restatement": "ÄNDRING {what} ({year}): {reason} {effect}",
                  "xlsx.content-index.sheet": "Mitt index"}.items():
    s, n = re.subn(rf'(<label key="{re.escape(key)}">)[^<]*(</label>)', rf"\g<1>{text}\g<2>", s)
    assert n == 1, key
open(p, "w", encoding="utf-8").write(s)
PY
"$bin" --data-dir "$work/data" build "$sample" -o "$work/out" 2> /dev/null
"$bin" build "$sample" -o "$work/default" 2> /dev/null
python3 - "$work" <<'PY'
import sys, zipfile
w = sys.argv[1]
changed = open(f"{w}/out/gri-supplement.sv.xhtml", encoding="utf-8").read()
default = open(f"{w}/default/gri-supplement.sv.xhtml", encoding="utf-8").read()
for ours, theirs in [("DELMÅLET ", "delmål klimat ("), ("ENLIGT PLANEN", ": enligt plan"),
]:
    assert theirs in default, f"{theirs!r}: the default labels are not printed"
    assert ours in changed, f"the labels' {ours!r} is not printed"
    assert ours not in default and theirs not in changed, ours
book = zipfile.ZipFile(f"{w}/out/content-index.xlsx").read("xl/workbook.xml").decode()
assert 'name="Mitt index"' in book, book
print("ok: the rules' texts and the sheet name come from labels.xml")
PY
