#!/usr/bin/env bash
# Export a project's HTML report and screenshot it with headless Chromium.
#
#   scripts/render-report.sh [PROJECT] [OUT.png] [OUT.pdf]
#
# PROJECT defaults to projects/cyber-security-unit.ron (or the small export fixture when that
# is missing); OUT.png defaults to docs/report-screenshot.png. With OUT.pdf the report is also
# printed to PDF (the print CSS: A4, a page per claim). Needs Debian's `chromium`; builds the
# binary if needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# Paths given on the command line are relative to where the script was called from.
project="$(realpath -m "${1:-$root/projects/cyber-security-unit.ron}")"
if [[ $# -lt 1 && ! -f "$project" ]]; then
    project="$root/tests/fixtures/export/small.ron"
fi
out="$(realpath -m "${2:-$root/docs/report-screenshot.png}")"
pdf="${3:+$(realpath -m "$3")}"
cd "$root"

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$chromium_bin" ]]; then
    echo "render-report: chromium is not installed (Debian package 'chromium')" >&2
    exit 2
fi

cargo build --quiet --bin factcheck
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report="$work/report.html"
./target/debug/factcheck export "$project" --format html -o "$report"

common=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
    --disable-component-update --disable-sync --hide-scrollbars
    --user-data-dir="$work/profile")
"$chromium_bin" "${common[@]}" --screenshot="$work/shot.png" --window-size=1280,2000 \
    "file://$report" 2>"$work/chromium.log" || { cat "$work/chromium.log" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
cp "$work/shot.png" "$out"
echo "render-report: wrote $out from $project"
if [[ -n "$pdf" ]]; then
    "$chromium_bin" "${common[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" \
        "file://$report" 2>>"$work/chromium.log" || { cat "$work/chromium.log" >&2; exit 1; }
    echo "render-report: wrote $pdf"
fi
