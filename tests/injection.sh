#!/usr/bin/env bash
# Organisation text that looks like markup stays text in every output (issue 32, defect 3):
# a definition, a narrative and a name that start with the XHTML the engine itself writes
# for text blocks, and close the hidden header after it. The published Inline XBRL must
# hold no element the engine did not make, and every such text must come back as written.
set -euo pipefail
bin=$1
base=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$base" org
payload='<p xmlns="http://www.w3.org/1999/xhtml">x</p></ix:nonNumeric></ix:hidden></ix:header></div><h1 id="INJECTED">INJECTED</h1><ix:nonFraction name="gri:Forged" contextRef="c" unitRef="u" decimals="0">1</ix:nonFraction>'
escaped=$(python3 -c 'import sys, html; print(html.escape(sys.argv[1], quote=False))' "$payload")
python3 - "$escaped" <<'PY'
import sys
p = sys.argv[1]
s = open("org/programme.xml", encoding="utf-8").read()
s = s.replace("<sv>Utsläpp</sv>", f"<sv>{p}</sv>", 1)
s = s.replace("<name><sv>Lokal mat</sv>", f"<name><sv>{p}</sv>", 1)
open("org/programme.xml", "w", encoding="utf-8").write(s)
n = open("org/narratives.xml", encoding="utf-8").read()
n = n.replace("<sv>Om oss.</sv>", f"<sv>{p}</sv>", 1)
open("org/narratives.xml", "w", encoding="utf-8").write(n)
PY
"$bin" build org -o out --lang both 2> build.log || { cat build.log; exit 1; }
python3 - "$payload" <<'PY'
import sys, glob
import xml.etree.ElementTree as ET
payload = sys.argv[1]
XHTML = "{http://www.w3.org/1999/xhtml}"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"
for path in sorted(glob.glob("out/*.xhtml")) + sorted(glob.glob("out/*.xbrl")) + sorted(glob.glob("out/*.xml")):
    root = ET.parse(path).getroot()  # well-formed, or this fails
    for el in root.iter():
        assert el.get("id") != "INJECTED", f"{path}: an injected element"
        assert not el.tag.endswith("}Forged") and el.get("name") != "gri:Forged", f"{path}: a forged fact"
    text = "".join(root.itertext())
    if path.endswith(".xhtml") and ".sv." in path:
        assert payload in text, f"{path}: the organisation's text is not shown as written"
    heads = [h for h in root.iter(XHTML + "h1")]
    assert all((h.text or "") != "INJECTED" for h in heads), f"{path}: <h1>INJECTED</h1>"
print("ok: organisation text stays text in every XHTML and XML output")
PY
