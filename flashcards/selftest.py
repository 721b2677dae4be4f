"""`flashcards --self-test`: proves an install (source, wheel or bundle) can do the real work.

It loads the Russian translations, opens the main window offscreen on a throw-away
database and settings file, imports the bundled decks, renders a card (Pygments
included), answers it through the app layer and reads the answer back from the history,
exports one deck to Anki, closes everything and returns 0. Anything missing from an
install (a deck, a stylesheet, a translation, the icon, a Qt plugin, a module PyInstaller
did not collect) makes it return 1 and print the step that failed. The learner's own
collection and settings are never opened.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PASS = 0
FAIL = 1
# A grade that passes in every answer mode (SM-2: 4 = "Good").
GOOD = 4


class SelfTestFailure(Exception):
    """One check did not hold; the message says which and why."""


def _say(text: str) -> None:
    # A windowed bundle on Windows has no console: sys.stdout is None there.
    stream = sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestFailure(reason)


def _check_files() -> Path:
    from flashcards.paths import ICON_SIZES, bundled_decks_dir, icon_path, resources_dir

    decks = bundled_decks_dir()
    _check(decks.is_dir(), f"bundled decks folder missing: {decks}")
    notes = sorted(decks.rglob("*.md"))
    _check(bool(notes), f"no .md notes in the bundled decks folder {decks}")
    styles = resources_dir() / "styles"
    for name in ("card.css", "pygments-light.css", "pygments-dark.css"):
        _check((styles / name).is_file(), f"stylesheet missing: {styles / name}")
    for size in (None, *ICON_SIZES):
        _check(icon_path(size).is_file(), f"icon missing: {icon_path(size)}")
    return decks


def _check_translations() -> None:
    """The Russian interface: the app's catalog and Qt's own (dialog buttons)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from flashcards.paths import resources_dir

    catalogs = [("flashcards_ru", resources_dir() / "translations"),
                ("qtbase_ru", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))]
    for name, folder in catalogs:
        _check(QTranslator().load(name, str(folder)), f"translation {name}.qm missing in {folder}")


def _check_render(card: Any) -> None:
    from flashcards.render import card_html, highlight_code, page_html

    html = card_html(card.front, card.back, card.context)
    _check(bool(html.question().strip()) and bool(html.answer().strip()),
           f"card {card.id} rendered to empty HTML")
    page = page_html(html.answer())
    _check("<style>" in page and len(page) > len(html.answer()), "card stylesheet not applied")
    # Pygments finds lexers by name at run time; a bundle that lost them shows plain text.
    code = highlight_code("docker run --rm -it alpine sh", "bash")
    _check("<span" in code, "Pygments produced no highlighting for a bash snippet")


@contextmanager
def _qt_messages_kept(messages: list[str]) -> Iterator[None]:
    """Qt's warnings go to `messages` instead of the terminal: shown only if a step fails
    (the offscreen platform warns about things that do not matter here)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def keep(kind: QtMsgType, _context: object, text: str) -> None:
        messages.append(text)
        if kind == QtMsgType.QtFatalMsg:
            # Qt aborts the process right after this: say why while we still can.
            for message in messages[-10:]:
                _say(f"  qt  {message}")

    previous = qInstallMessageHandler(keep)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _run_checks(work: Path, steps: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()

    def done(step: str) -> None:
        steps.append(f"{step} ({time.perf_counter() - started:.2f} s)")

    decks = _check_files()
    done("bundled decks, styles and icons found")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from flashcards.app import Collection
    from flashcards.gui import create_main_window

    _check_translations()
    done("Russian translations (app and Qt) load")

    collection = Collection.open(work / "collection.sqlite")
    window = None
    try:
        report = collection.import_path(decks)
        _check(not report.file_errors,
               "bundled decks did not import: "
               + "; ".join(f"{problem}" for problem in report.file_errors[:3]))
        _check(report.new > 0, f"importing {decks} made no cards")
        done(f"imported {report.new} cards from {report.files_parsed} files")

        helped = _check_parse_helpers(work / "many-notes")
        done(f"a big import's {helped} chunks parsed by helper processes")

        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(collection, settings)
        window.show()
        QApplication.processEvents()
        _check(window.isVisible(), "the main window did not show")
        _check(window.deckList.topLevelItemCount() > 0, "the deck list is empty after import")
        app = QApplication.instance()
        _check(isinstance(app, QApplication) and not app.windowIcon().isNull(),
               "the application icon did not load")
        done(f"main window shown ({QApplication.platformName()} platform)")

        card = collection.next_card()
        _check(card is not None, "no card to study right after importing the decks")
        assert card is not None
        _check_render(card)
        done("card rendered")

        collection.answer(card.id, GOOD, elapsed_ms=1000)
        history = collection.history(card.id)
        _check(len(history) == 1 and history[0].grade == GOOD,
               f"the answer to card {card.id} is not in its history: {history!r}")
        _check(collection.card(card.id).state.due is not None,
               f"card {card.id} has no due date after a passing answer")
        done("one answer recorded and read back from the history")

        from flashcards.export import export_collection

        deck = collection.decks()[0]
        exported = export_collection(collection, work / "deck.apkg", deck=deck)
        _check(exported.cards > 0 and exported.path.is_file() and exported.path.stat().st_size > 0,
               f"exporting deck {'::'.join(deck)} wrote nothing")
        done(f"deck {'::'.join(deck)!r} exported to Anki ({exported.cards} cards)")

        window.close()
        QApplication.processEvents()
        _check(not window.isVisible(), "the main window did not close")
        done("main window closed")
    finally:
        if window is not None:
            window.deleteLater()
        collection.close()


def _check_parse_helpers(notes: Path) -> int:
    """A big import's helper processes start and parse (in a bundle they are the app's
    own executable); the number of chunks they parsed."""
    from flashcards.app import parse_pool
    from flashcards.parsing import note_files

    for index in range(parse_pool.PARALLEL_FROM_FILES):
        folder = notes / f"part-{index % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{index:03}.md").write_text(
            f"# Тема {index}\n\nТермин {index} - значение {index}\n", encoding="utf-8")
    files = note_files(notes)
    with parse_pool.ParseJob(notes, True, files, parent_parses=False) as parsing:
        cards = sum(len(result.cards) for _file, result, _rows
                    in parsing.results(lambda _done: None))
        helped = parsing.chunks_from_helpers
        chunks = len(parsing.chunks)
    _check(cards == len(files), f"the helper processes gave {cards} cards of {len(files)}")
    _check(helped == chunks, f"helper processes parsed {helped} of {chunks} chunks; "
                             f"the others were parsed here after a helper failed")
    return helped


def run_self_test(say: Callable[[str], None] = _say) -> int:
    """0 if the install works end to end; otherwise 1, after saying which step failed."""
    from flashcards import __version__

    steps: list[str] = []
    qt_messages: list[str] = []
    failure: str | None = None
    with tempfile.TemporaryDirectory(prefix="flashcards-self-test-",
                                     ignore_cleanup_errors=True) as folder:
        try:
            with _qt_messages_kept(qt_messages):
                _run_checks(Path(folder), steps)
        except SelfTestFailure as error:
            failure = str(error)
        except Exception:  # any crash is a failed self-test, reported with its traceback
            failure = "an error:\n" + traceback.format_exc()
    for step in steps:
        say(f"  ok  {step}")
    if failure is None:
        say(f"flashcards {__version__} self-test passed")
        return PASS
    for message in qt_messages[-10:]:
        say(f"  qt  {message}")
    say(f"flashcards {__version__} self-test FAILED: {failure}")
    return FAIL
