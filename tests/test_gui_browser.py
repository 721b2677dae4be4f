"""The card browser driven like a person: opened from the main window, typed into, keyed.

What it does to cards must show in the collection: suspended cards leave the queue,
reset cards are new again, the note opens at the card's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from test_browse import reference, write_notes

from flashcards.app import Collection
from flashcards.gui import create_main_window
from flashcards.gui.browser import BrowserWindow, create_browser

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def collection(tmp_path: Path, notes_folder: Path):
    collection = Collection.open(tmp_path / "collection.sqlite")
    collection.import_path(notes_folder)
    yield collection
    collection.close()


@pytest.fixture
def window(qtbot, collection, tmp_path, notes_folder):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    window.set_notes_folder(notes_folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    # Gone before its collection closes: a later palette or language change must not
    # reach a window whose database is closed.
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def open_browser(qtbot, window) -> BrowserWindow:
    window.activateWindow()
    window.deckList.setFocus()
    QTest.keyClick(window.deckList, Qt.Key.Key_B, CTRL | SHIFT)
    QApplication.processEvents()
    browser = window.tool_windows.get("actionBrowse")
    assert isinstance(browser, BrowserWindow)
    assert browser.objectName() == "browser"
    qtbot.waitExposed(browser)
    return browser


def type_text(widget, text: str) -> None:
    """Key events carrying each character (QTest's text helpers abort on Cyrillic)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def search(browser: BrowserWindow, text: str) -> list[str]:
    browser.searchBox.setFocus()
    browser.searchBox.selectAll()
    QTest.keyClick(browser.searchBox, Qt.Key.Key_Backspace)
    type_text(browser.searchBox, text)
    QTest.keyClick(browser.searchBox, Qt.Key.Key_Return)
    QApplication.processEvents()
    return shown_ids(browser)


def shown_ids(browser: BrowserWindow) -> list[str]:
    model = browser.model
    return [model.data(model.index(row, 0), Qt.ItemDataRole.UserRole)
            for row in range(model.rowCount())]


def select_all(browser: BrowserWindow) -> None:
    browser.table.setFocus()
    QTest.keyClick(browser.table, Qt.Key.Key_A, CTRL)
    QApplication.processEvents()


def test_browse_opens_from_the_window_with_every_card(qtbot, window, collection):
    browser = open_browser(qtbot, window)
    headers = [browser.model.headerData(column, Qt.Orientation.Horizontal)
               for column in range(browser.model.columnCount())]
    assert headers == ["Front", "Deck", "Due", "Interval", "Ease", "Reviews", "Lapses",
                       "State"]
    assert set(shown_ids(browser)) == {card.id for card in collection.cards()}
    assert "cards shown" in browser.countLabel.text()


def test_typed_searches_filter_rows(qtbot, window, collection):
    browser = open_browser(qtbot, window)
    docker = {card.id for card in collection.cards(["docker"])}
    assert set(search(browser, "deck:docker")) == docker
    assert set(search(browser, "образ")) == reference(collection, "образ")
    assert search(browser, "образ")  # Cyrillic text typed key by key
    assert set(search(browser, "-deck:docker")) == {
        card.id for card in collection.cards()} - docker
    search(browser, "is:nonsense")
    assert browser.searchError.isVisible()
    assert "is:due" in browser.searchError.text()


def test_suspend_from_the_browser_takes_cards_out_of_the_queue(qtbot, window, collection):
    browser = open_browser(qtbot, window)
    docker = set(search(browser, "deck:docker"))
    assert collection.next_card(deck=["docker"]) is not None
    select_all(browser)
    QTest.keyClick(browser.table, Qt.Key.Key_J, CTRL)
    QApplication.processEvents()
    assert all(collection.card(card_id).suspended for card_id in docker)
    assert collection.next_card(deck=["docker"]) is None
    seen = set()
    while (card := collection.next_card()) is not None:
        seen.add(card.id)
        collection.answer(card.id, 5, elapsed_ms=1000)
    assert seen and not seen & docker
    states = {browser.model.display(browser.model.row_at(row), "state")
              for row in range(browser.model.rowCount())}
    assert states == {"suspended"}
    assert set(search(browser, "is:suspended")) == docker

    select_all(browser)
    QTest.keyClick(browser.table, Qt.Key.Key_J, CTRL | SHIFT)
    QApplication.processEvents()
    assert collection.next_card(deck=["docker"]) is not None
    assert search(browser, "is:suspended") == []


def test_reset_progress_asks_then_makes_cards_new(qtbot, window, collection):
    card = collection.next_card()
    assert card is not None
    collection.answer(card.id, 5, elapsed_ms=2000)
    browser = open_browser(qtbot, window)
    assert search(browser, "-is:new") == [card.id]
    select_all(browser)
    QTest.keyClick(browser.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    box = browser.findChild(QMessageBox, "resetConfirm")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    assert collection.card(card.id).state.is_new
    assert len(collection.history(card.id)) == 1
    assert search(browser, "-is:new") == []


def test_preview_shows_the_card_and_its_history(qtbot, window, collection):
    card = collection.next_card()
    assert card is not None
    collection.answer(card.id, 4, elapsed_ms=2000)
    browser = open_browser(qtbot, window)
    search(browser, "-is:new")
    browser.show_current_card()
    text = browser.preview.toPlainText()
    assert card.front.split()[0] in text
    assert card.back.split()[-1] in text
    assert browser.history.topLevelItemCount() == 1
    assert browser.history.topLevelItem(0).text(1) == "4"
    assert f":{card.line}" in browser.cardInfo.text()


def test_open_note_at_line(qtbot, window, collection, editor_recorder):
    browser = open_browser(qtbot, window)
    search(browser, "deck:kubernetes")
    browser.table.setFocus()
    QTest.keyClick(browser.table, Qt.Key.Key_Down)
    QApplication.processEvents()
    current = collection.card(shown_ids(browser)[browser.table.currentIndex().row()])
    QTest.keyClick(browser.table, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: editor_recorder.exists() and bool(editor_recorder.read_text()),
                    timeout=5000)
    arguments = editor_recorder.read_text(encoding="utf-8").splitlines()
    assert arguments == [f"+{current.line}", str(Path(current.source))]


def test_header_click_sorts_by_that_column(qtbot, window, collection):
    browser = open_browser(qtbot, window)
    header = browser.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    QApplication.processEvents()
    assert browser.model.sort_column == "front"
    fronts = [browser.model.row_at(row).front.casefold()
              for row in range(browser.model.rowCount())]
    assert fronts in (sorted(fronts), sorted(fronts, reverse=True))


def test_a_large_collection_is_read_lazily(qtbot, tmp_path):
    notes = tmp_path / "many"
    write_notes(notes, files=40, lines=50)
    collection = Collection.open(tmp_path / "many.sqlite")
    try:
        collection.import_path(notes)
        browser = create_browser(collection, None)
        qtbot.addWidget(browser)
        browser.show()
        qtbot.waitExposed(browser)
        assert browser.model.rowCount() == 2000
        # Only the rows on screen were read, not 2,000.
        assert browser.model.pages_read <= 2
        browser.table.scrollToBottom()
        QApplication.processEvents()
        assert browser.model.pages_read <= 4
        last = browser.model.row_at(1999)
        assert last is not None and last.card_id
        browser.close()
    finally:
        collection.close()


def test_escape_closes_a_dialog_first_then_the_browser(qtbot, window, collection):
    card = collection.next_card()
    assert card is not None
    collection.answer(card.id, 4, elapsed_ms=1000)
    browser = open_browser(qtbot, window)
    search(browser, "-is:new")
    select_all(browser)
    box = browser.reset_selected()
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not box.isVisible()
    assert browser.isVisible()
    assert not collection.card(card.id).state.is_new  # cancelled: nothing reset
    browser.table.setFocus()
    QTest.keyClick(browser.table, Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert "actionBrowse" not in window.tool_windows  # closed and gone
