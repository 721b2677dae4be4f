"""One process per collection: an exclusive OS lock on `<db>.lock` next to the file.

The lock file also says whether the last session closed cleanly ("closed") or died
("open ..."), so a reopen after a crash knows to run the full integrity check.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flashcards.store.errors import CollectionLockedError


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class CollectionLock:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self.previous_session_crashed = False

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = _read(fd)
            os.close(fd)
            detail = f" (process {holder.split()[1]})" if holder.startswith("open ") else ""
            raise CollectionLockedError(
                f"The collection {self.path.with_suffix('')} is already open in another "
                f"flashcards window or command{detail}. Close it there and try again."
            )
        self._fd = fd
        self.previous_session_crashed = _read(fd).startswith("open")
        _write(fd, f"open {os.getpid()}\n")

    def release(self, clean: bool = True) -> None:
        if self._fd is None:
            return
        if clean:
            _write(self._fd, "closed\n")
        os.close(self._fd)  # closing the descriptor releases the lock
        self._fd = None


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 200).decode("ascii", "replace").strip()


_RECORD = 32


def _write(fd: int, text: str) -> None:
    # A fixed-size record written in place: truncating the file would cost a journal
    # commit of the file system on every open and close.
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode("ascii").ljust(_RECORD)[:_RECORD])
