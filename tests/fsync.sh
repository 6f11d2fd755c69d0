#!/usr/bin/env bash
# Outputs are on the disk before they are swapped into place (issue 32, item 9): traced with
# strace, every file written into the staging folder is fsync'd before the rename that
# makes the folder the outputs, the staging folder too, and the parent folder after the
# rename (for a new output folder, rename; for an existing one, renameat2's exchange).
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! strace -f -o /dev/null true 2> /dev/null; then
  echo "strace cannot trace here (ptrace is not permitted): not checked"; exit 77
fi
check() {  # TRACE OUT: the order of fsyncs (strace -y names each fd's file) and the swap
  python3 - "$1" "$2" <<'PY'
import os, re, sys
trace, out = sys.argv[1], sys.argv[2]
order = []
for line in open(trace):
    m = re.match(r"\d+\s+fsync\(\d+<([^>]*)>", line)
    if m:
        order.append(("fsync", m.group(1)))
    elif re.match(r"\d+\s+(rename|renameat2)\(.*\.griexport-stage-", line):
        order.append(("swap", line))
swaps = [i for i, (k, _) in enumerate(order) if k == "swap"]
assert len(swaps) == 1, order
before = [p for k, p in order[: swaps[0]] if k == "fsync"]
after = [p for k, p in order[swaps[0] + 1 :] if k == "fsync"]
written = sorted(os.path.relpath(os.path.join(d, f), out)
                 for d, _, fs in os.walk(out) for f in fs)
missing = [w for w in written
           if not any(re.search(r"/\.[^/]*\.griexport-stage-\w+/" + re.escape(w) + "$", p) for p in before)]
assert written and not missing, f"written but not synced before the swap: {missing}"
assert any(re.search(r"\.griexport-stage-\w+$", p) for p in before), \
    "the staging folder is not synced before the swap"
parent = os.path.dirname(os.path.abspath(out))
assert parent in after, f"the parent folder is not synced after the swap: {after}"
print(f"ok: {len(written)} files and the staging folder synced before the swap, the parent after")
PY
}
# LeakSanitizer stops threads with ptrace, which strace holds: no leak check under it (the
# suite's other tests check leaks in the sanitizer build).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
traced() {  # TRACE: a build of the sample into $work/out under strace
  strace -f -y -e trace=fsync,rename,renameat2 -o "$1" "$bin" build "$sample" -o "$work/out" \
    2> "$work/build.log" || { tail -5 "$work/build.log"; echo "FAIL: the traced build failed"; exit 1; }
}
traced "$work/new.txt"
check "$work/new.txt" "$work/out"
traced "$work/again.txt"
check "$work/again.txt" "$work/out"
