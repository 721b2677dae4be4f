#!/usr/bin/env bash
# Build the one-folder desktop bundle: dist/flashcards/flashcards (+ its _internal/ folder).
#
#     packaging/build.sh                 # from any directory; needs the app's dependencies
#     FLASHCARDS_DIST=/tmp/out packaging/build.sh      # build somewhere else
#     FLASHCARDS_TARBALL=1 packaging/build.sh          # also dist/flashcards-<version>-linux-<arch>.tar.gz
#
# Installs PyInstaller with pip if it is missing, builds from packaging/pyinstaller/flashcards.spec
# and finishes with `flashcards --self-test` run from the bundle (offscreen), so a bundle that
# this script reports as built also starts. Set FLASHCARDS_SKIP_SELF_TEST=1 to skip that.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST="${FLASHCARDS_DIST:-$ROOT/dist}"
WORK="${FLASHCARDS_BUILD:-$ROOT/build/pyinstaller}"
PYINSTALLER_VERSION="${PYINSTALLER_VERSION:->=6.10}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is missing: installing it with pip" >&2
    "$PYTHON" -m pip install --quiet "pyinstaller${PYINSTALLER_VERSION}"
fi

# The PNG icons are committed; render them only if someone deleted them.
if [ ! -f "$ROOT/resources/icons/flashcards-512.png" ] || [ ! -f "$ROOT/resources/icons/flashcards.ico" ]; then
    "$PYTHON" "$ROOT/packaging/render_icons.py" >/dev/null
fi

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" \
    "$ROOT/packaging/pyinstaller/flashcards.spec"
built=$(date +%s)

BUNDLE="$DIST/flashcards"
if [ "$(uname -s)" = "Darwin" ]; then
    EXECUTABLE="$DIST/Flashcards.app/Contents/MacOS/flashcards"
elif [ -f "$BUNDLE/flashcards.exe" ]; then
    EXECUTABLE="$BUNDLE/flashcards.exe"
else
    EXECUTABLE="$BUNDLE/flashcards"
fi

if [ "$(uname -s)" = "Linux" ]; then
    # A bundle copied to another computer can install its own menu entry and icons.
    cp "$ROOT/packaging/linux/install.sh" "$ROOT/packaging/linux/flashcards.desktop" \
        "$ROOT"/packaging/linux/*.metainfo.xml "$BUNDLE/"
fi

echo "built $BUNDLE in $((built - started)) s, $(du -sh "$BUNDLE" | cut -f1) unpacked"

if [ "${FLASHCARDS_SKIP_SELF_TEST:-0}" != "1" ]; then
    QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$EXECUTABLE" --self-test
fi

# Packed only once the bundle has passed its self-test.
if [ "${FLASHCARDS_TARBALL:-0}" = "1" ]; then
    VERSION="$("$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT'); from flashcards import __version__; print(__version__)")"
    TARBALL="$DIST/flashcards-$VERSION-$(uname -s | tr A-Z a-z)-$(uname -m).tar.gz"
    tar -czf "$TARBALL" -C "$DIST" flashcards
    echo "packed $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi
