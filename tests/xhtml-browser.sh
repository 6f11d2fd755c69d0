#!/usr/bin/env bash
# The Inline XBRL supplement in a real browser (../shared/browser-tests.md): axe-core's WCAG
# 2.0/2.1 A and AA rules in Debian's headless Chromium find no violation in either language,
# and Chromium's print to PDF, with the document's print style sheet, gives A4 pages with
# running page numbers. Screenshots of the first screen and the climate accounts are kept
# in SHOTS for a person to look at. `make test` installs chromium and the npm packages
# (tests/browser/package-lock.json); run directly without them, this fails and says so.
set -euo pipefail
bin=$1
org=$2
browser=$3
shots=$4
if [ ! -x /usr/bin/chromium ] || [ ! -d "$browser/node_modules/axe-core" ]; then
  echo "Chromium or the npm packages are missing: run 'make test', which installs them"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$shots"
"$bin" build "$org" -o "$work/out" --lang both 2> /dev/null
node "$browser/check-xhtml.mjs" "$shots" "$work/out/gri-supplement.sv.xhtml" \
  "$work/out/gri-supplement.en.xhtml"
for lang in sv en; do
  pdf="$shots/gri-supplement.$lang.print.pdf"
  pdfinfo -l 1000 "$pdf" | python3 -c "
import re, sys
sizes = re.findall(r'Page +\d+ size: +([\d.]+) x ([\d.]+) pts', sys.stdin.read())
assert len(sizes) > 5, sizes
for w, h in sizes:  # A4 portrait or landscape (Chromium rounds to 1/72 in)
    assert sorted((round(float(w)), round(float(h)))) == [595, 842], (w, h)
print(f'$lang: {len(sizes)} A4 pages in print')
"
  word=$([ "$lang" = sv ] && echo "Sida 2 av" || echo "Page 2 of")
  pdftotext -f 2 -l 2 "$pdf" - | grep -q "$word" || { echo "$lang: no running page number"; exit 1; }
done
