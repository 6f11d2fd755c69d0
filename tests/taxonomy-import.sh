#!/usr/bin/env bash
# griexport import-taxonomy (issue 33, item 1):
# 1. a small package written here, in the layout GRI's has (Taxonomy Packages 1.0, a core
#    schema, a typed-domain schema, label, reference and definition linkbases), comes out
#    with every field: types, periods, balance, enumeration and typed domains, labels,
#    references, tables, axes, domains and members, and which table each item sits in;
# 2. GRI's own package, when ../shared holds it with the pinned hash, imports to exactly the
#    committed gri-mappings/gri-taxonomy.xml (so the data is what the package says), twice
#    alike.
set -euo pipefail
bin=$1
root=$2
package=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

python3 - "$work/mini.zip" <<'PY'
import sys, zipfile
core = "https://example.org/t/core"
part = "https://example.org/t/part"
top = "mini/t/"
schema = f'''<?xml version="1.0" encoding="utf-8"?>
<xs:schema targetNamespace="{core}" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldt="http://xbrl.org/2005/xbrldt"
  xmlns:enum2="http://xbrl.org/2020/extensible-enumerations-2.0" xmlns:gri="{core}"
  xmlns:gri_part="{part}" xmlns:dtr-types="http://www.xbrl.org/dtr/type/2024-01-31">
  <xs:element id="gri_Employees" name="Employees" substitutionGroup="xbrli:item" type="xbrli:decimalItemType" xbrli:periodType="duration" abstract="false"/>
  <xs:element id="gri_Cost" name="Cost" substitutionGroup="xbrli:item" type="xbrli:monetaryItemType" xbrli:periodType="instant" xbrli:balance="debit"/>
  <xs:element id="gri_Assured" name="Assured" substitutionGroup="xbrli:item" type="enum2:enumerationItemType" xbrli:periodType="duration" enum2:domain="gri:YesNoDomain" enum2:linkrole="https://example.org/role/enum"/>
  <xs:element id="gri_EmployeesAbstract" name="EmployeesAbstract" abstract="true" substitutionGroup="xbrli:item" type="xbrli:stringItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_EmployeesLineItems" name="EmployeesLineItems" abstract="true" substitutionGroup="xbrli:item" type="xbrli:stringItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_EmployeesTable" name="EmployeesTable" abstract="true" substitutionGroup="xbrldt:hypercubeItem" type="xbrli:stringItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_ContractAxis" name="ContractAxis" abstract="true" substitutionGroup="xbrldt:dimensionItem" type="xbrli:stringItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_ContractDomain" name="ContractDomain" abstract="true" substitutionGroup="xbrli:item" type="dtr-types:domainItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_PermanentMember" name="PermanentMember" abstract="true" substitutionGroup="xbrli:item" type="dtr-types:domainItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_YesNoDomain" name="YesNoDomain" abstract="true" substitutionGroup="xbrli:item" type="dtr-types:domainItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_YesMember" name="YesMember" abstract="true" substitutionGroup="xbrli:item" type="dtr-types:domainItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_NoMember" name="NoMember" abstract="true" substitutionGroup="xbrli:item" type="dtr-types:domainItemType" xbrli:periodType="duration"/>
  <xs:element id="gri_RegionAxis" name="RegionAxis" abstract="true" substitutionGroup="xbrldt:dimensionItem" type="xbrli:stringItemType" xbrli:periodType="duration" xbrldt:typedDomainRef="part.xsd#gri_part_RegionDomain"/>
</xs:schema>'''
partschema = f'''<?xml version="1.0" encoding="utf-8"?>
<xs:schema targetNamespace="{part}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element id="gri_part_RegionDomain" name="RegionDomain" type="xs:string"/>
</xs:schema>'''
head = '<?xml version="1.0" encoding="utf-8"?>\n<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ref="http://www.xbrl.org/2006/ref" xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:xml="http://www.w3.org/XML/1998/namespace">\n'
def loc(name): return f'<link:loc xlink:type="locator" xlink:href="../core/core.xsd#gri_{name}" xlink:label="loc_{name}"/>\n'
labels = head + '<link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">\n' + loc("Employees") + \
  '<link:labelArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-label" xlink:from="loc_Employees" xlink:to="lab_1"/>\n' + \
  '<link:label xlink:type="resource" xlink:label="lab_1" xlink:role="http://www.xbrl.org/2003/role/label" xml:lang="en">Total number of employees</link:label>\n' + \
  '<link:label xlink:type="resource" xlink:label="lab_1" xlink:role="http://www.xbrl.org/2003/role/terseLabel" xml:lang="en">Employees</link:label>\n' + \
  '</link:labelLink>\n</link:linkbase>\n'
