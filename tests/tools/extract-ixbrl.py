#!/usr/bin/env python3
"""Extracts the XBRL instance of one target from an Inline XBRL 1.1 document, for the forms
griexport writes: ix:nonFraction with ixt:num-comma-decimal, ixt:num-dot-decimal or no format,
@scale and @sign; ix:nonNumeric with @escape. Written from the Inline XBRL 1.1 specification
and the Transformation Registry 4, independently of the writer, so that CI (which has no
Arelle) still compares what a processor would read with the .xbrl files.
Usage: extract-ixbrl.py DOC.xhtml TARGET|- OUT.xbrl"""
import copy
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

IX = "{http://www.xbrl.org/2013/inlineXBRL}"
IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XBRLI = "http://www.xbrl.org/2003/instance"


def transform(fmt, text):
    text = text.strip()
    if fmt is None:
        return text
    prefix, _, name = fmt.partition(":")
    if NS.get(prefix) != IXT:
        raise SystemExit(f"format {fmt}: not in the Transformation Registry 4")
    if name == "num-comma-decimal":
        return text.replace("\u00a0", "").replace(" ", "").replace(".", "").replace(",", ".")
    if name == "num-dot-decimal":
        return text.replace("\u00a0", "").replace(" ", "").replace(",", "")
    raise SystemExit(f"format {fmt}: not one griexport writes")


def strip_ix(e):
    """Replaces every ix:* descendant of `e` by its content (text, children, tail)."""
    i = 0
    while i < len(e):
        c = e[i]
        strip_ix(c)
        if not c.tag.startswith(IX):
            i += 1
            continue
        kids = list(c)
        def append(text):
            if not text:
                return
            if i == 0:
                e.text = (e.text or "") + text
            else:
                e[i - 1].tail = (e[i - 1].tail or "") + text
        append(c.text)
        tail = c.tail
        e.remove(c)
        for k, kid in enumerate(kids):
            e.insert(i + k, kid)
        i += len(kids)
        append(tail) if not kids else None
        if kids and tail:
            kids[-1].tail = (kids[-1].tail or "") + tail


def lang_of(elt, parents):
    # The nearest xml:lang in scope; an empty one means no language (XML 1.0, 2.12).
    while elt is not None:
        if elt.get(XML_LANG) is not None:
            return elt.get(XML_LANG) or None
        elt = parents.get(elt)
    return None


doc, target, out = sys.argv[1], sys.argv[2], sys.argv[3]
target = None if target == "-" else target
NS = {}
for _, (prefix, uri) in ET.iterparse(doc, events=["start-ns"]):
    NS.setdefault(prefix, uri)
root = ET.parse(doc).getroot()
parents = {child: parent for parent in root.iter() for child in parent}
for prefix, uri in NS.items():
    ET.register_namespace(prefix, uri)

instance = ET.Element(f"{{{XBRLI}}}xbrl")
for refs in root.iter(IX + "references"):
    if refs.get("target") == target:
        for child in refs:
            instance.append(child)
resources = [r for res in root.iter(IX + "resources") for r in res]
facts = []
for elt in root.iter():
    if elt.tag not in (IX + "nonFraction", IX + "nonNumeric") or elt.get("target") != target:
        continue
    prefix, _, local = elt.get("name").partition(":")
    fact = ET.Element(f"{{{NS[prefix]}}}{local}", {"contextRef": elt.get("contextRef")})
    if elt.get("id"):
        fact.set("id", elt.get("id"))
    if elt.tag == IX + "nonFraction":
        value = Decimal(transform(elt.get("format"), "".join(elt.itertext())))
        value = value.scaleb(int(elt.get("scale", "0")))
        if elt.get("sign") == "-":
            value = -value
        fact.set("unitRef", elt.get("unitRef"))
        fact.set("decimals", elt.get("decimals"))
        fact.text = str(value)
    else:
        lang = lang_of(elt, parents)
        if lang:
            fact.set(XML_LANG, lang)
        if elt.get("escape") in ("true", "1"):
            # Nested Inline XBRL elements (a text tagged twice) are not part of the value:
            # their content is, in their place.
            content = copy.deepcopy(elt)
            strip_ix(content)
            fact.text = (content.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in content)
        else:
            fact.text = "".join(elt.itertext())
    facts.append(fact)
used_contexts = {f.get("contextRef") for f in facts}
used_units = {f.get("unitRef") for f in facts if f.get("unitRef")}
for r in resources:
    if (r.tag == f"{{{XBRLI}}}context" and r.get("id") in used_contexts) or (
            r.tag == f"{{{XBRLI}}}unit" and r.get("id") in used_units):
        instance.append(r)
instance.extend(facts)
# ix:relationship (fact-footnote by default) from this target's facts to ix:footnote texts.
LINKNS = "http://www.xbrl.org/2003/linkbase"
XLINKNS = "http://www.w3.org/1999/xlink"
ids = {f.get("id") for f in facts if f.get("id")}
footnotes = {e.get("id"): e for e in root.iter(IX + "footnote")}
for n, rel in enumerate(root.iter(IX + "relationship")):
    sources = [i for i in rel.get("fromRefs").split() if i in ids]
    if not sources:
        continue
    link = ET.SubElement(instance, f"{{{LINKNS}}}footnoteLink", {
        f"{{{XLINKNS}}}type": "extended", f"{{{XLINKNS}}}role": "http://www.xbrl.org/2003/role/link"})
    for i in sources:
        ET.SubElement(link, f"{{{LINKNS}}}loc", {f"{{{XLINKNS}}}type": "locator",
                      f"{{{XLINKNS}}}href": "#" + i, f"{{{XLINKNS}}}label": f"from{n}"})
    for i in rel.get("toRefs").split():
        note = footnotes[i]
        r = ET.SubElement(link, f"{{{LINKNS}}}footnote", {f"{{{XLINKNS}}}type": "resource",
                          f"{{{XLINKNS}}}label": f"to{n}", XML_LANG: note.get(XML_LANG) or ""})
        r.text = "".join(note.itertext())
    ET.SubElement(link, f"{{{LINKNS}}}footnoteArc", {
        f"{{{XLINKNS}}}type": "arc", f"{{{XLINKNS}}}from": f"from{n}", f"{{{XLINKNS}}}to": f"to{n}",
        f"{{{XLINKNS}}}arcrole": rel.get("arcrole", "http://www.xbrl.org/2003/arcrole/fact-footnote")})
text = ET.tostring(instance, encoding="unicode")
# Measures and dimension names are QNames in text: declare every prefix the document has,
# not only those ElementTree sees in element and attribute names.
head_end = text.index(">")
missing = "".join(f' xmlns:{p}="{u}"' for p, u in NS.items()
                  if p and f"xmlns:{p}=" not in text[:head_end])
text = text[:head_end] + missing + text[head_end:]
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n' + text)
print(f"{len(facts)} facts of target {target or '(default)'} from {doc}")
