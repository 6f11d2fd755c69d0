#!/usr/bin/env bash
# griexport attach: annual reports written by another program (groff -Tpdf) get the
# sample's supplement appended. Checked with qpdf and poppler, not with griexport: the
# file is sound, pages add up, labels continue and match the printed footers, bookmarks
# are kept plus one entry, the XBRL and manifest are attached, every content-index link
# lands on the page its text names. Bad inputs give an error and no file.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; cat "$work/log" 2> /dev/null; exit 1; }
annual_report() {  # pages, file: a groff annual report with four bookmarks
  python3 - "$1" > "$work/ar.ms" <<'PY'
import sys
n = int(sys.argv[1])
print(".pdfinfo /Title Årsredovisning 2021")
for i in range(1, n + 1):
    if i in (1, 4, 12, 40):
        print(f'.pdfbookmark 1 "Avsnitt sidan {i}"')
    print(f".LP\nÅrsredovisning 2021, sidan {i}.")
    if i < n:
        print(".bp")
PY
  groff -Kutf8 -ms -mpdfmark -Tpdf "$work/ar.ms" > "$2"
}
annual_report 100 "$work/ar.pdf"
"$bin" build "$sample" -o "$work/out" 2> /dev/null
"$bin" attach "$work/ar.pdf" "$work/out" -o "$work/merged.pdf" 2> "$work/log" || fail "attach"
qpdf --check "$work/merged.pdf" > "$work/check.txt" 2>&1 || fail "qpdf --check"
grep -q "No syntax or stream encoding errors" "$work/check.txt" || fail "qpdf --check: $(cat "$work/check.txt")"
qpdf --list-attachments "$work/merged.pdf" > "$work/attachments.txt"
qpdf --json "$work/merged.pdf" > "$work/merged.json"
qpdf --json "$work/out/gri-supplement.sv.pdf" > "$work/supplement.json"
for p in $(seq 101 1 "$(( 100 + $(qpdf --show-npages "$work/out/gri-supplement.sv.pdf") ))"); do
  pdftotext -f "$p" -l "$p" -layout "$work/merged.pdf" - | grep -q "Sida $p av" || fail "page $p's footer"
done
pdftotext -bbox "$work/merged.pdf" "$work/words.html"
python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
m = json.load(open(f"{work}/merged.json"))
s = json.load(open(f"{work}/supplement.json"))
pages = m["pages"]
assert len(pages) == 100 + len(s["pages"]), len(pages)
labels = m["pagelabels"]
assert labels == [{"index": 0, "label": {"/S": "/D", "/St": 1}},
                  {"index": 100, "label": {"/S": "/D", "/St": 101}}], labels
titles = [o["title"] for o in m["outlines"]]
assert titles[:4] == ["Avsnitt sidan 1", "Avsnitt sidan 4", "Avsnitt sidan 12", "Avsnitt sidan 40"], titles
assert len(titles) == 5 and titles[4].startswith("GRI-bilaga till årsredovisningen 2021"), titles
assert len(m["outlines"][4]["kids"]) == len(s["outlines"]), m["outlines"][4]
index_of = {p["object"]: i for i, p in enumerate(pages)}
for kid, own in zip(m["outlines"][4]["kids"], s["outlines"]):
    # Each supplement bookmark lands on its page, moved by the annual report's 100.
    own_index = {p["object"]: i for i, p in enumerate(s["pages"])}[own["dest"][0]]
    assert index_of[kid["dest"][0]] == 100 + own_index, (kid["title"], kid["dest"])
attached = open(f"{work}/attachments.txt").read()
for f in ("gri-instance.xbrl", "programme.xbrl", "manifest.json"):
    assert f in attached, attached
# Words with their boxes, per page (poppler: y from the top).
words = []
for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                       open(f"{work}/words.html", encoding="utf-8").read(), re.S):
    h = float(page[1])
    words.append([(float(a), h - float(d), float(c), h - float(b), w) for a, b, c, d, w in
                  re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page[2])])
