#!/usr/bin/env bash
# Converts every sheet of an XLSX export to CSV with LibreOffice (headless), to check what a spreadsheet reads:
#   report-api/scripts/check-xlsx.sh report.xlsx [out-dir]
# Writes <out-dir>/<name>-<Sheet>.csv per sheet (UTF-8, comma, raw cell values, not as shown) and prints them.
# Needs LibreOffice >= 7.2 (`apt-get install libreoffice-calc-nogui` on Debian); add --pdf to also render a PDF.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 file.xlsx [out-dir] [--pdf]" >&2
  exit 2
fi
file=$(realpath "$1")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
command -v soffice >/dev/null || { echo "soffice not found: install LibreOffice" >&2; exit 3; }

# A private profile, so a LibreOffice already running for the user does not swallow the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Filter options: separator 44 (,), quote 34 ("), charset 76 (UTF-8), from line 1, …, 9th = false: raw values
# rather than as shown, 12th = -1: every sheet to its own file (LibreOffice >= 7.2).
soffice -env:UserInstallation="file://$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$out" "$file" >/dev/null
if [[ " $* " == *" --pdf "* ]]; then
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
fi
for csv in "$out"/*.csv; do
  echo "== $(basename "$csv")"
  cat "$csv"
  echo
done
