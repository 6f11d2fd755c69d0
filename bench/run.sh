#!/usr/bin/env bash
# Whole-build time and peak memory: the sample, gensample's 1k/10k/100k indicators × 10
# years, a batch of 311 sample-sized organisations (one broken) with --jobs 2, and the peer
# ratio: the same supplement from its XHTML through WeasyPrint (Debian's weasyprint), in the
# same run. Prints a Markdown table for docs/performance.md. Usage: bench/run.sh [BUILD]
set -euo pipefail
build=${1:-build}
bin=$build/griexport
gen=$build/gensample
# A fresh folder per run of this script, removed at its end, and a fresh output folder per
# measured run: nothing is deleted while builds are timed. On a file system such as this
# machine's ext4 without a journal, creating a file looks past every inode deleted in the
# last minute, so thousands of files removed just before a build slow it by a quarter.
work=$(mktemp -d "${BENCH_DIR:-/tmp}/griexport-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A step that fails stops the script (set -e); say which, since its output is discarded (a
# full disk once stopped it after the batch without a word).
trap 'echo "bench/run.sh: stopped at line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR
runs=0
measure() {  # label, command… (OUT stands for the output folder): best of three for small ones
  local label=$1; shift
  local best="" mem=""
  for run in 1 2 3; do
    runs=$((runs + 1))
    local args=() a
    for a in "$@"; do args+=("${a/#OUT/$work/out.$runs}"); done
    /usr/bin/time -f "%e %M" -o "$work/time" "${args[@]}" > /dev/null 2>&1 || true
    read -r t m < <(tail -1 "$work/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
    [ "${QUICK:-}" = 1 ] && break
  done
  printf '| %s | %s s | %d MiB |\n' "$label" "$best" $((mem / 1024))
  echo "$best" > "$work/last"
}
echo "| build | wall | peak memory |"
echo "|---|---|---|"
measure "sample (Region Dalarna), griexport build" "$bin" build samples/region-dalarna -o OUT
sample_time=$(cat "$work/last")
for n in 1000 10000 100000; do
  "$gen" --indicators $n --years 10 --seed 1 -o "$work/g$n" 2> /dev/null
  QUICK=$([ $n = 100000 ] && echo 1 || echo "") measure \
    "$n indicators × 10 years ($((n * 10)) observations)" \
    "$bin" build "$work/g$n/synthetic-0001" -o OUT
done
"$gen" --indicators 65 --years 4 --organisations 311 --seed 1 --broken 1 -o "$work/batch" 2> /dev/null
QUICK=1 measure "batch of 311 sample-sized organisations, one broken, --jobs 2" \
  "$bin" batch "$work/batch/organisations.txt" -o OUT --jobs 2
if command -v weasyprint > /dev/null; then
  "$bin" build samples/region-dalarna -o "$work/sample" 2> /dev/null
  measure "the sample's supplement from its XHTML through WeasyPrint (PDF only)" \
    weasyprint "$work/sample/gri-supplement.sv.xhtml" "$work/weasy.pdf"
  weasy=$(cat "$work/last")
  echo
  echo "Peer ratio: WeasyPrint takes $(awk "BEGIN{printf \"%.1f\", $weasy / $sample_time}")× as long for the supplement's PDF alone as griexport for the whole build."
fi
