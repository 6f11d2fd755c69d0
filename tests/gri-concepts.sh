#!/usr/bin/env bash
# Every GRI name five organisations publish is GRI's (issue 33): the sample, the municipality
# and `init` organisations of each type are built (both languages); every fact in the GRI
# namespace of gri-instance.xbrl and of each Inline XBRL supplement, every explicit member
# and typed domain element, is looked up in GRI's own package (its core and part schemas,
# read from the zip, not through griexport's import) when ../shared holds it, and in the
# committed import otherwise. Each must be declared there, as an item, with a data type
# that fits the fact: a number's type is numeric, a text block's textBlockItemType, a date's
# dateItemType, an enumeration's value a member of its domain.
set -euo pipefail
bin=$1
root=$2
package=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" build "$root/samples/region-dalarna" -o sample --lang both 2> /dev/null
"$bin" build "$root/tests/orgs/exempelkommun" -o kommun --lang both 2> /dev/null
for t in region municipality company; do
  "$bin" init "org-$t" --type "$t" --year 2024 > /dev/null 2>&1
  "$bin" build "org-$t" -o "out-$t" --lang both 2> /dev/null
done
source=import
if [ -n "$package" ] && [ -f "$package" ]; then
  pinned=$(grep -o 'sha256="[0-9a-f]*"' "$root/gri-mappings/gri-taxonomy.xml" | head -1 | cut -d'"' -f2)
  [ "$(sha256sum "$package" | cut -c1-64)" = "$pinned" ] || { echo "FAIL: the package is not the pinned one"; exit 1; }
  source=package
fi
python3 - "$source" "$package" "$root/gri-mappings/gri-taxonomy.xml" sample kommun out-region out-municipality out-company <<'PY'
import glob, re, sys, zipfile
import xml.etree.ElementTree as ET
source, package, imported, outs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
XS = "{http://www.w3.org/2001/XMLSchema}"
XBRLI = "{http://www.xbrl.org/2003/instance}"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"
imp = ET.parse(imported).getroot()
core, part = imp.get("namespace"), imp.get("part-namespace")
declared = {}  # (namespace, name) -> (type local name, substitution group local name)
if source == "package":
    z = zipfile.ZipFile(package)
    for name in z.namelist():
        if not name.endswith(".xsd"):
            continue
        s = ET.fromstring(z.read(name))
        ns = s.get("targetNamespace")
        if ns not in (core, part):
            continue
        for e in s.findall(XS + "element"):
            declared[(ns, e.get("name"))] = ((e.get("type") or "").split(":")[-1],
                                             (e.get("substitutionGroup") or "").split(":")[-1])
else:
    kinds = {"item": "item", "dimension": "dimensionItem", "hypercube": "hypercubeItem"}
    for c in imp.findall("concept"):
        declared[(core, c.get("name"))] = ((c.get("type") or "").split(":")[-1], kinds[c.get("kind")])
    for c in imp.findall("concept"):
        if c.get("typed-domain"):
            declared[(part, c.get("typed-domain").split(":")[1])] = ("", "")
members = {e.get("domain"): {m.get("name") for m in e.findall("member")} for e in imp.findall("enumeration")}
enum_domain = {c.get("name"): c.get("enumeration-domain", "").split(":")[-1] for c in imp.findall("concept")}
numeric = {"decimalItemType", "integerItemType", "nonNegativeIntegerItemType", "percentItemType",
           "monetaryItemType", "pureItemType", "ghgEmissionsItemType", "massItemType",
           "volumeItemType", "energyItemType", "areaItemType", "lengthItemType"}
seen, problems = {}, []
def check(name, kind, where, value=None):
    key = (core, name)
    if key not in declared:
        problems.append(f"{where}: gri:{name} is not declared in GRI's {source}")
        return
    typ, group = declared[key]
    seen[name] = typ
    if kind in ("member", "axis"):
        want = "item" if kind == "member" else "dimensionItem"
        if group != want:
            problems.append(f"{where}: {kind} gri:{name} is a {group}")
        return
    if group != "item":
        problems.append(f"{where}: gri:{name} is a {group}, not an item")
    ok = {"number": typ in numeric, "textblock": typ == "textBlockItemType",
          "date": typ == "dateItemType", "enumeration": typ == "enumerationItemType",
          "text": typ in ("stringItemType", "tokenItemType")}[kind]
    if not ok:
        problems.append(f"{where}: gri:{name} is published as {kind} but GRI's type is {typ}")
    if kind == "enumeration" and value is not None:
        domain = enum_domain.get(name, "")
        for uri in value.split():
            ns, _, member = uri.partition("#")
            if ns != core or member not in members.get(domain, set()):
                problems.append(f"{where}: gri:{name} = {uri}: not a member of {domain}")
def kind_of(name, has_unit, value):
    if has_unit:
        return "number"
    if name.endswith("TextBlock"):
        return "textblock"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return "date"
    if value.strip().startswith(core + "#"):
        return "enumeration"
    return "text"
facts = 0
for out in outs:
    inst = ET.parse(f"{out}/gri-instance.xbrl").getroot()
    for el in inst:
        if el.tag.startswith("{" + core + "}"):
            facts += 1
            name = el.tag.split("}")[1]
            check(name, kind_of(name, el.get("unitRef"), el.text or ""), f"{out}/gri-instance.xbrl", el.text)
    for m in inst.iter("{http://xbrl.org/2006/xbrldi}explicitMember"):
        check(m.get("dimension").split(":")[1], "axis", out)
        check(m.text.split(":")[1], "member", out)
    for t in inst.iter("{http://xbrl.org/2006/xbrldi}typedMember"):
        check(t.get("dimension").split(":")[1], "axis", out)
        for d in t:
            ns, local = d.tag[1:].split("}")
            if (ns, local) not in declared:
                problems.append(f"{out}: typed domain {local} not declared in {ns}")
    for x in glob.glob(f"{out}/gri-supplement.*.xhtml"):
        doc = ET.parse(x).getroot()
        nsmap = {"gri": core}
        for el in doc.iter():
            if el.tag in (IX + "nonFraction", IX + "nonNumeric") and el.get("name", "").startswith("gri:"):
                name = el.get("name")[4:]
                check(name, kind_of(name, el.get("unitRef"), "".join(el.itertext())), x, "".join(el.itertext()))
assert facts > 50, f"only {facts} GRI facts: the builds did not run"
for p in sorted(set(problems)):
    print("FAIL:", p)
if problems:
    sys.exit(1)
print(f"ok: {len(seen)} GRI concepts in {facts} facts of {len(outs)} organisations, each GRI's ({source}), with a fitting type")
PY
