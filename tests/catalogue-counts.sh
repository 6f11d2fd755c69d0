#!/usr/bin/env bash
# The whole catalogue (issue 10): every GRI Standard in force or published for a later
# date as of 2026, and docs/catalogue.md's counts per standard equal to the files.
set -euo pipefail
root=$1
python3 - "$root" <<'PY'
import glob, re, sys
import xml.etree.ElementTree as ET
root = sys.argv[1]
files = {}
for f in glob.glob(f"{root}/gri-mappings/catalogue/gri-*.xml"):
    r = ET.parse(f).getroot()
    ds = r.findall("disclosure")
    files[r.get("id")] = (len(ds), sum(len(d.findall("requirement")) for d in ds))
    for d in ds:
        for q in d.findall("requirement"):
            assert q.get("sv"), (f, d.get("number"), q.get("id"))
        assert d.find("title/sv").text and d.find("title/en").text, (f, d.get("number"))
wanted = ["GRI 2", "GRI 3", "GRI 101", "GRI 102", "GRI 103"]
wanted += [f"GRI {n}" for n in range(201, 208)]
wanted += [f"GRI {n}" for n in range(301, 309) if n != 307]   # 307 withdrawn (now 2-27)
wanted += [f"GRI {n}" for n in range(401, 419)]
missing = [s for s in wanted if s not in files]
assert not missing, missing
doc = open(f"{root}/docs/catalogue.md", encoding="utf-8").read()
table = {m.group(1): (int(m.group(2)), int(m.group(3)))
         for m in re.finditer(r"^\| (GRI \d+) \| [^|]+ \| [^|]+ \| [^|]* \| (\d+) \| (\d+) \|", doc, re.M)}
assert table == files, {k: (table.get(k), files.get(k)) for k in set(table) | set(files) if table.get(k) != files.get(k)}
sectors = ET.parse(f"{root}/gri-mappings/catalogue/sectors.xml").getroot().findall("sector")
got = {s.get("id"): len(s.findall("likely-topic")) for s in sectors}
assert sorted(got) == ["GRI 11", "GRI 12", "GRI 13", "GRI 14"], got
doc_sectors = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (GRI 1[1-4]) \| [^|]+ \| [^|]+ \| (\d+) \|", doc, re.M)}
assert doc_sectors == got, (doc_sectors, got)
print(f"catalogue: {len(files)} standards, {sum(d for d, _ in files.values())} disclosures, "
      f"{sum(q for _, q in files.values())} requirements, {len(got)} sector standards, as documented")
PY
