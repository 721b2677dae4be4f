"""The desktop app (PySide6). Widgets only: every use case goes through `flashcards.app`.

    create_main_window(collection)   the main window on an open Collection (no event loop)
    run_app(db_path)                 the whole app: open the collection, first run, event loop

Other screens plug in through `flashcards.gui.main_window.TOOL_WINDOWS` (Browse,
Statistics, Settings) or `MainWindow.open_tool_window(widget)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flashcards.gui.pyside_refcount import protect_none

# Before any widget exists: see pyside_refcount (PySide6 6.12 on Python 3.11 leaks None).
protect_none()

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from flashcards.app import Collection
    from flashcards.gui.main_window import MainWindow


def create_main_window(collection: Collection, settings: QSettings | None = None) -> MainWindow:
    """Build the main window on `collection`; a QApplication must exist. Not shown."""
    from flashcards.gui.application import ensure_application
    from flashcards.gui.main_window import MainWindow

    ensure_application()
    return MainWindow(collection, settings)


def run_app(db_path: str | None = None) -> int:
    from flashcards.gui.application import run_app as run

    return run(db_path)


__all__ = ["create_main_window", "run_app"]
