"""The collection file: WAL, one process at a time, damage detection, backups, migrations."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from flashcards.app import (
    Collection,
    CollectionDamagedError,
    CollectionError,
    CollectionLockedError,
    SchemaTooNewError,
    default_db_path,
)
from flashcards.store import backup as backups
from flashcards.store.database import Store
from flashcards.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]


def make_collection(path: Path) -> None:
    notes = path.parent / "notes"
    notes.mkdir(exist_ok=True)
    (notes / "a.md").write_text("# A\n\nTerm - meaning\n\nOther - thing\n", encoding="utf-8")
    with Collection.open(path) as collection:
        collection.import_path(notes)
        card = collection.next_card()
        assert card is not None
        collection.answer(card.id, 4)


def test_new_file_uses_wal_and_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "c.sqlite"
    with Collection.open(path) as collection:
        db = collection.store.db
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert collection.store.schema_version() == SCHEMA_VERSION
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert {"cards", "decks", "review_states", "review_log", "files", "meta"} <= tables
        assert "ix_states_review_due" in tables
    assert path.exists()


def test_default_path_is_in_user_data_dir() -> None:
    path = default_db_path()
    assert path.name == "collection.sqlite"
    assert "flashcards" in path.parts


def test_second_process_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    script = textwrap.dedent(f"""
        import sys
        from flashcards.app import Collection, CollectionLockedError
        try:
            Collection.open({str(path)!r})
        except CollectionLockedError as error:
            print(error)
            sys.exit(3)
        sys.exit(0)
    """)
    with Collection.open(path) as collection:
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                cwd=REPO, timeout=60)
        assert result.returncode == 3, result.stderr
        assert "already open in another flashcards window or command" in result.stdout
        assert str(path) in result.stdout
        # The first process goes on working; the file is fine.
        assert collection.store.integrity_check() == ["ok"]
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_process_second_open_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Collection.open(path), pytest.raises(CollectionLockedError):
        Collection.open(path)


def test_damaged_file_names_file_and_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    # Reopening makes today's backup; then the file is overwritten with garbage.
    with Collection.open(path):
        pass
    [newest] = backups.list_backups(path)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CollectionDamagedError) as error:
        Collection.open(path)
    message = str(error.value)
    assert str(path) in message and str(newest) in message
    # The backup is a complete, healthy collection.
    restored = sqlite3.connect(newest)
    assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert restored.execute("SELECT count(*) FROM review_log").fetchone() == (1,)
    restored.close()


def test_damaged_pages_are_found_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    size = path.stat().st_size
    with path.open("r+b") as file:  # scribble over the pages after the header page
        file.seek(4096)
        file.write(b"\xff" * (size - 4096))
    # As if the last session died: the lock file still says "open".
    (tmp_path / "c.sqlite.lock").write_text("open 12345\n")
    with pytest.raises(CollectionDamagedError, match="is damaged") as error:
        Collection.open(path)
    assert "no automatic backup" in str(error.value)


def test_backups_once_a_day_keep_seven(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    (tmp_path / "backups").mkdir(exist_ok=True)
    stale = tmp_path / "backups" / "c-2025-12-31.sqlite.partial"
    stale.write_bytes(b"cut short")
    os.utime(stale, (0, 0))  # written long ago
    with Collection.open(path) as collection:
        store = collection.store
        first = date(2026, 1, 1)
        for offset in range(10):
            store.backup_now(first + timedelta(days=offset))
        assert store.backup_now(first + timedelta(days=9)) is None  # already done that day
    names = [backup.name for backup in backups.list_backups(path)]
    assert len(names) == 7
    assert names[0] == "c-2026-01-10.sqlite" or names[0].startswith(f"c-{date.today()}")
    assert "c-2026-01-01.sqlite" not in names
    assert not stale.exists()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNewError, match="newer flashcards"):
        Collection.open(path)


def test_migration_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)

    def add_note_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE cards ADD COLUMN learner_note TEXT NOT NULL DEFAULT ''")

    with Collection.open(path) as collection:
        store: Store = collection.store
        store.migrate(SCHEMA_VERSION, {SCHEMA_VERSION: add_note_column}, SCHEMA_VERSION + 1)
        assert store.schema_version() == SCHEMA_VERSION + 1
        rows = store.db.execute("SELECT front, learner_note FROM cards ORDER BY front").fetchall()
        assert rows == [("Other", ""), ("Term", "")]
        assert store.db.execute("SELECT count(*) FROM review_log").fetchone() == (1,)
        # A missing step stops with a clear error and leaves the version alone.
        with pytest.raises(SchemaTooNewError, match="no migration"):
            store.migrate(SCHEMA_VERSION + 1, {}, SCHEMA_VERSION + 3)
        assert store.schema_version() == SCHEMA_VERSION + 1


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE cards ADD COLUMN extra TEXT")
        raise RuntimeError("migration bug")

    with Collection.open(path) as collection:
        with pytest.raises(RuntimeError, match="migration bug"):
            collection.store.migrate(SCHEMA_VERSION, {SCHEMA_VERSION: half_done},
                                     SCHEMA_VERSION + 1)
        columns = [row[1] for row in collection.store.db.execute("PRAGMA table_info(cards)")]
        assert "extra" not in columns
        assert collection.store.schema_version() == SCHEMA_VERSION


def test_close_folds_the_wal_back(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert (tmp_path / "c.sqlite.lock").read_text().strip() == "closed"


def test_other_sqlite_database_is_not_taken_for_a_collection(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    other.execute("INSERT INTO notes (text) VALUES ('keep me')")
    other.commit()
    other.close()
    with pytest.raises(CollectionError, match="not a flashcards collection"):
        Collection.open(path)
    other = sqlite3.connect(path)
    assert other.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    other.close()


def test_damage_found_by_the_background_check_is_never_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    make_collection(path)
    with Collection.open(path):
        pass  # today's backup, from the healthy file
    [good] = backups.list_backups(path)
    good.unlink()  # as if it were yesterday's: today's is due again
    yesterday = good.with_name("c-2000-01-01.sqlite")
    with sqlite3.connect(path) as db:
        db.execute("VACUUM INTO ?", (str(yesterday),))
    size = path.stat().st_size
    with path.open("r+b") as file:  # damage pages the open itself does not read
        file.seek(size - 4096)
        file.write(b"\xff" * 4096)
    try:
        with Collection.open(path):
            pass
    except CollectionDamagedError:
        pass  # the damage may also show while opening; then nothing is backed up either
    assert backups.list_backups(path) == [yesterday]
    with pytest.raises(CollectionDamagedError, match="is damaged") as error:
        Collection.open(path)
    assert str(yesterday) in str(error.value)


def test_card_rows_get_their_states_only_when_their_block_ends(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite") as collection:
        store = collection.store
        columns = ("id", "note_id", "kind", "source", "line", "ordinal", "front", "back",
                   "context", "tags", "cloze_text")
        row = ("c1", "n1", "definition", "a.md", 3, 0, "Term", "meaning", "[]", "[]", "")
        with pytest.raises(RuntimeError, match="new_card_rows"), store.transaction():
            store.insert_card_rows(columns, [row], 1, 1, 0)
        with pytest.raises(RuntimeError, match="inside a transaction"), store.new_card_rows():
            pass
        with pytest.raises(OSError), store.transaction(), store.new_card_rows():
            store.insert_card_rows(columns, [row], 1, 1, 0)
            raise OSError("disk full")  # rolls back: no card and no state
        assert store.db.execute("SELECT count(*) FROM cards").fetchone() == (0,)
        deck = store.ensure_deck(["a"])
        with store.transaction(), store.new_card_rows():
            store.insert_card_rows(columns, [row, ("c0", "n0", *row[2:4], 5, 1, *row[6:])],
                                   deck, 7, 0)
            assert store.db.execute("SELECT count(*) FROM review_states").fetchone() == (0,)
        assert store.db.execute(
            "SELECT card_id, deck_id, queue, position FROM review_states ORDER BY position"
        ).fetchall() == [("c1", deck, 0, (7 << 22) | (3 << 6)),
                         ("c0", deck, 0, (7 << 22) | (5 << 6) | 1)]
