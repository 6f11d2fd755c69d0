#!/usr/bin/env python3
"""Compares two XBRL instances fact by fact: concept, context (entity, period, dimensions),
unit (measures), decimals, language, value, and the footnotes linked to the fact (language
and text, by fact-footnote arcs). Context and unit ids may differ; what they
mean may not. Text blocks are compared as parsed XHTML, so serialisation details (namespace
declarations, quoting) do not count. Exit 1 and a listing when the facts differ."""
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal

XBRLI = "{http://www.xbrl.org/2003/instance}"
LINK = "{http://www.xbrl.org/2003/linkbase}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def canonical_xml(text):
    try:
        root = ET.fromstring("<r xmlns='http://www.w3.org/1999/xhtml'>" + text + "</r>")
    except ET.ParseError:
        return text
    return ET.tostring(root, encoding="unicode")


def namespaces(path):
    """Prefix → URI of every declaration (the files declare each prefix once)."""
    out = {}
    for _, (prefix, uri) in ET.iterparse(path, events=["start-ns"]):
        out.setdefault(prefix, uri)
    return out


def facts(path):
    root = ET.parse(path).getroot()
    ns = namespaces(path)

    def qname(text):
        prefix, _, local = text.strip().rpartition(":")
        return "{%s}%s" % (ns.get(prefix, prefix), local)

    contexts, units = {}, {}
    for c in root.iter(XBRLI + "context"):
        ident = c.find(f"{XBRLI}entity/{XBRLI}identifier")
        period = tuple((p.tag, (p.text or "").strip()) for p in c.find(XBRLI + "period"))
        dims = []
        for member in c.iter():
            if member.get("dimension"):
                dims.append((qname(member.get("dimension")), "".join(member.itertext()).strip()))
        contexts[c.get("id")] = (ident.get("scheme"), ident.text.strip(), period, tuple(sorted(dims)))
    for u in root.iter(XBRLI + "unit"):
        num = tuple(sorted(qname(m.text) for m in u.iter(XBRLI + "measure")))
        divide = u.find(XBRLI + "divide")
        if divide is not None:
            n = tuple(qname(m.text) for m in divide.find(XBRLI + "unitNumerator").iter(XBRLI + "measure"))
            d = tuple(qname(m.text) for m in divide.find(XBRLI + "unitDenominator").iter(XBRLI + "measure"))
            num = ("divide", n, d)
        units[u.get("id")] = num
    # Footnotes by the id of the fact they are linked to.
    XLINK = "{http://www.w3.org/1999/xlink}"
    notes = {}
    for link in root.iter(LINK + "footnoteLink"):
        locs, texts = {}, {}
        for e in link:
            if e.tag == LINK + "loc":
                locs.setdefault(e.get(XLINK + "label"), []).append(e.get(XLINK + "href").split("#")[-1])
            elif e.tag == LINK + "footnote":
                texts.setdefault(e.get(XLINK + "label"), []).append((e.get(XML_LANG), "".join(e.itertext()).strip()))
        for arc in link.iter(LINK + "footnoteArc"):
            for fact_id in locs.get(arc.get(XLINK + "from"), []):
                notes.setdefault(fact_id, set()).update(texts.get(arc.get(XLINK + "to"), []))
    out = Counter()
    for f in root:
        if f.tag.startswith(XBRLI) or f.tag.startswith(LINK) or f.get("contextRef") is None:
            continue
        value = f.text or ""
        if len(f):  # a text block saved unescaped
            value = "".join(ET.tostring(child, encoding="unicode") for child in f)
        if "<" in value:
            value = canonical_xml(value)
        unit = units.get(f.get("unitRef")) if f.get("unitRef") else None
        decimals = f.get("decimals")
        if decimals is not None and unit is not None:
            # 15940 and 15940.0 are one value: compared as exact decimals.
            value = str(Decimal(value.strip()).normalize())
        footnotes = tuple(sorted(notes.get(f.get("id"), ())))
        out[(f.tag, contexts[f.get("contextRef")], unit, decimals, f.get(XML_LANG) or None, value,
             footnotes)] += 1
    return out


def main():
    expected, actual = facts(sys.argv[1]), facts(sys.argv[2])
    if expected == actual:
        print(f"{sum(actual.values())} facts equal: {sys.argv[2]} = {sys.argv[1]}")
        return 0
    for f in sorted((expected - actual).elements(), key=str)[:20]:
        print("missing:", f)
    for f in sorted((actual - expected).elements(), key=str)[:20]:
        print("extra:  ", f)
    print(f"{sum((expected - actual).values())} missing, {sum((actual - expected).values())} extra")
    return 1


sys.exit(main())
