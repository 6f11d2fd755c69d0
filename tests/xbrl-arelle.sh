#!/usr/bin/env bash
# Arelle over the sample's XBRL (../shared/xbrl-validation.md): the programme instance with
# zero errors and warnings, the GRI instance with zero errors given the stand-in package.
# Arelle is not part of CI; this skips (exit 77) unless it is unpacked at ARELLE_SRC.
set -euo pipefail
bin=$1
sample=$2
tool=$3
src=${ARELLE_SRC:-/tmp/arelle-src}
if [ ! -f "$src/arelleCmdLine.py" ] || [ ! -f "$tool" ]; then
  echo "skipped: Arelle not unpacked at $src (see ../shared/xbrl-validation.md)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$sample" -o "$work/out" 2> /dev/null
"$bin" stand-in-taxonomy "$sample" -o "$work/package/gri-stand-in" 2> /dev/null
(cd "$work/package" && python3 -c "
import os, zipfile
with zipfile.ZipFile('../stand-in.zip', 'w') as z:
    for root, _, files in os.walk('gri-stand-in'):
        for f in sorted(files): z.write(os.path.join(root, f))
")
arelle() {
  XDG_CONFIG_HOME="$work/config" ARELLE_SRC="$src" /usr/bin/python3 "$tool" \
    --internetConnectivity=offline --validationExitCode --logLevel=warning -v --utr "$@"
}
arelle -f "$work/out/programme.xbrl" --logFile="$work/programme.json"
arelle --packages "$work/stand-in.zip" -f "$work/out/gri-instance.xbrl" --logFile="$work/gri.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
prog = json.load(open(f"{work}/programme.json"))["log"]
gri = json.load(open(f"{work}/gri.json"))["log"]
assert not prog, [m["code"] for m in prog]
errors = [m for m in gri if m.get("level") == "error"]
assert not errors, [m["code"] for m in errors]
print(f"Arelle: programme instance clean; GRI instance {len(gri)} warnings, 0 errors")
PY
