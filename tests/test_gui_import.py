"""Importing from the window: worker thread, report grouped by file, notes opened at a line,
the notes folder watched for changes, and the first start with the bundled decks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QTreeWidget

from flashcards.app import Collection
from flashcards.gui import create_main_window, file_dialogs
from flashcards.gui.application import first_run_import

NET_NOTES = """\
# Сети

TCP - протокол с установкой соединения

| Порт | Протокол |
|---|---|
| 53 | DNS |

## Пустой раздел

## UDP

UDP - протокол без установки соединения
"""


@pytest.fixture
def collection(tmp_path: Path):
    collection = Collection.open(tmp_path / "collection.sqlite")
    yield collection
    collection.close()


@pytest.fixture
def window(qtbot, collection, tmp_path, show_active):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(collection, settings)
    qtbot.addWidget(window)
    show_active(window)
    return window


@pytest.fixture
def messy_notes(tmp_path: Path) -> Path:
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "net.md").write_text(NET_NOTES, encoding="utf-8")
    # A binary file with a notes name: listed with its reason, the rest still imports.
    (folder / "broken.md").write_bytes(bytes(range(256)) * 8)
    return folder


def report_dialog(window) -> QDialog | None:
    return window.findChild(QDialog, "importReport")


def import_with_keyboard(qtbot, window, folder: Path, monkeypatch, press) -> QDialog:
    monkeypatch.setattr(file_dialogs, "existing_directory",
                        lambda *args, **kwargs: str(folder))
    press(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: report_dialog(window) is not None, timeout=20_000)
    return report_dialog(window)


def test_empty_collection_shows_how_to_import(window):
    assert window.deckList.topLevelItemCount() == 0
    assert window.deckPage.emptyHint.isVisible()
    assert not window.deckPage.studyButton.isEnabled()


def test_import_reports_a_bad_file_by_name_and_imports_the_rest(
        qtbot, window, collection, messy_notes, monkeypatch, press, editor_recorder):
    dialog = import_with_keyboard(qtbot, window, messy_notes, monkeypatch, press)
    problems = dialog.findChild(QTreeWidget, "importProblems")
    files = dialog.file_rows()
    assert set(files) == {"broken.md", "net.md"}
    assert files["broken.md"].text(0).startswith("broken.md")

    broken = files["broken.md"]
    assert broken.childCount() == 1
    assert "binary" in broken.child(0).text(1)

    net = [files["net.md"].child(i) for i in range(files["net.md"].childCount())]
    assert [row.text(0) for row in net] == ["line 5", "line 9"]  # sorted by line
    assert "table" in net[0].text(1)
    assert net[1].text(1) == "empty section"
    assert "2 new" in dialog.findChild(type(dialog.countsLabel), "importCounts").text()

    # The good cards are in the store and in the deck list.
    assert sum(1 for _ in collection.cards()) == 2
    assert window.deckList.topLevelItemCount() == 1
    assert window.notes_folder() == messy_notes

    # Enter on a skipped line opens the note at that line.
    problems.setCurrentItem(net[0])
    problems.setFocus()
    press(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor_recorder.exists() and
                    bool(editor_recorder.read_text(encoding="utf-8")), timeout=5000)
    assert editor_recorder.read_text(encoding="utf-8").splitlines()[-2:] == [
        "+5", str(messy_notes / "net.md")]


def test_f5_reimports_the_remembered_folder(qtbot, window, collection, notes_folder, press):
    done = []
    window.import_folder(notes_folder, show_report=False, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    with (notes_folder / "docker.md").open("a", encoding="utf-8") as notes:
        notes.write("\nVolume - хранилище под управлением Docker\n")
    window.watcher.watch(None)  # F5 itself, not the watcher, must bring the new card
    press(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: report_dialog(window) is not None, timeout=20_000)
    assert "1 new" in report_dialog(window).countsLabel.text()
    assert any("Volume" in card.front for card in collection.cards())


def test_changed_note_file_is_reimported_and_said_in_the_status_bar(
        qtbot, window, collection, notes_folder):
    done = []
    window.import_folder(notes_folder, show_report=False, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    before = sum(1 for _ in collection.cards())
    with (notes_folder / "kubernetes" / "basics.md").open("a", encoding="utf-8") as notes:
        notes.write("\nDeployment - управляет набором реплик подов\n")
    qtbot.waitUntil(lambda: "basics.md" in window.statusBar().currentMessage(), timeout=10_000)
    assert "1 new" in window.statusBar().currentMessage()
    assert sum(1 for _ in collection.cards()) == before + 1
    rows = [window.deckList.topLevelItem(i) for i in range(window.deckList.topLevelItemCount())]
    counts = {tuple(row.data(0, Qt.ItemDataRole.UserRole)): int(row.text(1)) for row in rows}
    assert counts[("kubernetes",)] == 3


def test_first_start_imports_the_bundled_decks(qtbot, window, collection):
    assert collection.decks() == []
    assert first_run_import(window)
    qtbot.waitUntil(lambda: window.deckList.topLevelItemCount() > 0, timeout=60_000)
    titles = [window.deckList.topLevelItem(i).text(0)
              for i in range(window.deckList.topLevelItemCount())]
    assert "Docker" in titles
    assert report_dialog(window) is None  # the first start opens on the decks, no report


def test_window_stays_responsive_during_an_import(qtbot, window, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    for number in range(150):
        lines = "\n".join(f"Термин {number}-{line} - определение номер {line}"
                          for line in range(40))
        (folder / f"topic{number:03}.md").write_text(f"# Тема {number}\n\n{lines}\n",
                                                      encoding="utf-8")
    done = []
    assert window.import_folder(folder, show_report=False, on_done=done.append)
    assert window.tasks.busy
    assert not window.actionImport.isEnabled()
    # The event loop keeps running while the worker imports: the progress dialog follows
    # the files as they are read.
    seen: set[tuple[int, int]] = set()

    def watch() -> bool:
        dialog = window.findChild(QProgressDialog, "progressDialog")
        if dialog is not None:
            seen.add((dialog.value(), dialog.maximum()))
        return bool(done)

    qtbot.waitUntil(watch, timeout=60_000)
    assert done[0].new == 150 * 40
    assert any(maximum == 150 and value > 0 for value, maximum in seen), seen
    # The dialog is closed when the work ends and deleted on the next turn of the loop.
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "progressDialog") is None,
                    timeout=5_000)
    assert window.actionImport.isEnabled()
    assert window.deckList.topLevelItemCount() == 150


def test_editing_the_note_of_the_card_on_screen_shows_the_new_text(
        qtbot, window, collection, notes_folder, press):
    done = []
    window.import_folder(notes_folder, show_report=False, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    window.deckList.setCurrentItem(window.deckList.topLevelItem(0))  # Docker
    window.deckList.setFocus()
    press(window, Qt.Key.Key_Return)
    card = window.review.card
    assert card is not None
    notes = notes_folder / "docker.md"
    lines = notes.read_text(encoding="utf-8").splitlines()
    term = lines[card.line - 1].split(" - ", 1)[0]
    lines[card.line - 1] = f"{term} - исправленное определение"
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "docker.md" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.review.card.id == card.id
    press(window, Qt.Key.Key_Space)
    assert "исправленное определение" in window.reviewView.toPlainText()
    press(window, Qt.Key.Key_3)
    assert collection.history(card.id)[-1].grade == 4
