#!/usr/bin/env bash
# Install Factcheck Workbench for the current user, without root: the release binary, the
# desktop entry (application menu), the icons (hicolor theme) and the file types of project
# files and packages (shared-mime-info), then refresh the desktop's caches. Every file it
# creates is listed in a manifest, so `--uninstall` removes exactly what was installed.
#
#   scripts/install.sh                 build the release binary if needed and install it
#   scripts/install.sh --uninstall     remove what the last install put in place
#   options: --prefix DIR   install into DIR/bin and DIR/share (default: ~/.local/bin and
#                           $XDG_DATA_HOME, which defaults to ~/.local/share)
#            --bin PATH     install this binary instead of building one (also FACTCHECK_BIN)
set -euo pipefail

usage() {
    sed -n '2,11s/^# \{0,1\}//p' "$0"
}

repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix=""
binary="${FACTCHECK_BIN:-}"
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) action=uninstall ;;
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
            prefix="$2"; shift ;;
        --prefix=*) prefix="${1#--prefix=}" ;;
        --bin) [ $# -ge 2 ] || { echo "install.sh: --bin needs a file" >&2; exit 2; }
            binary="$2"; shift ;;
        --bin=*) binary="${1#--bin=}" ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ -n "$prefix" ]; then
    case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
    bindir="$prefix/bin"
    datadir="$prefix/share"
else
    : "${HOME:?install.sh: HOME is not set}"
    bindir="$HOME/.local/bin"
    datadir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
manifest="$datadir/factcheck/install-manifest.txt"
icons="$datadir/icons/hicolor"

