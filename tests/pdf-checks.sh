#!/usr/bin/env bash
# The sample's PDF supplement as issue 4 asks: qpdf --check without warnings, every font
# embedded, Swedish text extracted without warnings ("15 940" with a no-break space), at
# least 3 bookmarks, page labels continuing the årsredovisning, identical bytes on two
# builds, SOURCE_DATE_EPOCH honoured, a valid PDF/A-1b for PDFBox Preflight; then its text
# (pdftotext -layout) and structure (qpdf --json) against tests/golden/pdf/ exactly.
# GRIEXPORT_UPDATE_GOLDEN=1 rewrites the golden files (review them, and the pages as PNG).
set -euo pipefail
bin=$1
sample=$2
golden=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bin" build "$sample" -o "$work/a" 2> /dev/null
"$bin" build "$sample" -o "$work/b" 2> /dev/null
"$bin" build "$sample" -o "$work/en" --lang en 2> /dev/null
pdf="$work/a/gri-supplement.sv.pdf"
[ -f "$pdf" ] || fail "no gri-supplement.sv.pdf"
[ -f "$work/en/gri-supplement.en.pdf" ] || fail "--lang en wrote no gri-supplement.en.pdf"
cmp "$pdf" "$work/b/gri-supplement.sv.pdf" || fail "two builds differ"
SOURCE_DATE_EPOCH=1650000000 "$bin" build "$sample" -o "$work/epoch" 2> /dev/null
if cmp -s "$pdf" "$work/epoch/gri-supplement.sv.pdf"; then fail "SOURCE_DATE_EPOCH ignored"; fi
qpdf --check "$pdf" > "$work/check.txt" 2>&1 || { cat "$work/check.txt"; fail "qpdf --check"; }
if grep -qi warning "$work/check.txt"; then cat "$work/check.txt"; fail "qpdf warnings"; fi
for f in "$pdf" "$work/en/gri-supplement.en.pdf"; do
  pdffonts "$f" > "$work/fonts.txt"
  # Columns: name type encoding emb sub uni object ID; every font must say emb=yes.
  if tail -n +3 "$work/fonts.txt" | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
    cat "$work/fonts.txt"; fail "a font is not embedded in $(basename "$f")"
  fi
  pdftotext -enc UTF-8 "$f" "$work/text.txt" 2> "$work/text.err"
  [ -s "$work/text.err" ] && { cat "$work/text.err"; fail "pdftotext warned"; }
done
pdftotext -enc UTF-8 "$pdf" "$work/sv.txt"
# "15 940" is drawn with a no-break space (CID 00A0, mapped to U+00A0 by ToUnicode).
# pdftotext prints every Unicode space as an ASCII one, so the text shows "15 940" and the
# no-break space is checked in the content stream itself.
grep -q "15 940" "$work/sv.txt" || fail "15 940 not in the text"
qpdf --qdf --object-streams=disable "$pdf" "$work/qdf.pdf"
grep -a -q -i "0031003500a0003900340030" "$work/qdf.pdf" || fail "15 940 not drawn with U+00A0"
grep -a -q "<00A0> <00A0>" "$work/qdf.pdf" || fail "ToUnicode does not map U+00A0"
for word in "Klimatbokslut" "Hälso- och sjukvård" "Övergripande" "årsredovisningen" \
            "Sida 101 av"; do
  grep -q "$word" "$work/sv.txt" || fail "text lacks: $word"
done
grep -q "GRI content index" <(pdftotext -enc UTF-8 "$work/en/gri-supplement.en.pdf" -) \
  || fail "the English supplement lacks its content index"
python3 - "$pdf" "$work" <<'PY'
import json, subprocess, sys
pdf, work = sys.argv[1], sys.argv[2]
j = json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=outlines", "--json-key=pagelabels",
                                pdf], capture_output=True, check=True).stdout)
def count(items):
    return sum(1 + count(i.get("kids", [])) for i in items)
n = count(j["outlines"])
assert n >= 3, f"only {n} bookmarks"
labels = j["pagelabels"]
assert labels and labels[0]["label"]["/St"] == 101, labels
print(f"{n} bookmarks; page labels start at 101")
PY
# PDF/A-1b by PDFBox Preflight, the reference we did not write. `make test` installs it
# (Debian libpdfbox2-java); without it this test fails rather than pass unchecked.
cls=/usr/share/java
command -v java > /dev/null && [ -f "$cls/preflight.jar" ] ||
  fail "PDFBox Preflight is not installed (Debian libpdfbox2-java, default-jre-headless): run make test, which installs them"
preflight() {  # PDF NAME: Validator_A1b exits non-zero for an invalid file; its verdict is read.
  set +e
  java -cp "$cls/preflight.jar:$cls/pdfbox2.jar:$cls/fontbox2.jar:$cls/xmpbox.jar:$cls/commons-logging.jar:$cls/javax.activation.jar:$cls/jaxb-api.jar" \
    org.apache.pdfbox.preflight.Validator_A1b "$1" > "$work/preflight.txt" 2>&1
  set -e
  grep -q "is a valid PDF/A-1b file" "$work/preflight.txt" || { cat "$work/preflight.txt"; fail "PDF/A-1b ($2)"; }
}
preflight "$pdf" sv
preflight "$work/en/gri-supplement.en.pdf" en
preflight "$(dirname "$pdf")/mapping-report.sv.pdf" "mapping report"
echo "PDFBox Preflight: valid PDF/A-1b (sv, en, mapping report)"
# Golden text and structure.
pdftotext -enc UTF-8 -layout "$pdf" "$work/supplement.sv.txt"
pdftotext -enc UTF-8 -layout "$work/en/gri-supplement.en.pdf" "$work/supplement.en.txt"
qpdf --json=2 --json-key=pages --json-key=outlines --json-key=pagelabels "$pdf" > "$work/supplement.sv.json"
if [ "${GRIEXPORT_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$golden"
  cp "$work/supplement.sv.txt" "$work/supplement.en.txt" "$work/supplement.sv.json" "$golden/"
  echo "golden PDF text and structure updated in $golden"
  exit 0
fi
for f in supplement.sv.txt supplement.en.txt supplement.sv.json; do
  diff "$golden/$f" "$work/$f" > "$work/diff" || { head -40 "$work/diff"; fail "$f differs from $golden"; }
done
echo "the supplement passes every check and matches its golden text and structure"
