#!/usr/bin/env bash
# Builds the sample and compares every output with tests/golden/region-dalarna/ exactly.
# After a reviewed change: GRIEXPORT_UPDATE_GOLDEN=1 ctest -R golden, then look at the diff.
set -euo pipefail
bin=$1
sample=$2
golden=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" build "$sample" -o "$work/out" 2> "$work/log" || { cat "$work/log"; exit 1; }
if [ "${GRIEXPORT_UPDATE_GOLDEN:-}" = 1 ]; then
  rm -rf "$golden" && mkdir -p "$golden" && cp "$work/out"/* "$golden/"
  echo "golden files updated in $golden"
  exit 0
fi
diff -r "$golden" "$work/out" > "$work/diff" || {
  head -60 "$work/diff"
  echo "outputs differ from $golden (GRIEXPORT_UPDATE_GOLDEN=1 to accept after review)"
  exit 1
}
echo "every output matches $golden"
