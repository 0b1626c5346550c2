#!/usr/bin/env bash
# Take the README screenshots from the real app under Xvfb: the main window in the light and
# dark themes, the keyboard shortcuts window, and an article in several scripts.
# Needs xvfb-run, ImageMagick and xdotool (scripts/test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
home=$(mktemp -d)
storage="$home/.local/share/factcheck"
mkdir -p "$storage"

# shot THEME OUT ARGS... [-- KEYS]: start the app with a fresh profile in THEME, optionally
# press KEYS (xdotool key names), and save a screenshot of the screen.
shot() {
    local theme=$1 out=$2 keys=$3
    shift 3
    printf '{"factcheck-prefs":"(reviewer_name:\\"Ben Editor\\",theme:%s)"}' "$theme" > "$storage/app.ron"
    HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        ./target/release/factcheck "$@" 2>/dev/null & app=$!
        sleep 6
        if [ -n "'"$keys"'" ]; then
            xdotool search --sync --name "Factcheck Workbench" windowactivate --sync 2>/dev/null || true
            xdotool key '"$keys"'
            sleep 2
        fi
        import -window root "'"$out"'"
        kill $app' _ "$@"
    echo "wrote $out"
}

shot Light docs/screenshot.png "" projects/cyber-security-unit.ron
shot Dark docs/screenshot-dark.png "" projects/cyber-security-unit.ron
shot Light docs/screenshot-shortcuts.png "F1" projects/cyber-security-unit.ron
shot Light docs/screenshot-scripts.png "" assets/samples/multiscript.txt
