#!/usr/bin/env bash
# Install (or remove) Flashcards on a Linux desktop: the app, its menu entry, icons and
# AppStream metadata. Per user by default (~/.local); no root needed.
#
#     packaging/linux/install.sh                      # the bundle in dist/flashcards
#     flashcards/install.sh                           # the same, from an unpacked bundle
#     packaging/linux/install.sh --bundle DIR         # a bundle unpacked elsewhere
#     packaging/linux/install.sh --exec flashcards    # a pip install: menu entry only
#     sudo packaging/linux/install.sh --prefix /usr/local     # for every user
#     packaging/linux/install.sh --uninstall [--prefix DIR]   # remove; your data stays
#
# DESTDIR=/tmp/stage works as in `make install` (files go under it, paths inside do not).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Run from the source tree (packaging/linux/) or from a bundle, where build.sh copies
# this script, the .desktop entry and the metainfo next to the executable.
if [ -x "$HERE/flashcards" ] && [ -d "$HERE/_internal/resources/icons" ]; then
    DEFAULT_BUNDLE="$HERE"
    ICONS="$HERE/_internal/resources/icons"
else
    ROOT="$(cd "$HERE/../.." && pwd)"
    DEFAULT_BUNDLE="$ROOT/dist/flashcards"
    ICONS="$ROOT/resources/icons"
fi
PREFIX="${HOME}/.local"
BUNDLE=""
EXEC=""
UNINSTALL=0
APP_ID="io.github.flashcards.Flashcards"
SIZES="16 24 32 48 64 128 256 512"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        --bundle) BUNDLE="$2"; shift 2 ;;
        --exec) EXEC="$2"; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

PREFIX="$(realpath -m "$PREFIX")"
STAGE="${DESTDIR:-}$PREFIX"
APP_DIR="$PREFIX/lib/flashcards"
LAUNCHER="$PREFIX/bin/flashcards"
DESKTOP_FILE="$STAGE/share/applications/flashcards.desktop"
METAINFO_FILE="$STAGE/share/metainfo/$APP_ID.metainfo.xml"
ICON_ROOT="$STAGE/share/icons/hicolor"

refresh_caches() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$STAGE/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$ICON_ROOT/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICON_ROOT" 2>/dev/null || true
    fi
}

if [ "$UNINSTALL" = 1 ]; then
    rm -f "$DESKTOP_FILE" "$METAINFO_FILE" "$ICON_ROOT/scalable/apps/flashcards.svg"
    for size in $SIZES; do
        rm -f "$ICON_ROOT/${size}x${size}/apps/flashcards.png"
    done
    # Only a launcher this script made (a link into the bundle) goes; a pip install stays.
    if [ -L "${DESTDIR:-}$LAUNCHER" ] && [ "$(readlink "${DESTDIR:-}$LAUNCHER")" = "$APP_DIR/flashcards" ]; then
        rm -f "${DESTDIR:-}$LAUNCHER"
    fi
    rm -rf "${DESTDIR:-}$APP_DIR"
    refresh_caches
    echo "Flashcards removed from $PREFIX."
    echo "Your collection, backups and settings were kept (see docs/packaging.md, 'Where your data lives')."
    exit 0
fi

if [ -z "$EXEC" ]; then
    [ -n "$BUNDLE" ] || BUNDLE="$DEFAULT_BUNDLE"
    if [ ! -x "$BUNDLE/flashcards" ]; then
        echo "no bundle at $BUNDLE: build it with packaging/build.sh, or pass --bundle DIR," >&2
        echo "or --exec flashcards for a pip install" >&2
        exit 1
    fi
    BUNDLE="$(realpath "$BUNDLE")"
    mkdir -p "${DESTDIR:-}$PREFIX/lib" "${DESTDIR:-}$PREFIX/bin"
    if [ "$BUNDLE" != "$(realpath -m "${DESTDIR:-}$APP_DIR")" ]; then
        rm -rf "${DESTDIR:-}$APP_DIR"
        cp -a "$BUNDLE" "${DESTDIR:-}$APP_DIR"
    fi
    if [ -e "${DESTDIR:-}$LAUNCHER" ] && [ ! -L "${DESTDIR:-}$LAUNCHER" ]; then
        # Probably `pip install --user`'s script: leave it, point the menu at the bundle.
        echo "$LAUNCHER exists and is not ours: left as it is" >&2
        EXEC="$APP_DIR/flashcards"
    else
        ln -sfn "$APP_DIR/flashcards" "${DESTDIR:-}$LAUNCHER"
        EXEC="$LAUNCHER"
    fi
fi
# TryExec names one program: the menu hides the entry if it is gone.
TRY_EXEC="${EXEC%% *}"

mkdir -p "$(dirname "$DESKTOP_FILE")" "$(dirname "$METAINFO_FILE")" "$ICON_ROOT/scalable/apps"
sed -e "s|^Exec=.*|Exec=$EXEC|" -e "s|^TryExec=.*|TryExec=$TRY_EXEC|" \
    "$HERE/flashcards.desktop" > "$DESKTOP_FILE"
cp "$HERE/$APP_ID.metainfo.xml" "$METAINFO_FILE"
cp "$ICONS/flashcards.svg" "$ICON_ROOT/scalable/apps/flashcards.svg"
for size in $SIZES; do
    mkdir -p "$ICON_ROOT/${size}x${size}/apps"
    cp "$ICONS/flashcards-$size.png" "$ICON_ROOT/${size}x${size}/apps/flashcards.png"
done
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DESKTOP_FILE"
fi
refresh_caches

echo "Flashcards installed in $PREFIX: menu entry $DESKTOP_FILE, runs '$EXEC'."
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) [ "$EXEC" != "$LAUNCHER" ] || echo "($PREFIX/bin is not on your PATH: the menu entry works; for a terminal, add it.)" ;;
esac