refs = head + '<link:referenceLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">\n' + loc("Employees") + \
  '<link:referenceArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-reference" xlink:from="loc_Employees" xlink:to="ref_1"/>\n' + \
  '<link:reference xlink:type="resource" xlink:label="ref_1" xlink:role="http://www.xbrl.org/2003/role/reference"><ref:Number>2-7</ref:Number><ref:Paragraph>b</ref:Paragraph><ref:Subparagraph>i</ref:Subparagraph></link:reference>\n' + \
  '</link:referenceLink>\n</link:linkbase>\n'
dim = "http://xbrl.org/int/dim/arcrole/"
def arc(role, a, b, order=1): return f'<link:definitionArc xlink:type="arc" xlink:arcrole="{dim}{role}" xlink:from="loc_{a}" xlink:to="loc_{b}" order="{order}"/>\n'
defs = head + '<link:definitionLink xlink:type="extended" xlink:role="https://example.org/role/2-7">\n' + \
  "".join(loc(n) for n in ["EmployeesAbstract", "EmployeesTable", "ContractAxis", "ContractDomain", "PermanentMember", "RegionAxis", "EmployeesLineItems", "Employees"]) + \
  arc("all", "EmployeesAbstract", "EmployeesTable").replace('order="1"', 'order="1" xbrldt:contextElement="scenario" xbrldt:closed="false"') + arc("hypercube-dimension", "EmployeesTable", "ContractAxis", 1) + \
  arc("hypercube-dimension", "EmployeesTable", "RegionAxis", 2) + arc("dimension-domain", "ContractAxis", "ContractDomain") + \
  arc("domain-member", "ContractDomain", "PermanentMember") + arc("domain-member", "EmployeesAbstract", "EmployeesLineItems", 2) + \
  arc("domain-member", "EmployeesLineItems", "Employees") + '</link:definitionLink>\n' + \
  '<link:definitionLink xlink:type="extended" xlink:role="https://example.org/role/enum">\n' + \
  "".join(loc(n) for n in ["YesNoDomain", "YesMember", "NoMember"]) + \
  arc("domain-member", "YesNoDomain", "YesMember", 1) + arc("domain-member", "YesNoDomain", "NoMember", 2) + \
  '</link:definitionLink>\n</link:linkbase>\n'
meta = '''<?xml version="1.0" encoding="utf-8"?>
<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package"><tp:identifier>https://example.org/t</tp:identifier><tp:version>2.0</tp:version><tp:publicationDate>2026-01-02</tp:publicationDate>
<tp:entryPoints><tp:entryPoint><tp:entryPointDocument href="https://example.org/t/entry.xsd"/></tp:entryPoint></tp:entryPoints></tp:taxonomyPackage>'''
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("mini/META-INF/taxonomyPackage.xml", meta)
    z.writestr(top + "core/core.xsd", schema)
    z.writestr(top + "core/part.xsd", partschema)
    z.writestr(top + "linkbases/lab.xml", labels)
    z.writestr(top + "linkbases/ref.xml", refs)
    z.writestr(top + "linkbases/def.xml", defs)
