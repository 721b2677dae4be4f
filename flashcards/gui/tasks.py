"""Long work (import, export) on a worker thread, with an optional progress dialog.

One task at a time: the collection is not meant to be driven from two threads at once,
so while a task runs the window keeps painting but does not touch the collection.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

# A progress callback as the application layer calls it: (done, total) and an optional label.
ProgressCallback = Callable[..., None]


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)

    def __init__(self, work: Callable[[ProgressCallback], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work

    def _report(self, done: Any = 0, total: Any = 0, label: Any = "", *_rest: Any) -> None:
        try:
            self.progressed.emit(int(done), int(total), str(label or ""))
        except (TypeError, ValueError):
            self.progressed.emit(0, 0, str(done))

    def run(self) -> None:
        try:
            result = self._work(self._report)
        except Exception as error:  # noqa: BLE001 - shown to the user, never lost
            self.failed.emit(error, traceback.format_exc())
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs `work(progress)` off the GUI thread; results come back on the GUI thread."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def run(
        self,
        work: Callable[[ProgressCallback], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        progress_title: str | None = None,
    ) -> bool:
        """Start `work`; False (and nothing started) when another task is running.

        With `progress_title`, a modal progress dialog appears if the work lasts more
        than half a second, so small imports do not flash a dialog.
        """
        if self._worker is not None:
            return False
        worker = _Worker(work, self)
        self._worker = worker
        if progress_title is not None:
            dialog = QProgressDialog(progress_title, "", 0, 0, self._parent)
            dialog.setObjectName("progressDialog")
            dialog.setWindowTitle(progress_title)
            dialog.setCancelButton(None)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(500)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setValue(0)
            self._dialog = dialog
            worker.progressed.connect(self._show_progress)

        def finish() -> None:
            if self._dialog is not None:
                self._dialog.close()
                self._dialog.deleteLater()
                self._dialog = None
            worker.wait()
            worker.deleteLater()
            self._worker = None
            self.busyChanged.emit(False)

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(error: BaseException, details: str) -> None:
            finish()
            on_error(error, details)

        worker.succeeded.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.busyChanged.emit(True)
        worker.start()
        return True

    def _show_progress(self, done: int, total: int, label: str) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if label:
            dialog.setLabelText(label)

    def wait(self) -> None:
        """Block until the running task ends (used when the window closes)."""
        if self._worker is not None:
            self._worker.wait()
