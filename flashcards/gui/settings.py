"""The settings window (object name `settings`).

Study limits, the rollover hour and the answer mode belong to the collection
(`Collection.update_settings`); theme, language, card font size and the notes folder
belong to this computer and live in QSettings (organization and application
"flashcards"). Everything applies at once: the palette, the translator (windows
retranslate on `QEvent.LanguageChange`), limits for the deck counts. The answer mode
takes effect from the next card shown after a new session starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui import file_dialogs
from flashcards.gui.i18n import LANGUAGE_CHOICES, LANGUAGE_KEY, LANGUAGE_NAMES, install_translator
from flashcards.gui.theme import CARD_FONT_SCALE, apply_theme

if TYPE_CHECKING:
    from flashcards.app import Collection

THEME_KEY = "ui/theme"
CARD_FONT_SIZE_KEY = "ui/cardFontSize"  # points; 0 = follow the system font
NOTES_FOLDER_KEY = "notesFolder"  # used only without a main window (it keeps its own)
THEMES = ("system", "light", "dark")
ANSWER_MODES = ("four_buttons", "six_grades")
FONT_SIZES = (0, 8, 72)  # automatic, smallest, largest


@dataclass(frozen=True)
class Preferences:
    """What this computer remembers in QSettings."""

    theme: str = "system"
    language: str = "system"
    card_font_size: int = 0

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        theme = str(settings.value(THEME_KEY, "system"))
        language = str(settings.value(LANGUAGE_KEY, "system"))
        try:
            size = int(settings.value(CARD_FONT_SIZE_KEY, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            size = 0
        return cls(theme if theme in THEMES else "system",
                   language if language in LANGUAGE_CHOICES else "system",
                   size if size == 0 or FONT_SIZES[1] <= size <= FONT_SIZES[2] else 0)

    def save(self, settings: QSettings) -> None:
        settings.setValue(THEME_KEY, self.theme)
        settings.setValue(LANGUAGE_KEY, self.language)
        settings.setValue(CARD_FONT_SIZE_KEY, self.card_font_size)
        settings.sync()


def card_font_scale(settings: QSettings | None = None, base_point_size: float = 0) -> float:
    """The card text size as a multiple of the system font (what `CardView` takes)."""
    size = Preferences.load(settings if settings is not None else QSettings()).card_font_size
    if not size:
        return CARD_FONT_SCALE
    base = base_point_size or QApplication.font().pointSizeF() or 10.0
    return size / base


def apply_saved_preferences(app: QApplication, settings: QSettings | None = None) -> str:
    """At start: the saved theme (unless FLASHCARDS_THEME is set) and language.

    Returns the language shown.
    """
    import os

    from PySide6.QtCore import QCoreApplication

    preferences = Preferences.load(settings if settings is not None else QSettings())
    if preferences.theme != "system" and not os.environ.get("FLASHCARDS_THEME"):
        apply_theme(app, preferences.theme)  # type: ignore[arg-type]
    language = install_translator(app, preferences.language)
    # The name in window titles, now in the interface language.
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "Flashcards"))
    return language


class SettingsWindow(QWidget):
    def __init__(self, collection: Collection, main_window: QWidget | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.collection = collection
        self.main_window = main_window
        if settings is None:
            settings = getattr(main_window, "settings", None)
        self.qsettings: QSettings = settings if isinstance(settings, QSettings) else QSettings()

        self.studyGroup = QGroupBox(self)
        self.newPerDay = self._spin("newPerDay", 0, 100_000)
        self.reviewsPerDay = self._spin("reviewsPerDay", 0, 100_000)
        self.rolloverHour = self._spin("rolloverHour", 0, 23)
        self.rolloverHour.setSuffix(":00")
        self.answerMode = QComboBox(self)
        self.answerMode.setObjectName("answerMode")
        for _mode in ANSWER_MODES:
            self.answerMode.addItem("", _mode)
        self.studyForm = QFormLayout(self.studyGroup)
        self.studyLabels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.studyLabels, (self.newPerDay, self.reviewsPerDay,
                                                   self.rolloverHour, self.answerMode),
                                strict=True):
            label.setBuddy(field)
            self.studyForm.addRow(label, field)

        self.appearanceGroup = QGroupBox(self)
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        for _theme in THEMES:
            self.theme.addItem("", _theme)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for choice in LANGUAGE_CHOICES:
            self.language.addItem(LANGUAGE_NAMES.get(choice, ""), choice)
        self.cardFontSize = self._spin("cardFontSize", FONT_SIZES[0], FONT_SIZES[2])
        self.appearanceForm = QFormLayout(self.appearanceGroup)
        self.appearanceLabels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.appearanceLabels,
                                (self.theme, self.language, self.cardFontSize), strict=True):
            label.setBuddy(field)
            self.appearanceForm.addRow(label, field)

        self.notesGroup = QGroupBox(self)
        self.notesFolder = QLineEdit(self)
        self.notesFolder.setObjectName("notesFolder")
        self.chooseFolder = QPushButton(self)
        self.chooseFolder.setObjectName("chooseNotesFolder")
        self.chooseFolder.clicked.connect(self.choose_notes_folder)
        folder_row = QHBoxLayout(self.notesGroup)
        folder_row.addWidget(self.notesFolder, 1)
        folder_row.addWidget(self.chooseFolder)

        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("settingsButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.close)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        for group in (self.studyGroup, self.appearanceGroup, self.notesGroup):
            layout.addWidget(group)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.load()

    def _spin(self, name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setAccelerated(True)
        return spin

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.studyGroup.setTitle(self.tr("Study (this collection)"))
        for label, text in zip(self.studyLabels, (
                self.tr("&New cards per day:"), self.tr("&Reviews per day:"),
                self.tr("Next day &starts at:"), self.tr("&Answer buttons:")), strict=True):
            label.setText(text)
        self.rolloverHour.setToolTip(self.tr(
            "Answers given before this hour count for the previous day, as in Anki."))
        self.answerMode.setItemText(0, self.tr("Four buttons: Again, Hard, Good, Easy"))
        self.answerMode.setItemText(1, self.tr("Six grades: SM-2's 0 to 5"))
        self.appearanceGroup.setTitle(self.tr("Appearance (this computer)"))
        for label, text in zip(self.appearanceLabels, (
                self.tr("&Theme:"), self.tr("&Language:"), self.tr("Card &font size:")),
                strict=True):
            label.setText(text)
        for index, text in enumerate((self.tr("Follow the system"), self.tr("Light"),
                                      self.tr("Dark"))):
            self.theme.setItemText(index, text)
        self.language.setItemText(0, self.tr("Follow the system"))
        self.cardFontSize.setSpecialValueText(self.tr("Automatic"))
        self.cardFontSize.setSuffix(self.tr(" pt"))
        self.notesGroup.setTitle(self.tr("Notes folder"))
        self.notesFolder.setPlaceholderText(self.tr("The folder of Markdown notes to import"))
        self.chooseFolder.setText(self.tr("&Choose..."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ----------------------------------------------------------------------
    def _notes_folder(self) -> Path | None:
        finder = getattr(self.main_window, "notes_folder", None)
        if callable(finder):
            found = finder()
            return found if isinstance(found, Path) else None
        value = self.qsettings.value(NOTES_FOLDER_KEY)
        return Path(str(value)) if value else None

    def load(self) -> None:
        """Show the stored values."""
        study = self.collection.settings
        self.newPerDay.setValue(study.new_per_day)
        self.reviewsPerDay.setValue(study.reviews_per_day)
        self.rolloverHour.setValue(study.rollover_hour)
        self.answerMode.setCurrentIndex(max(0, self.answerMode.findData(study.answer_mode)))
        preferences = Preferences.load(self.qsettings)
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme)))
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.cardFontSize.setValue(preferences.card_font_size)
        folder = self._notes_folder()
        self.notesFolder.setText(str(folder) if folder else "")
        self.message.clear()

    def preferences(self) -> Preferences:
        size = self.cardFontSize.value()
        return Preferences(str(self.theme.currentData()), str(self.language.currentData()),
                           size if size >= FONT_SIZES[1] else 0)

    def apply(self) -> bool:
        """Store and apply every value; False (with a message) if one is not accepted."""
        text = self.notesFolder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and not folder.is_dir():
            self._error(self.tr("The notes folder {folder} does not exist.").format(
                folder=str(folder)))
            return False
        try:
            self.collection.update_settings(
                new_per_day=self.newPerDay.value(),
                reviews_per_day=self.reviewsPerDay.value(),
                rollover_hour=self.rolloverHour.value(),
                answer_mode=str(self.answerMode.currentData()),
            )
        except ValueError as error:
            self._error(str(error))
            return False
        before = Preferences.load(self.qsettings)
        after = self.preferences()
        after.save(self.qsettings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if after.theme != before.theme:
                apply_theme(app, after.theme)  # type: ignore[arg-type]
            if after.language != before.language:
                install_translator(app, after.language)
        if folder is not None and folder != self._notes_folder():
            setter = getattr(self.main_window, "set_notes_folder", None)
            if callable(setter):
                setter(folder)
            else:
                self.qsettings.setValue(NOTES_FOLDER_KEY, str(folder))
        self.qsettings.sync()
        if after.card_font_size != before.card_font_size:
            scale_cards = getattr(self.main_window, "set_card_font_scale", None)
            if callable(scale_cards):
                scale_cards(card_font_scale(self.qsettings))
        refresh = getattr(self.main_window, "refresh_decks", None)
        if callable(refresh):
            refresh()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Settings saved."))
        return True

    def _error(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828")
        self.message.setText(text)

    def accept(self) -> None:
        if self.apply():
            self.close()

    def choose_notes_folder(self) -> None:
        start = self.notesFolder.text() or str(Path.home())
        folder = file_dialogs.existing_directory(self, self.tr("Notes folder"), start)
        if folder:
            self.notesFolder.setText(folder)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def create_settings(collection: Collection, main_window: QWidget | None = None
                    ) -> SettingsWindow:
    """The factory `MainWindow` calls for the Settings action (see TOOL_WINDOWS)."""
    return SettingsWindow(collection, main_window)
