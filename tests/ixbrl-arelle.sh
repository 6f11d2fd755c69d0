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
source "$(dirname "$0")/tools/arelle-common.sh"
inline() { arelle --plugins=inlineXbrlDocumentSet --saveInstance "$@"; }
"$bin" build "$org" -o "$work/out" --lang both 2> /dev/null
for lang in sv en; do
  # Arelle saves the extracted instance beside the document: a folder of its own.
  dir="$work/$lang"
  mkdir -p "$dir"
  cp "$work/out/gri-supplement.$lang.xhtml" "$work/out"/programme* "$dir/"
  inline --packages "$work/stand-in.zip" -f "$dir/gri-supplement.$lang.xhtml" \
    --logFile="$work/gri.$lang.json"
  mv "$dir/gri-supplement.${lang}_extracted.xbrl" "$work/gri.$lang.xbrl"
  inline --inlineTarget programme -f "$dir/gri-supplement.$lang.xhtml" \
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
