"""Export to Anki...: choose decks, the file and whether review progress goes along."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from flashcards.app import Collection, DeckNode

_DECK_ROLE = Qt.ItemDataRole.UserRole


class ExportDialog(QDialog):
    """Collects what to export; the main window runs the export off the GUI thread."""

    exportRequested = Signal(object, object, bool)  # Path, list[list[str]] | None, bool

    def __init__(self, collection: Collection, selected: tuple[str, ...] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Anki"))
        intro = QLabel(self.tr("Decks to export (with their sub-decks):"), self)

        self.decks = QTreeWidget(self)
        self.decks.setObjectName("exportDecks")
        self.decks.setHeaderHidden(True)
        self._fill(collection.deck_tree(), None, selected)
        self.decks.expandToDepth(0)

        self.progressBox = QCheckBox(self.tr("Include review progress (intervals, due dates, "
                                             "suspended cards)"), self)
        self.progressBox.setObjectName("exportWithProgress")
        self.progressBox.setChecked(True)

        self.pathEdit = QLineEdit(str(Path.home() / "flashcards.apkg"), self)
        self.pathEdit.setObjectName("exportPath")
        browse = QPushButton(self.tr("Choose..."), self)
        browse.clicked.connect(self._choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(self.tr("File:"), self))
        path_row.addWidget(self.pathEdit, 1)
        path_row.addWidget(browse)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.decks, 1)
        layout.addWidget(self.progressBox)
        layout.addLayout(path_row)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80,
                    self.fontMetrics().height() * 28)

    def _fill(self, nodes: list[DeckNode], parent: QTreeWidgetItem | None,
              selected: tuple[str, ...] | None) -> None:
        for node in nodes:
            item = QTreeWidgetItem([node.title or node.name])
            item.setData(0, _DECK_ROLE, list(node.deck))
            whole = selected is None or tuple(node.deck[: len(selected)]) == selected
            item.setCheckState(0, Qt.CheckState.Checked if whole and parent is None
                               else Qt.CheckState.Unchecked)
            if parent is None:
                self.decks.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._fill(node.children, item, selected)

    def chosen_decks(self) -> list[list[str]] | None:
        """Checked decks (a checked parent covers its children); None means all."""
        chosen: list[list[str]] = []
        every = True
        stack = [self.decks.topLevelItem(i) for i in range(self.decks.topLevelItemCount())]
        top_level = set(map(id, stack))
        while stack:
            item = stack.pop()
            if item.checkState(0) == Qt.CheckState.Checked:
                chosen.append(list(item.data(0, _DECK_ROLE)))
                continue
            if id(item) in top_level:
                every = False
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None if every else chosen

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to Anki"), self.pathEdit.text(),
            self.tr("Anki package (*.apkg)"))
        if path:
            self.pathEdit.setText(path if path.endswith(".apkg") else path + ".apkg")

    def _accept(self) -> None:
        text = self.pathEdit.text().strip()
        decks = self.chosen_decks()
        if not text or decks == []:
            return
        self.exportRequested.emit(Path(text).expanduser(), decks, self.progressBox.isChecked())
        self.accept()


def run_export(collection: Collection, target: Path, decks: list[list[str]] | None,
               with_progress: bool, progress: Callable[..., None]) -> Any:
    """Call the exporter (imported here, off the GUI thread and only when used)."""
    from flashcards import export

    return export.export_apkg(collection, target, decks=decks, with_progress=with_progress,
                              progress=progress)
