#!/usr/bin/env bash
# XML Schema validity of every XBRL file the sample's build writes, offline, with the
# public XBRL schemas in ../shared/xbrl-schemas (catalog.xml). The GRI instance is checked
# against the stand-in package built from the catalogue. Skips (exit 77) where
# ../shared is absent, as in a user's clone.
set -euo pipefail
bin=$1
sample=$2
schemas=$3
if [ ! -f "$schemas/catalog.xml" ]; then
  echo "skipped: no XBRL schemas at $schemas (../shared is not part of a clone)"
  exit 77
fi
command -v xmllint > /dev/null || { echo "xmllint missing (Debian libxml2-utils)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$sample" -o "$work/out" 2> /dev/null
"$bin" stand-in-taxonomy "$sample" -o "$work/package" 2> /dev/null
core=$(find "$work/package" -name '*_core_*.xsd')
lint() {
  XML_CATALOG_FILES="$schemas/catalog.xml" xmllint --nonet --noout --schema "$1" "$2" 2>&1 \
    | grep -v ' validates$' || true
}
fail=0
check() {
  local out
  out=$(lint "$1" "$2")
  if [ -n "$out" ]; then echo "$out"; fail=1; else echo "valid: $(basename "$2")"; fi
}
linkbase="$schemas/http/www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd"
check "$work/out/programme.xsd" "$work/out/programme.xbrl"
check "$linkbase" "$work/out/programme_lab.xml"
check "$linkbase" "$work/out/programme_pre.xml"
check "$core" "$work/out/gri-instance.xbrl"
# The instances refer to their schemas: both must parse as schemas themselves.
for xsd in "$work/out/programme.xsd" "$core"; do
  XML_CATALOG_FILES="$schemas/catalog.xml" xmllint --nonet --noout --schema "$xsd" /dev/null 2>&1 \
    | grep -E 'failed to compile|Schemas parser error' && fail=1
done
exit $fail
