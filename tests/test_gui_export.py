"""Export to Anki... from the window: the dialog, a worker thread, the file on disk."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from flashcards.app import Collection
from flashcards.gui import create_main_window


@pytest.fixture
def window(qtbot, tmp_path, notes_folder, show_active):
    collection = Collection.open(tmp_path / "collection.sqlite")
    collection.import_path(notes_folder)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    window.set_notes_folder(notes_folder)
    qtbot.addWidget(window)
    show_active(window)
    yield window
    window.close()
    collection.close()


def open_export_dialog(qtbot, window, press) -> QDialog:
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "exportDialog") is not None)
    return window.findChild(QDialog, "exportDialog")


def test_export_one_deck_with_progress(qtbot, window, tmp_path, press):
    window.deckList.setCurrentItem(window.deckList.topLevelItem(0))  # Docker
    dialog = open_export_dialog(qtbot, window, press)
    assert dialog.chosen_deck() == ["docker"]  # the deck selected in the list
    target = tmp_path / "out" / "docker.apkg"
    target.parent.mkdir()
    dialog.pathEdit.setText(str(target))
    with qtbot.waitSignal(window.exportFinished, timeout=60_000) as finished:
        dialog.findChild(type(dialog.pathEdit), "exportPath").setFocus()
        press(dialog, Qt.Key.Key_Return)
    report = finished.args[0]
    docker_cards = sum(1 for _ in window.collection.cards(["docker"]))
    assert report.cards == docker_cards
    assert zipfile.is_zipfile(target)
    assert str(target) in window.statusBar().currentMessage()


def test_export_to_an_unwritable_place_says_why_and_writes_nothing(qtbot, window, tmp_path,
                                                                    press):
    dialog = open_export_dialog(qtbot, window, press)
    target = tmp_path / "missing-folder" / "deck.apkg"
    dialog.pathEdit.setText(str(target))
    dialog.findChild(type(dialog.pathEdit), "exportPath").setFocus()
    press(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorMessage") is not None,
                    timeout=30_000)
    assert window.findChild(QMessageBox, "errorMessage").text()
    assert not target.exists()
    assert window.actionExport.isEnabled()
