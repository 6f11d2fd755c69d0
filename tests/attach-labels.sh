#!/usr/bin/env bash
# attach and verify at the edges (issue 32, item 10):
# - an annual report with roman-numbered front matter (labels i, 1, 2, …): "ÅR s. 4–5" links
#   and "ÅR s. 1–5" link to the pages labelled 4 and 1, never to the page labelled i;
# - verify of a build made with --annual-report ar/x.pdf works from any working folder;
# - build --annual-report of a missing file: attach.annual-report-missing, exit 1.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
# 101 pages: a title page "i", then pages 1 to 100, each saying which it is.
python3 - > ar.ms <<'PY'
print(".pdfinfo /Title Årsredovisning 2021")
print(".LP\nÅrsredovisning 2021, sidan i.\n.bp")
for i in range(1, 101):
    print(f".LP\nÅrsredovisning 2021, sidan {i}.")
    if i < 100:
        print(".bp")
PY
groff -Kutf8 -ms -Tpdf ar.ms > plain.pdf
qpdf --qdf --object-streams=disable plain.pdf ar.qdf
python3 - <<'PY'
s = open("ar.qdf", "rb").read()
at = s.index(b"/Type /Catalog")
s = s[:at] + b"/PageLabels << /Nums [ 0 << /S /r >> 1 << /S /D >> ] >>\n  " + s[at:]
open("ar.qdf", "wb").write(s)
PY
mkdir ar; fix-qdf ar.qdf > ar.fixed.qdf; qpdf ar.fixed.qdf ar/roman.pdf
qpdf --json=2 --json-key=pagelabels ar/roman.pdf > labels.json
grep -q "\"/S\": \"/r\"" labels.json || fail "the roman label was not written"

# The sample, its 2-1 reference moved to page 1, which the front matter's "i" must not take.
cp -r "$sample" org
sed -i 's/pages="4–5"/pages="1–5"/' org/organisation.xml
grep -q 'pages="1–5"' org/organisation.xml || fail "the reference was not moved"
"$bin" build org -o out 2> /dev/null
"$bin" attach ar/roman.pdf out -o merged.pdf 2> attach.log || { cat attach.log; fail "attach"; }
qpdf --json=2 --json-key=pages --json-key=qpdf merged.pdf > merged.json
python3 - <<'PY'
import json, subprocess
j = json.load(open("merged.json"))
pages = [p["object"] for p in j["pages"]]
objects = j["qpdf"][1]
def value(x):  # an indirect reference "12 0 R" resolved, anything else as it is
    if isinstance(x, str) and x.endswith(" R"):
        return objects["obj:" + x]["value"]
    return x
targets = []
for ref in pages[101:]:
    for a in value(value(ref).get("/Annots", [])):
        dest = value(a).get("/Dest")
        if isinstance(dest, list) and dest and dest[0] in pages[:101]:
            targets.append(pages.index(dest[0]))
assert targets, "no link into the annual report"
said = set()
for t in sorted(set(targets)):
    text = subprocess.run(["pdftotext", "-f", str(t + 1), "-l", str(t + 1), "merged.pdf", "-"],
                          capture_output=True, text=True, check=True).stdout
    said.add(text.split("sidan ")[1].split(".")[0])
assert said == {"1", "12", "40"}, f"the links land on the pages labelled {sorted(said)}"
print(f"ok: {len(targets)} links land on the pages labelled 1, 12 and 40")
PY

# verify from another working folder, of a build given a relative path.
"$bin" build "$sample" -o one --annual-report ar/roman.pdf 2> /dev/null
mkdir elsewhere
(cd elsewhere && "$bin" verify "$work/one" "$sample" 2> ../verify.log) || { cat verify.log; fail "verify from another folder"; }
# A missing annual report is the engine's error, not the argument parser's.
set +e; "$bin" build "$sample" -o two --annual-report none.pdf 2> missing.log; rc=$?; set -e
[ $rc -eq 1 ] && grep -q "none.pdf: error\[attach.annual-report-missing\]" missing.log ||
    fail "missing annual report: exit $rc: $(grep -v warning missing.log | head -3)"
[ ! -e two ] || fail "output written for a missing annual report"
echo "ok: verify from elsewhere; a missing annual report named"
