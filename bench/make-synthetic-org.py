#!/usr/bin/env python3
"""Writes a synthetic organisation folder for load benchmarks.

usage: make-synthetic-org.py OUT_DIR INDICATORS YEARS
e.g.   make-synthetic-org.py /tmp/big 100000 10   (a million observations)
Then:  /usr/bin/time -v build/griexport validate /tmp/big
"""
import os
import sys

out, n, years = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "organisation.xml"), "w") as f:
    f.write("""<?xml version="1.0" encoding="UTF-8"?>
<organisation><name><sv>Syntetisk</sv><en>Synthetic</en></name>
<organisation-number>000000-0000</organisation-number>
<reporting-period start="2021-01-01" end="2021-12-31"/><base-year>2012</base-year>
<languages>sv en</languages><claim sought="with-reference"/></organisation>
""")
with open(os.path.join(out, "programme.xml"), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<programme>\n')
    f.write('<area id="1"><title><sv>A</sv></title></area>\n<goal id="1.1" area="1"><title><sv>G</sv></title></goal>\n')
    for i in range(n):
        f.write(f'<indicator id="i{i}" goal="1.1" unit="t CO2e" kind="outcome"><name><sv>I{i}</sv></name>'
                f'<definition version="1" valid-from="2000-01-01"><sv>d</sv></definition></indicator>\n')
    f.write("</programme>\n")
with open(os.path.join(out, "observations.csv"), "w") as f:
    f.write("indicator,year,value,unit\n")
    for i in range(n):
        for y in range(2021 - years + 1, 2022):
            f.write(f"i{i},{y},{(i * 7 + y) % 10000}.5,t CO2e\n")
