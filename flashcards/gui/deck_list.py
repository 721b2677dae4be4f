"""The deck browser: the deck tree with New / Repeat / Due counts and a Study button."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.theme import is_dark, scaled_font

if TYPE_CHECKING:
    from flashcards.app import DeckNode

DeckPath = tuple[str, ...]
_PATH_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class DeckRow:
    """One deck as the list shows it; `path` names it for the collection."""

    name: str
    path: DeckPath
    new: int = 0
    repeat: int = 0
    due: int = 0
    children: list[DeckRow] = field(default_factory=list)


def deck_rows(nodes: Sequence[DeckNode], parent_name: str = "") -> list[DeckRow]:
    """Rows of the deck list. A child titled `Kubernetes: Helm` under `Kubernetes` shows as
    `Helm`, and a folder without a title takes the prefix its files' titles share."""
    rows = []
    for node in nodes:
        name = node.title or _shared_title_prefix(node) or node.name
        rows.append(DeckRow(
            name=_without_prefix(name, parent_name),
            path=tuple(node.deck),
            new=node.counts.new,
            repeat=node.counts.learning,
            due=node.counts.due,
            children=deck_rows(node.children, name),
        ))
    return rows


def _without_prefix(name: str, parent_name: str) -> str:
    if parent_name:
        for separator in (": ", " - ", " — ", " › "):
            prefix = parent_name + separator
            if name.casefold().startswith(prefix.casefold()) and len(name) > len(prefix):
                return name[len(prefix):]
    return name


def _shared_title_prefix(node: DeckNode) -> str | None:
    """`Kubernetes` for a folder `kubernetes` whose files are titled `Kubernetes: ...`."""
    titles = [child.title for child in node.children]
    if not titles or any(not title or ": " not in title for title in titles):
        return None
    prefixes = {title.split(": ", 1)[0] for title in titles if title}
    if len(prefixes) != 1:
        return None
    prefix = prefixes.pop()
    return prefix if prefix.casefold() == node.name.casefold() else None


