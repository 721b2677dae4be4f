"""Daily backups with SQLite's online backup API, keeping the newest seven."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

KEEP_BACKUPS = 7
STALE_PARTIAL_SECONDS = 3600


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _backup_name(db_path: Path, day: date) -> str:
    return f"{db_path.stem}-{day.isoformat()}.sqlite"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this collection, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    prefix = f"{db_path.stem}-"
    found = [
        entry
        for entry in folder.iterdir()
        if entry.name.startswith(prefix)
        and entry.suffix == ".sqlite"
        and len(entry.name) == len(prefix) + len("YYYY-MM-DD.sqlite")
    ]
    return sorted(found, key=lambda entry: entry.name, reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def suspect_marker(db_path: Path) -> Path:
    """Exists when a background check found the file damaged."""
    return db_path.with_name(db_path.name + ".suspect")


def backup_due(db_path: Path, today: date) -> bool:
    return not (backup_dir(db_path) / _backup_name(db_path, today)).exists()


def start_daily_backup(db_path: Path, today: date) -> threading.Thread | None:
    """Make today's backup in a background thread (own read connection), if not done yet.

    Opening a 100,000-card collection must not wait for a copy of it; WAL lets this
    reader copy a consistent snapshot while the learner already studies.
    """
    if not backup_due(db_path, today):
        return None

    def run() -> None:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            # A damaged file must never replace good backups: check it first (100 ms for
            # 100,000 cards, off the learner's thread). If it fails, the next open runs
            # the full integrity check and names the newest backup.
            if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
                suspect_marker(db_path).touch()
                return
            make_daily_backup(source, db_path, today)
        except sqlite3.DatabaseError:
            suspect_marker(db_path).touch()
        except sqlite3.Error:
            pass  # a failed backup must not disturb studying; the next open retries
        finally:
            source.close()

    thread = threading.Thread(target=run, name="flashcards-backup", daemon=True)
    thread.start()
    return thread


def make_daily_backup(connection: sqlite3.Connection, db_path: Path, today: date) -> Path | None:
    """Back up once per day (no-op if today's exists); returns the new backup's path."""
    target = backup_dir(db_path) / _backup_name(db_path, today)
    if target.exists():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    destination = sqlite3.connect(partial)
    try:
        connection.backup(destination)
    finally:
        destination.close()
    # A backup is either complete or absent: write aside, then rename.
    os.replace(partial, target)
    for old in list_backups(db_path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    # Copies cut short by a killed process earlier (not one being written right now).
    for stale in target.parent.glob(f"{db_path.stem}-*.sqlite.partial"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > STALE_PARTIAL_SECONDS:
                stale.unlink()
    return target
