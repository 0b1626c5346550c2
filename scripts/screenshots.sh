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

# shot THEME OUT XDOTOOL ARGS...: start the app with a fresh profile in THEME on ARGS, run the
# xdotool command XDOTOOL (mouse clicks; may be empty), and save a screenshot of the screen.
shot() {
    local theme=$1 out=$2 keys=$3
    shift 3
    printf '{"factcheck-prefs":"(reviewer_name:\\"Ben Editor\\",theme:%s)"}' "$theme" > "$storage/app.ron"
    HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        ./target/release/factcheck "$@" 2>/dev/null & app=$!
        sleep 6
        if [ -n "'"$keys"'" ]; then
            xdotool '"$keys"'
            sleep 2
        fi
        import -window root "'"$out"'"
        kill $app' _ "$@"
    echo "wrote $out"
}

only=${1:-all}
[ "$only" = all ] || [ "$only" = light ] && shot Light docs/screenshot.png "" projects/cyber-security-unit.ron
[ "$only" = all ] || [ "$only" = dark ] && shot Dark docs/screenshot-dark.png "" projects/cyber-security-unit.ron
[ "$only" = all ] || [ "$only" = shortcuts ] && shot Light docs/screenshot-shortcuts.png "mousemove 130 12 click 1 sleep 1 mousemove 190 36 click 1" projects/cyber-security-unit.ron
[ "$only" = all ] || [ "$only" = scripts ] && shot Light docs/screenshot-scripts.png "" assets/samples/multiscript.txt
true
