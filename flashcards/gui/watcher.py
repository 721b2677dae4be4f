"""Watch the imported notes folder; report changed Markdown files once edits settle."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

NOTE_SUFFIXES = {".md", ".markdown"}
# Editors save in bursts (write, rename, touch): wait for quiet before re-importing.
SETTLE_MS = 400
# Folders nobody keeps notes in; watching them only burns file handles.
_SKIPPED_DIRS = {".git", ".obsidian", ".trash", "node_modules", "__pycache__"}


class NotesWatcher(QObject):
    """Emits `changed` with the note files that changed since the last emission."""

    changed = Signal(list)  # list[Path]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._directory_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._emit)
        self._pending: set[Path] = set()
        self._root: Path | None = None
        self._known: dict[Path, float] = {}

    @property
    def root(self) -> Path | None:
        return self._root

    def watch(self, root: Path | None) -> None:
        """Watch `root` (a folder or one note file); None stops watching."""
        self._clear()
        self._root = root
        if root is not None and root.exists():
            self._rescan()

    def _clear(self) -> None:
        for paths in (self._watcher.files(), self._watcher.directories()):
            if paths:
                self._watcher.removePaths(paths)
        self._known = {}
        self._pending.clear()

    def _scan(self) -> tuple[list[Path], list[Path]]:
        root = self._root
        if root is None:
            return [], []
        if root.is_file():
            return [], [root]
        directories: list[Path] = []
        files: list[Path] = []
        for current, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS)
            directories.append(Path(current))
            files.extend(Path(current) / name for name in sorted(filenames)
                         if Path(name).suffix.lower() in NOTE_SUFFIXES)
        return directories, files

    def _rescan(self) -> set[Path]:
        """(Re)watch everything under the root; return files that are new or changed."""
        directories, files = self._scan()
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [str(p) for p in [*directories, *files] if str(p) not in watched]
        if missing:
            self._watcher.addPaths(missing)
        changed: set[Path] = set()
        current: dict[Path, float] = {}
        for path in files:
            try:
                current[path] = path.stat().st_mtime
            except OSError:
                continue
            if self._known.get(path) != current[path]:
                changed.add(path)
        # Deleted files matter too: their cards retire on re-import.
        changed.update(path for path in self._known if path not in current)
        self._known = current
        return changed

    def _file_changed(self, path: str) -> None:
        self._pending.add(Path(path))
        self._timer.start()

    def _directory_changed(self, _path: str) -> None:
        self._timer.start()

    def _emit(self) -> None:
        # A save by rename drops the file from the watcher: rescanning re-adds it.
        changed = self._rescan() | {p for p in self._pending if p.suffix.lower() in
                                    NOTE_SUFFIXES}
        self._pending.clear()
        if changed:
            self.changed.emit(sorted(changed))
