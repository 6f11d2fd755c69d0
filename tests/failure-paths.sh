#!/usr/bin/env bash
# The build's failure paths (issue 32): numbers at the edge of the exact range, a stage that
# throws (GRIEXPORT_INJECT_FAULT), an organisation of a batch that throws, and a command
# that throws. Each must end in its documented exit code with a diagnostic naming what
# failed, write nothing, and never hang (every run has a timeout of its own).
set -euo pipefail
bin=$1
base=$2     # tests/cases/_base
sample=$3   # samples/region-dalarna
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
limit=60

org() {  # NAME OBSERVATIONS-ROWS…
    local name=$1; shift
    rm -rf "$name"; cp -r "$base" "$name"
    printf 'indicator,year,value,unit,status,source\n' > "$name/observations.csv"
    printf '%s\n' "$@" >> "$name/observations.csv"
}
runs() {  # EXPECTED-RC LOG COMMAND…
    local want=$1 log=$2; shift 2
    set +e; timeout $limit "$@" > "$log.out" 2> "$log"; local rc=$?; set -e
    [ $rc -ne 124 ] || fail "$* hung (killed after $limit s)"
    [ $rc -eq "$want" ] || fail "$*: exit $rc, expected $want: $(cat "$log")"
}

# 1. A 19-digit number is refused where it is written (18 significant digits, as the docs
#    say); one of 18 digits that cannot be printed with the indicator's decimal is refused
#    at its row by validate and build alike, and build ends.
org big '1.2,2019,14.5,%,final,kost' '1.2,2021,11.0,%,preliminary,kost' \
    '1.3,2020,9000000000000000000,%,final,hr'
runs 1 big.log "$bin" validate big
grep -q "big/observations.csv:4:28: error\[csv.number\]" big.log || fail "19 digits: $(cat big.log)"
org edge '1.2,2019,14.5,%,final,kost' '1.2,2021,11.0,%,preliminary,kost' \
    '1.3,2020,999999999999999999,%,final,hr'
runs 1 edge-validate.log "$bin" validate edge
grep -q "edge/observations.csv:4:1: error\[value.out-of-range\]" edge-validate.log ||
    fail "18 digits at one decimal: $(cat edge-validate.log)"
runs 1 edge-build.log "$bin" build edge -o edge-out
grep -q "edge/observations.csv:4:1: error\[value.out-of-range\]" edge-build.log ||
    fail "build of 18 digits at one decimal: $(cat edge-build.log)"
! grep -q "internal" edge-build.log || fail "a renderer met the overflow: $(cat edge-build.log)"
[ ! -e edge-out ] || fail "edge: output written"

# 2. A targeted indicator whose progress overflows: validate says so (it aborted, 134).
org target '1.2,2019,14.5,%,final,kost' '1.2,2021,900000000000000000,%,preliminary,kost'
runs 1 target.log "$bin" validate target
grep -q "error\[target.overflow\]: indicator 1.2" target.log || fail "target: $(cat target.log)"
echo "ok: numbers at the edge"

# 3. Each stage of a build made to throw: an error naming it, exit 1, nothing committed.
#    The output folder holds a good build first, which must stay exactly as it was.
cp -r "$sample" sample
"$bin" build sample -o out --lang both 2> /dev/null
before=$(cd out && find . -type f -exec sha256sum {} + | sort)
stages="build build:supplement-content.sv build:supplement-content.en build:pdf-supplement.sv
  build:pdf-supplement.en build:mapping-report.sv build:mapping-report.en build:mapping-report.xlsx
  build:content-index build:gri-instance build:programme-xbrl build:xhtml-supplement.sv
  build:xhtml-supplement.en build:audit-trail build:manifest"
for stage in $stages; do
    GRIEXPORT_INJECT_FAULT=$stage runs 1 "fault.log" "$bin" build sample -o out --lang both
    grep -q "error\[internal.exception\]: the stage .* failed: fault injected at $stage " fault.log ||
        fail "$stage: $(cat fault.log)"
    after=$(cd out && find . -type f -exec sha256sum {} + | sort)
    [ "$before" = "$after" ] || fail "$stage: the output folder changed"
    leftover=$(find . -name '*.griexport-*' | head -3)
    [ -z "$leftover" ] || fail "$stage: left behind: $leftover"
done
# The merge into the annual report, too (a one-page report written by groff).
printf '.LP\nÅrsredovisning 2021.\n' | groff -Kutf8 -ms -Tpdf > ar.pdf
GRIEXPORT_INJECT_FAULT=build:annual-report runs 1 fault.log "$bin" build sample -o out --annual-report ar.pdf
grep -q "error\[internal.exception\]: the stage build:annual-report failed" fault.log ||
    fail "annual-report: $(cat fault.log)"
[ "$before" = "$(cd out && find . -type f -exec sha256sum {} + | sort)" ] || fail "annual-report: out changed"
echo "ok: every build stage fails cleanly"

# 4. One organisation of a batch throws: the others are built, exit 1, batch.json says so.
mkdir orgs; cp -r "$sample" orgs/a; cp -r "$sample" orgs/b; cp -r "$sample" orgs/c
GRIEXPORT_INJECT_FAULT=batch:b runs 1 batch.log "$bin" batch orgs -o batch-out --jobs 2
grep -q "batch of 3: 2 built, 1 failed" batch.log || fail "batch: $(cat batch.log)"
grep -q "b: griexport:0:0: error\[internal.exception\]: the stage batch:b failed" batch.log ||
    fail "batch: the failure is not named: $(cat batch.log)"
[ -f batch-out/a/manifest.json ] && [ -f batch-out/c/manifest.json ] && [ ! -e batch-out/b ] ||
    fail "batch: wrong folders: $(ls batch-out)"
# A build stage failing inside a batch's worker is that organisation's failure too.
rm -rf batch-out
GRIEXPORT_INJECT_FAULT=build:pdf-supplement.sv runs 1 batch2.log "$bin" batch orgs -o batch-out --jobs 2
grep -q "batch of 3: 0 built, 3 failed" batch2.log || fail "batch, stage: $(cat batch2.log)"
echo "ok: batch"

# 5. Whatever escapes the library: exit 3, internal.error naming the command.
GRIEXPORT_INJECT_FAULT=command:validate runs 3 cmd.log "$bin" validate sample
grep -q "error\[internal.error\]: validate stopped on an internal error" cmd.log ||
    fail "command: $(cat cmd.log)"
echo "ok: exit 3"
