#!/usr/bin/env bash
# CI check: render the example project's HTML report with headless Chromium (screenshot and
# PDF print) and check the print layout: a first page, one page or more per claim, the article
# and the scale. Outside CI it is skipped (exit 0) when Chromium or pdfinfo is missing; under CI
# (CI=true, as .ci/run sets it) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        echo "check-report: chromium or pdfinfo (poppler-utils) is missing under CI (scripts/test.sh installs them)" >&2
        exit 1
    fi
    echo "check-report: chromium or pdfinfo (poppler-utils) missing; skipped"
    exit 0
fi
project="projects/cyber-security-unit.ron"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/render-report.sh "$project" "$work/report.png" "$work/report.pdf"
[ "$(stat -c %s "$work/report.png")" -gt 50000 ] || { echo "check-report: screenshot is nearly empty" >&2; exit 1; }
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')
# A failed export fails the check. grep -c exits 1 when it counts 0, which is reported below.
json="$work/report.json"
./target/debug/factcheck export "$project" --format json -o "$json"
claims=$(grep -c '"anchor": {' "$json" || [ $? = 1 ])
[ "$claims" -gt 0 ] || { echo "check-report: the JSON export lists no claims" >&2; exit 1; }
echo "check-report: $claims claims, $pages printed pages"
if [ "$pages" -lt $((claims + 3)) ]; then
    echo "check-report: expected at least $((claims + 3)) pages (summary, a page per claim, article, scale)" >&2
    exit 1
fi