objects = m["qpdf"][1]
page_of = {p["object"]: i for i, p in enumerate(pages)}
checked = {"ar": 0, "own": 0}
for i, p in enumerate(pages):
    annots = objects[f"obj:{p['object']}"]["value"].get("/Annots", [])
    if isinstance(annots, str):
        annots = objects[f"obj:{annots}"]["value"]
    for ref in annots:
        a = objects[f"obj:{ref}"]["value"]
        dest = a.get("/Dest")
        assert isinstance(dest, list), (i, a)
        target = page_of[dest[0]]
        x0, y0, x1, y1 = a["/Rect"]
        # Words that start inside the link's box ("4–5;" runs on past it by its semicolon).
        text = " ".join(w for (wx0, wy0, wx1, wy1, w) in words[i]
                        if x0 - 1 <= wx0 < x1 and wy0 >= y0 - 1 and wy1 <= y1 + 1)
        n = re.search(r"(\d+)", text)
        assert n, (i, text, a["/Rect"])
        # Labels run 1…N, so the page a text names is at index N − 1.
        assert target == int(n.group(1)) - 1, (i, text, target)
        checked["ar" if text.startswith("ÅR") else "own"] += 1
assert checked["ar"] >= 3 and checked["own"] >= 5, checked
print(f"merged: {len(pages)} pages, labels continue at 101, {checked['ar']} links into the "
      f"annual report and {checked['own']} into the supplement land on their pages")
PY

expect_error() {  # code, then attach's arguments; no merged file may appear
  local code=$1; shift
  rm -f "$work/bad.pdf"
  set +e
  "$bin" attach "$@" -o "$work/bad.pdf" 2> "$work/log"; local rc=$?
  set -e
  [ "$rc" = 1 ] || fail "attach $* exited $rc (wanted $code)"
  grep -q "error\[$code\]" "$work/log" || fail "no $code"
  [ ! -e "$work/bad.pdf" ] || fail "$code wrote a file"
}
# The supplement numbered for a 90-page report, attached to a 100-page one.
cp -r "$sample" "$work/org90"
sed -i 's/first-page="101"/first-page="91"/' "$work/org90/organisation.xml"
"$bin" build "$work/org90" -o "$work/out90" 2> /dev/null
expect_error attach.first-page "$work/ar.pdf" "$work/out90"
grep -q 'numbered from 91.*ends on page 100: set first-page="101"' "$work/log" || fail "first-page message"
expect_error attach.annual-report-missing "$work/none.pdf" "$work/out"
echo "not a pdf" > "$work/text.pdf"
expect_error attach.not-pdf "$work/text.pdf" "$work/out"
qpdf --encrypt secret secret 256 -- "$work/ar.pdf" "$work/locked.pdf"
expect_error attach.encrypted "$work/locked.pdf" "$work/out"
cp -r "$work/out" "$work/tampered"
echo x >> "$work/tampered/content-index.csv"
expect_error attach.out "$work/ar.pdf" "$work/tampered"
# A damaged file qpdf can repair: merged, with its repairs as warnings.
python3 -c "import sys; b=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(b[:b.rfind(b'xref')])" "$work/ar.pdf" "$work/damaged.pdf"
"$bin" attach "$work/damaged.pdf" "$work/out" -o "$work/repaired.pdf" 2> "$work/log" || fail "a repairable file"
grep -q 'warning\[attach.repaired\]' "$work/log" || fail "no attach.repaired"
# build --annual-report numbers the supplement after the report whatever organisation.xml
# says (org90 says 91), writes the merged file, lists it, and verify re-performs it.
"$bin" build "$work/org90" -o "$work/one-step" --annual-report "$work/ar.pdf" 2> /dev/null
merged="$work/one-step/annual-report-with-gri.sv.pdf"
pdftotext -f 101 -l 101 "$merged" - | grep -q "Sida 101 av" || fail "one-step numbering"
pdftotext -f 1 -l 1 "$work/one-step/gri-supplement.sv.pdf" "$work/first.txt"
grep -q "Sida 101 av" "$work/first.txt" || fail "supplement numbering"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert any(o["path"]=="annual-report-with-gri.sv.pdf" and o["kind"]=="annual-report" for o in m["outputs"]), m["outputs"]; assert m["build"]["annual_report"]["path"].endswith("ar.pdf")' "$work/one-step/manifest.json"
"$bin" verify "$work/one-step" "$work/org90" 2> "$work/log" || fail "verify of a one-step build"
echo "attach: bad inputs refused with their codes, a damaged file repaired with warnings"
