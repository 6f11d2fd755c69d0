#!/usr/bin/env python3
"""Writes a synthetic organisation folder for load benchmarks.

usage: make-synthetic-org.py OUT_DIR INDICATORS YEARS [--one-line] [--rules N]
e.g.   make-synthetic-org.py /tmp/big 100000 10   (a million observations)
Then:  /usr/bin/time -v build/griexport validate /tmp/big
--one-line writes programme.xml on a single line, as XML generators do;
--rules N writes rules.xml with N value rules, each naming the one before with rule().
"""
import os
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
one_line = "--one-line" in sys.argv
rules = int(sys.argv[sys.argv.index("--rules") + 1]) if "--rules" in sys.argv else 0
if rules:
    args.remove(str(rules))
out, n, years = args[0], int(args[1]), int(args[2])
nl = "" if one_line else "\n"
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "organisation.xml"), "w") as f:
    f.write("""<?xml version="1.0" encoding="UTF-8"?>
<organisation><name><sv>Syntetisk</sv><en>Synthetic</en></name>
<organisation-number>000000-0000</organisation-number>
<reporting-period start="2021-01-01" end="2021-12-31"/><base-year>2012</base-year>
<languages>sv en</languages><claim sought="with-reference"/>
<material-topics><topic id="emissions" goals="1.1"/></material-topics></organisation>
""")
with open(os.path.join(out, "programme.xml"), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<programme>' + nl)
    f.write('<area id="1"><title><sv>A</sv></title></area>' + nl + '<goal id="1.1" area="1"><title><sv>G</sv></title></goal>' + nl)
    for i in range(n):
        f.write(f'<indicator id="i{i}" goal="1.1" unit="t CO2e" kind="outcome"><name><sv>I{i}</sv></name>'
                f'<definition version="1" valid-from="2000-01-01"><sv>d</sv></definition></indicator>' + nl)
    f.write("</programme>\n")
with open(os.path.join(out, "observations.csv"), "w") as f:
    f.write("indicator,year,value,unit\n")
    for i in range(n):
        for y in range(2021 - years + 1, 2022):
            f.write(f"i{i},{y},{(i * 7 + y) % 10000}.5,t CO2e\n")
if rules:
    with open(os.path.join(out, "rules.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rules>\n')
        for r in range(rules):
            prev = f' + rule("r{r - 1}")' if r else ""
            f.write(f'<rule id="r{r}" disclosure="305-4" requirement="a"><value unit="t CO2e" '
                    f'precision="0">value("i{r % n}"){prev}</value></rule>\n')
        f.write("</rules>\n")
