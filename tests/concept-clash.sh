#!/usr/bin/env bash
# Two indicator ids that differ only in a character an XBRL name cannot hold ("3.11" and
# "3_11") would be one concept, declared twice in programme.xsd: the build stops with
# xbrl.concept-clash at the second, once per item, and writes nothing.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$sample" "$work/org"
python3 - "$work/org/programme.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
clash = """  <indicator id="3_11" goal="3.4" unit="%" precision="0" kind="outcome">
    <name><sv>Krock</sv><en>Clash</en></name>
    <definition version="1" valid-from="2019-01-01"><sv>Krock</sv><en>Clash</en></definition>
  </indicator>
"""
at = s.index('  <indicator id="3.11"')
open(p, "w", encoding="utf-8").write(s[:at] + clash + s[at:])
PY
line=$(grep -n '<indicator id="3.11"' "$work/org/programme.xml" | cut -d: -f1)
set +e
"$bin" build "$work/org" -o "$work/out" 2> "$work/build.log"
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$work/build.log"; echo "exit $rc, expected 1"; exit 1; }
[ ! -e "$work/out" ] || { echo "outputs written"; exit 1; }
[ "$(grep -c 'error\[xbrl.concept-clash\]' "$work/build.log")" = 1 ] || { cat "$work/build.log"; exit 1; }
grep -q "programme.xml:$line:3: error\[xbrl.concept-clash\]: .*prog:Indicator_3_11," "$work/build.log" ||
  { cat "$work/build.log"; exit 1; }
# Without the clash the same folder builds.
sed -i 's/<indicator id="3_11"/<indicator id="3-11"/' "$work/org/programme.xml"
"$bin" build "$work/org" -o "$work/out" 2> "$work/again.log" || { cat "$work/again.log"; exit 1; }
echo "concept clash: reported at the second item, nothing written"
