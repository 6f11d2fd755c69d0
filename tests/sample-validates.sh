#!/usr/bin/env bash
# The sample must load with no error, and its validation.json must be byte-for-byte
# reproducible and carry the programme's shape.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" validate "$sample" --format json > "$work/diag.json"
grep -q '"errors": 0' "$work/diag.json" || { cat "$work/diag.json"; exit 1; }
# The seed's own cross-footing difference must be named with both figures.
"$bin" validate "$sample" 2> "$work/stderr"
grep -q 'warning\[climate.cross-footing\]: the 2018 total: published 17860 .* 17861' "$work/stderr" \
  || { cat "$work/stderr"; exit 1; }
"$bin" validate "$sample" -o "$work/a"
"$bin" validate "$sample" -o "$work/b"
cmp "$work/a/validation.json" "$work/b/validation.json"
grep -q '"goals": 31' "$work/a/validation.json"
grep -q '"indicators": 65' "$work/a/validation.json"
echo "sample validates; validation.json reproducible"
