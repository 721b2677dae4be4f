"""The QApplication and the start of the app: open the collection, first run, event loop."""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from flashcards.gui.main_window import STARTUP_PROBE_ENV, MainWindow
from flashcards.gui.settings import apply_saved_preferences
from flashcards.gui.theme import apply_theme, follow_system_scheme
from flashcards.paths import icon_path

ORGANIZATION = "flashcards"
APPLICATION = "flashcards"


def ensure_application() -> QApplication:
    """The running QApplication, created (with names, style and palette) if needed."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "Flashcards"))
    app.setDesktopFileName("flashcards")
    app.setWindowIcon(QIcon(str(icon_path(256))))
    theme = os.environ.get("FLASHCARDS_THEME", "system")
    apply_theme(app, theme if theme in ("light", "dark") else "system")  # type: ignore[arg-type]
    follow_system_scheme(app)
    apply_saved_preferences(app)
    return app


# The store's message when another window or command has the collection open.
_LOCKED = re.compile(r"The collection (.+) is already open in another flashcards window or "
                     r"command(?: \(process (\d+)\))?\. Close it there and try again\.")


def open_error_text(message: str) -> str:
    """Why the collection cannot be opened, in the interface's language where known (the
    store's messages are English, as the command line prints them)."""
    locked = _LOCKED.fullmatch(message)
    if locked is None:
        return message
    path, process = locked.groups()
    if process:
        return QCoreApplication.translate(
            "Application", "The collection {path} is already open in another flashcards "
            "window or command (process {process}). Close it there and try again.").format(
                path=path, process=process)
    return QCoreApplication.translate(
        "Application", "The collection {path} is already open in another flashcards window "
        "or command. Close it there and try again.").format(path=path)


def _show_open_error(title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.exec()


def run_app(db_path: str | Path | None = None) -> int:
    """Open the collection (the default one unless `db_path`), show the window, run."""
    probe = os.environ.get(STARTUP_PROBE_ENV)
    phases: list[tuple[str, float]] = [("gui start", time.time())]
    app = ensure_application()
    # The learner's theme and language (the Settings screen) before any text is shown.
    from flashcards.gui.settings import apply_saved_preferences

    apply_saved_preferences(app)
    phases.append(("qt application", time.time()))
    from flashcards.app import Collection, CollectionError

    phases.append(("import flashcards.app", time.time()))
    try:
        collection = Collection.open(db_path)
        phases.append(("open collection", time.time()))
    except CollectionError as error:
        _show_open_error(QCoreApplication.translate("Application", "Cannot open the collection"),
                         open_error_text(str(error)))
        return 1
    try:
        window = MainWindow(collection)
        phases.append(("main window built", time.time()))
        if probe:
            def first_frame(at: float) -> None:
                for name, moment in phases:
                    print(f"phase {moment:.6f} {name}", flush=True)
                print(f"first-frame {at:.6f}", flush=True)
                QTimer.singleShot(0, window.close)

            window.report_first_paint(first_frame)
        _show_unexpected_errors(window)
        window.show()
        if not collection.decks() and not probe:
            QTimer.singleShot(0, lambda: first_run_import(window))
        return app.exec()
    finally:
        collection.close()


def _show_unexpected_errors(window: MainWindow) -> None:
    """A bug in a slot becomes a message with details instead of a line on a console
    nobody sees; the answers given so far are already stored."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        previous(kind, error, tb)
        if isinstance(error, KeyboardInterrupt):
            return
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("Application", "Something went wrong"),
                          str(error) or kind.__name__, QMessageBox.StandardButton.Close, window)
        box.setObjectName("errorMessage")
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.open()

    sys.excepthook = hook


def first_run_import(window: MainWindow) -> bool:
    """An empty collection gets the bundled decks, so the first start shows cards."""
    from flashcards.paths import bundled_decks_dir

    decks = bundled_decks_dir()
    if not decks.is_dir():
        return False
    window.show_status(QCoreApplication.translate(
        "Application", "First start: importing the bundled decks..."))
    return window.import_folder(decks, show_report=False)
