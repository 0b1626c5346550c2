#!/usr/bin/env bash
# Set up and run every check: formatting, lints, docs, all tests, the rendered HTML report
# and a smoke run of the real window under Xvfb. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Xvfb and Mesa to run the real window headless, Chromium to render the
# HTML report, fonts for non-Latin scripts, desktop-file-utils, shared-mime-info and gio
# (libglib2.0-bin) to check the desktop entry and file types scripts/install.sh installs.
# Installed only where apt-get is available as root.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "== Installing system packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        xvfb xauth libgl1-mesa-dri libegl1 libegl-mesa0 imagemagick xdotool \
        chromium poppler-utils fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
        fonts-dejavu-core desktop-file-utils shared-mime-info libglib2.0-bin >/dev/null
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is missing: install Rust 1.95+ with rustup (https://rustup.rs)" >&2
    exit 1
fi

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
echo "== cargo test"
log=$(mktemp)
cargo test --doc 2>&1 | tee "$log"
cargo test --all-targets 2>&1 | tee -a "$log"

for script in scripts/check-*.sh; do
    [ -e "$script" ] || continue
    echo "== $script"
    bash "$script"
done

# One closing line for the whole run (cargo prints one per test binary).
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "tests: %d passed, %d failed\n", passed, failed }' "$log"
