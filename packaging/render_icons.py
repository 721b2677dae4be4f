"""Render resources/icons/flashcards.svg to the PNG sizes the desktop and the bundle use.

    python3 packaging/render_icons.py    # writes resources/icons/flashcards-<size>.png
                                         # and flashcards.ico (Windows executable icon)

Uses QtSvg from PySide6 (already a dependency), so no ImageMagick or rsvg is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

# Keep in step with flashcards.paths.ICON_SIZES (tests check both against the files).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS_DIR / "flashcards.svg"
# The ICO format stops at 256 px.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_name(size: int) -> str:
    return f"flashcards-{size}.png"


def render(source: Path = SOURCE, target_dir: Path = ICONS_DIR,
           sizes: tuple[int, ...] = ICON_SIZES) -> list[Path]:
    """Write one square, transparent PNG per size; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG for QtSvg")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = target_dir / png_name(size)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"{target}: could not write")
        written.append(target)
    return written


def write_ico(pngs: list[Path], target: Path) -> Path:
    """An .ico holding the given square PNGs as they are (Windows Vista and later read PNG
    entries), so no image library is needed."""
    images = [(png, png.read_bytes()) for png in pngs]
    header = struct.pack("<HHH", 0, 1, len(images))
    directory = b""
    offset = len(header) + 16 * len(images)
    for png, data in images:
        size = int(png.stem.rsplit("-", 1)[1])
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.write_bytes(header + directory + b"".join(data for _png, data in images))
    return target


if __name__ == "__main__":
    written = render()
    ico_pngs = [ICONS_DIR / png_name(size) for size in ICO_SIZES]
    written.append(write_ico(ico_pngs, ICONS_DIR / "flashcards.ico"))
    for path in written:
        print(path)
