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
# Without the restatement entry for 3.11's change of definition, validate must say so.
cp -r "$sample" "$work/unrestated"
python3 - "$work/unrestated/programme.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r'  <restatement id="R-3.11-2021".*?</restatement>\n', '', s, flags=re.S)
assert s2 != s
open(p, "w", encoding="utf-8").write(s2)
PY
"$bin" validate "$work/unrestated" 2> "$work/unrestated.log" || true
grep -q 'warning\[restatement.missing\]: indicator 3.11 is compared between 2020 (definition 1) and 2021 (definition 2)' \
  "$work/unrestated.log" || { cat "$work/unrestated.log"; exit 1; }
if grep -q 'restatement.missing' "$work/stderr"; then echo "the sample itself lacks a restatement"; exit 1; fi
echo "a missing restatement is reported"
