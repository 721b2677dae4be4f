"""Screenshots of the browser and the statistics, light and dark, for the README.

    QT_QPA_PLATFORM=offscreen python3 docs/screenshots/browser_stats_screenshots.py [--language ru]

Builds a throw-away collection from the bundled decks with 200 simulated days of study
(seeded, so the pictures are reproducible) and grabs each window with `QWidget.grab`.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent


def simulate(collection, days: int, seed: int = 3) -> int:  # noqa: ANN001
    """Study like a learner: most days, 20-70 answers with mostly passing grades."""
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=days)
    answers = 0
    for day in range(days):
        if rng.random() < 0.15:
            continue
        now = start + timedelta(days=day, hours=10)
        for _ in range(rng.randint(20, 70)):
            card = collection.next_card(now=now)
            if card is None:
                break
            grade = rng.choices([1, 2, 3, 4, 5], [3, 8, 15, 55, 19])[0]
            collection.answer(card.id, grade, elapsed_ms=rng.randint(2000, 25000), now=now)
            now += timedelta(seconds=20)
            answers += 1
    return answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=["en", "ru"])
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from flashcards.app import Collection
    from flashcards.gui.application import ensure_application
    from flashcards.gui.browser import create_browser
    from flashcards.gui.i18n import install_translator
    from flashcards.gui.stats import create_stats
    from flashcards.gui.theme import apply_theme
    from flashcards.paths import bundled_decks_dir

    app = ensure_application()
    install_translator(app, args.language)
    suffix = "" if args.language == "en" else f"-{args.language}"
    with tempfile.TemporaryDirectory() as folder:
        collection = Collection.open(Path(folder) / "collection.sqlite")
        collection.import_path(bundled_decks_dir())
        simulate(collection, 200)
        cards = list(collection.cards(["docker"]))
        for card in cards[:3]:
            collection.suspend(card.id)
        for theme in ("light", "dark"):
            apply_theme(app, theme)  # type: ignore[arg-type]
            browser = create_browser(collection, None)
            browser.resize(1400, 760)
            browser.show()
            browser.search("deck:kubernetes")
            browser.table.sortByColumn(2, __import__("PySide6.QtCore").QtCore.Qt.SortOrder
                                       .AscendingOrder)
            browser.select_rows([2])
            browser.show_current_card()
            QApplication.processEvents()
            browser.grab().save(str(HERE / f"browser-{theme}{suffix}.png"))
            browser.close()
            stats = create_stats(collection, None)
            stats.resize(1100, 960)
            stats.show()
            QApplication.processEvents()
            stats.grab().save(str(HERE / f"stats-{theme}{suffix}.png"))
            stats.close()
        collection.close()


if __name__ == "__main__":
    main()
