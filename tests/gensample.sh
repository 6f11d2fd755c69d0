#!/usr/bin/env bash
# gensample: the same seed writes the same bytes, another seed other values; what it writes
# loads without error and builds; --broken 1 among five makes exactly the middle one fail a
# batch, which still builds the other four.
set -euo pipefail
gensample=$1
bin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gensample" --indicators 40 --years 3 --organisations 5 --seed 11 --broken 1 -o "$work/a" 2> /dev/null
"$gensample" --indicators 40 --years 3 --organisations 5 --seed 11 --broken 1 -o "$work/b" 2> /dev/null
"$gensample" --indicators 40 --years 3 --organisations 5 --seed 12 --broken 1 -o "$work/c" 2> /dev/null
diff -r "$work/a" "$work/b"
# (`! cmd` would not stop a `set -e` script: a plain if does.)
if cmp -s "$work/a/synthetic-0001/observations.csv" "$work/c/synthetic-0001/observations.csv"; then
  echo "another seed wrote the same values"
  exit 1
fi
[ "$(wc -l < "$work/a/organisations.txt")" = 5 ]
# Realistic: definition changes with restatements, revised targets, gender splits, Kolada.
grep -q '<restatement id=' "$work/a/synthetic-0001/programme.xml"
[ "$(grep -c '<target indicator="1.1.2"' "$work/a/synthetic-0001/programme.xml" || true)" -ge 1 ]
grep -q ',K$' "$work/a/synthetic-0001/observations.csv"
"$bin" validate "$work/a/synthetic-0001" 2> "$work/validate.log" || { cat "$work/validate.log"; exit 1; }
set +e
"$bin" batch "$work/a/organisations.txt" -o "$work/out" --jobs 2 2> "$work/batch.log"
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$work/batch.log"; exit 1; }
grep -q "batch of 5: 4 built, 1 failed" "$work/batch.log" || { cat "$work/batch.log"; exit 1; }
grep -q "synthetic-0002: .*error\[" "$work/batch.log" || { cat "$work/batch.log"; exit 1; }
echo "gensample: deterministic, loads, builds; the broken one fails alone"