PY
"$bin" import-taxonomy "$work/mini.zip" -o "$work/mini.xml" 2> "$work/log" || { cat "$work/log"; fail "import of the small package"; }
python3 - "$work/mini.xml" "$(sha256sum "$work/mini.zip" | cut -c1-64)" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
a = root.attrib
assert (a["identifier"], a["version"], a["publication-date"], a["sha256"]) == \
    ("https://example.org/t", "2.0", "2026-01-02", sys.argv[2]), a
assert a["entry-point"] == "https://example.org/t/entry.xsd" and a["namespace"] == "https://example.org/t/core"
assert a["part-namespace"] == "https://example.org/t/part", a
c = {e.get("name"): e for e in root.findall("concept")}
e = c["Employees"]
assert (e.get("type"), e.get("period"), e.get("kind"), e.get("label")) == \
    ("xbrli:decimalItemType", "duration", "item", "Total number of employees"), e.attrib
assert [r.attrib for r in e.findall("ref")] == [{"number": "2-7", "paragraph": "b", "subparagraph": "i"}]
assert [t.get("name") for t in e.findall("in-table")] == ["EmployeesTable"]
assert c["Cost"].get("balance") == "debit" and c["Cost"].get("period") == "instant"
assert c["Assured"].get("enumeration-domain") == "gri:YesNoDomain"
assert c["RegionAxis"].get("typed-domain") == "gri_part:RegionDomain" and c["RegionAxis"].get("kind") == "dimension"
assert c["EmployeesTable"].get("kind") == "hypercube" and c["EmployeesTable"].get("abstract") == "true"
assert not c["EmployeesLineItems"].findall("in-table"), "an abstract item sits in no table"
t = root.find("table")
assert t.get("name") == "EmployeesTable" and t.get("role") == "https://example.org/role/2-7"
assert (t.get("context-element"), t.get("closed")) == ("scenario", "false"), t.attrib
assert [x.get("name") for x in t.findall("axis")] == ["ContractAxis", "RegionAxis"]
ax = {x.get("name"): x for x in root.findall("axis")}
assert ax["ContractAxis"].get("domain") == "ContractDomain"
assert [(m.get("name"), m.get("parent")) for m in ax["ContractAxis"].findall("member")] == [("PermanentMember", "ContractDomain")]
en = root.find("enumeration")
assert (en.get("domain"), en.get("role")) == ("YesNoDomain", "https://example.org/role/enum"), en.attrib
assert [m.get("name") for m in en.findall("member")] == ["YesMember", "NoMember"]
assert ax["RegionAxis"].get("domain") is None
print("ok: the small package's concepts, references, labels, tables and axes")
PY

# Refused: not a zip; a zip without the package metadata.
echo "not a zip" > "$work/bad.zip"
set +e; "$bin" import-taxonomy "$work/bad.zip" -o "$work/bad.xml" 2> "$work/log"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q "error\[package.unreadable\]" "$work/log" && [ ! -e "$work/bad.xml" ] || fail "not a zip: $(cat "$work/log")"

if [ -z "$package" ] || [ ! -f "$package" ]; then
  echo "GRI's package is not at '$package' (../shared/gri-taxonomy): the committed data not re-derived"; exit 77
fi
pinned=$(grep -o 'sha256="[0-9a-f]*"' "$root/gri-mappings/gri-taxonomy.xml" | head -1 | cut -d'"' -f2)
[ "$(sha256sum "$package" | cut -c1-64)" = "$pinned" ] || fail "the package's sha256 is not the one gri-taxonomy.xml was imported from ($pinned)"
"$bin" import-taxonomy "$package" -o "$work/gri.xml" 2> /dev/null
"$bin" import-taxonomy "$package" -o "$work/again.xml" 2> /dev/null
cmp "$work/gri.xml" "$work/again.xml" || fail "two imports differ"
cmp "$work/gri.xml" "$root/gri-mappings/gri-taxonomy.xml" ||
  fail "gri-mappings/gri-taxonomy.xml is not what the package imports to: import it again (docs/xbrl.md)"
echo "ok: GRI's package imports to the committed gri-mappings/gri-taxonomy.xml"
