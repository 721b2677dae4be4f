"""The card browser on a big collection: open it, run five searches, sort, scroll.

    python3 benchmarks/bench_browser.py                # 100,000 cards
    python3 benchmarks/bench_browser.py --cards 5000   # quick, while developing

Builds the corpus of `bench_store.py` (notes files imported through `Collection`, 60% of
the cards given a review state), then, offscreen, opens the browser (`create_browser`)
and times each step until the table has painted its rows. Target: open well under 0.5 s.
The first open in a process also pays for fonts and a cold SQLite page cache; the median
of `--runs` opens is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

OPEN_TARGET_S = 0.5
SEARCHES = (
    "Термин 4242",  # a word of the front (Cyrillic: case variants)
    "deck:topic-003",  # one folder: a deck of 100 files (10,000 cards)
    "is:due",
    "is:new определение",  # a filter and text
    "-is:new deck:topic-00*::note-01* ease",  # negation, deck wildcards, text in no card
)


def build(work: Path, cards: int) -> float:
    from bench_store import ours_build, write_corpus

    started = time.perf_counter()
    write_corpus(work / "notes", cards)
    ours_build(work, cards)
    return time.perf_counter() - started


def timed(action, app) -> float:  # noqa: ANN001
    """Seconds for `action()` plus the events it queued (painting the table)."""
    started = time.perf_counter()
    action()
    app.processEvents()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="opens of the browser")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the built collection in this folder and reuse it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
        work = args.work or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        if (work / "ours.sqlite").exists():
            print(f"reusing {work / 'ours.sqlite'}")
        else:
            print(f"building {args.cards:,} cards ...", flush=True)
            print(f"  built in {build(work, args.cards):.1f} s")

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from flashcards.app import Collection
        from flashcards.gui.browser import create_browser

        app = QApplication([])
        collection = Collection.open(work / "ours.sqlite")
        opens = []
        browser = None
        for _ in range(args.runs):
            if browser is not None:
                browser.close()
                browser.deleteLater()
                app.processEvents()

            def open_browser() -> None:
                nonlocal browser
                browser = create_browser(collection, None)
                browser.resize(1400, 800)
                browser.show()

            opens.append(timed(open_browser, app))
        assert browser is not None
        rows = browser.model.rowCount()
        print(f"open browser: median {statistics.median(opens) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{s * 1000:.0f}' for s in opens)} ms), {rows:,} rows, "
              f"{browser.model.pages_read} page(s) of rows read; target < "
              f"{OPEN_TARGET_S * 1000:.0f} ms: {'ok' if max(opens) < OPEN_TARGET_S else 'MISSED'}")
        print(f"preview of the first card: {timed(browser.show_current_card, app) * 1000:.0f} ms")
        for label, column, order in (("sort by front", 0, Qt.SortOrder.AscendingOrder),
                                     ("sort by reviews", 5, Qt.SortOrder.DescendingOrder),
                                     ("sort by due", 2, Qt.SortOrder.AscendingOrder)):
            seconds = timed(lambda c=column, o=order: browser.table.sortByColumn(c, o), app)
            print(f"{label}: {seconds * 1000:.0f} ms")
        middle = timed(lambda: browser.table.scrollTo(browser.model.index(rows // 2, 0)), app)
        end = timed(browser.table.scrollToBottom, app)
        print(f"scroll to the middle: {middle * 1000:.0f} ms, to the end: {end * 1000:.0f} ms "
              f"({browser.model.pages_read} pages read in all)")
        for query in SEARCHES:
            seconds = timed(lambda q=query: browser.search(q), app)
            print(f"search {query!r}: {seconds * 1000:.0f} ms, "
                  f"{browser.model.rowCount():,} cards")
        browser.close()
        app.processEvents()
        collection.close()


if __name__ == "__main__":
    main()
