"""Export to Anki...: choose decks, the file and whether review progress goes along."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui import file_dialogs
from flashcards.gui.deck_list import DeckRow, deck_rows

if TYPE_CHECKING:
    from flashcards.app import Collection

_DECK_ROLE = Qt.ItemDataRole.UserRole
# Characters Windows (and the path separator everywhere) do not allow in a file name.
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class ExportDialog(QDialog):
    """Collects what to export; the main window runs the export off the GUI thread."""

    exportRequested = Signal(object, object, bool)  # Path, list[str] | None (all), bool

    def __init__(self, collection: Collection, selected: tuple[str, ...] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Anki"))
        intro = QLabel(self.tr("Deck to export (with its sub-decks):"), self)

        self.decks = QTreeWidget(self)
        self.decks.setObjectName("exportDecks")
        self.decks.setHeaderHidden(True)
        every = QTreeWidgetItem([self.tr("All decks")])
        every.setData(0, _DECK_ROLE, None)
        self.decks.addTopLevelItem(every)
        self.decks.setCurrentItem(every)
        self._fill(deck_rows(collection.deck_tree()), every, selected)
        self.decks.expandToDepth(1)

        self.progressBox = QCheckBox(self.tr("Include review progress (intervals, due dates, "
                                             "suspended cards, review history)"), self)
        self.progressBox.setObjectName("exportWithProgress")
        self.progressBox.setChecked(True)

        self.pathEdit = QLineEdit(self)
        self.pathEdit.setObjectName("exportPath")
        # Like Anki, the file is named after the deck (exports of two decks then do not
        # overwrite each other) until the learner types or chooses a name.
        self._suggested = ""
        self._suggest_path()
        self.decks.currentItemChanged.connect(lambda *_items: self._suggest_path())
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

    def _fill(self, rows: list[DeckRow], parent: QTreeWidgetItem,
              selected: tuple[str, ...] | None) -> None:
        # The names the deck list shows, so the learner finds the same deck here.
        for row in rows:
            item = QTreeWidgetItem([row.name])
            item.setData(0, _DECK_ROLE, list(row.path))
            parent.addChild(item)
            if selected is not None and tuple(row.path) == tuple(selected):
                self.decks.setCurrentItem(item)
            self._fill(row.children, item, selected)

    def _suggest_path(self) -> None:
        current = self.pathEdit.text()
        if current and current != self._suggested:
            return  # the learner's own choice
        item = self.decks.currentItem()
        if item is None or item.data(0, _DECK_ROLE) is None:
            name = "flashcards"
        else:
            name = _UNSAFE_IN_FILE_NAMES.sub("_", item.text(0)).strip(" .") or "flashcards"
        folder = Path(current).parent if current else Path.home()
        self._suggested = str(folder / f"{name}.apkg")
        self.pathEdit.setText(self._suggested)

    def chosen_deck(self) -> list[str] | None:
        """The chosen deck's path; None means every deck."""
        item = self.decks.currentItem()
        value = item.data(0, _DECK_ROLE) if item is not None else None
        return list(value) if value else None

    def _choose_file(self) -> None:
        path = file_dialogs.save_file_name(
            self, self.tr("Export to Anki"), self.pathEdit.text(),
            self.tr("Anki package (*.apkg)"))
        if path:
            self.pathEdit.setText(path if path.endswith(".apkg") else path + ".apkg")

    def _accept(self) -> None:
        text = self.pathEdit.text().strip()
        if not text:
            return
        target = Path(text).expanduser()
        if target.is_dir():
            # A folder typed or pasted: the suggested file name inside it.
            target = target / (Path(self._suggested).name if self._suggested
                               else "flashcards.apkg")
        elif target.suffix.casefold() != ".apkg":
            target = target.with_name(target.name + ".apkg")  # as "Choose..." does
        self.exportRequested.emit(target, self.chosen_deck(), self.progressBox.isChecked())
        self.accept()


# The exporter's messages (English, as the command line prints them) -> the window's.
_EXPORT_ERRORS = [
    (r"(.+): folder (.+) does not exist",
     lambda: QCoreApplication.translate(
         "ExportDialog", "Cannot write {0}: the folder {1} does not exist.")),
    (r"(.+): (.+) is not a folder",
     lambda: QCoreApplication.translate(
         "ExportDialog", "Cannot write {0}: {1} is not a folder.")),
    (r"(.+): is a folder, not a file name",
     lambda: QCoreApplication.translate(
         "ExportDialog", "{0} is a folder: give a file name ending with .apkg.")),
    (r"(.+): cannot write into folder (.+) \(permission denied\)",
     lambda: QCoreApplication.translate(
         "ExportDialog", "Cannot write {0}: no permission to write into the folder {1}.")),
    (r"(.+): cannot write the package \((.+)\)",
     lambda: QCoreApplication.translate(
         "ExportDialog", "Cannot write the package {0} ({1}).")),
    (r"there are no cards to export",
     lambda: QCoreApplication.translate("ExportDialog", "There are no cards to export.")),
    (r"deck ['\"](.+)['\"] has no cards to export",
     lambda: QCoreApplication.translate("ExportDialog", "The deck {0} has no cards to export.")),
    (r"the collection has no cards to export",
     lambda: QCoreApplication.translate("ExportDialog", "There are no cards to export.")),
]


def export_error_text(message: str) -> str:
    """Why an export failed, in the interface's language where the message is known."""
    for pattern, template in _EXPORT_ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return template().format(*match.groups())
    return message


def run_export(collection: Collection, target: Path, deck: list[str] | None,
               with_progress: bool, progress: Callable[..., None],
               notes_root: Path | None = None) -> Any:
    """Call the exporter (imported here, off the GUI thread and only when used)."""
    from flashcards.export import export_collection

    return export_collection(collection, target, deck=deck, with_progress=with_progress,
                             progress=progress, notes_root=notes_root)
