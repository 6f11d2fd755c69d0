#!/usr/bin/env bash
# The Inline XBRL supplement holds exactly the facts of the .xbrl files: both languages'
# XHTML, each target (GRI default, programme) extracted by tests/tools/extract-ixbrl.py and
# compared fact by fact (and footnote by footnote) with gri-instance.xbrl and programme.xbrl;
# the comparison is shown to fail on a changed figure and on dropped footnotes; the XHTML is byte-reproducible; and, where ../shared's
# schemas are present, it is valid against the Inline XBRL 1.1 XHTML schema.
set -euo pipefail
bin=$1
org=$2
tools=$3
schemas=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$org" -o "$work/a" --lang both 2> /dev/null
"$bin" build "$org" -o "$work/b" --lang both 2> /dev/null
for lang in sv en; do
  doc="$work/a/gri-supplement.$lang.xhtml"
  cmp "$doc" "$work/b/gri-supplement.$lang.xhtml"
  python3 "$tools/extract-ixbrl.py" "$doc" - "$work/gri.$lang.xbrl"
  python3 "$tools/compare-instances.py" "$work/a/gri-instance.xbrl" "$work/gri.$lang.xbrl"
  python3 "$tools/extract-ixbrl.py" "$doc" programme "$work/programme.$lang.xbrl"
  python3 "$tools/compare-instances.py" "$work/a/programme.xbrl" "$work/programme.$lang.xbrl"
  if [ -f "$schemas/catalog.xml" ]; then
    XML_CATALOG_FILES="$schemas/catalog.xml" xmllint --nonet --noout \
      --schema "$schemas/http/www.xbrl.org/2013/inlineXBRL/xhtml-inlinexbrl-1_1.xsd" "$doc"
  fi
done
# One shown figure changed by a digit must make the comparison fail.
python3 - "$work/a/gri-supplement.sv.xhtml" "$work/changed.xhtml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
body = s.index("</ix:header>")
m = re.compile(r'(<ix:nonFraction [^>]*format="[^"]+"[^>]*>)(\d)').search(s, body)
assert m, "no shown figure is tagged"
digit = "1" if m.group(2) != "1" else "2"
open(sys.argv[2], "w", encoding="utf-8").write(s[:m.start(2)] + digit + s[m.end(2):])
PY
# A spoiled document must not compare equal in both targets.
must_differ() {  # document, what was spoiled
  python3 "$tools/extract-ixbrl.py" "$1" programme "$1.p.xbrl" > /dev/null
  python3 "$tools/extract-ixbrl.py" "$1" - "$1.g.xbrl" > /dev/null
  if python3 "$tools/compare-instances.py" "$work/a/programme.xbrl" "$1.p.xbrl" > /dev/null &&
     python3 "$tools/compare-instances.py" "$work/a/gri-instance.xbrl" "$1.g.xbrl" > /dev/null; then
    echo "$2 went unnoticed"
    exit 1
  fi
}
must_differ "$work/changed.xhtml" "a changed figure"
# The preliminary-value footnotes are compared too: without the relationship, facts differ.
if grep -q "<ix:relationship" "$work/a/gri-supplement.sv.xhtml"; then
  sed 's#<ix:relationship [^>]*/>##g' "$work/a/gri-supplement.sv.xhtml" > "$work/unlinked.xhtml"
  must_differ "$work/unlinked.xhtml" "dropped footnotes"
fi
# Shown, not only hidden: the climate total and a GRI figure are tagged where they are read.
python3 - "$work/a/gri-supplement.sv.xhtml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
body = s[s.index("</ix:header>"):]
shown = body.count("<ix:nonFraction")
hidden = s[:s.index("</ix:header>")].count("<ix:nonFraction")
assert shown > 0 and 'href="#p-' in body, (shown, hidden)
print(f"sv: {shown} figures tagged where shown, {hidden} hidden; "
      f"{body.count('<ix:nonNumeric')} texts shown")
PY
