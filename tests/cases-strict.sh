#!/usr/bin/env bash
# The broken-input harness fails a case on an error it does not expect (issue 32, item 6):
# a copy of indicator-duplicate-id that expects only one of its two errors must fail.
set -euo pipefail
bin=$1
cases=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$cases/indicator-duplicate-id" "$work/case"
head -n 2 "$cases/indicator-duplicate-id/expect" > "$work/case/expect"
set +e; bash "$cases/run-case.sh" "$bin" "$work/case" > "$work/log" 2>&1; rc=$?; set -e
[ $rc -ne 0 ] && grep -q "unexpected error: org/kolada/sjuk.json:1:26: error\[ref.unknown-kpi\]" "$work/log" ||
  { cat "$work/log"; echo "FAIL: the harness let an unexpected error pass"; exit 1; }
bash "$cases/run-case.sh" "$bin" "$cases/indicator-duplicate-id" > /dev/null
echo "ok: an unexpected error fails its case; the full expectation passes"
