"""File dialogs must not break SQLite's locks on the open collection.

Qt's file dialog used to read the first bytes of every listed file it had no type for; on
Linux closing that descriptor dropped this process's POSIX locks on the collection, and the
next program that opened the collection deleted its WAL with the answers in it.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog

from flashcards.gui import file_dialogs

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"),
                                reason="Windows locks files differently (native dialog)")


def _open_collection_like(folder: Path) -> sqlite3.Connection:
    """An SQLite file in WAL mode with a committed row left in the WAL, as the store has."""
    connection = sqlite3.connect(folder / "collection.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("CREATE TABLE answers (grade INTEGER)")
    connection.execute("INSERT INTO answers VALUES (4)")
    return connection


def _read_from_another_process(database: Path) -> None:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM answers').fetchone(); c.close()")
    subprocess.run([sys.executable, "-c", code, str(database)], check=True, timeout=60)


@pytest.mark.parametrize("mode", ["folder", "save"])
def test_dialog_over_the_collection_folder_keeps_its_wal(qtbot, tmp_path, mode):
    connection = _open_collection_like(tmp_path)
    database = tmp_path / "collection.sqlite"
    wal = tmp_path / "collection.sqlite-wal"
    dialog = file_dialogs.make_file_dialog(None, "Choose", str(tmp_path))
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    # The dialog lists the folder and asks for each file's type and icon meanwhile.
    qtbot.wait(2000)
    dialog.close()

    _read_from_another_process(database)

    assert wal.exists(), "the WAL of the open collection was deleted"
    connection.execute("INSERT INTO answers VALUES (3)")
    _read_from_another_process(database)
    check = sqlite3.connect(database)
    assert check.execute("SELECT count(*) FROM answers").fetchone() == (2,)
    check.close()
    connection.close()


def test_type_names_come_from_the_name_only(qtbot, tmp_path):
    provider = file_dialogs.KindOnlyIconProvider()
    markdown = tmp_path / "notes.md"
    markdown.write_text("# Notes\n", encoding="utf-8")
    assert "markdown" in provider.type(QFileInfo(str(markdown))).casefold()
    assert provider.type(QFileInfo(str(tmp_path))) != provider.type(QFileInfo(str(markdown)))
    assert not provider.icon(QFileInfo(str(tmp_path))).isNull()
