"""The card browser: search, sort and fix cards (object name `browser`).

The table model holds only the sorted row keys of the search (`CardBrowser.search`) and
reads the rows the view paints, a page at a time, through a small cache: 100,000 cards
open as fast as one page. The preview shows the selected card as the reviewer does, with
its review history below (retired cards too, under `is:retired`).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.app.browse import SORT_COLUMNS, BrowseRow, CardBrowser, SearchError, SortColumn
from flashcards.gui.card_view import CardView
from flashcards.gui.formatting import duration_text, interval_text
from flashcards.gui.review import card_back_markdown
from flashcards.gui.theme import is_dark

if TYPE_CHECKING:
    from flashcards.app import Card, Collection

PAGE_SIZE = 200
# Pages kept in memory; the rest is read again when scrolled back to.
CACHED_PAGES = 40
SEARCH_DELAY_MS = 350
PREVIEW_DELAY_MS = 40
_FRONT_CHARACTERS = 160

ModelIndex = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int = _FRONT_CHARACTERS) -> str:
    """A card side as one table line: whitespace collapsed, long text cut with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class CardTableModel(QAbstractTableModel):
    """Rows of a search, read from the store a page at a time as the view needs them."""

    searchFailed = Signal(str)

    def __init__(self, browser: CardBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        self.keys: list[int] = []
        self.query = ""
        self.sort_column: SortColumn = "due"
        self.descending = False
        self._pages: OrderedDict[int, list[BrowseRow | None]] = OrderedDict()
        self._searched = False
        self.pages_read = 0  # for tests and the benchmark: how lazy the model is

    # -- searching -------------------------------------------------------------------
    def search(self, query: str) -> bool:
        """Show the cards matching `query`; False (and `searchFailed`) if it is not valid."""
        try:
            keys = self.browser.search(query, self.sort_column, self.descending)
        except SearchError as error:
            self.searchFailed.emit(str(error))
            return False
        self.beginResetModel()
        self._searched = True
        self.query = query
        self.keys = keys
        self._pages.clear()
        self.endResetModel()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_COLUMNS):
            return
        self.sort_column = SORT_COLUMNS[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if not self._searched:
            return  # the first search uses this order
        self.layoutAboutToBeChanged.emit()
        self.keys = self.browser.search(self.query, self.sort_column, self.descending)
        self._pages.clear()
        self.layoutChanged.emit()

    def refresh_keys(self, keys: set[int]) -> None:
        """Read these rows again (after suspend, reset...): they stay where they are."""
        for page, rows in list(self._pages.items()):
            if any(row is not None and row.key in keys for row in rows):
                del self._pages[page]
        if self.keys:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.keys) - 1, len(SORT_COLUMNS) - 1))

    # -- reading ---------------------------------------------------------------------
    def row_at(self, row: int) -> BrowseRow | None:
        if not 0 <= row < len(self.keys):
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            start = page_number * PAGE_SIZE
            keys = self.keys[start : start + PAGE_SIZE]
            found = {item.key: item for item in self.browser.rows(keys)}
            page = [found.get(key) for key in keys]
            self.pages_read += 1
            self._pages[page_number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[row - page_number * PAGE_SIZE]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SORT_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Front"), self.tr("Deck"), self.tr("Due"), self.tr("Interval"),
                  self.tr("Ease"), self.tr("Reviews"), self.tr("Lapses"), self.tr("State"))
        return titles[section] if 0 <= section < len(titles) else None

    def state_text(self, state: str) -> str:
        names = {"new": self.tr("new"), "learning": self.tr("learning"),
                 "young": self.tr("young"), "mature": self.tr("mature"),
                 "suspended": self.tr("suspended"), "retired": self.tr("retired"),
                 "buried": self.tr("buried")}
        return names.get(state, state)

    def display(self, item: BrowseRow, column: SortColumn) -> str:
        if column == "front":
            return one_line(item.front)
        if column == "deck":
            return "::".join(item.deck)
        if column == "due":
            if item.state == "retired":
                return "—"
            if item.due is None:
                return self.tr("new")
            shown = item.due.isoformat()
            return f"({shown})" if item.state in ("suspended", "buried") else shown
        if column == "interval":
            return "" if item.due is None else interval_text(item.interval)
        if column == "ease":
            return "" if item.due is None else f"{item.ease * 100:.0f}%"
        if column == "reviews":
            return str(item.reviews)
        if column == "lapses":
            return str(item.lapses)
        return self.state_text(item.state)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = SORT_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in ("interval", "ease", "reviews", "lapses"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return item.card_id
        if role == Qt.ItemDataRole.BackgroundRole:
            # Anki's colours: suspended rows yellow, buried brown-ish, retired grey.
            dark = is_dark()
            tints = {"suspended": ("#fff3b0", "#4d4520"), "buried": ("#f0e0d0", "#45382c"),
                     "retired": ("#e4e4e4", "#3a3a3a")}
            tint = tints.get(item.state)
            return QColor(tint[1] if dark else tint[0]) if tint else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return one_line(item.front, 600) if column == "front" else None
        return self.display(item, column)


class BrowserWindow(QWidget):
    """Search box, the card table, and a preview of the selected card with its history."""

    cardsChanged = Signal()

    def __init__(self, collection: Collection, main_window: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browser")
        self.collection = collection
        self.main_window = main_window
        self.browser = CardBrowser(collection)
        self.model = CardTableModel(self.browser, self)
        self.model.searchFailed.connect(self._show_search_error)

        self.searchBox = QLineEdit(self)
        self.searchBox.setObjectName("searchBox")
        self.searchBox.setClearButtonEnabled(True)
        self.searchBox.returnPressed.connect(self.run_search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.searchBox.textEdited.connect(lambda _text: self._search_timer.start())
        self.helpButton = QToolButton(self)
        self.helpButton.setObjectName("searchHelp")
        self.helpButton.setText("?")
        self.helpButton.clicked.connect(self.show_search_help)
        self.searchError = QLabel(self)
        self.searchError.setObjectName("searchError")
        self.searchError.setWordWrap(True)
        self.searchError.hide()

        self.table = QTableView(self)
        self.table.setObjectName("cardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(SORT_COLUMNS.index("due"), Qt.SortOrder.AscendingOrder)
        char = self.fontMetrics().averageCharWidth()
        # The question column takes the room the others leave, but never less than a
        # readable width (a Stretch column shrank to a sliver beside the preview).
        self.table.viewport().installEventFilter(self)

        self.preview = CardView(self)
        self.preview.setObjectName("browserPreview")
        self.cardInfo = QLabel(self)
        self.cardInfo.setObjectName("cardInfo")
        self.cardInfo.setWordWrap(True)
        self.cardInfo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QTreeWidget(self)
        self.history.setObjectName("cardHistory")
        self.history.setRootIsDecorated(False)
        self.history.setColumnCount(5)
        self.history.setMaximumHeight(self.fontMetrics().height() * 9)

        self.countLabel = QLabel(self)
        self.countLabel.setObjectName("cardCount")

        self._create_actions()

        search_row = QHBoxLayout()
        search_row.addWidget(self.searchBox, 1)
        search_row.addWidget(self.helpButton)
        actions_row = QHBoxLayout()
        self.actionButtons: list[QToolButton] = []
        for action in (self.actionSuspend, self.actionUnsuspend, self.actionReset,
                       self.actionOpenNote):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().replace("action", "button", 1))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            actions_row.addWidget(button)
            self.actionButtons.append(button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.countLabel)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.preview, 1)
        side_layout.addWidget(self.cardInfo)
        side_layout.addWidget(self.history)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([650, 350])

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.searchError)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions_row)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The preview follows the current row a moment later, so holding an arrow key
        # scrolls the table without rendering every card on the way.
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.show_current_card)
        self.table.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._preview_timer.start())
        self.model.modelReset.connect(self._after_reset)
        self.model.layoutChanged.connect(self._after_reset)
        self.resize(char * 170, self.fontMetrics().height() * 42)
        # An import on the main window's worker changes the cards: search again after it.
        busy_changed = getattr(getattr(main_window, "tasks", None), "busyChanged", None)
        if busy_changed is not None:
            busy_changed.connect(self._main_window_busy)
        self.retranslate()
        self._update_actions()
        self.run_search()

    # -- texts -----------------------------------------------------------------------
    def _create_actions(self) -> None:
        def make(name: str, shortcut: str, slot: Any) -> QAction:
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False: slot())
            self.addAction(action)
            return action

        self.actionSuspend = make("actionSuspendCards", "Ctrl+J", self.suspend_selected)
        self.actionUnsuspend = make("actionUnsuspendCards", "Ctrl+Shift+J",
                                    self.unsuspend_selected)
        self.actionReset = make("actionResetProgress", "Ctrl+Alt+N", self.reset_selected)
        self.actionOpenNote = make("actionOpenNoteAtLine", "Ctrl+E", self.open_current_note)
        self.actionFind = make("actionFind", "Ctrl+F", self.focus_search)


    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Browse cards"))
        self.searchBox.setPlaceholderText(self.tr(
            "Search: words, deck:NAME, tag:NAME, is:due, is:new, is:suspended, is:retired"))
        self.helpButton.setToolTip(self.tr("How to search"))
        self.actionSuspend.setText(self.tr("Suspend"))
        self.actionSuspend.setToolTip(self.tr("Suspend the selected cards (Ctrl+J)"))
        self.actionUnsuspend.setText(self.tr("Unsuspend"))
        self.actionUnsuspend.setToolTip(self.tr("Unsuspend the selected cards (Ctrl+Shift+J)"))
        self.actionReset.setText(self.tr("Reset Progress..."))
        self.actionReset.setToolTip(self.tr(
            "Make the selected cards new again; their review history is kept (Ctrl+Alt+N)"))
        self.actionOpenNote.setText(self.tr("Open Note"))
        self.actionOpenNote.setToolTip(self.tr("Open the note of this card at its line (Ctrl+E)"))
        self.actionFind.setText(self.tr("Find"))
        self.history.setHeaderLabels([self.tr("Date"), self.tr("Grade"), self.tr("Kind"),
                                      self.tr("Interval"), self.tr("Time")])
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(SORT_COLUMNS) - 1)
        self._fit_columns()
        self._update_count()
        if self.model.rowCount():
            # A closed window may outlive its collection: it reads nothing more.
            if self.isVisible():
                self._preview_timer.start()
        else:
            self.show_card(-1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_columns(self) -> None:
        """Widths from the content's typical size and the header's (translated) title;
        never measured over the rows, which may be 100,000."""
        char = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        typical = {"deck": 24, "due": 13, "interval": 10, "ease": 7, "reviews": 6,
                   "lapses": 6, "state": 13}
        for column, name in enumerate(SORT_COLUMNS):
            if name in typical:
                title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
                # Room for the sort arrow and the section's margins.
                wanted = max(char * typical[name],
                             header.fontMetrics().horizontalAdvance(title) + char * 4)
                self.table.setColumnWidth(column, wanted)
        self._fit_question_column()

    QUESTION_MIN_CHARS = 28

    def _fit_question_column(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(column) for column in range(1, header.count())
                     if not header.isSectionHidden(column))
        room = self.table.viewport().width() - others
        minimum = self.fontMetrics().averageCharWidth() * self.QUESTION_MIN_CHARS
        header.resizeSection(0, max(minimum, room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_question_column()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape that no child used (a dialog, an open menu) closes the window, as in Anki.
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._preview_timer.stop()
        self._search_timer.stop()
        super().closeEvent(event)

    def show_search_help(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("How to search"), self.tr(
            "Words are searched in the front and back of cards; every term must match.\n\n"
            "deck:NAME \u2014 a deck and its children (deck:kubernetes::06-helm)\n"
            "tag:NAME \u2014 a tag and its children\n"
            "is:due \u2014 due today\nis:new \u2014 never studied\n"
            "is:suspended \u2014 suspended\n"
            "is:retired \u2014 text left the notes (hidden otherwise)\n\n"
            "\"two words\" searches a phrase, * is a wildcard, a leading - negates a term "
            "(-is:suspended)."), QMessageBox.StandardButton.Close, self)
        box.setObjectName("searchHelpBox")
        box.open()

    # -- searching -------------------------------------------------------------------
    def focus_search(self) -> None:
        self.searchBox.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.searchBox.selectAll()

    def search(self, text: str) -> bool:
        """Put `text` in the search box and run it (what Enter in the box does)."""
        self.searchBox.setText(text)
        return self.run_search()

    def run_search(self) -> bool:
        self._search_timer.stop()
        if self._busy():
            self._show_search_error(self.tr("An import is running; search again when it ends."))
            return False
        found = self.model.search(self.searchBox.text().strip())
        if found:
            self.searchError.hide()
        return found

    def _show_search_error(self, message: str) -> None:
        colour = "#ff8a80" if is_dark(self.palette()) else "#c62828"
        self.searchError.setStyleSheet(f"color: {colour}")
        self.searchError.setText(message)
        self.searchError.show()

    def _after_reset(self) -> None:
        if self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self.show_card(-1)
        self._update_count()
        self._update_actions()

    def show_current_card(self) -> None:
        self._preview_timer.stop()
        self.show_card(self.table.currentIndex().row())

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        selected = len(self.selected_rows())
        self.countLabel.setText(self.tr("{shown} cards shown, {selected} selected").format(
            shown=shown, selected=selected))

    # -- selection and preview -------------------------------------------------------
    def selected_rows(self) -> list[int]:
        model = self.table.selectionModel()
        return sorted(index.row() for index in model.selectedRows()) if model else []

    def selected_items(self) -> list[BrowseRow]:
        items = (self.model.row_at(row) for row in self.selected_rows())
        return [item for item in items if item is not None]

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (for keyboard-less callers and tests); the first is current."""
        model = self.table.selectionModel()
        model.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            model.select(self.model.index(row, 0), flags)
        if rows:
            model.setCurrentIndex(self.model.index(rows[0], 0), flags)

    def _selection_changed(self, *_args: object) -> None:
        self._update_count()
        self._update_actions()

    def _update_actions(self) -> None:
        items = self.selected_items()
        busy = self._busy()
        self.actionSuspend.setEnabled(not busy and any(
            item.state not in ("suspended", "retired") for item in items))
        self.actionUnsuspend.setEnabled(not busy and any(
            item.state == "suspended" for item in items))
        self.actionReset.setEnabled(not busy and any(item.due is not None for item in items))
        self.actionOpenNote.setEnabled(self.model.row_at(self.table.currentIndex().row())
                                       is not None)

    def _notes_root(self) -> Path | None:
        finder = getattr(self.main_window, "notes_folder", None)
        folder = finder() if callable(finder) else None
        if isinstance(folder, Path):
            return folder if folder.is_dir() else folder.parent
        return None

    def _font_scale(self) -> float:
        from flashcards.gui.settings import card_font_scale

        settings = getattr(self.main_window, "settings", None)
        return card_font_scale(settings if isinstance(settings, QSettings) else None,
                               self.preview.font().pointSizeF())

    def current_card(self) -> Card | None:
        item = self.model.row_at(self.table.currentIndex().row())
        return None if item is None else self.collection.card(item.card_id)

    def show_card(self, row: int) -> None:
        item = self.model.row_at(row)
        self.history.clear()
        if item is None:
            self.preview.clear()
            self.cardInfo.setText(self.tr("No card selected"))
            return
        from flashcards.render import card_html

        card = self.collection.card(item.card_id)
        root = self._notes_root()
        source = Path(card.source)
        if not source.is_absolute() and root is not None:
            source = root / source
        html = card_html(card.front, card_back_markdown(card), card.context, source=source,
                         root=root)
        self.preview.set_card_html(html.answer(), self._font_scale())
        where = f"{source.name}:{card.line}"
        facts = [self.tr("Deck: {deck}").format(deck="::".join(card.deck)),
                 self.tr("Note: {where}").format(where=where),
                 self.tr("State: {state}").format(state=self.model.state_text(item.state))]
        if card.tags:
            facts.append(self.tr("Tags: {tags}").format(tags=", ".join(card.tags)))
        self.cardInfo.setText("    ".join(facts))
        kinds = {"new": self.tr("learn"), "review": self.tr("review"),
                 "relearn": self.tr("relearn"), "repeat": self.tr("repeat")}
        for entry in reversed(self.collection.history(card.id)):
            local = entry.reviewed_at.astimezone()
            row = QTreeWidgetItem([
                local.strftime("%Y-%m-%d %H:%M"), str(entry.grade), kinds.get(entry.kind, ""),
                interval_text(entry.after.interval) if entry.kind != "repeat" else "",
                duration_text(entry.elapsed_ms or 0) if entry.elapsed_ms is not None else "",
            ])
            self.history.addTopLevelItem(row)
        for column in range(self.history.columnCount()):
            self.history.resizeColumnToContents(column)

    # -- actions ---------------------------------------------------------------------
    def _busy(self) -> bool:
        tasks = getattr(self.main_window, "tasks", None)
        return bool(getattr(tasks, "busy", False))

    def _main_window_busy(self, busy: bool) -> None:
        self._update_actions()
        if not busy and self.isVisible():
            current = self.table.currentIndex().row()
            if self.run_search() and 0 <= current < self.model.rowCount():
                self.table.selectRow(current)

    def _changed(self, items: list[BrowseRow], message: str) -> None:
        self.model.refresh_keys({item.key for item in items})
        self.show_current_card()
        self._update_actions()
        self._status(message)
        self.cardsChanged.emit()
        refresh = getattr(self.main_window, "refresh_decks", None)
        if callable(refresh):
            refresh()

    def _status(self, message: str) -> None:
        show = getattr(self.main_window, "show_status", None)
        if callable(show):
            show(message)
        self.countLabel.setToolTip(message)

    def suspend_selected(self) -> int:
        items = [item for item in self.selected_items()
                 if item.state not in ("suspended", "retired")]
        if not items or self._busy():
            return 0
        count = self.browser.suspend(item.card_id for item in items)
        self._changed(items, self.tr("%n card(s) suspended", "", count))
        return count

    def unsuspend_selected(self) -> int:
        items = [item for item in self.selected_items() if item.state == "suspended"]
        if not items or self._busy():
            return 0
        count = self.browser.unsuspend(item.card_id for item in items)
        self._changed(items, self.tr("%n card(s) unsuspended", "", count))
        return count

    def reset_selected(self, confirm: bool = True) -> QMessageBox | int:
        """Ask, then make the selected cards new again (their history is kept).

        With `confirm=False` the reset happens at once and the count is returned.
        """
        items = [item for item in self.selected_items() if item.due is not None]
        if not items or self._busy():
            return 0
        if not confirm:
            return self._reset(items)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reset progress"),
                          self.tr("Make %n card(s) new again? Their review history is kept.",
                                  "", len(items)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("resetConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._reset(items))
        box.open()
        return box

    def _reset(self, items: list[BrowseRow]) -> int:
        count = self.browser.reset_progress([item.card_id for item in items])
        self._changed(items, self.tr("%n card(s) reset to new", "", count))
        return count

    def open_current_note(self) -> Path | None:
        card = self.current_card()
        if card is None:
            return None
        path = Path(card.source)
        root = self._notes_root()
        if not path.is_absolute() and root is not None:
            path = root / path
        opener = getattr(self.main_window, "open_note", None)
        if callable(opener):
            opener(path, card.line)
        else:
            from flashcards.gui.editor import launch_editor

            if not launch_editor(path, card.line):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _context_menu(self, position: Any) -> None:
        menu = QMenu(self)
        for action in (self.actionSuspend, self.actionUnsuspend, self.actionReset, None,
                       self.actionOpenNote):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))


def create_browser(collection: Collection, main_window: QWidget | None = None) -> BrowserWindow:
    """The factory `MainWindow` calls for the Browse action (see TOOL_WINDOWS)."""
    return BrowserWindow(collection, main_window)
