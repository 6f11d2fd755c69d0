#!/usr/bin/env bash
# Arelle validates the Inline XBRL supplement in both languages (../shared/xbrl-validation.md):
# Inline XBRL 1.1 with --utr, the GRI target with the stand-in package, then the programme
# target; 0 errors and 0 warnings. The instances it extracts equal gri-instance.xbrl and
# programme.xbrl fact by fact. Skips (exit 77) unless Arelle is unpacked at ARELLE_SRC.
set -euo pipefail
bin=$1
org=$2
tool=$3
tools=$4
src=${ARELLE_SRC:-/tmp/arelle-src}
if [ ! -f "$src/arelleCmdLine.py" ] || [ ! -f "$tool" ]; then
  echo "skipped: Arelle not unpacked at $src (see ../shared/xbrl-validation.md)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$org" -o "$work/out" --lang both 2> /dev/null
"$bin" stand-in-taxonomy "$org" -o "$work/package/gri-stand-in" 2> /dev/null
(cd "$work/package" && python3 -c "
import os, zipfile
with zipfile.ZipFile('../stand-in.zip', 'w') as z:
    for root, _, files in os.walk('gri-stand-in'):
        for f in sorted(files): z.write(os.path.join(root, f))
")
arelle() {
  XDG_CONFIG_HOME="$work/config" ARELLE_SRC="$src" /usr/bin/python3 "$tool" \
    --internetConnectivity=offline --validationExitCode --logLevel=warning -v --utr \
    --plugins=inlineXbrlDocumentSet --saveInstance "$@"
}
for lang in sv en; do
  # Arelle saves the extracted instance beside the document: a folder of its own.
  dir="$work/$lang"
  mkdir -p "$dir"
  cp "$work/out/gri-supplement.$lang.xhtml" "$work/out"/programme* "$dir/"
  arelle --packages "$work/stand-in.zip" -f "$dir/gri-supplement.$lang.xhtml" \
    --logFile="$work/gri.$lang.json"
  mv "$dir/gri-supplement.${lang}_extracted.xbrl" "$work/gri.$lang.xbrl"
  arelle --inlineTarget programme -f "$dir/gri-supplement.$lang.xhtml" \
    --logFile="$work/programme.$lang.json"
  mv "$dir/gri-supplement.${lang}_extracted.xbrl" "$work/programme.$lang.xbrl"
  python3 - "$work/gri.$lang.json" "$work/programme.$lang.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    log = json.load(open(path))["log"]
    assert not log, [(m["code"], m["message"]["text"][:200]) for m in log]
print("Arelle: both targets valid Inline XBRL 1.1, 0 errors, 0 warnings")
PY
  python3 "$tools/compare-instances.py" "$work/out/gri-instance.xbrl" "$work/gri.$lang.xbrl"
  python3 "$tools/compare-instances.py" "$work/out/programme.xbrl" "$work/programme.$lang.xbrl"
done
