#!/usr/bin/env bash
# The output folder under hostile conditions (issue 18, items 4, 5, 12–16 and 22): OUT holds
# exactly what its manifest lists after every run, killed or concurrent; a failing commit
# changes nothing; inputs leaving the folder or named in another encoding are refused.
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# OUT holds exactly the files its manifest lists, each with the listed sha256.
consistent() {
  python3 - "$1" <<'PY'
import hashlib, json, os, sys
out = sys.argv[1]
m = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
listed = {o["path"]: o["sha256"] for o in m["outputs"]}
found = set()
for root, dirs, files in os.walk(out):
    for f in files:
        found.add(os.path.relpath(os.path.join(root, f), out))
extra = found - set(listed) - {"manifest.json"}
assert not extra, f"files not in the manifest: {sorted(extra)}"
for path, sha in listed.items():
    if path == "manifest.json":
        continue
    got = hashlib.sha256(open(os.path.join(out, path), "rb").read()).hexdigest()
    assert got == sha, f"{path} does not match the manifest"
PY
}
snapshot() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }

# 15: a file an earlier build wrote and this one does not is gone.
"$bin" build "$sample" -o "$work/out" --lang both 2>/dev/null
[ -f "$work/out/gri-supplement.en.pdf" ] || fail "no English supplement with --lang both"
"$bin" build "$sample" -o "$work/out" 2>/dev/null
[ ! -e "$work/out/gri-supplement.en.pdf" ] || fail "stale gri-supplement.en.pdf left in OUT"
consistent "$work/out" || fail "OUT does not match its manifest after a rebuild"

# 14: manifest.json as a folder made one rename of the old commit fail after others had
# replaced files. The commit is now one swap of whole folders, so it cannot half-happen.
cp -r "$work/out" "$work/blocked"
rm "$work/blocked/manifest.json"; mkdir "$work/blocked/manifest.json"
"$bin" build "$sample" -o "$work/blocked" 2>/dev/null || fail "build over a manifest.json folder failed"
consistent "$work/blocked" || fail "OUT does not match its manifest after replacing the folder"
# A file griexport did not write stops the commit before anything changes.
echo "my notes" > "$work/blocked/notes.txt"
before=$(snapshot "$work/blocked")
set +e; "$bin" build "$sample" -o "$work/blocked" 2> "$work/blocked.log"; rc=$?; set -e
[ $rc -eq 1 ] || fail "build into an OUT with a foreign file exited $rc"
grep -q "error\[output.foreign-file\]: the output folder holds notes.txt" "$work/blocked.log" ||
  fail "no output.foreign-file: $(cat "$work/blocked.log")"
[ "$before" = "$(snapshot "$work/blocked")" ] || fail "a refused commit changed OUT"

# Issue 14: building into the organisation folder would mix outputs with inputs.
cp -r "$sample" "$work/org"
before=$(snapshot "$work/org")
for out in "$work/org" "$work/org/out" "$work" "$(dirname "$bin")/.."; do
  set +e; "$bin" build "$work/org" -o "$out" 2> "$work/self.log"; rc=$?; set -e
  [ $rc -eq 2 ] && grep -q "error\[output.overlaps-input\]" "$work/self.log" ||
    fail "build -o $out was not refused before any work: $rc $(cat "$work/self.log")"
done
[ "$before" = "$(snapshot "$work/org")" ] || fail "build -o ORG changed the organisation folder"

# 12: concurrent builds into one OUT: each succeeds or says the folder is busy, and OUT
# always matches its manifest.
for i in $(seq 1 10); do
  set +e
  "$bin" build "$sample" -o "$work/out" 2> "$work/c1.log" & p1=$!
  "$bin" build "$sample" -o "$work/out" --lang en 2> "$work/c2.log" & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  set -e
  for r in "$r1:c1" "$r2:c2"; do
    code=${r%%:*}; log="$work/${r##*:}.log"
    [ "$code" -eq 0 ] || grep -q "error\[output.busy\]" "$log" || fail "concurrent build exited $code: $(cat "$log")"
  done
  consistent "$work/out" || fail "concurrent builds left OUT unlike its manifest (round $i)"
  ls -a "$work" | grep -q "griexport-stage" && fail "a staging folder remained (round $i)"
