"""File dialogs that never open the files they list.

Qt's file dialog asks each listed file for its type and icon, and for a name it does not
know (`collection.sqlite`, `-wal`, `-shm`) the MIME database reads the file's first bytes:
it opens the file and closes it. On Linux and macOS closing any descriptor of a file drops
every POSIX lock this process holds on it, and SQLite's locks are POSIX locks. After the
dialog had shown the collection's folder, the next program that opened the collection
(sqlite3, a backup or sync tool) saw no lock, took itself for the last user and deleted the
WAL: every answer given afterwards went into a deleted file and was lost at exit.

So the dialogs here name a file's type by its kind alone, and on those systems use Qt's own
dialog (a native one would load the desktop's file chooser into this process, which sniffs
file contents the same way). Windows locks differently; its native dialog stays.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class KindOnlyIconProvider(QFileIconProvider):
    """Icons and type names from "folder or file" only: no file is opened to find them."""

    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (QFileIconProvider.IconType.Folder if what.isDir()
                    else QFileIconProvider.IconType.File)
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        mimes = QMimeDatabase()
        if info.isDir():
            return mimes.mimeTypeForName("inode/directory").comment()
        # By the name's extension only; the default also reads the file's first bytes.
        return mimes.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension).comment()


def _uses_native_dialog() -> bool:
    return sys.platform.startswith("win")


def make_file_dialog(parent: QWidget | None, title: str, start: str) -> QFileDialog:
    """A file dialog that lists files without opening them (see the module's text)."""
    dialog = QFileDialog(parent, title, start)
    dialog.setObjectName("fileDialog")
    if not _uses_native_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        provider = KindOnlyIconProvider()
        dialog.setIconProvider(provider)
        # The dialog keeps only a pointer: the provider must live as long as it does.
        dialog._icon_provider = provider  # type: ignore[attr-defined]
    return dialog


def existing_directory(parent: QWidget | None, title: str, start: str) -> str:
    """The folder the learner picks, or "" when they cancel."""
    dialog = make_file_dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, title: str, start: str, name_filter: str) -> str:
    """The file name to write, or "" when the learner cancels."""
    dialog = make_file_dialog(parent, title, start)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""
