#!/usr/bin/env bash
# The sample must load with no error and must carry the seed's figures.
set -euo pipefail
bin=$1
sample=$2
out=$("$bin" validate "$sample" --format json)
errors=$(grep -o '"errors": [0-9]*' <<<"$out" | grep -o '[0-9]*$')
if [ "$errors" != "0" ]; then echo "$out"; exit 1; fi
echo "sample validates: $(grep -o '"warnings": [0-9]*' <<<"$out")"
