"""Rough edges found by using the window as a learner: shortcut lists, images a card
cannot show, the export dialog's deck names and file name, and counts in sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QTreeWidgetItem

from flashcards.app import Collection
from flashcards.gui import create_main_window
from flashcards.gui.main_window import REVIEW_PAGE, SUMMARY_PAGE

CTRL = Qt.KeyboardModifier.ControlModifier

# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
    "d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "kubernetes").mkdir(parents=True)
    (folder / "kubernetes" / "01-pods.md").write_text(
        "# Kubernetes: Поды\n\nPod - наименьшая единица\n", encoding="utf-8")
    (folder / "kubernetes" / "02-services.md").write_text(
        "# Kubernetes: Сервисы\n\nService - постоянный адрес\n", encoding="utf-8")
    (folder / "img.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    (folder / "pictures.md").write_text(
        "# Картинки\n\n"
        "Схема::![](img.png)\n"
        "Пароли::![](../secret.png)\n"
        "![](../secret.png) снаружи::ответ\n", encoding="utf-8")
    return folder


@pytest.fixture
def window(qtbot, tmp_path, notes, show_active):
    collection = Collection.open(tmp_path / "collection.sqlite")
    collection.import_path(notes)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    window.set_notes_folder(notes)
    qtbot.addWidget(window)
    show_active(window)
    yield window
    window.close()
    collection.close()


def select_deck(window, text: str) -> None:
    items = window.deckList.findItems(text, Qt.MatchFlag.MatchRecursive
                                      | Qt.MatchFlag.MatchContains)
    assert items, f"no deck {text!r}"
    window.deckList.setCurrentItem(items[0])
    window.deckList.setFocus()


def tree_texts(item: QTreeWidgetItem) -> list[str]:
    texts = [item.text(0)]
    for index in range(item.childCount()):
        texts.extend(tree_texts(item.child(index)))
    return texts


# -- keys shown --------------------------------------------------------------------------

def test_shortcut_lists_name_only_keys_a_person_can_press(qtbot, window, press):
    # Standard keys bring special keys of some keyboards along (X11: F14, Undo, Open).
    action = window.actionUndo
    action.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_Undo),
                         QKeySequence(Qt.Key.Key_F14)])
    window.actionImport.setShortcuts([QKeySequence("Ctrl+O"), QKeySequence(Qt.Key.Key_Open)])
    window.retranslate()
    assert "Ctrl+Z" in action.toolTip()
    assert "F14" not in action.toolTip()
    assert action.toolTip().count(",") == 0  # nothing listed after Ctrl+Z

    press(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "shortcutsHelp") is not None)
    text = window.findChild(QMessageBox, "shortcutsHelp").text()
    assert "Ctrl+Z" in text and "Ctrl+O" in text
    assert "F14" not in text
    undo_name = QKeySequence(Qt.Key.Key_Undo).toString(QKeySequence.SequenceFormat.NativeText)
    open_name = QKeySequence(Qt.Key.Key_Open).toString(QKeySequence.SequenceFormat.NativeText)
    assert f"Ctrl+Z, {undo_name}" not in text
    assert f"Ctrl+O, {open_name}" not in text


# -- images a card cannot show -----------------------------------------------------------

def study_pictures(window, press) -> list[tuple[str, str]]:
    """(front, status bar message) of each side shown while studying the pictures deck."""
    seen = []
    select_deck(window, "Картинки")
    press(window, Qt.Key.Key_Return)
    while window.pages.currentIndex() == REVIEW_PAGE and len(seen) < 10:
        front = window.review.card.front
        seen.append((front, window.statusBar().currentMessage()))
        press(window, Qt.Key.Key_Space)
        seen.append((front, window.statusBar().currentMessage()))
        window.statusBar().clearMessage()
        press(window, Qt.Key.Key_3)
    return seen


def test_a_refused_image_is_explained_on_the_side_that_shows_it(window, press):
    seen = study_pictures(window, press)
    by_side = {}
    for index, (front, message) in enumerate(seen):
        by_side[(front, "question" if index % 2 == 0 else "answer")] = message
    # Inside the notes folder: shown, nothing to say.
    assert by_side[("Схема", "question")] == ""
    assert by_side[("Схема", "answer")] == ""
    # Outside: `[../secret.png]` on the card and the reason below.
    assert by_side[("Пароли", "question")] == ""
    assert "../secret.png" in by_side[("Пароли", "answer")]
    assert "outside the notes folder" in by_side[("Пароли", "answer")]
    outside_front = "![](../secret.png) снаружи"
    assert "outside the notes folder" in by_side[(outside_front, "question")]


def test_cards_of_an_earlier_folder_show_their_own_images(qtbot, window, tmp_path, press):
    other = tmp_path / "other"
    other.mkdir()
    (other / "logo.png").write_bytes(PNG)
    (other / "logos.md").write_text("# Логотипы\n\nЛоготип::![](logo.png)\n",
                                    encoding="utf-8")
    window.collection.import_path(other)
    window.refresh_decks()
    # The notes folder is still `notes`: the card comes from a folder imported earlier.
    select_deck(window, "Логотипы")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    html = window.reviewView.toHtml()
    assert "logo.png" in html and "<img" in html
    assert "[logo.png]" not in window.reviewView.toPlainText()
    assert window.statusBar().currentMessage() == ""


# -- export dialog -----------------------------------------------------------------------

def open_export_dialog(qtbot, window, press) -> QDialog:
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "exportDialog") is not None)
    return window.findChild(QDialog, "exportDialog")


def test_export_dialog_names_decks_as_the_deck_list_does(qtbot, window, press):
    listed = []
    for index in range(window.deckList.topLevelItemCount()):
        listed.extend(tree_texts(window.deckList.topLevelItem(index)))
    assert "Kubernetes" in listed and "Поды" in listed
    dialog = open_export_dialog(qtbot, window, press)
    shown = tree_texts(dialog.decks.topLevelItem(0))[1:]  # below "All decks"
    assert shown == listed


def test_export_file_is_named_after_the_deck_until_the_learner_names_it(qtbot, window,
                                                                        press):
    select_deck(window, "Поды")
    dialog = open_export_dialog(qtbot, window, press)
    assert Path(dialog.pathEdit.text()).name == "Поды.apkg"
    every = dialog.decks.topLevelItem(0)
    dialog.decks.setCurrentItem(every)
    assert Path(dialog.pathEdit.text()).name == "flashcards.apkg"
    dialog.pathEdit.setText("/tmp/mine.apkg")
    dialog.decks.setCurrentItem(every.child(0))
    assert dialog.pathEdit.text() == "/tmp/mine.apkg"


# -- counts in sentences -----------------------------------------------------------------

def test_one_answer_reads_as_one_answer(window, press):
    from flashcards.gui.i18n import install_translator

    install_translator(choice="en")
    select_deck(window, "Сервисы")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_4)
    assert window.pages.currentIndex() == SUMMARY_PAGE
    summary = window.summaryPage.details.text()
    assert "Studied 1 card in" in summary
    assert "1 answer:" in summary

    select_deck(window, "Картинки")  # three cards: leave after the first
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_4)
    assert window.pages.currentIndex() == REVIEW_PAGE
    press(window, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == "Session ended: 1 answer saved"


# -- the import report in Russian --------------------------------------------------------

def test_import_report_reasons_are_in_the_interface_language(qtbot, window, tmp_path):
    from flashcards.gui.i18n import install_translator

    messy = tmp_path / "messy"
    messy.mkdir()
    (messy / "binary.md").write_bytes(b"\x00\x01" * 100)
    (messy / "latin1.md").write_bytes("# Latin\n\nCaf\xe9 - un lieu\n".encode("latin-1"))
    (messy / "notes.md").write_text(
        "# Заметки\n\n"
        "<div onclick=\"alert(1)\">\nraw\n</div>\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "Это очень длинное начало строки. Оно больше одного предложения - и ответ\n",
        encoding="utf-8")
    install_translator(choice="ru")
    try:
        report = window.collection.import_path(messy)
        dialog = window.show_import_report(report, messy)
        rows = []
        tree = dialog.problems
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            rows.extend(item.child(row).text(1) for row in range(item.childCount()))
    finally:
        install_translator(choice="en")
    text = "\n".join(rows)
    assert "двоичный файл, а не текстовая заметка" in text
    assert "не в кодировке UTF-8 (строка 3, байт 12)" in text
    assert "HTML-разметка не становится карточкой" in text
    assert "таблицы не превращаются в карточки" in text
    assert "строка не разбита на карточку" in text
    for english in ("binary file", "not valid UTF-8", "raw HTML", "tables are not",
                    "the line is not split"):
        assert english not in text


# -- a second window on the same collection ----------------------------------------------

def test_collection_already_open_is_said_in_the_interface_language(qapp, tmp_path):
    from flashcards.app import CollectionLockedError
    from flashcards.gui.application import open_error_text
    from flashcards.gui.i18n import install_translator

    first = Collection.open(tmp_path / "shared.sqlite")
    try:
        with pytest.raises(CollectionLockedError) as raised:
            Collection.open(tmp_path / "shared.sqlite")
    finally:
        first.close()
    install_translator(choice="ru")
    try:
        text = open_error_text(str(raised.value))
    finally:
        install_translator(choice="en")
    assert text.startswith("Коллекция ")
    assert str(tmp_path / "shared.sqlite") in text
    assert "уже открыта" in text
    assert open_error_text(str(raised.value)) == str(raised.value)  # English: as it was


# -- the browser's question column -------------------------------------------------------

def test_browser_question_column_stays_readable_beside_the_preview(qtbot, window):
    from flashcards.gui.browser import BrowserWindow

    window.open_tool("actionBrowse")
    browser = window.tool_windows["actionBrowse"]
    assert isinstance(browser, BrowserWindow)
    qtbot.waitExposed(browser)
    char = browser.fontMetrics().averageCharWidth()
    for width in (1020, 800, 1600):
        browser.resize(width, 600)
        qtbot.wait(50)
        header = browser.table.horizontalHeader()
        question = header.sectionSize(0)
        assert question >= char * 20, (width, question)
        others = sum(header.sectionSize(column) for column in range(1, header.count())
                     if not header.isSectionHidden(column))
        # With room to spare, the question takes it all: no empty band, no scrolling.
        if browser.table.viewport().width() > others + char * 28:
            assert question + others == browser.table.viewport().width()
    browser.close()


# -- a big system font -------------------------------------------------------------------

def test_first_window_fits_the_screen_with_a_big_system_font(qapp, qtbot, tmp_path):
    font = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(font.pointSizeF() * 1.6 if font.pointSizeF() > 0 else 16)
    qapp.setFont(bigger)
    collection = Collection.open(tmp_path / "big.sqlite")
    try:
        settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
        window = create_main_window(collection, settings)
        qtbot.addWidget(window)
        room = window.screen().availableGeometry()
        assert window.height() <= room.height()
        assert window.width() <= room.width()
        window.close()
    finally:
        qapp.setFont(font)
        collection.close()


# -- answer buttons of a new card --------------------------------------------------------

def test_failing_buttons_say_the_card_comes_back_in_minutes(window, press):
    from flashcards.gui.i18n import install_translator

    select_deck(window, "Сервисы")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    buttons = window.reviewPage.gradeButtons
    # SM-2 brings a failed card back in this session (1 minute), a hard one in 10: the
    # buttons said "1 d" like Good.
    assert buttons[2].property("interval") == "<1 min"
    assert buttons[3].property("interval") == "<10 min"
    assert buttons[4].property("interval") == "1 d"
    from PySide6.QtWidgets import QApplication

    install_translator(choice="ru")
    try:
        QApplication.processEvents()
        assert buttons[2].text().splitlines()[1] == "<1 мин"
    finally:
        install_translator(choice="en")
        QApplication.processEvents()
    press(window, Qt.Key.Key_1)  # Again: the card is shown again in this session
    assert window.review.card is not None


# -- Ctrl+Z after Suspend or Bury --------------------------------------------------------

def test_ctrl_z_takes_back_a_suspension_and_a_burial_before_answers(window, press):
    collection = window.collection
    select_deck(window, "Картинки")
    press(window, Qt.Key.Key_Return)
    first = window.review.card.id
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_3)  # Good
    assert collection.history(first)
    suspended = window.review.card.id
    press(window, Qt.Key.Key_J, CTRL)  # Suspend
    assert collection.card(suspended).suspended
    assert window.review.card.id != suspended

    press(window, Qt.Key.Key_Z, CTRL)
    assert not collection.card(suspended).suspended
    assert window.review.card.id == suspended and window.review.side == "question"
    assert collection.history(first)  # the answer before it stays

    press(window, Qt.Key.Key_B, CTRL)  # Bury
    assert window.review.card.id != suspended
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.review.card.id == suspended
    assert not collection.card(suspended).buried

    press(window, Qt.Key.Key_Z, CTRL)  # now the answer
    assert collection.history(first) == []
    assert window.review.card.id == first


# -- switching to the dark palette while a card is shown ---------------------------------

def test_dark_switch_mid_card_redraws_card_and_buttons_in_dark_colours(qapp, window, press):
    from PySide6.QtGui import QPalette

    from flashcards.gui.theme import apply_theme, is_dark

    select_deck(window, "Сервисы")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Space)
    light_text = window.reviewView.palette().color(QPalette.ColorRole.Text).name()
    try:
        apply_theme(qapp, "dark")
        qapp.processEvents()
        assert is_dark(window.reviewView.palette())
        dark_text = window.reviewView.palette().color(QPalette.ColorRole.Text).name()
        assert dark_text != light_text
        html = window.reviewView.toHtml().lower()
        assert dark_text in html  # the card's text colour is the dark palette's
        assert light_text not in html
        good = window.reviewPage.gradeButtons[4]
        assert "#81c784" in good.styleSheet()  # Good's colour for a dark background
    finally:
        apply_theme(qapp, "system")
        qapp.processEvents()


# -- a terminal editor -------------------------------------------------------------------

def _fake_program(folder: Path, name: str, record: Path) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\necho {name} \"$@\" >> {record}\n", encoding="utf-8")
    script.chmod(0o755)


def test_terminal_editor_gets_a_terminal_window_even_from_a_terminal(tmp_path, monkeypatch):
    import sys
    import time

    from flashcards.gui.editor import launch_editor

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "launched.txt"
    _fake_program(bin_dir, "vim", record)
    _fake_program(bin_dir, "x-terminal-emulator", record)
    monkeypatch.setenv("PATH", str(bin_dir))
    # Started from a shell: the old code then ran vim with no input in that terminal.
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    note = tmp_path / "docker.md"
    note.write_text("# Docker\n", encoding="utf-8")

    assert launch_editor(note, 7, {"EDITOR": "vim", "PATH": str(bin_dir)})
    for _ in range(100):  # the terminal starts detached
        if record.exists() and record.read_text(encoding="utf-8").strip():
            break
        time.sleep(0.05)
    launched = record.read_text(encoding="utf-8").split()
    assert launched[:2] == ["x-terminal-emulator", "-e"]
    assert launched[2:] == ["vim", "+7", str(note)]


# -- a cloze's answer stands out on the back ---------------------------------------------

def bold_texts(html: str) -> list[str]:
    # Qt writes <strong> back as a bold span.
    return re.findall(r'<span style="[^"]*font-weight:(?:600|700|bold)[^"]*">([^<]+)</span>',
                      html)


def test_cloze_answer_is_marked_on_the_back_in_review_and_browser(qtbot, window, tmp_path,
                                                                  press):
    clozes = tmp_path / "clozes"
    clozes.mkdir()
    (clozes / "etcd.md").write_text(
        "# Клозы\n\nKubernetes хранит состояние в ==etcd==, а планирует ==kube-scheduler==.\n",
        encoding="utf-8")
    window.collection.import_path(clozes)
    window.refresh_decks()
    select_deck(window, "Клозы")
    press(window, Qt.Key.Key_Return)
    card = window.review.card
    assert card.kind == "cloze"
    hidden = "etcd" if card.ordinal == 1 else "kube-scheduler"
    shown = "kube-scheduler" if hidden == "etcd" else "etcd"
    press(window, Qt.Key.Key_Space)
    back = window.reviewView.toHtml().split("<hr", 1)[-1]
    assert hidden in bold_texts(back)
    assert shown not in bold_texts(back)

    window.open_tool("actionBrowse")
    browser = window.tool_windows["actionBrowse"]
    qtbot.waitExposed(browser)
    browser.searchBox.setText("deck:etcd")
    browser.searchBox.returnPressed.emit()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2)
    browser.table.selectRow(0)
    qtbot.waitUntil(lambda: len(bold_texts(browser.preview.toHtml().split("<hr", 1)[-1])) == 1)
    browser.close()


# -- the notes folder moved away ---------------------------------------------------------

def test_f5_on_a_vanished_notes_folder_says_what_to_do(qtbot, window, notes, press):
    import shutil

    shutil.rmtree(notes)
    press(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "notesFolderMissing") is not None)
    text = window.findChild(QMessageBox, "notesFolderMissing").text()
    assert str(notes) in text and "Import Folder" in text
    assert window.findChild(QMessageBox, "errorMessage") is None
    assert window.deckList.topLevelItemCount() > 0  # the cards are still there


# -- export: names typed by hand, and errors in Russian ----------------------------------

def test_export_path_typed_without_extension_or_as_a_folder(qtbot, window, tmp_path, press):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtTest import QTest

    out = tmp_path / "out"
    out.mkdir()
    for typed, expected in ((out / "mydeck", out / "mydeck.apkg"),
                            (out, out / "Поды.apkg")):
        select_deck(window, "Поды")
        window.choose_export()
        dialog = window.findChild(QDialog, "exportDialog")
        dialog.pathEdit.setText(str(typed))
        with qtbot.waitSignal(window.exportFinished, timeout=60_000) as finished:
            QTest.keyClick(dialog.pathEdit, Qt.Key.Key_Return)
        assert finished.args[0].path == expected
        assert expected.is_file()
        qtbot.waitUntil(lambda: not window.tasks.busy)
        # The dialog deletes itself on close: let that happen before the next one.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        assert window.findChild(QDialog, "exportDialog") is None


def test_export_error_is_said_in_the_interface_language(qtbot, window, tmp_path, press):
    from flashcards.gui.i18n import install_translator

    target = tmp_path / "missing-folder" / "deck.apkg"
    install_translator(choice="ru")
    try:
        dialog = open_export_dialog(qtbot, window, press)
        dialog.pathEdit.setText(str(target))
        dialog.pathEdit.setFocus()
        press(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorMessage") is not None,
                        timeout=30_000)
        text = window.findChild(QMessageBox, "errorMessage").text()
    finally:
        install_translator(choice="en")
    assert text == (f"Не удаётся записать {target}: папки {target.parent} не существует.")
    assert not target.exists()
