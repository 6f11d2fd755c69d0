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
check() {  # TRACE: the order of writes, fsyncs and the swap
  python3 - "$1" <<'PY'
import re, sys
fds, written, synced, order = {}, set(), set(), []
for line in open(sys.argv[1]):
    m = re.match(r"(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+)", line)
    if not m:
        continue
    pid, call, args, rc = m.group(1), m.group(2), m.group(3), int(m.group(4))
    if call == "openat" and rc >= 0:
        path = re.search(r'"([^"]*)"', args).group(1)
        fds[(pid, rc)] = path
        if "O_CREAT" in args and ".griexport-stage-" in path and "lock" not in path:
            written.add(path)
    elif call == "fsync" and rc == 0:
        path = fds.get((pid, int(args)))
        if path:
            synced.add(path)
            order.append(("fsync", path))
    elif call in ("rename", "renameat2") and ".griexport-stage-" in args and rc == 0:
        order.append(("swap", args))
swaps = [i for i, (k, _) in enumerate(order) if k == "swap"]
assert len(swaps) == 1, order
before = {p for k, p in order[: swaps[0]] if k == "fsync"}
after = {p for k, p in order[swaps[0] + 1 :] if k == "fsync"}
missing = sorted(written - before)
assert written and not missing, f"written but not synced before the swap: {missing}"
stage = {p for p in before if re.search(r"\.griexport-stage-\w+$", p)}
assert stage, "the staging folder is not synced before the swap"
parent = sys.argv[1].rsplit("/", 1)[0]
assert any(not ".griexport-stage-" in p and p.rstrip("/") == parent.rstrip("/") for p in after), \
    f"the parent folder is not synced after the swap: {sorted(after)}"
print(f"ok: {len(written)} files and the staging folder synced before the swap, the parent after")
PY
}
strace -f -e trace=openat,fsync,rename,renameat2 -o "$work/new.txt" "$bin" build "$sample" -o "$work/out" 2> /dev/null
check "$work/new.txt"
strace -f -e trace=openat,fsync,rename,renameat2 -o "$work/again.txt" "$bin" build "$sample" -o "$work/out" 2> /dev/null
check "$work/again.txt"
