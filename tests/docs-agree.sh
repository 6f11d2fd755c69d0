#!/usr/bin/env bash
# What the docs state about limits, outputs, codes, exit codes and libraries is what the
# code does (issue 32, item 7): each claim checked against the code or a run of it.
set -euo pipefail
bin=$1
root=$2
base=$root/tests/cases/_base
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. The digit limit docs/hardening.md states is the one the loader enforces.
n=$(grep -oE '^\| a number \| [0-9]+ significant digits' "$root/docs/hardening.md" | grep -oE '[0-9]+')
[ -n "$n" ] || fail "docs/hardening.md states no digit limit"
digits() { python3 -c "print('1' * $1)"; }
for k in "$n" $((n + 1)); do
  rm -rf "$work/org"; cp -r "$base" "$work/org"
  printf 'indicator,year,value,unit,status,source\n1.2,2019,14.5,%%,final,kost\n1.2,2021,11.0,%%,preliminary,kost\n1.3,2020,%s,%%,final,hr\n' \
    "$(digits "$k")" > "$work/org/observations.csv"
  set +e; "$bin" validate "$work/org" 2> "$work/log"; set -e
  if [ "$k" = "$n" ]; then
    ! grep -q "csv.number" "$work/log" || fail "$k digits refused: $(grep csv.number "$work/log")"
  else
    grep -q "error\[csv.number\].*at most $n significant digits" "$work/log" ||
      fail "$k digits not refused as the docs say: $(grep error "$work/log" | head -2)"
  fi
done
echo "ok: $n significant digits load, $((n + 1)) are refused"

# 2. Every file a build writes is in docs/outputs.md's table (LANG standing for a language).
"$bin" build "$root/samples/region-dalarna" -o "$work/out" --lang both 2> /dev/null
python3 - "$work/out" "$root/docs/outputs.md" <<'PY'
import os, re, sys
out, doc = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
table = "\n".join(l for l in doc.splitlines() if l.startswith("| "))
names = set()
for cell in re.findall(r"^\| ([^|]+) \|", table, re.M):
    for name in re.split(r",\s*", cell.strip()):
        names.add(name)
def documented(f):
    general = re.sub(r"\.(sv|en)\.", ".LANG.", f)
    return f in names or general in names
missing = [f for f in sorted(os.listdir(out)) if not documented(f)]
assert not missing, f"written but not in docs/outputs.md: {missing}"
print(f"ok: the {len(os.listdir(out))} files of a build are in docs/outputs.md")
PY

# 3. Every diagnostic code in the engine is documented (diagnostics.md, or annual-report.md
#    for attach's).
codes=$(python3 - "$root/engine" <<'PY'
import pathlib, re, sys
call = re.compile(r'\b(?:error|warning|note)\(\s*"([a-z0-9-]+\.[a-z0-9.-]+)"|Severity::\w+,\s*"([a-z0-9-]+\.[a-z0-9.-]+)"')
found = set()
for f in pathlib.Path(sys.argv[1]).rglob("*.[ch]pp"):
    for m in call.finditer(f.read_text(encoding="utf-8")):
        found.add(m.group(1) or m.group(2))
print("\n".join(sorted(found)))
PY
)
[ "$(wc -w <<< "$codes")" -gt 100 ] || fail "the scan for codes found too few: $codes"
missing=""
for c in $codes; do
  grep -qF "| $c |" "$root/docs/diagnostics.md" "$root/docs/annual-report.md" || missing="$missing $c"
done
[ -z "$missing" ] || fail "codes the docs do not list:$missing"
echo "ok: $(wc -w <<< "$codes") codes, each documented"

# 4. The exit codes docs/cli.md and the README state include 3, which tests/failure-paths.sh
#    checks; the code says so too.
grep -q "3 an internal error" "$root/docs/cli.md" || fail "docs/cli.md does not list exit 3"
grep -q "3 an" "$root/README.md" || fail "the README does not list exit 3"
grep -q "return 3;" "$root/engine/cli/main.cpp" || fail "main returns no 3"

# 5. docs/dependencies.md claims of ICU only what the engine includes of it.
used=$(grep -rhoE '#include <unicode/[a-z0-9_]+\.h>' "$root/engine" | sort -u)
if grep -iqE 'libicu-dev \|[^|]*(collation|normali[sz]ation)[^|]*\| ' "$root/docs/dependencies.md" &&
   ! grep -qiE 'no collation|not collated' "$root/docs/dependencies.md"; then
  grep -qE 'coll\.h|normalizer2\.h' <<< "$used" || fail "docs/dependencies.md claims ICU collation or normalisation; the engine uses: $used"
fi
echo "ok: exit codes and ICU as documented"
