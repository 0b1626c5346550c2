#!/usr/bin/env bash
# Desktop check: install for a fresh user (a temporary HOME) with scripts/install.sh, then
# "double-click" the example project the way a file manager does (`gio open`, which follows
# the installed file type and desktop entry) under Xvfb. The workbench must start on it, with
# a window whose class is the desktop entry's StartupWMClass (so docks group it with the menu
# entry). Then uninstall. Outside CI it is skipped (exit 0) when a tool is missing; under CI
# (CI=true, as .ci/run sets it) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
for tool in xvfb-run gio xdotool import convert update-mime-database update-desktop-database; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    if [ "${CI:-}" = true ]; then
        echo "check-desktop: missing under CI:$missing (scripts/test.sh installs them)" >&2
        exit 1
    fi
    echo "check-desktop: skipped, missing:$missing (scripts/test.sh installs them)"
    exit 0
fi
cargo build --quiet --bin factcheck
home="$(mktemp -d)"
out="$home/window.png"
trap 'HOME="$home" scripts/install.sh --uninstall >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
unset XDG_DATA_HOME
HOME="$home" scripts/install.sh --bin target/debug/factcheck >/dev/null
binary="$home/.local/bin/factcheck"
class=$(sed -n 's/^StartupWMClass=//p' assets/factcheck.desktop)
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
HOME="$home" XDG_DATA_DIRS=/usr/local/share:/usr/share \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    binary=$1 class=$2 out=$3 project=$4
    gio open "$project" 2>/dev/null
    # gio starts the app detached: find it (only the binary just installed in this HOME).
    app=""
    for _ in $(seq 40); do
        app=$(pgrep -f -x "$binary $project" | head -n 1 || true)
        [ -n "$app" ] && break
        sleep 0.25
    done
    [ -n "$app" ] || { echo "check-desktop: gio open did not start $binary" >&2; exit 1; }
    sleep 8
    kill -0 "$app" || { echo "check-desktop: the app exited early" >&2; exit 1; }
    windows=$(xdotool search --class "^$class\$" 2>/dev/null | wc -l)
    import -window root "$out"
    kill "$app"
    [ "$windows" -gt 0 ] || { echo "check-desktop: no window of class $class" >&2; exit 1; }
' _ "$binary" "$class" "$out" "$PWD/projects/cyber-security-unit.ron"
colours=$(convert "$out" -format %k info:)
if [ "$colours" -lt 50 ]; then
    echo "check-desktop: the window looks blank ($colours colours)" >&2
    exit 1
fi
echo "check-desktop: gio open of a project started the workbench (window class $class, $colours colours)"
