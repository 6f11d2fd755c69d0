#!/usr/bin/env bash
# Runs one broken-input case: copies _base/ (a small valid organisation), lays the case's
# files over it, runs `griexport validate`, and checks the exit code, that every line of
# the case's `expect` file starts a diagnostic line, that every error printed is one of
# them, and that nothing was written on error.
#   expect:  first line "exit N"; then one diagnostic prefix per line, paths under org/.
#   delete:  optional; files of _base/ to remove for this case.
#   absent:  optional; diagnostic codes that must not appear (checks that must stay silent).
set -euo pipefail
bin=$1
case_dir=$2
base="$(dirname "$0")/_base"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/org"
cp -r "$base"/. "$work/org/"
for f in $(cd "$case_dir" && find . -type f ! -name expect ! -name delete ! -name absent ! -name README); do
  mkdir -p "$work/org/$(dirname "$f")"
  cp "$case_dir/$f" "$work/org/$f"
done
if [ -f "$case_dir/delete" ]; then
  while read -r f; do [ -n "$f" ] && rm -rf "${work:?}/org/$f"; done < "$case_dir/delete"
fi
before=$(cd "$work" && find . | sort)
set +e
(cd "$work" && "$bin" validate org -o out) > "$work.out" 2>&1
rc=$?
set -e
after=$(cd "$work" && find . | sort)
out=$(cat "$work.out"); rm -f "$work.out"
fail=0
want_rc=$(head -n1 "$case_dir/expect" | sed 's/^exit //')
if [ "$rc" != "$want_rc" ]; then echo "exit code $rc, expected $want_rc"; fail=1; fi
while IFS= read -r want; do
  [ -z "$want" ] && continue
  if ! awk -v w="$want" 'index($0, w) == 1 { found = 1 } END { exit !found }' <<<"$out"; then
    echo "missing diagnostic: $want"; fail=1
  fi
done < <(tail -n +2 "$case_dir/expect")
# Every error printed must be one the case expects: an extra error is a defect too.
while IFS= read -r line; do
  [[ "$line" == *": error["* ]] || continue
  if ! awk -v l="$line" 'NR > 1 && $0 != "" && index(l, $0) == 1 { found = 1 } END { exit !found }' \
      "$case_dir/expect"; then
    echo "unexpected error: $line"; fail=1
  fi
done <<<"$out"
if [ -f "$case_dir/absent" ]; then
  while IFS= read -r code; do
    [ -z "$code" ] && continue
    if grep -qF "[$code]" <<<"$out"; then echo "unexpected diagnostic: $code"; fail=1; fi
  done < "$case_dir/absent"
fi
# On an error nothing may be written; on success only out/validation.json.
expected_after=$before
if [ "$want_rc" = 0 ]; then expected_after=$(printf '%s\n./out\n./out/validation.json\n' "$before" | sort); fi
if [ "$expected_after" != "$after" ]; then
  echo "unexpected files:"; diff <(echo "$expected_after") <(echo "$after") || true; fail=1
fi
if [ $fail -ne 0 ]; then echo "--- output ---"; echo "$out"; exit 1; fi
echo "ok: $(basename "$case_dir")"
