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
