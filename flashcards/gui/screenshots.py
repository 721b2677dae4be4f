"""Screenshots of the real window for the README: `python -m flashcards.gui.screenshots DIR`.

Run under a real X server so fonts and styles are the ones a learner sees:

    xvfb-run -a -s "-screen 0 1280x800x24" python3 -m flashcards.gui.screenshots docs/screenshots

Uses a temp database with the bundled decks; the import report comes from importing a copy
of the bundled decks plus the raw course notes (if present) and one binary file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from flashcards.gui.application import ensure_application
from flashcards.gui.main_window import MainWindow

SEED_NOTES = Path("/work/shared/seeds/slurm-notes.md")
SIZE = (1280, 800)


def _settle(app: QApplication, ms: int = 300) -> None:
    done: list[bool] = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def _shoot(app: QApplication, path: Path) -> None:
    _settle(app)
    screen = app.primaryScreen()
    screen.grabWindow(0, 0, 0, *SIZE).save(str(path))
    print(path)


def _wait_for(app: QApplication, condition: Callable[[], bool], seconds: float = 60) -> None:
    waited = 0
    while not condition():
        _settle(app, 50)
        waited += 50
        if waited > seconds * 1000:
            raise TimeoutError("the window did not get there in time")


def main(out_dir: str) -> int:
    from flashcards.app import Collection
    from flashcards.paths import bundled_decks_dir

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    with tempfile.TemporaryDirectory(prefix="flashcards-shots-") as temp:
        folder = Path(temp)
        notes = folder / "notes"
        shutil.copytree(bundled_decks_dir(), notes)
        collection = Collection.open(folder / "collection.sqlite")
        collection.import_path(notes)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(collection, settings)
        window.set_notes_folder(notes)
        window.move(0, 0)
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        _settle(app, 600)
        window.deckPage.select_deck(("docker",))
        _shoot(app, out / "deck-list.png")

        # A card with highlighted code shows what the renderer does; two earlier reviews
        # (9 and 8 days ago) make it due today, so its buttons show SM-2's real intervals.
        with_code = next((card for card in collection.cards(["docker"])
                          if "```" in card.back and card.back.count("\n") < 14), None)
        if with_code is not None:
            now = datetime.now(UTC)
            collection.answer(with_code.id, 5, elapsed_ms=6000, now=now - timedelta(days=9))
            collection.answer(with_code.id, 4, elapsed_ms=9000, now=now - timedelta(days=8))
        window.refresh_decks()
        window.start_session(("docker",))
        if with_code is not None:
            window.review.show_card(collection.card(with_code.id))
        window.statusBar().clearMessage()
        _shoot(app, out / "review-question.png")
        window.review.reveal()
        _shoot(app, out / "review-answer.png")

        window.show_decks()
        messy = folder / "more-notes"
        messy.mkdir()
        if SEED_NOTES.is_file():
            shutil.copy(SEED_NOTES, messy / SEED_NOTES.name)
        (messy / "scan.md").write_bytes(bytes(range(256)) * 16)
        window.import_folder(messy)
        _wait_for(app, lambda: window.findChild(QApplication.activeModalWidget().__class__
                                                if QApplication.activeModalWidget() else
                                                type(window), "importReport") is not None)
        _shoot(app, out / "import-report.png")
        window.close()
        collection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
