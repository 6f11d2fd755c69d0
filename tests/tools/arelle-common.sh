# Sourced by the Arelle tests (xbrl-arelle.sh, ixbrl-arelle.sh); needs $bin, $org, $tool.
# Skips the test (exit 77) unless Arelle is unpacked at ARELLE_SRC (../shared/xbrl-validation.md);
# otherwise makes $work, with the stand-in GRI taxonomy package at $work/stand-in.zip, and
# defines arelle(): Arelle offline with --utr and the validation exit code.
src=${ARELLE_SRC:-/tmp/arelle-src}
if [ ! -f "$src/arelleCmdLine.py" ] || [ ! -f "$tool" ]; then
  echo "skipped: Arelle not unpacked at $src (see ../shared/xbrl-validation.md)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" stand-in-taxonomy "$org" -o "$work/package/gri-stand-in" 2> /dev/null
(cd "$work/package" && python3 -c "
import os, zipfile
with zipfile.ZipFile('../stand-in.zip', 'w') as z:
    for root, _, files in os.walk('gri-stand-in'):
        for f in sorted(files): z.write(os.path.join(root, f))
")
arelle() {
  XDG_CONFIG_HOME="$work/config" ARELLE_SRC="$src" /usr/bin/python3 "$tool" \
    --internetConnectivity=offline --validationExitCode --logLevel=warning -v --utr "$@"
}