# Refresh the caches a desktop reads, where the tools exist: the MIME database, the desktop
# entries' MIME cache, the icon cache.
refresh_mime() {
    if [ -d "$datadir/mime/packages" ] && command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$datadir/mime" >/dev/null 2>&1 || true
    fi
}
refresh_applications() {
    if [ -d "$datadir/applications" ] && command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$datadir/applications" >/dev/null 2>&1 || true
    fi
}
refresh_icons() {
    if [ -d "$icons" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -f -t "$icons" >/dev/null 2>&1 || true
    fi
}
refresh_caches() {
    refresh_mime
    refresh_applications
    refresh_icons
}

# Files and folders under the folders the cache tools write to, one per line (sorted).
cache_files() {
    local dir
    for dir in "$datadir/mime" "$datadir/applications" "$icons"; do
        if [ -d "$dir" ]; then find "$dir" -mindepth 1; fi
    done | LC_ALL=C sort
}

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "Nothing to uninstall: no install manifest at $manifest"
        return 0
    fi
    local lines=() line
    mapfile -t lines <"$manifest"
    # Installed files first (the manifest itself is one of them).
    for line in "${lines[@]}"; do
        if [ "${line%% *}" = file ]; then rm -f -- "${line#* }"; fi
    done
    # Each cache is regenerated when other programs' entries remain in its folder; when
    # none remain, the cache files this install created are removed instead.
    local area pattern refresh
    for area in mime applications icons; do
        case "$area" in
            mime) dir="$datadir/mime"; pattern='packages/*.xml'; refresh=refresh_mime ;;
            applications) dir="$datadir/applications"; pattern='*.desktop'; refresh=refresh_applications ;;
            icons) dir="$icons"; pattern='*/apps/*'; refresh=refresh_icons ;;
        esac
        if [ -n "$(find "$dir" -path "$dir/$pattern" -type f 2>/dev/null | head -n 1)" ]; then
            "$refresh"
        else
            for line in "${lines[@]}"; do
                path="${line#* }"
                if [ "${line%% *}" = cache ] && [ -f "$path" ] && [[ "$path" == "$dir"/* ]]; then
                    rm -f -- "$path"
                fi
            done
        fi
    done
    # Folders this install (or a cache tool it ran) created, deepest first, when empty.
    for line in "${lines[@]}"; do
        case "${line%% *}" in dir | cache) printf '%s\n' "${line#* }" ;; esac
    done | LC_ALL=C sort -r | while IFS= read -r dir; do
        rmdir -- "$dir" 2>/dev/null || true
    done
    echo "Uninstalled Factcheck Workbench"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

# --- install ---
if [ -z "$binary" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
        echo "install.sh: cargo is missing: install Rust with rustup (https://rustup.rs), or pass --bin PATH" >&2
        exit 1
    fi
    echo "== Building the release binary (cargo build --release)"
    (cd "$repo" && cargo build --release --quiet --bin factcheck)
    binary="$repo/target/release/factcheck"
fi
if [ ! -x "$binary" ]; then
    echo "install.sh: $binary is not an executable file" >&2
    exit 1
fi

# A second install replaces the first: remove what it put in place, so the manifest stays exact.
if [ -f "$manifest" ]; then
    "$0" --uninstall ${prefix:+--prefix "$prefix"} >/dev/null
fi

entries=()
# mkdir -p that remembers each folder it had to create.
make_dir() {
    local dir="$1" missing=()
    while [ ! -d "$dir" ]; do
        missing+=("$dir")
        dir="$(dirname "$dir")"
    done
    local i
    for ((i = ${#missing[@]} - 1; i >= 0; i--)); do
        mkdir -- "${missing[$i]}"
        entries+=("dir ${missing[$i]}")
    done
}
# Copy SOURCE to TARGET with MODE and remember it.
put() {
    make_dir "$(dirname "$2")"
    install -m "$3" -- "$1" "$2"
    entries+=("file $2")
}

make_dir "$(dirname "$manifest")"
put "$binary" "$bindir/factcheck" 755

# The desktop entry runs the installed binary by its full path (~/.local/bin is not on every
# desktop session's PATH). Inside a quoted Exec argument, \ " ` $ are escaped (Desktop Entry spec).
# The string escape (\\ for \) applies first, so a backslash becomes four and " ` $ get \\.
exec_path=$(printf '%s' "$bindir/factcheck" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
desktop_tmp=$(mktemp)
trap 'rm -f "$desktop_tmp"' EXIT
try_path=$(printf '%s' "$bindir/factcheck" | sed -e 's/\\/\\\\/g')
EXEC_PATH="$exec_path" TRY_PATH="$try_path" awk '
    /^Exec=/ { print "Exec=\"" ENVIRON["EXEC_PATH"] "\" %f"; next }
    /^TryExec=/ { print "TryExec=" ENVIRON["TRY_PATH"]; next }
    { print }
' "$repo/assets/factcheck.desktop" >"$desktop_tmp"
put "$desktop_tmp" "$datadir/applications/factcheck.desktop" 644
put "$repo/assets/factcheck-mime.xml" "$datadir/mime/packages/factcheck.xml" 644
put "$repo/assets/icons/factcheck.svg" "$icons/scalable/apps/factcheck.svg" 644
for png in "$repo"/assets/icons/factcheck-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    put "$png" "$icons/${size}x${size}/apps/factcheck.png" 644
done

before=$(cache_files)
refresh_caches
after=$(cache_files)
# Cache files (and their folders) that did not exist before: mime.cache, mimeinfo.cache,
# icon-theme.cache, mime/application/*.xml and the like.
while IFS= read -r path; do
    if [ -n "$path" ]; then entries+=("cache $path"); fi
done < <(LC_ALL=C comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))

entries+=("file $manifest")
printf '%s\n' "${entries[@]}" >"$manifest"

echo "Installed Factcheck Workbench:"
echo "  program        $bindir/factcheck"
echo "  menu entry     $datadir/applications/factcheck.desktop"
echo "  file types     $datadir/mime/packages/factcheck.xml"
echo "  icons          $icons"
echo "  uninstall with scripts/install.sh --uninstall${prefix:+ --prefix $prefix}"
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) echo "Note: $bindir is not on your PATH; add it to run factcheck from a terminal." ;;
esac
