#!/usr/bin/env bash
# Build and open the app on the example project (or on the paths given).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is missing: install Rust 1.95+ with rustup (https://rustup.rs)" >&2
    exit 1
fi
if [ "$#" -eq 0 ]; then
    set -- projects/cyber-security-unit.ron
fi
exec cargo run --release -- "$@"
