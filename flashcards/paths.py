"""Where the bundled decks and resources are, in a source checkout, a wheel or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    candidates = [
        # A wheel install: pyproject force-includes the top-level folders here.
        _PACKAGE_DIR / "_bundled" / name,
        # A source checkout or an editable install.
        _PACKAGE_DIR.parent / name,
    ]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_decks_dir() -> Path:
    return _bundled("decks")


def resources_dir() -> Path:
    return _bundled("resources")


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return resources_dir() / "icons"


def icon_path(size: int | None = None) -> Path:
    """The app icon: the SVG source, or the PNG rendered at `size` (one of ICON_SIZES)."""
    if size is None:
        return icons_dir() / "flashcards.svg"
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {', '.join(map(str, ICON_SIZES))}")
    return icons_dir() / f"flashcards-{size}.png"