done

# 13: kill -9 at random moments: OUT is wholly old or wholly new; the next run cleans up.
for i in $(seq 1 10); do
  "$bin" build "$sample" -o "$work/out" --lang both 2>/dev/null & p=$!
  sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 $p 2>/dev/null || true
  wait $p 2>/dev/null || true
  consistent "$work/out" || fail "kill -9 left OUT unlike its manifest (try $i)"
done
# The same on a larger organisation (28 MB of outputs, about 1.5 s a build), killed at
# moments spread over the whole build, the commit included.
"$(dirname "$bin")/gensample" --indicators 10000 --years 3 -o "$work/gen" 2> /dev/null
mv "$work/gen/synthetic-0001" "$work/large"
"$bin" build "$work/large" -o "$work/large-out" 2>/dev/null
for i in $(seq 1 8); do
  "$bin" build "$work/large" -o "$work/large-out" --lang both 2>/dev/null & p=$!
  sleep "$((i / 5)).$(( (i * 2) % 10 ))$((RANDOM % 10))"
  kill -9 $p 2>/dev/null || true
  wait $p 2>/dev/null || true
  consistent "$work/large-out" || fail "kill -9 left the large OUT unlike its manifest (try $i)"
done
mkdir "$work/.out.griexport-stage-left"; echo partial > "$work/.out.griexport-stage-left/x.pdf"
"$bin" build "$sample" -o "$work/out" 2>/dev/null
"$bin" build "$work/large" -o "$work/large-out" 2>/dev/null
ls -a "$work" | grep -q "griexport-stage\|griexport-lock" && fail "leftovers of a killed run remain: $(ls -a "$work")"
consistent "$work/out"

# 22: the reason and the path when the output cannot be written.
echo x > "$work/a-file"
set +e; "$bin" build "$sample" -o "$work/a-file/out" 2> "$work/nodir.log"; rc=$?; set -e
[ $rc -eq 1 ] || fail "build under a file exited $rc"
grep -q "a-file.*error\[output.write\]: .*Not a directory" "$work/nodir.log" || fail "no reason: $(cat "$work/nodir.log")"

# 16: a link out of the organisation folder is refused, and its target never echoed.
cp -r "$sample" "$work/linked"
printf 'indicator,year,value,unit\n' > "$work/outside.csv"
rm "$work/linked/observations.csv"; ln -s "$work/outside.csv" "$work/linked/observations.csv"
set +e; "$bin" validate "$work/linked" 2> "$work/link.log"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q "observations.csv: error\[io.link-outside\]" "$work/link.log" || fail "link out of the folder accepted: $(cat "$work/link.log")"
ln -s observations.csv "$work/org/inside-link.csv"  # links inside the folder stay fine

# 5: a Latin-1 file name: validate and build agree, and nothing aborts.
cp -r "$sample" "$work/latin1"
mkdir -p "$work/latin1/kolada"
cp "$sample"/kolada/*.json "$work/latin1/kolada/$(printf 'sjukfr\xe5nvaro.json')" 2>/dev/null ||
  printf '{"values":[]}' > "$work/latin1/kolada/$(printf 'sjukfr\xe5nvaro.json')"
for verb in validate build; do
  set +e; "$bin" $verb "$work/latin1" -o "$work/latin1-out" 2> "$work/l1.log"; rc=$?; set -e
  [ $rc -eq 1 ] && grep -q 'sjukfr\\xE5nvaro.json: error\[io.file-name\]' "$work/l1.log" || fail "$verb on a Latin-1 name exited $rc: $(cat "$work/l1.log")"
done
[ ! -e "$work/latin1-out" ] || fail "output written despite the error"

# 4: --format json stays valid JSON when a diagnostic quotes broken UTF-8.
cp -r "$sample" "$work/broken"
mkdir -p "$work/broken/kolada"
printf '{"values": tru\xc3}' > "$work/broken/kolada/x.json"
set +e; "$bin" validate "$work/broken" --format json > "$work/broken.json" 2>/dev/null; rc=$?; set -e
[ $rc -eq 1 ] || fail "broken JSON input exited $rc"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['errors'] >= 1" "$work/broken.json" || fail "not JSON"
echo "ok: output safety"
