#!/usr/bin/env bash
# griexport batch: a folder of organisations (five copies of the sample and one broken)
# builds each into OUT/<name>/ with the same bytes as a single build, reports the broken
# one without stopping the rest (exit 1, batch.json), and --shard K/N splits the list into
# disjoint parts whose union is the whole.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/orgs"
for i in 1 2 3 4 5; do cp -r "$sample" "$work/orgs/org$i"; done
cp -r "$sample" "$work/orgs/broken"
sed -i 's/<organisation-number>/<organisation-numbr>/' "$work/orgs/broken/organisation.xml"
cd "$work"
set +e
"$bin" batch orgs -o out --jobs 2 2> batch.log
rc=$?
set -e
[ "$rc" = 1 ] || { cat batch.log; echo "exit $rc, expected 1 (one organisation failed)"; exit 1; }
grep -q "batch of 6: 5 built, 1 failed" batch.log || { cat batch.log; exit 1; }
grep -q "broken: orgs/broken/organisation.xml:10:36: error\[xml.syntax\]" batch.log
# A log is not a terminal: no progress line in it.
if grep -q $'\r' batch.log; then echo "a progress line in a log"; exit 1; fi
# Same bytes as a single build of the same folder.
"$bin" build orgs/org3 -o single 2> /dev/null
diff -r single out/org3
[ ! -e out/broken ]
# The builds' lock files, kept while the batch ran, are gone with it (nor any staging).
leftover=$(find . -name '*.griexport-*' | head -3)
[ -z "$leftover" ] || { echo "left beside the outputs: $leftover"; exit 1; }
python3 - <<'PY'
import json, hashlib
b = json.load(open("out/batch.json"))
assert (b["organisations"], b["built"], b["failed"]) == (6, 5, 1), b
by = {r["name"]: r for r in b["results"]}
assert [r["name"] for r in b["results"]] == ["broken", "org1", "org2", "org3", "org4", "org5"]
assert by["broken"]["status"] == "failed" and by["broken"]["errors"][0]["code"] == "xml.syntax"
for n in ["org1", "org5"]:
    r = by[n]
    assert r["status"] == "built" and r["claim"] == "with-reference", r
    assert r["manifest_sha256"] == hashlib.sha256(open(f"out/{n}/manifest.json", "rb").read()).hexdigest()
    assert r["counts"]["errors"] == 0 and r["counts"]["warnings"] > 0, r
PY
# Shards: a list file of the six (relative paths, a comment, a blank line) in four parts.
{ echo "# the batch"; for n in broken org1 org2 org3 org4 org5; do echo "orgs/$n"; done; echo; } > list.txt
for k in 0 1 2 3; do
  "$bin" batch list.txt -o "shard$k" --jobs 1 --shard "$k/4" 2> /dev/null || true
done
python3 - <<'PY'
import json
parts = [[r["name"] for r in json.load(open(f"shard{k}/batch.json"))["results"]] for k in range(4)]
names = [n for p in parts for n in p]
assert sorted(names) == ["broken", "org1", "org2", "org3", "org4", "org5"], parts
assert len(names) == len(set(names)), parts
assert parts == [["broken", "org4"], ["org1", "org5"], ["org2"], ["org3"]], parts
PY
set +e
"$bin" batch list.txt -o bad --shard 4/4 2> shard.log; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "0 <= K < N" shard.log
echo "batch: 5 built, broken reported, shards disjoint and whole"
