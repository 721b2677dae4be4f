"""The desktop window driven like a person: keyboard only, on a temp database.

Every answer given through the window must be in the store's review log afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from flashcards.app import Collection, default_db_path
from flashcards.gui import create_main_window
from flashcards.gui.main_window import DECKS_PAGE, REVIEW_PAGE, SUMMARY_PAGE

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def notes(notes_folder: Path) -> Path:
    return notes_folder


@pytest.fixture
def collection(tmp_path: Path, notes: Path):
    collection = Collection.open(tmp_path / "collection.sqlite")
    report = collection.import_path(notes)
    assert report.new >= 5
    yield collection
    collection.close()


@pytest.fixture
def window(qtbot, collection, tmp_path, notes, show_active):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    window.set_notes_folder(notes)
    qtbot.addWidget(window)
    show_active(window)
    return window


def select_deck(window, name: str) -> None:
    for row in range(window.deckList.topLevelItemCount()):
        item = window.deckList.topLevelItem(row)
        if name.lower() in item.text(0).lower():
            window.deckList.setCurrentItem(item)
            window.deckList.setFocus()
            return
    raise AssertionError(f"no deck {name!r} in the deck list")


def shown_card_id(window) -> str:
    assert window.review.card is not None
    return window.review.card.id


def test_window_is_built_without_touching_the_default_database(window):
    assert not default_db_path().exists()
    assert window.findChild(type(window.deckList), "deckList") is window.deckList
    for name in ("actionBrowse", "actionStats", "actionSettings", "actionImport",
                 "actionExport", "actionQuit", "actionReimport"):
        assert window.findChild(type(window.actionQuit), name) is not None, name
    assert "F5" in [sequence.toString() for sequence in window.actionReimport.shortcuts()]


def test_every_key_belongs_to_one_action(window):
    # Two actions on one key make Qt trigger neither: each key must be unambiguous.
    owners: dict[str, str] = {}
    for action in window.actions():
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in owners, f"{key} is both {owners[key]} and {action.objectName()}"
            owners[key] = action.objectName()
    for key in ("Ctrl+Q", "Ctrl+O", "F5", "Ctrl+Z", "Space", "Return", "Esc", "1", "0"):
        assert key in owners, key


def test_deck_list_shows_decks_with_counts(window, collection):
    names = [window.deckList.topLevelItem(i).text(0)
             for i in range(window.deckList.topLevelItemCount())]
    assert any("Docker" in name for name in names)
    assert any("Kubernetes" in name or "kubernetes" in name for name in names)
    header = window.deckList.headerItem()
    assert [header.text(c) for c in range(4)] == ["Deck", "New", "Repeat", "Due"]
    tree = {tuple(node.deck): node for node in collection.deck_tree()}
    for row in range(window.deckList.topLevelItemCount()):
        item = window.deckList.topLevelItem(row)
        node = tree[tuple(item.data(0, Qt.ItemDataRole.UserRole))]
        assert int(item.text(1)) == node.counts.new
        assert int(item.text(3)) == node.counts.due


def test_a_whole_session_by_keyboard_reaches_the_store(qtbot, window, collection, press):
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == REVIEW_PAGE
    assert window.review.side == "question"
    assert window.reviewPage.showAnswerButton.isVisible()
    card = window.review.card
    assert card.context and " › ".join(card.context) in window.reviewView.toPlainText()
    assert "Docker" in window.reviewPage.deckLabel.text()

    given: list[tuple[str, int]] = []

    # First card: reveal with Space, Good with 3.
    first = shown_card_id(window)
    front = window.reviewView.toPlainText()
    press(window, Qt.Key.Key_Space)
    assert window.review.side == "answer"
    assert len(window.reviewView.toPlainText()) > len(front)  # the back is below the front
    good = window.findChild(type(window.reviewPage.showAnswerButton), "gradeGood")
    assert good.isVisible() and "1 d" in good.text()
    press(window, Qt.Key.Key_3)
    given.append((first, 4))
    assert collection.history(first)[-1].grade == 4
    assert collection.history(first)[-1].elapsed_ms is not None

    # Second card: Again (key 1), then undo it with Ctrl+Z: the same card comes back.
    second = shown_card_id(window)
    assert second != first
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_1)
    assert collection.history(second)[-1].grade == 2
    press(window, Qt.Key.Key_Z, CTRL)
    assert shown_card_id(window) == second
    assert window.review.side == "question"
    assert collection.history(second) == []

    # Finish the deck: Space reveals, 4 (Easy) grades, until the summary.
    for _ in range(40):
        if window.pages.currentIndex() != REVIEW_PAGE:
            break
        card_id = shown_card_id(window)
        press(window, Qt.Key.Key_Space)
        press(window, Qt.Key.Key_4)
        given.append((card_id, 5))
    assert window.pages.currentIndex() == SUMMARY_PAGE
    summary = window.summaryPage.details.text()
    assert f"{len(given)} answer" in summary  # "4 answers" (or "4 answer(s)" untranslated)
    assert "Easy" in summary
    # Every card was answered Easy at least once: SM-2 brings them back tomorrow.
    assert "Next reviews are due tomorrow" in summary

    logged = sorted((card.id, entry.grade) for card in collection.cards(["docker"])
                    for entry in collection.history(card.id))
    assert logged == sorted(given)

    # Enter on the summary goes back to the deck list, with the counts of today.
    press(window, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == DECKS_PAGE


def test_space_on_the_answer_means_good_and_escape_keeps_answers(window, collection, press):
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    card_id = shown_card_id(window)
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_Space)
    assert [entry.grade for entry in collection.history(card_id)] == [4]
    press(window, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == DECKS_PAGE
    reopened = Collection.card(collection, card_id)
    assert reopened.state.repetitions == 1


def test_remaining_counts_and_clock_are_shown(window, collection, press):
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    new_before = window.reviewPage.countsLabel.property("counts")[0]
    assert new_before >= 4
    assert window.reviewPage.clockLabel.text() == "0:00"
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_4)
    assert window.reviewPage.countsLabel.property("counts")[0] == new_before - 1


def test_six_grade_mode_has_six_buttons_and_keys_0_to_5(window, collection, press):
    collection.update_settings(answer_mode="six_grades")
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    buttons = {name: window.findChild(type(window.reviewPage.showAnswerButton), name)
               for name in (f"grade{g}" for g in range(6))}
    assert all(button is not None and button.isVisible() for button in buttons.values())
    assert window.findChild(type(window.reviewPage.showAnswerButton), "gradeAgain") is None
    card_id = shown_card_id(window)
    press(window, Qt.Key.Key_0)
    assert collection.history(card_id)[-1].grade == 0
    other = shown_card_id(window)
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_5)
    assert collection.history(other)[-1].grade == 5


def test_grade_keys_do_nothing_before_the_answer_is_shown(window, collection, press):
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    card_id = shown_card_id(window)
    press(window, Qt.Key.Key_3)
    assert collection.history(card_id) == []
    assert window.review.side == "question"


def test_suspend_and_bury_from_the_keyboard(window, collection, press):
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    suspended = shown_card_id(window)
    press(window, Qt.Key.Key_J, CTRL)
    assert collection.card(suspended).suspended
    buried = shown_card_id(window)
    assert buried != suspended
    press(window, Qt.Key.Key_B, CTRL)
    assert collection.card(buried).buried
    assert shown_card_id(window) not in (suspended, buried)


def test_open_note_in_editor_at_the_cards_line(window, editor_recorder, qtbot, notes, press):
    record = editor_recorder
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    card = window.review.card
    press(window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: record.exists() and bool(record.read_text(encoding="utf-8")),
                    timeout=5000)
    arguments = record.read_text(encoding="utf-8").splitlines()
    assert arguments[-2:] == [f"+{card.line}", str(notes / "docker.md")]


def test_undo_after_the_summary_returns_to_the_last_card(window, collection, press):
    select_deck(window, "Kubernetes")
    press(window, Qt.Key.Key_Return)
    last = None
    for _ in range(10):
        if window.pages.currentIndex() != REVIEW_PAGE:
            break
        last = shown_card_id(window)
        press(window, Qt.Key.Key_Space)
        press(window, Qt.Key.Key_4)
    assert window.pages.currentIndex() == SUMMARY_PAGE
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.pages.currentIndex() == REVIEW_PAGE
    assert shown_card_id(window) == last
    assert collection.history(last) == []


def test_study_button_starts_the_session_too(qtbot, window):
    select_deck(window, "Kubernetes")
    qtbot.mouseClick(window.deckPage.studyButton, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == REVIEW_PAGE
    assert "kubernetes" in window.reviewPage.deckLabel.text()


def test_summary_says_new_cards_wait_when_the_daily_limit_is_reached(
        qtbot, tmp_path, press, show_active):
    notes = tmp_path / "big"
    notes.mkdir()
    lines = "\n".join(f"Термин {n} - определение {n}" for n in range(23))
    (notes / "terms.md").write_text(f"# Термины\n\n{lines}\n", encoding="utf-8")
    collection = Collection.open(tmp_path / "limit.sqlite")
    try:
        collection.import_path(notes)
        assert collection.settings.new_per_day == 20
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(collection, settings)
        qtbot.addWidget(window)
        show_active(window)
        select_deck(window, "Термины")
        press(window, Qt.Key.Key_Return)
        answered = 0
        while window.pages.currentIndex() == REVIEW_PAGE and answered < 30:
            press(window, Qt.Key.Key_Space)
            press(window, Qt.Key.Key_4)
            answered += 1
        assert answered == 20
        summary = window.summaryPage.details.text()
        assert "3 new cards wait" in summary
        assert "Studied 20 card" in summary
    finally:
        window.close()
        collection.close()


def test_switching_the_language_retranslates_the_main_window(qapp, window, press):
    from flashcards.gui.i18n import install_translator

    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    good = window.reviewPage.gradeButtons[4]
    try:
        install_translator(qapp, "ru")
        qapp.processEvents()
        assert window.findChild(type(window.menuBar().actions()[0].menu()),
                                "menuFile").title() == "&Файл"
        assert window.deckList.headerItem().text(0) == "Колода"
        assert window.reviewPage.showAnswerButton.text() == "Показать ответ"
        assert good.text().splitlines()[0] != "Good"
        assert good.text().splitlines()[1] == window.reviewPage.gradeButtons[4].property(
            "interval")
    finally:
        install_translator(qapp, "en")
        qapp.processEvents()
    assert window.deckList.headerItem().text(0) == "Deck"
    assert good.text().splitlines()[0] == "Good"
    assert window.actionImport.text() == "&Import Folder..."


def test_deck_menu_studies_exports_and_opens_the_notes(qtbot, window, notes, editor_recorder):
    from PySide6.QtWidgets import QDialog

    select_deck(window, "kubernetes")
    menu = window.deckPage.deck_menu()
    actions = {action.text(): action for action in menu.actions()}
    assert set(actions) == {"Study", "Export to Anki...", "Open Notes in Editor"}

    actions["Open Notes in Editor"].trigger()
    qtbot.waitUntil(lambda: editor_recorder.exists()
                    and bool(editor_recorder.read_text(encoding="utf-8")), timeout=5000)
    assert editor_recorder.read_text(encoding="utf-8").splitlines()[-1] == str(
        notes / "kubernetes" / "basics.md")

    actions["Export to Anki..."].trigger()
    dialog = window.findChild(QDialog, "exportDialog")
    assert dialog is not None and dialog.chosen_deck() == ["kubernetes"]
    dialog.reject()

    actions["Study"].trigger()
    assert window.pages.currentIndex() == REVIEW_PAGE
    assert window.review.card.deck[0] == "kubernetes"


def test_closing_the_window_mid_session_keeps_every_answer(qtbot, tmp_path, notes, press,
                                                             show_active):
    path = tmp_path / "closing.sqlite"
    collection = Collection.open(path)
    collection.import_path(notes)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    qtbot.addWidget(window)
    show_active(window)
    select_deck(window, "Docker")
    press(window, Qt.Key.Key_Return)
    given = []
    for grade_key, grade in ((Qt.Key.Key_3, 4), (Qt.Key.Key_1, 2)):
        given.append((shown_card_id(window), grade))
        press(window, Qt.Key.Key_Space)
        press(window, grade_key)
    press(window, Qt.Key.Key_Space)  # the third card's answer is shown, not graded
    press(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    collection.close()

    reopened = Collection.open(path)
    try:
        logged = [(card.id, entry.grade) for card in reopened.cards()
                  for entry in reopened.history(card.id)]
        assert sorted(logged) == sorted(given)
    finally:
        reopened.close()