class DeckListPage(QWidget):
    """Anki's deck browser: pick a deck, press Enter (or Study) to start a session."""

    studyRequested = Signal(object)  # DeckPath
    exportRequested = Signal(object)  # DeckPath
    openNotesRequested = Signal(object)  # DeckPath

    NAME, NEW, REPEAT, DUE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deckListPage")
        self.heading = QLabel(self)
        self.heading.setObjectName("deckListHeading")
        self.heading.setFont(scaled_font(self.font(), 1.4, bold=True))

        tree = QTreeWidget(self)
        tree.setObjectName("deckList")
        tree.setColumnCount(4)
        tree.setHeaderLabels(["", "", "", ""])
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setRootIsDecorated(True)
        tree.setExpandsOnDoubleClick(False)
        tree.setFont(scaled_font(self.font(), 1.15))
        tree.setStyleSheet("QTreeView::item { padding-top: 3px; padding-bottom: 3px; }")
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (self.NEW, self.REPEAT, self.DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            tree.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
        tree.itemActivated.connect(lambda _item, _column: self._study_current())
        # Like Anki's gear menu; the Menu key or Shift+F10 opens it from the keyboard.
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show_deck_menu)
        # Enter and Return start the session on every platform (some styles only select).
        tree.installEventFilter(self)
        self.tree = tree

        self.studyButton = QPushButton(self)
        self.studyButton.setObjectName("studyButton")
        self.studyButton.setDefault(True)
        self.studyButton.clicked.connect(self._study_current)

        self.emptyHint = QLabel(self)
        self.emptyHint.setObjectName("deckListHint")
        self.emptyHint.setWordWrap(True)
        self.emptyHint.hide()

        self.totals = QLabel(self)
        self.totals.setObjectName("deckTotals")
        self._totals = (0, 0, 0)
        self.retranslate()

        buttons = QHBoxLayout()
        buttons.addWidget(self.totals, 1)
        buttons.addWidget(self.studyButton)

        # Like Anki's deck browser: a column in the middle, so a deck's name and its
        # counts stay close together on a wide screen.
        column_layout = QVBoxLayout()
        column_layout.addWidget(self.heading)
        column_layout.addWidget(self.emptyHint)
        column_layout.addWidget(tree, 1)
        column_layout.addLayout(buttons)
        self._column = QWidget(self)
        self._column.setLayout(column_layout)
        self._column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 130)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addStretch(0)
        layout.addWidget(self._column, 1)
        layout.addStretch(0)

    # -- content ---------------------------------------------------------------------
    def set_decks(self, rows: Sequence[DeckRow]) -> None:
        """Show `rows`, keeping the current selection and which decks are expanded."""
        tree = self.tree
        selected = self.current_deck()
        collapsed = {
            item.data(self.NAME, _PATH_ROLE)
            for item in self._all_items()
            if item.childCount() and not item.isExpanded()
        }
        tree.clear()
        for row in rows:
            tree.addTopLevelItem(self._make_item(row))
        for item in self._all_items():
            if item.childCount():
                item.setExpanded(item.data(self.NAME, _PATH_ROLE) not in collapsed)
        self.emptyHint.setVisible(not rows)
        self.studyButton.setEnabled(bool(rows))
        target = self._find(selected) if selected is not None else None
        if target is None and tree.topLevelItemCount():
            target = tree.topLevelItem(0)
        if target is not None:
            tree.setCurrentItem(target)
        self._totals = (sum(row.new for row in rows), sum(row.repeat for row in rows),
                        sum(row.due for row in rows))
        self._show_totals()

    def _show_totals(self) -> None:
        new, repeat, due = self._totals
        self.totals.setText(self.tr("Today: {new} new, {repeat} to repeat, {due} due").format(
            new=new, repeat=repeat, due=due))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Decks"))
        header = self.tree.headerItem()
        for column, text in enumerate((self.tr("Deck"), self.tr("New"), self.tr("Repeat"),
                                       self.tr("Due"))):
            header.setText(column, text)
        self.studyButton.setText(self.tr("Study"))
        self.studyButton.setToolTip(self.tr("Start a session for the selected deck (Enter)"))
        self.emptyHint.setText(self.tr(
            "No cards yet. Use File › Import folder... (Ctrl+O) to turn your Markdown notes "
            "into cards."))
        self._show_totals()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_item(self, row: DeckRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem([row.name, str(row.new), str(row.repeat), str(row.due)])
        item.setData(self.NAME, _PATH_ROLE, row.path)
        item.setToolTip(self.NAME, " › ".join(row.path))
        dark = is_dark(self.palette())
        colours = {
            self.NEW: QColor("#6ab0ff" if dark else "#1565c0"),
            self.REPEAT: QColor("#ff8a80" if dark else "#c62828"),
            self.DUE: QColor("#81c784" if dark else "#2e7d32"),
        }
        grey = self.palette().color(self.palette().ColorGroup.Disabled,
                                    self.palette().ColorRole.Text)
        for column, value in ((self.NEW, row.new), (self.REPEAT, row.repeat),
                              (self.DUE, row.due)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
            item.setForeground(column, QBrush(colours[column] if value else grey))
        for child in row.children:
            item.addChild(self._make_item(child))
        return item

    def _all_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        root = self.tree.invisibleRootItem()
        stack = [root.child(i) for i in range(root.childCount())]
        while stack:
            item = stack.pop()
            items.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return items

    def _find(self, path: DeckPath) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(self.NAME, _PATH_ROLE) == path:
                return item
        return None

    def current_deck(self) -> DeckPath | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        path = item.data(self.NAME, _PATH_ROLE)
        return tuple(path) if path is not None else None

    def display_name(self, path: DeckPath) -> str:
        """`Kubernetes › Helm`: the shown names from the top deck down to `path`."""
        item = self._find(tuple(path))
        names: list[str] = []
        while item is not None:
            names.append(item.text(self.NAME))
            item = item.parent()
        return " › ".join(reversed(names)) if names else " › ".join(path)

    def select_deck(self, path: DeckPath) -> bool:
        item = self._find(tuple(path))
        if item is not None:
            self.tree.setCurrentItem(item)
        return item is not None

    # -- study -----------------------------------------------------------------------
    def deck_menu(self) -> QMenu | None:
        """The actions for the selected deck (None without a selection)."""
        deck = self.current_deck()
        if deck is None:
            return None
        menu = QMenu(self)
        menu.setObjectName("deckMenu")
        menu.addAction(self.tr("Study"), lambda: self.studyRequested.emit(deck))
        menu.addAction(self.tr("Export to Anki..."), lambda: self.exportRequested.emit(deck))
        menu.addAction(self.tr("Open Notes in Editor"),
                       lambda: self.openNotesRequested.emit(deck))
        return menu

    def _show_deck_menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = self.deck_menu()
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.tree.viewport().mapToGlobal(position))

    def _study_current(self) -> None:
        deck = self.current_deck()
        if deck is not None:
            self.studyRequested.emit(deck)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._study_current()
            return True
        return super().eventFilter(watched, event)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
