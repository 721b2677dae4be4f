"""The settings window: values survive a restart, apply at once, and switch the language.

QSettings always point at an .ini file in the test's temp folder, never the real ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from flashcards.app import Collection
from flashcards.gui import create_main_window
from flashcards.gui.application import ensure_application
from flashcards.gui.browser import create_browser
from flashcards.gui.i18n import current_language, install_translator
from flashcards.gui.settings import (
    Preferences,
    SettingsWindow,
    apply_saved_preferences,
    card_font_scale,
)
from flashcards.gui.stats import create_stats
from flashcards.gui.theme import apply_theme, is_dark

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def qsettings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def english():
    """Every test leaves the app in English with the system palette."""
    app = ensure_application()
    yield app
    install_translator(app, "en")
    apply_theme(app, "system")
    QApplication.processEvents()


def type_number(spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, str(value))
    QTest.keyClick(spin, Qt.Key.Key_Tab)


def button(window: SettingsWindow, which: QDialogButtonBox.StandardButton):
    return window.buttons.button(which)


def test_settings_survive_a_restart(qtbot, tmp_path, ini, english):
    db = tmp_path / "collection.sqlite"
    notes = tmp_path / "my notes"
    notes.mkdir()
    collection = Collection.open(db)
    window = SettingsWindow(collection, None, qsettings(ini))
    qtbot.addWidget(window)
    window.show()
    assert window.objectName() == "settings"
    type_number(window.newPerDay, 35)
    type_number(window.reviewsPerDay, 150)
    type_number(window.rolloverHour, 3)
    window.answerMode.setCurrentIndex(window.answerMode.findData("six_grades"))
    window.theme.setCurrentIndex(window.theme.findData("dark"))
    window.language.setCurrentIndex(window.language.findData("en"))
    type_number(window.cardFontSize, 18)
    window.notesFolder.setText(str(notes))
    button(window, QDialogButtonBox.StandardButton.Ok).click()
    assert not window.isVisible()
    assert is_dark()  # applied without a restart
    collection.close()

    reopened = Collection.open(db)
    try:
        settings = reopened.settings
        assert (settings.new_per_day, settings.reviews_per_day, settings.rollover_hour,
                settings.answer_mode) == (35, 150, 3, "six_grades")
        again = SettingsWindow(reopened, None, qsettings(ini))
        qtbot.addWidget(again)
        assert again.newPerDay.value() == 35
        assert again.reviewsPerDay.value() == 150
        assert again.rolloverHour.value() == 3
        assert again.answerMode.currentData() == "six_grades"
        assert again.theme.currentData() == "dark"
        assert again.language.currentData() == "en"
        assert again.cardFontSize.value() == 18
        assert again.notesFolder.text() == str(notes)
        assert Preferences.load(qsettings(ini)) == Preferences("dark", "en", 18)
        assert card_font_scale(qsettings(ini), 12.0) == pytest.approx(1.5)
    finally:
        reopened.close()


def test_a_missing_notes_folder_is_refused_and_nothing_is_saved(qtbot, tmp_path, ini, english):
    collection = Collection.open(tmp_path / "c.sqlite")
    try:
        window = SettingsWindow(collection, None, qsettings(ini))
        qtbot.addWidget(window)
        window.show()
        type_number(window.newPerDay, 7)
        window.notesFolder.setText(str(tmp_path / "nowhere"))
        button(window, QDialogButtonBox.StandardButton.Apply).click()
        assert "nowhere" in window.message.text()
        assert collection.settings.new_per_day == 20
        assert window.isVisible()
    finally:
        collection.close()


def test_opened_from_the_main_window_it_changes_the_notes_folder(qtbot, tmp_path, ini,
                                                                  notes_folder, english):
    collection = Collection.open(tmp_path / "c.sqlite")
    try:
        collection.import_path(notes_folder)
        main = create_main_window(collection, qsettings(ini))
        main.set_notes_folder(notes_folder)
        main.show()
        qtbot.waitExposed(main)
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        main.deckList.setFocus()
        QTest.keyClick(main.deckList, Qt.Key.Key_P, CTRL)
        window = main.tool_windows.get("actionSettings")
        assert isinstance(window, SettingsWindow)
        assert window.notesFolder.text() == str(notes_folder)
        other = tmp_path / "other notes"
        other.mkdir()
        window.notesFolder.setText(str(other))
        type_number(window.newPerDay, 1)
        type_number(window.cardFontSize, 24)
        button(window, QDialogButtonBox.StandardButton.Apply).click()
        assert main.notes_folder() == other
        # The card text size reaches the reviewer without a restart.
        assert main.review.font_scale == pytest.approx(
            card_font_scale(qsettings(ini), main.reviewView.font().pointSizeF()))
        assert main.review.font_scale != pytest.approx(card_font_scale(QSettings(
            str(tmp_path / "none.ini"), QSettings.Format.IniFormat)))
        # The deck list counts follow the new limit at once.
        assert sum(node.counts.new for node in collection.deck_tree()) <= len(
            collection.deck_tree())
    finally:
        # Gone before its collection closes: later palette changes must not reach it.
        main.close()
        main.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        collection.close()


def test_switching_language_retranslates_open_windows(qtbot, tmp_path, ini, notes_folder,
                                                      english):
    collection = Collection.open(tmp_path / "c.sqlite")
    try:
        collection.import_path(notes_folder)
        browser = create_browser(collection, None)
        stats = create_stats(collection, None)
        settings = SettingsWindow(collection, None, qsettings(ini))
        for widget in (browser, stats, settings):
            qtbot.addWidget(widget)
            widget.show()
        assert settings.windowTitle() == "Settings"
        assert browser.model.headerData(0, Qt.Orientation.Horizontal) == "Front"

        settings.language.setCurrentIndex(settings.language.findData("ru"))
        button(settings, QDialogButtonBox.StandardButton.Apply).click()
        QApplication.processEvents()
        assert current_language() == "ru"
        assert settings.windowTitle() == "Настройки"
        assert settings.studyGroup.title() == "Обучение (эта коллекция)"
        assert browser.windowTitle() == "Обзор карточек"
        assert browser.model.headerData(0, Qt.Orientation.Horizontal) == "Вопрос"
        assert browser.actionSuspend.text() == "Приостановить"
        assert stats.windowTitle() == "Статистика"
        assert stats.figures["retention"][0].text() == "Запоминание"
        # Qt's own buttons follow too.
        assert button(settings, QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"

        settings.language.setCurrentIndex(settings.language.findData("en"))
        button(settings, QDialogButtonBox.StandardButton.Apply).click()
        QApplication.processEvents()
        assert settings.windowTitle() == "Settings"
        assert browser.model.headerData(0, Qt.Orientation.Horizontal) == "Front"
        assert stats.windowTitle() == "Statistics"
        browser.close()
    finally:
        collection.close()


def test_the_saved_language_is_installed_at_start(ini, english):
    settings = qsettings(ini)
    settings.setValue("ui/language", "ru")
    settings.sync()
    assert apply_saved_preferences(english, qsettings(ini)) == "ru"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
    assert QCoreApplication.translate("Formatting", "%n d", None, 5) == "5 дн."
    settings.setValue("ui/language", "en")
    settings.sync()
    assert apply_saved_preferences(english, qsettings(ini)) == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    # English plural forms come from flashcards_en.qm.
    assert QCoreApplication.translate("BrowserWindow", "%n card(s) suspended", None,
                                      1) == "1 card suspended"
    assert QCoreApplication.translate("BrowserWindow", "%n card(s) suspended", None,
                                      3) == "3 cards suspended"
