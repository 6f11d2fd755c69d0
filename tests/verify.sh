#!/usr/bin/env bash
# griexport verify: a fresh build verifies, alone and by re-performance; one byte changed in
# any output, or in any input, fails with exit 1 and names that file.
set -euo pipefail
bin=$1
sample=$2
data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$sample" "$work/org"
mkdir "$work/data"
cp -r "$data/gri-mappings" "$data/templates" "$data/fonts" "$work/data/"
g() { "$bin" --data-dir "$work/data" "$@"; }
# Built with options verify must recover from the manifest: both languages, a fixed date.
SOURCE_DATE_EPOCH=1700000000 g build "$work/org" -o "$work/out" --lang both 2> /dev/null
g verify "$work/out" 2> "$work/log" || { cat "$work/log"; exit 1; }
g verify "$work/out" "$work/org" 2> "$work/log" || { cat "$work/log"; exit 1; }
grep -q 'the rebuild reproduces every output byte for byte' "$work/log"

flip() {  # changes the byte in the middle of a file
  python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = len(b) // 2
b[i] = (b[i] + 1) % 256 if b[i] != 0x0a else 0x20
open(p, "wb").write(bytes(b))
PY
}
expect_named() {  # $1: what was changed; $2...: the verify arguments
  local what=$1; shift
  set +e
  g verify "$@" 2> "$work/log"; local rc=$?
  set -e
  [ "$rc" = 1 ] || { echo "verify exited $rc after changing $what"; cat "$work/log"; exit 1; }
  grep -q "$what" "$work/log" || { echo "verify did not name $what"; cat "$work/log"; exit 1; }
}
n=0
for f in "$work/out"/*; do
  name=$(basename "$f")
  cp -a "$work/out" "$work/changed"
  flip "$work/changed/$name"
  expect_named "changed/$name" "$work/changed"
  expect_named "changed/$name" "$work/changed" "$work/org"
  rm -rf "$work/changed"
  n=$((n + 1))
done
# Every input the manifest lists, in the organisation folder and in the data directory.
inputs=$(python3 -c 'import json,sys; print("\n".join(i["path"] for i in json.load(open(sys.argv[1]))["inputs"]))' "$work/out/manifest.json")
m=0
while IFS= read -r p; do
  case "$p" in gri-mappings/*|templates/*|fonts/*) root="$work/data" ;; *) root="$work/org" ;; esac
  cp -a "$root/$p" "$work/saved"
  flip "$root/$p"
  expect_named "$p" "$work/out" "$work/org"
  cp -a "$work/saved" "$root/$p"
  m=$((m + 1))
done <<< "$inputs"
# A file the build did not write, and a rebuild that differs with the inputs unchanged.
echo extra > "$work/out/notes.txt"
expect_named "notes.txt" "$work/out"
rm "$work/out/notes.txt"
g verify "$work/out" "$work/org" 2> /dev/null
echo "verify: $n outputs and $m inputs, one byte each, named"
