"""Shared test setup: Qt runs headless, and no test touches the learner's real files."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

# Before anything imports Qt: without a display Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The default database (platformdirs) and QSettings live under these: point them at a
# throw-away folder so a test can never read or change a real collection or settings.
_isolated_home = tempfile.mkdtemp(prefix="flashcards-tests-")
atexit.register(shutil.rmtree, _isolated_home, True)
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = os.path.join(_isolated_home, _variable.lower())
# An editor the learner configured must not pop up during tests.
for _variable in ("VISUAL", "EDITOR", "FLASHCARDS_EDITOR"):
    os.environ.pop(_variable, None)


# --------------------------------------------------------------------------- GUI helpers
# Qt is imported lazily so test modules that never touch Qt do not load it.

DOCKER_NOTES = """\
# Docker

## Основы

Image - неизменяемый шаблон контейнера из слоёв только для чтения
Container - запущенный экземпляр образа со своим слоем для записи
Registry - хранилище образов

## Команды

`docker ps` - список запущенных контейнеров
"""

K8S_NOTES = """\
# Kubernetes

Pod - наименьшая единица развёртывания: один или несколько контейнеров
Service - постоянный адрес для набора подов
"""


@pytest.fixture
def notes_folder(tmp_path: Path) -> Path:
    """A small notes folder: two decks of Russian notes, like a learner's."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "docker.md").write_text(DOCKER_NOTES, encoding="utf-8")
    (folder / "kubernetes").mkdir()
    (folder / "kubernetes" / "basics.md").write_text(K8S_NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def editor_recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Makes the learner's editor a script that writes its arguments to the returned file."""
    record = tmp_path / "editor-args.txt"
    script = tmp_path / "record_editor.py"
    script.write_text(textwrap.dedent(f"""\
        import sys
        with open({str(record)!r}, "w", encoding="utf-8") as out:
            out.write("\\n".join(sys.argv[1:]))
        """), encoding="utf-8")
    monkeypatch.setenv("FLASHCARDS_EDITOR", f"{sys.executable} {script}")
    return record


@pytest.fixture
def press():
    """press(window, key, modifiers=None): one key where the keyboard focus is.

    QTest delivers it like a real keyboard (shortcut override first, so window shortcuts
    fire). Only key codes: QTest's text helpers abort the process on Cyrillic.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def press_key(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, key, modifiers)
        QApplication.processEvents()

    return press_key


@pytest.fixture
def show_active(qtbot):
    """show_active(window): show it and wait until it has the keyboard, as a person's
    window does; keys sent before that would go nowhere."""
    from PySide6.QtWidgets import QApplication

    def show(window) -> None:
        window.show()
        window.raise_()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)

    return show
