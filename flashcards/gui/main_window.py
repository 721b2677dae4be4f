"""The main window: deck list, review session and summary on one stack; menus and toolbar.

Everything the window does to cards goes through `flashcards.app.Collection`.
Browse, Statistics and Settings are other modules' windows: see `TOOL_WINDOWS`.
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from flashcards.gui import file_dialogs
from flashcards.gui.deck_list import DeckListPage, DeckPath, deck_rows
from flashcards.gui.editor import launch_editor
from flashcards.gui.import_report import ImportReportDialog
from flashcards.gui.review import ReviewController, ReviewPage, grade_keys
from flashcards.gui.session import SessionLog
from flashcards.gui.summary import SummaryPage
from flashcards.gui.tasks import TaskRunner
from flashcards.gui.watcher import NotesWatcher

if TYPE_CHECKING:
    from flashcards.app import Collection, ImportReport

# Windows that other modules provide, opened from the Tools menu and the toolbar:
# action object name -> (module, factory). The factory is called as
# `factory(collection, main_window) -> QWidget` and the widget is shown as its own window
# (see `MainWindow.open_tool_window`). A missing module leaves the action in place and says
# the screen is not available yet.
TOOL_WINDOWS: dict[str, tuple[str, str]] = {
    "actionBrowse": ("flashcards.gui.browser", "create_browser"),
    "actionStats": ("flashcards.gui.stats", "create_stats"),
    "actionSettings": ("flashcards.gui.settings", "create_settings"),
}

# Set to print the time of the first painted deck list and quit (benchmarks/bench_startup.py).
STARTUP_PROBE_ENV = "FLASHCARDS_STARTUP_PROBE"

DECKS_PAGE, REVIEW_PAGE, SUMMARY_PAGE = range(3)


def shown_keys(action: QAction) -> str:
    """The keys of `action` a person can press, for tooltips and the F1 list. Standard
    keys also bring the special keys of some keyboards (Undo, Open, Refresh, F14): they
    still work, but listing them only puzzles."""
    typable = []
    for sequence in action.shortcuts():
        key = sequence[0].key() if sequence.count() else None
        if key is None or int(key.value) > int(Qt.Key.Key_F12.value):
            continue
        typable.append(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(typable)


class _FirstPaintProbe(QObject):
    """Reports the first paint of a widget (the deck list) once."""

    painted = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.painted.emit()
        return False


class MainWindow(QMainWindow):
    """Deck list -> review session -> summary, driven by keyboard or mouse."""

    deckListChanged = Signal()
    exportFinished = Signal(object)  # flashcards.export.ExportReport

    def __init__(self, collection: Collection, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Flashcards"))
        self.collection = collection
        self.settings = settings if settings is not None else QSettings()
        self.tasks = TaskRunner(self)
        self.tasks.busyChanged.connect(self._busy_changed)
        self.tool_windows: dict[str, QWidget] = {}
        self._last_deck: DeckPath | None = None

        self.pages = QStackedWidget(self)
        self.deckPage = DeckListPage(self)
        self.reviewPage = ReviewPage(self)
        self.summaryPage = SummaryPage(self)
        for page in (self.deckPage, self.reviewPage, self.summaryPage):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.deckList = self.deckPage.tree
        self.reviewView = self.reviewPage.view

        self.review = ReviewController(collection, self.reviewPage, self.notes_folder(), self)
        # The card text size chosen in Settings (a multiple of the system font).
        from flashcards.gui.settings import card_font_scale

        self.review.font_scale = card_font_scale(self.settings)
        self.review.can_act = lambda: not self.tasks.busy
        self.review.sideChanged.connect(self._update_actions)
        self.review.finished.connect(self._session_finished)
        self.review.message.connect(self.show_status)
        self.deckPage.studyRequested.connect(self.start_session)
        self.deckPage.exportRequested.connect(self.choose_export)
        self.deckPage.openNotesRequested.connect(self.open_deck_notes)
        self.summaryPage.backRequested.connect(self.show_decks)

        self.watcher = NotesWatcher(self)
        self.watcher.changed.connect(self._notes_changed)

        self._action_texts: list[tuple[QAction, Callable[[], str],
                                       Callable[[], str] | None]] = []
        self._menu_titles: list[tuple[QMenu, Callable[[], str]]] = []
        self._create_actions()
        self._create_menus()
        self._create_toolbar()

        self.refresh_decks()
        self.show_decks()
        folder = self.notes_folder()
        if folder is not None:
            self.watcher.watch(folder)
        self._restore_geometry()

    # ------------------------------------------------------------------ actions
    def _action(self, name: str, text: Callable[[], str],
                shortcuts: list[QKeySequence.StandardKey | str], slot: Callable[[], Any],
                tip: Callable[[], str] | None = None) -> QAction:
        """An action with its keys; `text` and `tip` are called again on a language change."""
        action = QAction(self)
        action.setObjectName(name)
        # A key listed twice (a standard key that is also named) would make the shortcut
        # ambiguous, and Qt then triggers nothing.
        sequences: list[QKeySequence] = []
        for shortcut in shortcuts:
            for sequence in (QKeySequence.keyBindings(shortcut)
                             if isinstance(shortcut, QKeySequence.StandardKey)
                             else [QKeySequence(shortcut)]):
                if not sequence.isEmpty() and sequence not in sequences:
                    sequences.append(sequence)
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self._action_texts.append((action, text, tip))
        self._translate_action(action, text, tip)
        return action

    @staticmethod
    def _translate_action(action: QAction, text: Callable[[], str],
                          tip: Callable[[], str] | None) -> None:
        shown = text()
        action.setText(shown)
        if tip is not None:
            action.setStatusTip(tip())
        keys = shown_keys(action)
        plain = shown.replace("...", "").replace("&", "")
        action.setToolTip(f"{plain} ({keys})" if keys else plain)

    def retranslate(self) -> None:
        """Texts in the current language (Qt sends LanguageChange when it switches)."""
        self.setWindowTitle(self.tr("Flashcards"))
        for action, text, tip in self._action_texts:
            self._translate_action(action, text, tip)
        for menu, title in self._menu_titles:
            menu.setTitle(title())
        self.toolbar.setWindowTitle(self.tr("Main"))

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.actionDecks = self._action(
            "actionDecks", lambda: self.tr("&Decks"), ["D", "Escape"], self.show_decks,
            lambda: self.tr("Back to the deck list; answers given are kept"))
        self.actionStudy = self._action(
            "actionStudy", lambda: self.tr("&Study Deck"), ["S"], self._study_selected,
            lambda: self.tr("Study the selected deck"))
        self.actionImport = self._action(
            "actionImport", lambda: self.tr("&Import Folder..."), [key.Open],
            self.choose_import_folder,
            lambda: self.tr("Turn a folder of Markdown notes into cards"))
        self.actionReimport = self._action(
            "actionReimport", lambda: self.tr("&Re-import Notes"), [key.Refresh, "F5"],
            self.reimport, lambda: self.tr("Import the notes folder again"))
        self.actionExport = self._action(
            "actionExport", lambda: self.tr("&Export to Anki..."), ["Ctrl+Shift+E"],
            self.choose_export, lambda: self.tr("Write an Anki package (.apkg)"))
        self.actionQuit = self._action(
            "actionQuit", lambda: self.tr("&Quit"), [key.Quit, "Ctrl+Q"], self.close)
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.actionUndo = self._action(
            "actionUndo", lambda: self.tr("&Undo Answer"), [key.Undo], self.undo,
            lambda: self.tr("Take back the last answer and show that card again"))
        self.actionShowAnswer = self._action(
            "actionShowAnswer", lambda: self.tr("Show &Answer"), ["Space", "Return", "Enter"],
            self._space_pressed, lambda: self.tr("Show the answer; on the answer, grade Good"))
        self.gradeActions: dict[str, QAction] = {}
        for digit in "012345":
            action = self._action(f"actionGradeKey{digit}", self._grade_key_text(digit),
                                  [digit], self._grade_key_slot(digit))
            self.gradeActions[digit] = action
        self.actionSuspend = self._action(
            "actionSuspend", lambda: self.tr("S&uspend Card"), ["@", "Ctrl+J"],
            self.review.suspend_current,
            lambda: self.tr("Never show this card until it is unsuspended"))
        self.actionBury = self._action(
            "actionBury", lambda: self.tr("&Bury Card"), ["-", "Ctrl+B"], self.review.bury_current,
            lambda: self.tr("Hide this card until tomorrow"))
        self.actionOpenNote = self._action(
            "actionOpenNote", lambda: self.tr("&Open Note in Editor"), ["E", "Ctrl+E"],
            self.open_current_note, lambda: self.tr("Open the note of this card at its line"))
        self.actionBrowse = self._action(
            "actionBrowse", lambda: self.tr("&Browse"), ["B", "Ctrl+Shift+B"],
            lambda: self.open_tool("actionBrowse"), lambda: self.tr("Find and fix cards"))
        self.actionStats = self._action(
            "actionStats", lambda: self.tr("S&tatistics"), ["T", "Ctrl+Shift+S"],
            lambda: self.open_tool("actionStats"),
            lambda: self.tr("Reviews, retention and forecast"))
        self.actionSettings = self._action(
            "actionSettings", lambda: self.tr("Se&ttings..."), [key.Preferences, "Ctrl+P"],
            lambda: self.open_tool("actionSettings"), lambda: self.tr("Limits, answer mode, theme"))
        self.actionSettings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actionShortcuts = self._action(
            "actionShortcuts", lambda: self.tr("&Keyboard Shortcuts"), [key.HelpContents, "F1"],
            self.show_shortcuts)
        self.actionAbout = self._action("actionAbout", lambda: self.tr("&About Flashcards"),
                                        ["Shift+F1"], self.show_about)

    def _menu(self, name: str, title: Callable[[], str]) -> QMenu:
        menu = self.menuBar().addMenu(title())
        menu.setObjectName(name)
        self._menu_titles.append((menu, title))
        return menu

    def _grade_key_text(self, digit: str) -> Callable[[], str]:
        return lambda: self.tr("Answer with key {key}").format(key=digit)

    def _grade_key_slot(self, digit: str) -> Callable[[], None]:
        return lambda: self._grade_key(digit)

    def _create_menus(self) -> None:
        file_menu = self._menu("menuFile", lambda: self.tr("&File"))
        for action in (self.actionImport, self.actionReimport, self.actionExport):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.actionQuit)

        edit_menu = self._menu("menuEdit", lambda: self.tr("&Edit"))
        edit_menu.addAction(self.actionUndo)

        study_menu = self._menu("menuStudy", lambda: self.tr("&Study"))
        study_menu.addAction(self.actionStudy)
        study_menu.addAction(self.actionShowAnswer)
        study_menu.addSeparator()
        for action in (self.actionSuspend, self.actionBury, self.actionOpenNote):
            study_menu.addAction(action)
        study_menu.addSeparator()
        study_menu.addAction(self.actionDecks)

        tools_menu = self._menu("menuTools", lambda: self.tr("&Tools"))
        for action in (self.actionBrowse, self.actionStats, self.actionSettings):
            tools_menu.addAction(action)

        help_menu = self._menu("menuHelp", lambda: self.tr("&Help"))
        help_menu.addAction(self.actionShortcuts)
        help_menu.addAction(self.actionAbout)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.actionDecks, self.actionImport, self.actionExport, None,
                       self.actionBrowse, self.actionStats, self.actionSettings):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _update_actions(self, *_args: object) -> None:
        page = self.pages.currentIndex()
        side = self.review.side if page == REVIEW_PAGE else "idle"
        busy = self.tasks.busy
        in_card = side in ("question", "answer") and not busy
        self.actionShowAnswer.setEnabled(in_card)
        keys = grade_keys(self.review.six_grades)
        for digit, action in self.gradeActions.items():
            action.setEnabled(side == "answer" and not busy and digit in keys.values())
        for action in (self.actionSuspend, self.actionBury, self.actionOpenNote):
            action.setEnabled(in_card)
        self.actionStudy.setEnabled(page != REVIEW_PAGE and not busy)
        self.actionDecks.setEnabled(page != DECKS_PAGE)
        # Other windows read the collection too: not while a worker thread writes it.
        for action in (self.actionImport, self.actionReimport, self.actionExport,
                       self.actionUndo, self.actionBrowse, self.actionStats,
                       self.actionSettings):
            action.setEnabled(not busy)
        self.actionReimport.setEnabled(not busy and self.notes_folder() is not None)

    def _busy_changed(self, _busy: bool) -> None:
        self._update_actions()

    # ------------------------------------------------------------------ pages
    def show_decks(self) -> None:
        if self.pages.currentIndex() == REVIEW_PAGE and self.review.side != "idle":
            log = self.review.stop()
            if log.answered:
                self.show_status(self.tr("Session ended: %n answer(s) saved", "",
                                         log.answered))
        self.refresh_decks()
        self.pages.setCurrentIndex(DECKS_PAGE)
        self.deckPage.focus_list()
        self._update_actions()

    def refresh_decks(self) -> None:
        if self.tasks.busy:
            return  # the running import refreshes the list when it ends
        rows = deck_rows(self.collection.deck_tree())
        self.deckPage.set_decks(rows)
        self.deckListChanged.emit()

    def _study_selected(self) -> None:
        deck = self.deckPage.current_deck()
        if deck is not None:
            self.start_session(deck)

    def start_session(self, deck: DeckPath | None) -> None:
        if self.tasks.busy:
            return
        self._last_deck = deck
        self.review.notes_root = self.notes_folder()
        self.pages.setCurrentIndex(REVIEW_PAGE)
        self.reviewPage.setFocus(Qt.FocusReason.OtherFocusReason)
        title = self.deckPage.display_name(deck) if deck else None
        self.review.start(list(deck) if deck else None, title)
        self._update_actions()

    def _session_finished(self, log: SessionLog) -> None:
        today = self.collection.study_day()
        next_due, horizon = self._next_due(log.deck, today)
        self.summaryPage.show_log(log, self.review.session_ms, next_due, today,
                                  self.review.six_grades, self._new_waiting(log.deck), horizon)
        self.pages.setCurrentIndex(SUMMARY_PAGE)
        self.summaryPage.backButton.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def _next_due(self, deck: tuple[str, ...] | None,
                  today: date) -> tuple[date | None, int | None]:
        """The first study day with reviews due in `deck`, and how far ahead that was
        looked for (None: without limit)."""
        wanted = list(deck) if deck else None
        # Preferred: the collection answers directly (see the report of issue 5).
        finder = getattr(self.collection, "next_due_date", None)
        if finder is not None:
            return finder(deck=wanted), None
        # Meanwhile: the statistics' due forecast (days from today -> cards due).
        stats = self.collection.stats(days=1, deck=wanted)
        days = sorted(day for day, count in stats.forecast.items() if count > 0)
        horizon = max(stats.forecast, default=0) or None
        if not days:
            return None, horizon
        return date.fromordinal(today.toordinal() + days[0]), horizon

    def _new_waiting(self, deck: tuple[str, ...] | None) -> int:
        """New cards of `deck` (and its children) that the daily limit holds back."""
        prefix = list(deck) if deck else []
        return sum(counts.new for counts in self.collection.counts()
                   if list(counts.deck[: len(prefix)]) == prefix)

    def _space_pressed(self) -> None:
        if self.review.side == "question":
            self.review.reveal()
        elif self.review.side == "answer":
            self.review.grade_default()

    def _grade_key(self, digit: str) -> None:
        for grade, key in grade_keys(self.review.six_grades).items():
            if key == digit:
                self.review.grade(grade)
                return

    def undo(self) -> None:
        if self.tasks.busy:
            return
        if self.pages.currentIndex() != REVIEW_PAGE or self.review.side == "idle":
            if not self.review.can_undo():
                self.show_status(self.tr("Nothing to undo"))
                return
            # Back into the session the answer belonged to, on the card it took back.
            self.pages.setCurrentIndex(REVIEW_PAGE)
            self.review.resume(self._last_deck)
            self.reviewPage.setFocus(Qt.FocusReason.OtherFocusReason)
        self.review.undo()
        if self.review.side == "idle":
            self.show_decks()
        self._update_actions()

    # ------------------------------------------------------------------ notes
    def _settings_key(self, name: str) -> str:
        digest = hashlib.sha1(str(self.collection.path).encode()).hexdigest()[:12]
        return f"collections/{digest}/{name}"

    def notes_folder(self) -> Path | None:
        value = self.settings.value(self._settings_key("notesFolder"))
        return Path(str(value)) if value else None

    def set_notes_folder(self, folder: Path) -> None:
        self.settings.setValue(self._settings_key("notesFolder"), str(folder))
        self.review.notes_root = folder
        self.watcher.watch(folder)
        self._update_actions()  # F5 re-imports it from now on

    def open_note(self, path: Path, line: int) -> None:
        """The note at `line` in $VISUAL/$EDITOR, else the desktop's application for it."""
        if not launch_editor(path, line):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.show_status(self.tr("Opened {file}:{line}").format(file=path.name, line=line))

    def open_current_note(self) -> None:
        card = self.review.card
        if card is None:
            return
        path = Path(card.source)
        folder = self.notes_folder()
        if not path.is_absolute() and folder is not None:
            path = (folder if folder.is_dir() else folder.parent) / path
        self.open_note(path, card.line)

    def open_deck_notes(self, deck: DeckPath) -> None:
        """The note file of a deck (its first card's file, at the first card's line)."""
        if self.tasks.busy:
            return
        first = next(iter(self.collection.cards(list(deck))), None)
        if first is None:
            self.show_status(self.tr("This deck has no cards"))
            return
        path = Path(first.source)
        folder = self.notes_folder()
        if not path.is_absolute() and folder is not None:
            path = (folder if folder.is_dir() else folder.parent) / path
        self.open_note(path, first.line)

    # ------------------------------------------------------------------ import
    def choose_import_folder(self) -> None:
        start = self.notes_folder()
        folder = file_dialogs.existing_directory(
            self, self.tr("Import a folder of notes"), str(start) if start else str(Path.home()))
        if folder:
            self.import_folder(Path(folder))

    def reimport(self) -> None:
        folder = self.notes_folder()
        if folder is None:
            return
        if not folder.exists():
            # Moved or deleted: say so and how to go on, not "no such file or folder".
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Re-import Notes"), self.tr(
                "The notes folder {folder} is not there any more (moved or deleted?). "
                "Choose it again with Import Folder (Ctrl+O); your cards and their history "
                "are kept.").format(folder=folder), QMessageBox.StandardButton.Close, self)
            box.setObjectName("notesFolderMissing")
            box.open()
            return
        self.import_folder(folder)

    def import_folder(self, folder: Path, *, show_report: bool = True,
                      on_done: Callable[[ImportReport], None] | None = None) -> bool:
        """Import `folder` off the GUI thread; remember and watch it; show the report."""
        collection = self.collection

        def work(progress: Callable[..., None]) -> ImportReport:
            return collection.import_path(folder, progress=progress)

        def done(report: ImportReport) -> None:
            self.set_notes_folder(folder)
            self._after_import()
            self.show_status(self.tr("Imported {folder}: {new} new, {updated} updated, "
                                     "{retired} retired").format(
                folder=folder.name, new=report.new, updated=report.updated,
                retired=report.retired))
            if show_report:
                self.show_import_report(report, folder)
            if on_done is not None:
                on_done(report)

        return self.tasks.run(work, done, self._task_failed,
                              progress_title=self.tr("Importing notes..."))

    def show_import_report(self, report: ImportReport, folder: Path | None) -> ImportReportDialog:
        dialog = ImportReportDialog(report, folder, self)
        dialog.openNoteRequested.connect(self.open_note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.importReport = dialog
        dialog.open()
        return dialog

    def _after_import(self) -> None:
        if self.pages.currentIndex() in (DECKS_PAGE, SUMMARY_PAGE):
            self.refresh_decks()
        elif self.pages.currentIndex() == REVIEW_PAGE:
            self.review.refresh_current()
        self._update_actions()

    def _notes_changed(self, paths: list[Path]) -> None:
        folder = self.notes_folder()
        if folder is None:
            return
        if self.tasks.busy:
            # Try again once the running task ends.
            QTimer.singleShot(500, lambda: self._notes_changed(paths))
            return
        names = ", ".join(path.name for path in paths[:3])
        if len(paths) > 3:
            names += self.tr(" and {n} more").format(n=len(paths) - 3)
        collection = self.collection

        def work(progress: Callable[..., None]) -> ImportReport:
            return collection.import_path(folder, progress=progress)

        def done(report: ImportReport) -> None:
            self._after_import()
            self.show_status(self.tr("{files} changed on disk: re-imported ({new} new, "
                                     "{updated} updated, {retired} retired)").format(
                files=names, new=report.new, updated=report.updated, retired=report.retired),
                8000)

        self.tasks.run(work, done, self._task_failed)

    def _task_failed(self, error: BaseException, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Something went wrong"),
                          str(error) or type(error).__name__, QMessageBox.StandardButton.Close,
                          self)
        box.setObjectName("errorMessage")
        box.setDetailedText(details)
        box.open()
        self._update_actions()

    # ------------------------------------------------------------------ export
    def choose_export(self, deck: DeckPath | None = None) -> None:
        from flashcards.gui.export_dialog import ExportDialog

        if self.tasks.busy:
            return
        chosen = deck if deck is not None else self.deckPage.current_deck()
        dialog = ExportDialog(self.collection, chosen, self)
        dialog.exportRequested.connect(self.export_to_anki)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_to_anki(self, target: Path, deck: list[str] | None,
                       with_progress: bool) -> bool:
        """Write an .apkg off the GUI thread with a progress dialog."""
        collection = self.collection
        folder = self.notes_folder()
        notes_root = folder if folder is not None and folder.is_dir() else None

        def work(progress: Callable[..., None]) -> Any:
            # Loaded only now: genanki and friends must not slow the start.
            from flashcards.gui.export_dialog import run_export

            return run_export(collection, target, deck, with_progress, progress, notes_root)

        def done(report: Any) -> None:
            self.show_status(self.tr("Exported {cards} cards ({notes} notes) to {file}").format(
                cards=report.cards, notes=report.notes, file=str(report.path)), 10_000)
            refused = getattr(report, "refused_images", [])
            if refused:
                box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export to Anki"),
                                  self.tr("{n} images referenced by the notes were not packed "
                                          "(see details).").format(n=len(refused)),
                                  QMessageBox.StandardButton.Close, self)
                box.setDetailedText("\n".join(str(image) for image in refused))
                box.open()
            self.exportFinished.emit(report)

        def failed(error: BaseException, details: str) -> None:
            from flashcards.gui.export_dialog import export_error_text

            self._task_failed(RuntimeError(export_error_text(str(error))), details)

        return self.tasks.run(work, done, failed,
                              progress_title=self.tr("Exporting to Anki..."))

    # ------------------------------------------------------------------ tools
    def open_tool(self, action_name: str) -> QWidget | None:
        """Open the window behind a Tools action (see TOOL_WINDOWS)."""
        existing = self.tool_windows.get(action_name)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        module_name, factory_name = TOOL_WINDOWS[action_name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            self.show_status(self.tr("This screen is not available yet"))
            return None
        widget: QWidget = getattr(module, factory_name)(self.collection, self)
        self.open_tool_window(widget, action_name)
        return widget

    def open_tool_window(self, widget: QWidget, key: str | None = None) -> None:
        """Show `widget` as its own window; the deck counts refresh when it closes."""
        widget.setParent(self, Qt.WindowType.Window)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name = key or widget.objectName() or str(id(widget))
        self.tool_windows[name] = widget

        def closed() -> None:
            self.tool_windows.pop(name, None)
            if self.pages.currentIndex() != REVIEW_PAGE:
                self.refresh_decks()

        widget.destroyed.connect(closed)
        widget.show()
        widget.raise_()

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        rows = []
        for action in (self.actionStudy, self.actionShowAnswer, self.actionUndo,
                       self.actionSuspend, self.actionBury, self.actionOpenNote,
                       self.actionDecks, self.actionImport, self.actionReimport,
                       self.actionExport, self.actionBrowse, self.actionStats,
                       self.actionSettings, self.actionQuit):
            keys = shown_keys(action)
            rows.append(f"<tr><td>{action.text().replace('&', '')}</td>"
                        f"<td><b>{keys}</b></td></tr>")
        rows.insert(2, "<tr><td>{}</td><td><b>1 2 3 4</b> / <b>0–5</b></td></tr>".format(
            self.tr("Again / Hard / Good / Easy (six-grade mode: 0 to 5)")))
        rows.insert(1, "<tr><td>{}</td><td><b>Enter</b></td></tr>".format(
            self.tr("Study the selected deck (deck list)")))
        box = QMessageBox(self)
        box.setObjectName("shortcutsHelp")
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText("<table cellpadding=3>" + "".join(rows) + "</table>")
        box.open()

    def show_about(self) -> None:
        from flashcards import __version__

        QMessageBox.about(self, self.tr("About Flashcards"), self.tr(
            "Flashcards {version}: Markdown notes become spaced-repetition cards, "
            "studied offline with SM-2 and exported to Anki.").format(version=__version__))

    def set_card_font_scale(self, scale: float) -> None:
        """Card text size as a multiple of the system font (the Settings screen)."""
        self.review.font_scale = max(0.5, min(4.0, scale))
        self.review.rerender()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "toolbar"):
            self.retranslate()
        # Light/dark switches (system or Settings): colours baked into items and the card
        # page are drawn again from the new palette.
        palette_changed = event.type() in (QEvent.Type.PaletteChange,
                                           QEvent.Type.ApplicationPaletteChange)
        # (The card and the answer buttons redraw themselves once they have the new
        # palette: see CardView and ReviewPage.)
        if (palette_changed and getattr(self, "review", None) is not None
                and self.pages.currentIndex() != REVIEW_PAGE):
            self.refresh_decks()
        super().changeEvent(event)

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # ------------------------------------------------------------------ window
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            metrics = self.fontMetrics()
            width, height = metrics.averageCharWidth() * 130, metrics.height() * 42
            # A big system font must not push the answer buttons below the screen's edge.
            screen = self.screen()
            if screen is not None:
                room = screen.availableGeometry()
                width = min(width, int(room.width() * 0.9))
                height = min(height, int(room.height() * 0.9))
            self.resize(width, height)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Answers are committed as they are given; only a running import must end first.
        self.tasks.wait()
        if self.review.side != "idle":
            self.review.stop()
        self.settings.setValue("window/geometry", self.saveGeometry())
        for widget in list(self.tool_windows.values()):
            widget.close()
        super().closeEvent(event)

    def report_first_paint(self, callback: Callable[[float], None]) -> None:
        """Call `callback(time.time())` once the deck list has painted its first frame."""
        probe = _FirstPaintProbe(self)
        self._first_paint_probe = probe
        probe.painted.connect(lambda: callback(time.time()))
        self.deckList.viewport().installEventFilter(probe)
