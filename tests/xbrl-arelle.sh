#!/usr/bin/env bash
# Arelle over the sample's XBRL (../shared/xbrl-validation.md): the programme instance with
# zero errors and warnings, the GRI instance with zero errors given the stand-in package.
# Arelle is not part of CI; this skips (exit 77) unless it is unpacked at ARELLE_SRC.
set -euo pipefail
bin=$1
sample=$2
tool=$3
org=$sample
source "$(dirname "$0")/tools/arelle-common.sh"
"$bin" build "$sample" -o "$work/out" 2> /dev/null
arelle -f "$work/out/programme.xbrl" --logFile="$work/programme.json"
# The definition linkbase's hypercubes are closed: a 3.11 value moved into a scope it never
# has must fail dimensional validation.
python3 - "$work/out/programme.xbrl" "$work/moved.xbrl" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
fact = re.search(r'<prog:Indicator_3_11 contextRef="([^"]+)"', s)
if fact is None:  # another organisation than the sample: no 3.11 to move
    open(sys.argv[2], "w", encoding="utf-8").write(s)
    sys.exit(0)
ctx = re.search(r'<xbrli:context id="%s">.*?</xbrli:context>' % re.escape(fact.group(1)), s, re.S).group(0)
moved = ctx.replace('id="%s"' % fact.group(1), 'id="moved"').replace(
    "<xbrli:segment>", '<xbrli:segment><xbrldi:typedMember dimension="prog:ScopeAxis">'
    "<prog:ScopeDomain>1</prog:ScopeDomain></xbrldi:typedMember>", 1)
s = s.replace(ctx, ctx + "\n" + moved, 1)
s = s.replace(fact.group(0), '<prog:Indicator_3_11 contextRef="moved"', 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
cp "$work/out/programme.xsd" "$work/out/programme_lab.xml" "$work/out/programme_pre.xml" \
   "$work/out/programme_def.xml" "$work/"
set +e
arelle -f "$work/moved.xbrl" --logFile="$work/moved.json"
set -e
arelle --packages "$work/stand-in.zip" -f "$work/out/gri-instance.xbrl" --logFile="$work/gri.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
prog = json.load(open(f"{work}/programme.json"))["log"]
gri = json.load(open(f"{work}/gri.json"))["log"]
assert not prog, [m["code"] for m in prog]
moved = [m["code"] for m in json.load(open(f"{work}/moved.json"))["log"]]
has_3_11 = "Indicator_3_11" in open(f"{work}/out/programme.xbrl", encoding="utf-8").read()
assert moved == (["xbrldie:PrimaryItemDimensionallyInvalidError"] if has_3_11 else []), moved
errors = [m for m in gri if m.get("level") == "error"]
assert not errors, [m["code"] for m in errors]
print(f"Arelle: programme instance clean, a moved fact dimensionally invalid; GRI instance {len(gri)} warnings, 0 errors")
PY
