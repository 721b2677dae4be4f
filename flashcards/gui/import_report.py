"""The import report: what changed, and every line that gave no card, grouped by file."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.theme import is_dark, scaled_font

if TYPE_CHECKING:
    from flashcards.app import FileProblem, ImportReport

_LOCATION_ROLE = Qt.ItemDataRole.UserRole
_FILE_ROLE = Qt.ItemDataRole.UserRole + 1


def resolve_source(source: str, root: Path | None) -> Path:
    path = Path(source)
    if not path.is_absolute() and root is not None:
        root_path = root if root.is_dir() else root.parent
        path = root_path / path
    return path


class ImportReportDialog(QDialog):
    """Counts on top, problems below; Enter or a double click opens the note at that line."""

    openNoteRequested = Signal(object, int)  # Path, line

    WHERE, WHAT, TEXT = range(3)

    def __init__(self, report: ImportReport, root: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import report"))
        self.report = report
        self.root = root

        heading = QLabel(self)
        heading.setObjectName("importHeading")
        heading.setFont(scaled_font(self.font(), 1.3, bold=True))
        heading.setText(self.tr("Imported {folder}").format(
            folder=str(root) if root is not None else ""))
        heading.setWordWrap(True)

        self.countsLabel = QLabel(self._counts_text(report), self)
        self.countsLabel.setObjectName("importCounts")
        self.countsLabel.setWordWrap(True)
        self.countsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        tree = QTreeWidget(self)
        tree.setObjectName("importProblems")
        tree.setColumnCount(3)
        tree.setHeaderLabels([self.tr("File / line"), self.tr("Reason"), self.tr("Text")])
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        header = tree.header()
        header.setSectionResizeMode(self.WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.WHAT, QHeaderView.ResizeMode.Interactive)
        tree.setWordWrap(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setStretchLastSection(True)
        tree.itemActivated.connect(self._open_item)
        self.problems = tree
        self._fill(report)
        header.resizeSection(self.WHAT, max(380, self.fontMetrics().averageCharWidth() * 70))

        self.hint = QLabel(self.tr("Double-click a line (or press Enter) to open the note there."),
                           self)
        self.hint.setObjectName("importHint")
        self.hint.setVisible(tree.topLevelItemCount() > 0)
        tree.setVisible(tree.topLevelItemCount() > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.countsLabel)
        layout.addWidget(tree, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        width = max(900, self.fontMetrics().averageCharWidth() * 160)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = int(width * 0.6) if tree.topLevelItemCount() else 0
        if screen is not None:
            width = min(width, int(screen.width() * 0.9))
            height = min(height, int(screen.height() * 0.85))
        self.resize(width, height)
        tree.setFocus()

    def _counts_text(self, report: ImportReport) -> str:
        parts = [
            self.tr("{n} new").format(n=report.new),
            self.tr("{n} updated").format(n=report.updated),
            self.tr("{n} moved").format(n=report.moved),
            self.tr("{n} retired").format(n=report.retired),
            self.tr("{n} restored").format(n=report.restored),
            self.tr("{n} unchanged").format(n=report.unchanged),
        ]
        text = self.tr("Cards: {parts}.").format(parts=", ".join(parts))
        text += " " + self.tr("Files read: {parsed}; unchanged files skipped: {skipped}.").format(
            parsed=report.files_parsed, skipped=report.files_unchanged)
        problems = []
        for label, items in (
            (self.tr("files that could not be read: {n}"), report.file_errors),
            (self.tr("lines that gave no card: {n}"), report.skipped),
            (self.tr("empty sections: {n}"), report.empty_sections),
            (self.tr("warnings: {n}"), report.warnings),
            (self.tr("edited fronts that kept their history: {n}"), report.relinked),
        ):
            if items:
                problems.append(label.format(n=len(items)))
        if problems:
            text += "\n" + self.tr("Look at: {list}.").format(list="; ".join(problems))
        return text

    def _fill(self, report: ImportReport) -> None:
        from flashcards.app import FileProblem

        dark = is_dark(self.palette())
        error_brush = QBrush(QColor("#ff8a80" if dark else "#c62828"))
        grouped: dict[str, list[tuple[str, FileProblem]]] = defaultdict(list)
        skipped = self.tr("skipped")
        for kind, problems in (
            (self.tr("cannot read"), report.file_errors),
            (skipped, report.skipped),
            (self.tr("warning"), report.warnings),
            (self.tr("empty section"), report.empty_sections),
        ):
            for problem in problems:
                grouped[problem.source].append((kind, problem))
        for relink in report.relinked:
            grouped[relink.source].append((self.tr("history kept"), FileProblem(
                relink.source, relink.line, relink.new_front,
                self.tr("front edited: was “{old}”").format(old=relink.old_front))))
        for source in sorted(grouped):
            entries = sorted(grouped[source], key=lambda entry: entry[1].line)
            path = resolve_source(source, self.root)
            shown = self._shown_name(path)
            file_item = QTreeWidgetItem([self.tr("{file}  ({n} to look at)").format(
                file=shown, n=len(entries)), "", ""])
            file_item.setToolTip(self.WHERE, str(path))
            file_item.setData(self.WHAT, _FILE_ROLE, shown)
            file_item.setData(self.WHERE, _LOCATION_ROLE, (str(path), 1))
            font = file_item.font(self.WHERE)
            font.setBold(True)
            file_item.setFont(self.WHERE, font)
            self.problems.addTopLevelItem(file_item)
            file_item.setFirstColumnSpanned(True)
            for kind, problem in entries:
                where = (self.tr("line {line}").format(line=problem.line) if problem.line > 0
                         else self.tr("whole file"))
                reason = self.reason_text(problem.reason)
                # Most rows are skipped lines: their reason says enough on its own.
                if kind == skipped or reason.casefold().startswith(kind.casefold()):
                    what = reason
                else:
                    what = f"{kind}: {reason}"
                child = QTreeWidgetItem([where, what, problem.text.strip()])
                child.setData(self.WHERE, _LOCATION_ROLE, (str(path), max(1, problem.line)))
                child.setToolTip(self.TEXT, problem.text)
                child.setToolTip(self.WHAT, reason)
                if problem in report.file_errors:
                    child.setForeground(self.WHAT, error_brush)
                    file_item.setForeground(self.WHERE, error_brush)
                file_item.addChild(child)
            file_item.setExpanded(True)
        root = self.problems.invisibleRootItem()
        if root.childCount():
            first = root.child(0)
            self.problems.setCurrentItem(first.child(0) if first.childCount() else first)

    def reason_text(self, reason: str) -> str:
        """A reason from the parser or the importer (English, as the command line prints
        it) in the interface's language; one not known here is shown as it is."""
        for pattern, template in self._reason_templates():
            match = pattern.fullmatch(reason)
            if match:
                return template.format(*match.groups())
        return reason

    def _reason_templates(self) -> list[tuple[re.Pattern[str], str]]:
        term_problems = [
            ("the part before the separator is more than one sentence",
             self.tr("the part before the separator is more than one sentence")),
            (r"the part before the separator is too long for a term \((\d+) words\)",
             self.tr("the part before the separator is too long for a term ({0} words)")),
            (r"the part before the separator is too long for a term \((\d+) chars\)",
             self.tr("the part before the separator is too long for a term ({0} characters)")),
        ]
        templates = [
            ("a code block with no question above it: put a line ending with `:` "
             r"\(or `Term - пример:`\) right above it",
             self.tr("a code block with no question above it: put a line ending with `:` "
                     "(or `Term - example:`) right above it")),
            (r"raw HTML is not a card \(it is shown escaped\)",
             self.tr("raw HTML is not a card (it is shown escaped)")),
            ("tables are not read as cards; write `Term - definition` lines",
             self.tr("tables are not read as cards; write `Term - definition` lines")),
            ("a heading inside a list is not a card",
             self.tr("a heading inside a list is not a card")),
            ("no term before the separator", self.tr("no term before the separator")),
            ("a bare term: used as context for the lines below it",
             self.tr("a bare term: used as context for the lines below it")),
            ("a term with no definition: add ` - definition`",
             self.tr("a term with no definition: add ` - definition`")),
            ("no `Term - definition` separator and no list below it",
             self.tr("no `Term - definition` separator and no list below it")),
            ("`(.+)` needs text on both sides", self.tr("`{0}` needs text on both sides")),
            ("`(.+)` needs a question above it and an answer below it",
             self.tr("`{0}` needs a question above it and an answer below it")),
            ("a card side would be empty", self.tr("a card side would be empty")),
            (r"the same front as line (\d+) in this deck; both are kept as separate cards",
             self.tr("the same front as line {0} in this deck; both are kept as separate "
                     "cards")),
            ("the same card appears twice; the first one is kept",
             self.tr("the same card appears twice; the first one is kept")),
            ("cannot read the file: (.+)", self.tr("cannot read the file: {0}")),
            ("cannot read: (.+)", self.tr("cannot read: {0}")),
            ("a binary file, not a text note", self.tr("a binary file, not a text note")),
            (r"not valid UTF-8 \(line (\d+), byte (\d+)\)",
             self.tr("not valid UTF-8 (line {0}, byte {1})")),
            ("front matter is not valid YAML: (.+)",
             self.tr("front matter is not valid YAML: {0}")),
            ("front matter is not a YAML mapping", self.tr("front matter is not a YAML mapping")),
            ("empty section", self.tr("empty section")),
        ]
        for problem, text in term_problems:
            templates.append((problem + "; the line is not split into a card",
                              self.tr("{problem}; the line is not split into a card").format(
                                  problem=text)))
        return [(re.compile(pattern), template) for pattern, template in templates]

    def _shown_name(self, path: Path) -> str:
        """The file relative to the imported folder: `kubernetes/06-helm.md`."""
        root = self.root
        if root is not None:
            base = root if root.is_dir() else root.parent
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                pass
        return str(path)

    def file_rows(self) -> dict[str, QTreeWidgetItem]:
        """Top-level rows by the file name they show (relative to the imported folder)."""
        rows: dict[str, QTreeWidgetItem] = {}
        root = self.problems.invisibleRootItem()
        for index in range(root.childCount()):
            item = root.child(index)
            rows[str(item.data(self.WHAT, _FILE_ROLE))] = item
        return rows

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        location = item.data(self.WHERE, _LOCATION_ROLE)
        if location:
            path, line = location
            self.openNoteRequested.emit(Path(path), int(line))

    def open_current(self) -> None:
        item = self.problems.currentItem()
        if item is not None:
            self._open_item(item)
