#!/usr/bin/env bash
# CI check: render the example project's HTML report with headless Chromium (screenshot and
# PDF print) and check the print layout: a first page, one page or more per claim, the article
# and the scale. Skipped (exit 0) when Chromium or pdfinfo is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    echo "check-report: chromium or pdfinfo (poppler-utils) missing; skipped"
    exit 0
fi
project="projects/cyber-security-unit.ron"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/render-report.sh "$project" "$work/report.png" "$work/report.pdf"
[ "$(stat -c %s "$work/report.png")" -gt 50000 ] || { echo "check-report: screenshot is nearly empty" >&2; exit 1; }
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')
claims=$(./target/debug/factcheck export "$project" --format json 2>/dev/null \
    | grep -c '"anchor": {' || true)
echo "check-report: $claims claims, $pages printed pages"
if [ "$pages" -lt $((claims + 3)) ]; then
    echo "check-report: expected at least $((claims + 3)) pages (summary, a page per claim, article, scale)" >&2
    exit 1
fi
