"""`Store`: the one place that reads and writes the collection file.

The schema comes from SQLModel (`flashcards.store.schema`). The study loop's queries are
hand-written SQL on the DBAPI connection SQLAlchemy opened, because they run on every
card and the ORM's per-row cost would make the queue slower than Anki's; bulk writes
are `executemany`. Transactions are explicit (`BEGIN IMMEDIATE` ... `COMMIT`): an answer
is durable when `record_answer` returns, and an import is all or nothing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from flashcards.store import backup as backups
from flashcards.store.errors import (
    CollectionDamagedError,
    CollectionError,
    SchemaTooNewError,
)
from flashcards.store.lock import CollectionLock
from flashcards.store.schema import (
    MIGRATIONS,
    QUEUE_NEW,
    QUEUE_RETIRED,
    QUEUE_REVIEW,
    QUEUE_SUSPENDED,
    SCHEMA_VERSION,
    metadata,
)

DECK_SEPARATOR = "\x1f"
SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite allows 32766 variables; stay well below for IN (...) lists.
CHUNK = 900


def deck_key(names: Sequence[str]) -> str:
    return DECK_SEPARATOR.join(names)


def position_of(file_id: int, line: int, ordinal: int) -> int:
    """Note order as one integer: file (in import order), line, then direction/cloze."""
    return (file_id << 22) | (min(max(line, 0), 0xFFFF) << 6) | min(max(ordinal, 0), 63)


@dataclass(frozen=True)
class StateRow:
    """A `review_states` row without its keys: SM-2 state plus queue bookkeeping."""

    queue: int = QUEUE_NEW
    repetitions: int = 0
    ease: float = 2.5
    interval: int = 0
    due: int | None = None
    lapses: int = 0
    last_review: int | None = None
    repeat_day: int | None = None
    repeat_due_at: int | None = None
    buried_day: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> StateRow:
        return cls(**json.loads(text))


STATE_COLUMNS = tuple(field.name for field in fields(StateRow))


@dataclass(slots=True)
class CardRecord:
    id: str
    note_id: str
    kind: str
    deck_id: int
    file_id: int | None
    source: str
    line: int
    ordinal: int
    front: str
    back: str
    context: list[str]
    tags: list[str]
    cloze_text: str
    front_key: str
    retired: bool
    suspended: bool
    state: StateRow
    # Unix ms, UTC: when the card's text last changed. Read from the file; writes stamp
    # the time of the write themselves.
    modified_at: int = 0


CARD_COLUMNS = (
    "c.id, c.note_id, c.kind, c.deck_id, c.file_id, c.source, c.line, c.ordinal, c.front, "
    "c.back, c.context, c.tags, c.cloze_text, c.front_key, c.retired, c.suspended, "
    "c.modified_at, "
    + ", ".join(f"s.{name}" for name in STATE_COLUMNS)
)
CARD_FROM = "cards c JOIN review_states s ON s.card_id = c.id"


def _card_from_row(row: Sequence[Any]) -> CardRecord:
    return CardRecord(
        id=row[0], note_id=row[1], kind=row[2], deck_id=row[3], file_id=row[4],
        source=row[5], line=row[6], ordinal=row[7], front=row[8], back=row[9],
        context=json.loads(row[10]), tags=json.loads(row[11]), cloze_text=row[12],
        front_key=row[13], retired=bool(row[14]), suspended=bool(row[15]),
        modified_at=row[16], state=StateRow(*row[17:]),
    )


# Indexes that every new card touches, rebuilt after a big first import.
BULK_INSERT_INDEXES = ("ix_cards_file_id", "ix_states_new_position")
# Columns `Store.insert_card_rows` takes from a row (the rest it fills in itself).
ROW_COLUMNS_ALLOWED = frozenset((
    "id", "note_id", "kind", "source", "line", "ordinal", "front", "back", "context", "tags",
    "cloze_text",
))
# A new card as `Store.insert_new_cards` takes it: id, note_id, kind, deck_id, file_id,
# source, line, ordinal, front, back, context, tags, cloze_text, state, position.
NewCardRow = tuple[str, str, str, int, int | None, str, int, int, str, str, list[str],
                   list[str], str, StateRow, int]


class DeckInfo(NamedTuple):
    # A named tuple: a collection of a thousand note files has a thousand decks, all
    # read at open.
    id: int
    names: tuple[str, ...]
    title: str | None


@dataclass(frozen=True)
class FileRecord:
    id: int
    path: str
    digest: str


@dataclass(frozen=True)
class LogRecord:
    id: int
    card_id: str
    reviewed_at: int
    day: int
    grade: int
    elapsed_ms: int | None
    kind: int
    before: StateRow
    after: StateRow


@dataclass(frozen=True)
class QueueEntry:
    card_id: str
    deck_id: int
    note_id: str
    due: int | None = None
    position: int = 0
    # The card's full row (CARD_COLUMNS), read with the queue so showing it costs no query.
    row: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[int, int]:
        return (self.due or 0, self.position)

    def record(self) -> CardRecord | None:
        return None if self.row is None else _card_from_row(self.row)


def damaged_error(path: Path, detail: str) -> CollectionDamagedError:
    """The error for a damaged file: names it and the newest automatic backup."""
    newest = backups.newest_backup(path)
    if newest is None:
        advice = "There is no automatic backup of it yet."
    else:
        advice = (
            f"The newest automatic backup is {newest}; to restore it, close flashcards and "
            f"copy it over {path.name}."
        )
    return CollectionDamagedError(f"The collection file {path} is damaged ({detail}). {advice}")


class Store:
    def __init__(self, path: Path, engine: Engine, sa_connection: Connection,
                 lock: CollectionLock) -> None:
        self.path = path
        self._engine = engine
        self._sa = sa_connection
        db = sa_connection.connection.driver_connection
        assert isinstance(db, sqlite3.Connection)
        self.db: sqlite3.Connection = db
        self._lock = lock
        self._in_transaction = False
        # Inside `new_card_rows`: the last rowid of `cards` before the block.
        self._card_rows_after: int | None = None
        self._backup_thread: threading.Thread | None = None

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, today: date) -> Store:
        path = Path(path).expanduser().absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = CollectionLock(path)
        lock.acquire()
        try:
            store = cls._connect(path, lock)
        except BaseException:
            lock.release(clean=False)
            raise
        try:
            store._prepare(today)
        except BaseException:
            store._close_connection()
            lock.release(clean=False)
            raise
        return store

    @classmethod
    def _connect(cls, path: Path, lock: CollectionLock) -> Store:
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            with path.open("rb") as file:
                header = file.read(len(SQLITE_HEADER))
            if header != SQLITE_HEADER:
                raise damaged_error(path, "it is not an SQLite database")
        engine = create_engine(
            f"sqlite:///{path}",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False, "isolation_level": None},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 5000")
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts; a committed answer survives a killed
            # process (only a power cut may lose the last commits).
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        try:
            sa_connection = engine.connect()
        except Exception as error:
            engine.dispose()
            raise damaged_error(path, str(getattr(error, "orig", error))) from error
        return cls(path, engine, sa_connection, lock)

    def _prepare(self, today: date) -> None:
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            has_tables = self.db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            suspect = backups.suspect_marker(self.path)
            if has_tables and (self._lock.previous_session_crashed or suspect.exists()):
                self._check_integrity()
                suspect.unlink(missing_ok=True)
        except sqlite3.DatabaseError as error:
            raise damaged_error(self.path, str(error)) from error
        if not has_tables:
            with self.transaction():
                metadata.create_all(self._sa)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._sa.commit()
            return
        if version == 0 or not self._has_table("review_log"):
            raise CollectionError(
                f"{self.path} is an SQLite database but not a flashcards collection; "
                "choose another file (--db PATH)."
            )
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"The collection {self.path} was written by a newer flashcards (schema "
                f"{version}, this version reads up to {SCHEMA_VERSION}). Update flashcards."
            )
        if version < SCHEMA_VERSION:
            # Keep the file as it was before changing its schema.
            backups.make_daily_backup(self.db, self.path, today)
            self.migrate(version)
        self._backup_thread = backups.start_daily_backup(self.path, today)

    def migrate(self, version: int, migrations: dict[int, Any] | None = None,
                target: int = SCHEMA_VERSION) -> None:
        """Bring a file from `version` to `target`, all steps in one transaction."""
        steps = MIGRATIONS if migrations is None else migrations
        with self.transaction():
            while version < target:
                step = steps.get(version)
                if step is None:
                    raise SchemaTooNewError(f"no migration from schema {version} in {self.path}")
                step(self.db)
                version += 1
            self.db.execute(f"PRAGMA user_version = {int(target)}")

    def _has_table(self, name: str) -> bool:
        return self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone() is not None

    def _check_integrity(self) -> None:
        rows = self.db.execute("PRAGMA integrity_check").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            detail = "; ".join(str(row[0]) for row in rows[:3])
            raise damaged_error(self.path, f"integrity check: {detail}")

    def integrity_check(self) -> list[str]:
        return [row[0] for row in self.db.execute("PRAGMA integrity_check")]

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def backup_now(self, today: date) -> Path | None:
        return backups.make_daily_backup(self.db, self.path, today)

    def _close_connection(self) -> None:
        self._sa.close()
        self._engine.dispose()

    def close(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread.join()
        # Fold the WAL back so the file alone is the collection (backups, copies).
        with suppress(sqlite3.Error):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._close_connection()
        self._lock.release(clean=True)

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def bulk_cache(self, megabytes: int = 64) -> Iterator[None]:
        """A bigger page cache while writing many rows (the indexes are updated at random
        places); studying needs only the small default and keeps memory low."""
        previous = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {-megabytes * 1024}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(previous)}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self._in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._in_transaction = False

    # -- meta and settings --------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, values: dict[str, str]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    # -- decks --------------------------------------------------------------------------

    def decks(self) -> dict[int, DeckInfo]:
        return {
            deck_id: DeckInfo(deck_id, tuple(path.split(DECK_SEPARATOR)) if path else (), title)
            for deck_id, path, title in self.db.execute("SELECT id, path, title FROM decks")
        }

    def ensure_deck(self, names: Sequence[str], title: str | None = None) -> int:
        key = deck_key(names)
        row = self.db.execute("SELECT id, title FROM decks WHERE path = ?", (key,)).fetchone()
        if row is not None:
            if title is not None and title != row[1]:
                self.db.execute("UPDATE decks SET title = ? WHERE id = ?", (title, row[0]))
            return int(row[0])
        cursor = self.db.execute("INSERT INTO decks (path, title) VALUES (?, ?)", (key, title))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # -- cards --------------------------------------------------------------------------

    def resolve_id(self, card_id: str) -> str | None:
        row = self.db.execute("SELECT id FROM cards WHERE id = ?", (card_id,)).fetchone()
        if row is not None:
            return str(row[0])
        row = self.db.execute(
            "SELECT card_id FROM card_aliases WHERE draft_id = ?", (card_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def card(self, card_id: str) -> CardRecord | None:
        row = self.db.execute(f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.id = ?",
                              (card_id,)).fetchone()
        return None if row is None else _card_from_row(row)

    def cards_by_ids(self, card_ids: Iterable[str]) -> dict[str, CardRecord]:
        found: dict[str, CardRecord] = {}
        for chunk in _chunks(list(card_ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.id IN ({marks})", chunk
            ):
                record = _card_from_row(row)
                found[record.id] = record
        return found

    def cards_of_files(self, file_ids: Iterable[int]) -> list[CardRecord]:
        found: list[CardRecord] = []
        for chunk in _chunks(list(file_ids)):
            marks = ",".join("?" * len(chunk))
            found.extend(
                _card_from_row(row)
                for row in self.db.execute(
                    f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.file_id IN ({marks})", chunk
                )
            )
        return found

    def retired_cards_by_front_keys(self, keys: Iterable[str]) -> list[CardRecord]:
        found: list[CardRecord] = []
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            found.extend(
                _card_from_row(row)
                for row in self.db.execute(
                    f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} "
                    f"WHERE c.retired = 1 AND c.front_key IN ({marks})",
                    chunk,
                )
            )
        return found

    def aliases(self, draft_ids: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.db.execute("SELECT 1 FROM card_aliases LIMIT 1").fetchone() is None:
            return found
        for chunk in _chunks(list(draft_ids)):
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(
                f"SELECT draft_id, card_id FROM card_aliases WHERE draft_id IN ({marks})", chunk
            ))
        return found

    def has_cards(self) -> bool:
        return self.db.execute("SELECT 1 FROM cards LIMIT 1").fetchone() is not None

    def has_retired_cards(self) -> bool:
        return self.db.execute(
            f"SELECT 1 FROM review_states WHERE queue = {QUEUE_RETIRED} LIMIT 1"
        ).fetchone() is not None

    def iter_cards(self, deck_ids: Sequence[int] | None, include_retired: bool,
                   batch: int = 2000) -> Iterator[CardRecord]:
        where = [] if include_retired else ["c.retired = 0"]
        params: list[Any] = []
        if deck_ids is not None:
            where.append(f"c.deck_id IN ({','.join('?' * len(deck_ids))})")
            params.extend(deck_ids)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        cursor = self.db.execute(
            f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} {clause} ORDER BY s.position", params
        )
        while rows := cursor.fetchmany(batch):
            yield from (_card_from_row(row) for row in rows)

    def search(self, text: str, include_retired: bool, limit: int) -> list[CardRecord]:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        retired = "" if include_retired else "AND c.retired = 0"
        rows = self.db.execute(
            f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} JOIN decks d ON d.id = c.deck_id "
            f"WHERE (c.front LIKE :p ESCAPE '\\' OR c.back LIKE :p ESCAPE '\\' "
            f"OR d.path LIKE :p ESCAPE '\\') {retired} ORDER BY s.position LIMIT :limit",
            {"p": pattern, "limit": limit},
        )
        return [_card_from_row(row) for row in rows]

    # -- the queue ----------------------------------------------------------------------

    # A review card due today for the queue and the counts: not buried, no repeat pending.
    # Its three parameters are today's study day.
    _DUE_TODAY = (f"s.queue = {QUEUE_REVIEW} AND s.due <= ? "
                  "AND (s.repeat_day IS NULL OR s.repeat_day <> ?) "
                  "AND (s.buried_day IS NULL OR s.buried_day <> ?)")

    def due_reviews(self, today: int, deck_ids: Sequence[int] | None, limit: int,
                    after: tuple[int, int] | None = None) -> list[QueueEntry]:
        """Review cards due by `today`, most overdue first, after the key `(due, position)`."""
        deck_clause, params = _deck_clause(deck_ids)
        after_clause = "" if after is None else "AND (due, position) > (?, ?)"
        deck_clause = deck_clause.replace("deck_id", "s.deck_id")
        rows = self.db.execute(
            f"SELECT s.card_id, s.deck_id, s.note_id, s.due, s.position, {CARD_COLUMNS} "
            f"FROM review_states s JOIN cards c ON c.id = s.card_id "
            f"WHERE {self._DUE_TODAY} "
            f"{after_clause.replace('(due, position)', '(s.due, s.position)')} {deck_clause} "
            "ORDER BY s.due, s.position LIMIT ?",
            (today, today, today, *(after or ()), *params, limit),
        )
        return [QueueEntry(row[0], row[1], row[2], row[3], row[4], row=row[5:]) for row in rows]

    def notes_due(self, today: int) -> list[str]:
        """Notes with a review card due by `today` (not buried, no repeat pending): what
        the deck counts count as due (`Collection.note_contribution`)."""
        return [row[0] for row in self.db.execute(
            f"SELECT DISTINCT s.note_id FROM review_states s WHERE {self._DUE_TODAY}",
            (today, today, today))]

    def new_cards(self, today: int, deck_ids: Sequence[int] | None, limit: int,
                  after: tuple[int, int] | None = None) -> list[QueueEntry]:
        """New cards in note order, after the key `(0, position)`."""
        deck_clause, params = _deck_clause(deck_ids)
        after_clause = "" if after is None else "AND position > ?"
        deck_clause = deck_clause.replace("deck_id", "s.deck_id")
        rows = self.db.execute(
            f"SELECT s.card_id, s.deck_id, s.note_id, 0, s.position, {CARD_COLUMNS} "
            f"FROM review_states s JOIN cards c ON c.id = s.card_id "
            f"WHERE s.queue = {QUEUE_NEW} {after_clause.replace('position', 's.position')} "
            f"{deck_clause} AND (s.buried_day IS NULL OR s.buried_day <> ?) "
            "ORDER BY s.position LIMIT ?",
            (*(after[1:] if after else ()), *params, today, limit),
        )
        return [QueueEntry(row[0], row[1], row[2], row[3], row[4], row=row[5:]) for row in rows]

    def day_repeats(self, today: int) -> list[tuple[QueueEntry, int]]:
        """Cards waiting for a same-day repeat, with the time (ms) they are due again.

        A card buried for today waits for tomorrow even when a repeat was due.
        """
        rows = self.db.execute(
            "SELECT card_id, deck_id, note_id, due, position, repeat_due_at FROM review_states "
            "WHERE repeat_day = ? AND queue >= 0 AND (buried_day IS NULL OR buried_day != ?)",
            (today, today),
        )
        return [(QueueEntry(*row[:5]), int(row[5] or 0)) for row in rows]

    def day_activity(self, day: int) -> list[tuple[str, int, str, int]]:
        """(card id, deck id, note id, log kind) of every answer logged on a study day."""
        return self.db.execute(
            "SELECT l.card_id, s.deck_id, s.note_id, l.kind FROM review_log l "
            "JOIN review_states s ON s.card_id = l.card_id WHERE l.day = ? ORDER BY l.id",
            (day,),
        ).fetchall()

    def note_states(self, file_id: int | None, note_id: str, card_id: str
                    ) -> list[tuple[str, StateRow]]:
        """(card id, state) of every card of a note (the card and its siblings)."""
        if file_id is None or not note_id:
            state = self.state(card_id)
            return [] if state is None else [(card_id, state)]
        rows = self.db.execute(
            f"SELECT s.card_id, {', '.join(f's.{name}' for name in STATE_COLUMNS)} "
            "FROM cards c JOIN review_states s ON s.card_id = c.id "
            "WHERE c.file_id = ? AND c.note_id = ?",
            (file_id, note_id),
        )
        return [(row[0], StateRow(*row[1:])) for row in rows]

    def state(self, card_id: str) -> StateRow | None:
        row = self.db.execute(
            f"SELECT {', '.join(STATE_COLUMNS)} FROM review_states WHERE card_id = ?",
            (card_id,),
        ).fetchone()
        return None if row is None else StateRow(*row)

    def record_answer(self, card_id: str, before: StateRow, after: StateRow, reviewed_at: int,
                      day: int, grade: int, elapsed_ms: int | None, kind: int) -> int:
        """Write the new state and its log entry in one transaction; returns the log id."""
        with self.transaction() as db:
            _write_state(db, card_id, after)
            cursor = db.execute(
                "INSERT INTO review_log (card_id, reviewed_at, day, grade, elapsed_ms, kind, "
                "state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (card_id, reviewed_at, day, grade, elapsed_ms, kind, before.to_json(),
                 after.to_json()),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def undo_answer(self, log_id: int) -> str | None:
        """Restore the state before a logged answer and delete the entry.

        The card's flags win over the restored queue: a card suspended or retired since
        the answer stays out of the queue.
        """
        row = self.db.execute(
            "SELECT card_id, state_before FROM review_log WHERE id = ?", (log_id,)
        ).fetchone()
        if row is None:
            return None
        card_id, before = row[0], StateRow.from_json(row[1])
        with self.transaction() as db:
            _write_state(db, card_id, before)
            _sync_queue(db, [card_id])
            db.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
        return str(card_id)

    def set_suspended(self, card_id: str, suspended: bool) -> None:
        with self.transaction() as db:
            db.execute("UPDATE cards SET suspended = ? WHERE id = ?", (int(suspended), card_id))
            _sync_queue(db, [card_id])

    def set_buried(self, card_id: str, day: int | None) -> None:
        with self.transaction() as db:
            db.execute("UPDATE review_states SET buried_day = ? WHERE card_id = ?",
                       (day, card_id))

    # -- history and figures -------------------------------------------------------------

    def history(self, card_id: str) -> list[LogRecord]:
        rows = self.db.execute(
            "SELECT id, card_id, reviewed_at, day, grade, elapsed_ms, kind, state_before, "
            "state_after FROM review_log WHERE card_id = ? ORDER BY id",
            (card_id,),
        )
        return [
            LogRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                      StateRow.from_json(row[7]), StateRow.from_json(row[8]))
            for row in rows
        ]

    def counts_by_deck(self, today: int) -> dict[int, dict[str, int]]:
        """Per deck id: new, learning (repeats left today), due, total active cards.

        New and due count what the queue will show: one card per note (siblings wait for
        another day; a note with a due card counts as due), nothing of a note answered
        today but that card itself, nothing buried. `Collection` follows answers with
        `note_contribution`, which must keep to the same rules.
        """
        not_buried = "(buried_day IS NULL OR buried_day <> :today)"
        not_repeat = "(repeat_day IS NULL OR repeat_day <> :today)"
        note_key = "coalesce(nullif(note_id, ''), card_id)"
        counts: dict[int, dict[str, int]] = {}

        def figures(deck_id: int) -> dict[str, int]:
            return counts.setdefault(deck_id, {"new": 0, "learning": 0, "due": 0, "total": 0})

        for deck_id, total in self.db.execute(
                f"SELECT deck_id, count(*) FROM review_states WHERE queue <> {QUEUE_RETIRED} "
                "GROUP BY deck_id"):
            figures(deck_id)["total"] = total
        for deck_id, learning in self.db.execute(
                "SELECT deck_id, count(*) FROM review_states "
                f"WHERE repeat_day = :today AND queue >= 0 AND {not_buried} GROUP BY deck_id",
                {"today": today}):
            figures(deck_id)["learning"] = learning
        # A card of a note answered today is blocked unless it is that one card itself.
        for deck_id, new, due in self.db.execute(
                "WITH seen AS ("
                "  SELECT coalesce(nullif(s.note_id, ''), s.card_id) AS note, "
                "     count(DISTINCT l.card_id) AS cards, min(l.card_id) AS card_id "
                "   FROM review_log l JOIN review_states s ON s.card_id = l.card_id "
                "   WHERE l.day = :today GROUP BY note) "
                "SELECT deck_id, sum(due = 0), sum(due) FROM ("
                f"  SELECT deck_id, max(queue = {QUEUE_REVIEW}) AS due FROM review_states r "
                f"   WHERE (queue = {QUEUE_NEW} OR (queue = {QUEUE_REVIEW} AND due <= :today "
                f"          AND {not_repeat})) AND {not_buried} "
                f"     AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.note = {note_key} "
                "        AND (seen.cards > 1 OR seen.card_id <> r.card_id)) "
                f"   GROUP BY deck_id, {note_key}) "
                "GROUP BY deck_id",
                {"today": today}):
            figures(deck_id).update(new=new or 0, due=due or 0)
        return counts

    def cards_by_state(self, deck_ids: Sequence[int] | None, today: int) -> dict[str, int]:
        deck_clause, params = _deck_clause(deck_ids)
        row = self.db.execute(
            "SELECT "
            f"sum(queue = {QUEUE_NEW}), "
            f"sum(queue = {QUEUE_REVIEW} AND repeat_day = ?), "
            f"sum(queue = {QUEUE_REVIEW} AND interval < 21 AND coalesce(repeat_day, 0) <> ?), "
            f"sum(queue = {QUEUE_REVIEW} AND interval >= 21 AND coalesce(repeat_day, 0) <> ?), "
            f"sum(queue = {QUEUE_SUSPENDED}), sum(queue = {QUEUE_RETIRED}) "
            f"FROM review_states WHERE 1 {deck_clause}",
            (today, today, today, *params),
        ).fetchone()
        names = ("new", "learning", "young", "mature", "suspended", "retired")
        return {name: int(value or 0) for name, value in zip(names, row, strict=True)}

    def log_per_day(self, first_day: int, deck_ids: Sequence[int] | None
                    ) -> list[tuple[int, int, int, int, int, int, int, int]]:
        """Per study day: answers, passed (grade>=3), new, repeats, time ms,
        scheduled reviews, passed scheduled reviews."""
        deck_clause, params = _deck_clause(deck_ids, column="s.deck_id")
        join = "JOIN review_states s ON s.card_id = l.card_id" if deck_ids is not None else ""
        return self.db.execute(
            "SELECT l.day, count(*), sum(l.grade >= 3), sum(l.kind = 0), sum(l.kind = 3), "
            "coalesce(sum(l.elapsed_ms), 0), sum(l.kind IN (1, 2)), "
            "sum(l.kind IN (1, 2) AND l.grade >= 3) "
            f"FROM review_log l {join} WHERE l.day >= ? {deck_clause} "
            "GROUP BY l.day ORDER BY l.day",
            (first_day, *params),
        ).fetchall()

    def due_forecast(self, today: int, days: int, deck_ids: Sequence[int] | None
                     ) -> dict[int, int]:
        deck_clause, params = _deck_clause(deck_ids)
        rows = self.db.execute(
            "SELECT max(due - ?, 0) AS offset, count(*) FROM review_states "
            f"WHERE queue = {QUEUE_REVIEW} AND due < ? {deck_clause} GROUP BY offset",
            (today, today + days, *params),
        )
        return {int(offset): int(count) for offset, count in rows}

    # -- importing ----------------------------------------------------------------------

    def files_in_scope(self, root: str, is_folder: bool) -> dict[str, FileRecord]:
        if is_folder:
            prefix = root.rstrip("/\\") + "/"
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self.db.execute(
                "SELECT id, path, digest FROM files WHERE path LIKE ? ESCAPE '\\'",
                (escaped + "%",),
            )
        else:
            rows = self.db.execute("SELECT id, path, digest FROM files WHERE path = ?", (root,))
        return {path: FileRecord(file_id, path, digest) for file_id, path, digest in rows}

    def add_file(self, path: str, digest: str, imported_at: int, problems: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO files (path, digest, imported_at, problems) VALUES (?, ?, ?, ?)",
            (path, digest, imported_at, problems),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update_file(self, file_id: int, digest: str, imported_at: int, problems: str) -> None:
        self.db.execute(
            "UPDATE files SET digest = ?, imported_at = ?, problems = ? WHERE id = ?",
            (digest, imported_at, problems, file_id),
        )

    def file_problems(self, file_ids: Sequence[int]) -> list[str]:
        """The problems (JSON) recorded at the last parse of these files, if any."""
        found: list[str] = []
        for chunk in _chunks(list(file_ids)):
            marks = ",".join("?" * len(chunk))
            found.extend(row[0] for row in self.db.execute(
                f"SELECT problems FROM files WHERE id IN ({marks}) AND problems <> '{{}}' "
                "ORDER BY path",
                chunk,
            ))
        return found

    def count_active_cards(self, file_ids: Sequence[int]) -> int:
        total = 0
        for chunk in _chunks(list(file_ids)):
            marks = ",".join("?" * len(chunk))
            total += self.db.execute(
                f"SELECT count(*) FROM cards WHERE file_id IN ({marks}) AND retired = 0", chunk
            ).fetchone()[0]
        return total

    def delete_files(self, file_ids: Sequence[int]) -> None:
        for chunk in _chunks(list(file_ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE cards SET file_id = NULL WHERE file_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM files WHERE id IN ({marks})", chunk)

    def insert_cards(self, cards: Sequence[CardRecord], position: Sequence[int],
                     now_ms: int) -> None:
        encoded: dict[tuple[str, ...], str] = {}

        def _json_list(values: Sequence[str]) -> str:
            # Cards of one section share their context: encode each list once.
            key = tuple(values)
            text = encoded.get(key)
            if text is None:
                text = encoded[key] = json.dumps(list(values), ensure_ascii=False)
            return text

        self.db.executemany(
            "INSERT INTO cards (id, note_id, kind, deck_id, file_id, source, line, ordinal, "
            "front, back, context, tags, cloze_text, front_key, retired, suspended, "
            "created_at, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (c.id, c.note_id, c.kind, c.deck_id, c.file_id, c.source, c.line, c.ordinal,
                 c.front, c.back, _json_list(c.context), _json_list(c.tags), c.cloze_text,
                 c.front_key, int(c.retired), int(c.suspended), now_ms, now_ms)
                for c in cards
            ],
        )
        self.db.executemany(
            "INSERT INTO review_states (card_id, deck_id, note_id, position, queue, repetitions, "
            "ease, interval, due, lapses, last_review, repeat_day, repeat_due_at, buried_day) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (c.id, c.deck_id, c.note_id, pos, st.queue, st.repetitions, st.ease,
                 st.interval, st.due, st.lapses, st.last_review, st.repeat_day,
                 st.repeat_due_at, st.buried_day)
                for c, pos in zip(cards, position, strict=True)
                for st in (c.state,)
            ],
        )

    @contextmanager
    def bulk_insert_indexes(self) -> Iterator[None]:
        """Inside the transaction of a big import into a collection without cards: the
        secondary indexes that new cards touch are dropped and built again at the end
        (one sort instead of an index insert per card). A failure rolls back with the
        transaction, indexes included."""
        saved = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
            BULK_INSERT_INDEXES,
        ).fetchall()
        for name, _sql in saved:
            self.db.execute(f'DROP INDEX "{name}"')
        yield
        for _name, sql in saved:
            self.db.execute(sql)

    def insert_new_cards(self, rows: Sequence[NewCardRow], now_ms: int) -> None:
        """Add new cards given as plain tuples (see `NewCardRow`): a big first import
        writes 100,000 of them, and building a `CardRecord` each would cost more than
        SQLite's own work."""
        encoded: dict[tuple[str, ...], str] = {}
        last_lists: list[Any] = [None, None]
        last_texts = ["", ""]

        def json_list(values: list[str], slot: int) -> str:
            # Cards of one section share their context list: encode each list once.
            if values is last_lists[slot]:
                return last_texts[slot]
            key = tuple(values)
            text = encoded.get(key)
            if text is None:
                text = encoded[key] = json.dumps(values, ensure_ascii=False)
            last_lists[slot], last_texts[slot] = values, text
            return text

        card_rows = []
        state_rows = []
        for (card_id, note_id, kind, deck_id, file_id, source, line, ordinal, front, back,
             context, tags, cloze_text, st, position) in rows:
            card_rows.append((card_id, note_id, kind, deck_id, file_id, source, line, ordinal,
                              front, back, json_list(context, 0), json_list(tags, 1),
                              cloze_text, "", 0, 0, now_ms, now_ms))
            state_rows.append((card_id, deck_id, note_id, position, st.queue, st.repetitions,
                               st.ease, st.interval, st.due, st.lapses, st.last_review,
                               st.repeat_day, st.repeat_due_at, st.buried_day))
        self.db.executemany(
            "INSERT INTO cards (id, note_id, kind, deck_id, file_id, source, line, ordinal, "
            "front, back, context, tags, cloze_text, front_key, retired, suspended, "
            "created_at, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            card_rows,
        )
        self.db.executemany(
            "INSERT INTO review_states (card_id, deck_id, note_id, position, queue, repetitions, "
            "ease, interval, due, lapses, last_review, repeat_day, repeat_due_at, buried_day) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            state_rows,
        )

    @contextmanager
    def new_card_rows(self) -> Iterator[None]:
        """Inside a transaction, the block in which `insert_card_rows` adds new cards.

        Their new-card states (with the position, `position_of`) are made by SQLite from
        the written rows when the block ends, in one statement: about three times
        cheaper than adding them with each group of cards (measured on the benchmark's
        100,000 cards: 0.2 s against 0.6 s). New rows get rowids above every earlier
        one: no AUTOINCREMENT, and the transaction is ours. A failure inside the block
        adds no states, and the caller's transaction rolls the cards back.
        """
        if not self._in_transaction:
            raise RuntimeError("Store.new_card_rows() must be used inside a transaction")
        last_state = self._last_rowid("review_states")
        self._card_rows_after = self._last_rowid("cards")
        try:
            yield
        finally:
            after, self._card_rows_after = self._card_rows_after, None
        with_states = self._last_rowid("review_states") > last_state
        new = StateRow()
        assert new.due is None and new.last_review is None and new.repeat_day is None
        self.db.execute(
            "INSERT INTO review_states (card_id, note_id, position, deck_id, queue, repetitions, "
            "ease, interval, due, lapses, last_review, repeat_day, repeat_due_at, buried_day) "
            "SELECT id, note_id, (file_id << 22) | (min(max(line, 0), 65535) << 6) "
            f"| min(max(ordinal, 0), 63), deck_id, {int(new.queue)}, {int(new.repetitions)}, "
            f"{float(new.ease)!r}, {int(new.interval)}, NULL, {int(new.lapses)}, NULL, NULL, "
            # NOT INDEXED: the new rows are a range of rowids, read in table order (not in
            # id order through the key index, a random lookup per row).
            "NULL, NULL FROM cards c NOT INDEXED WHERE c.rowid > ?"
            # Cards added in the block by `insert_new_cards` came with their states.
            + (" AND NOT EXISTS (SELECT 1 FROM review_states s WHERE s.card_id = c.id)"
               if with_states else ""),
            (after,),
        )

    def _last_rowid(self, table: str) -> int:
        return int(self.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])

    def insert_card_rows(self, columns: Sequence[str], rows: Sequence[tuple[Any, ...]],
                         deck_id: int, file_id: int, now_ms: int) -> None:
        """New cards of one file and deck given as rows of `cards` columns (`id`,
        `note_id`, `line` and `ordinal` among them; `context` and `tags` as JSON lists),
        written as they are, so a first import makes no object per card here. Only
        inside `new_card_rows`, which gives them their states."""
        if self._card_rows_after is None:
            raise RuntimeError("insert_card_rows must be called inside Store.new_card_rows()")
        unknown = set(columns) - ROW_COLUMNS_ALLOWED
        if unknown or len(set(columns)) != len(columns):
            raise ValueError(f"not card row columns: {sorted(unknown) or list(columns)}")
        if not rows:
            return
        deck, file, now = int(deck_id), int(file_id), int(now_ms)
        marks = ", ".join(f"?{number}" for number in range(1, len(columns) + 1))
        self.db.executemany(
            f"INSERT INTO cards ({', '.join(columns)}, deck_id, file_id, front_key, retired, "
            f"suspended, created_at, modified_at) "
            f"VALUES ({marks}, {deck}, {file}, '', 0, 0, {now}, {now})",
            rows,
        )

    def update_cards(self, cards: Sequence[CardRecord], position: Sequence[int],
                     now_ms: int) -> None:
        """Rewrite text, location and flags of existing cards; review state is kept."""
        self.db.executemany(
            "UPDATE cards SET note_id=?, kind=?, deck_id=?, file_id=?, source=?, line=?, "
            "ordinal=?, front=?, back=?, context=?, tags=?, cloze_text=?, front_key=?, "
            "retired=?, modified_at=? WHERE id=?",
            [
                (c.note_id, c.kind, c.deck_id, c.file_id, c.source, c.line, c.ordinal, c.front,
                 c.back, _json_list(c.context), _json_list(c.tags), c.cloze_text, c.front_key,
                 int(c.retired), now_ms, c.id)
                for c in cards
            ],
        )
        self.db.executemany(
            "UPDATE review_states SET deck_id=?, note_id=?, position=? WHERE card_id=?",
            [(c.deck_id, c.note_id, pos, c.id) for c, pos in zip(cards, position, strict=True)],
        )
        _sync_queue(self.db, [c.id for c in cards])

    def set_retired(self, cards: Sequence[tuple[str, str]], now_ms: int) -> None:
        """Retire cards, given as (card id, front key): the key finds them again when
        their text comes back elsewhere."""
        self.db.executemany(
            "UPDATE cards SET retired = 1, front_key = ?, modified_at = ? WHERE id = ?",
            [(key, now_ms, card_id) for card_id, key in cards],
        )
        _sync_queue(self.db, [card_id for card_id, _key in cards])

    def add_aliases(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO card_aliases (draft_id, card_id) VALUES (?, ?) "
            "ON CONFLICT(draft_id) DO UPDATE SET card_id = excluded.card_id",
            pairs,
        )


def _sync_queue(db: sqlite3.Connection, card_ids: Sequence[str]) -> None:
    """Recompute the denormalized queue of cards from their flags and SM-2 state."""
    for chunk in _chunks(list(card_ids)):
        marks = ",".join("?" * len(chunk))
        db.execute(
            "UPDATE review_states SET queue = (SELECT CASE "
            f"WHEN c.retired THEN {QUEUE_RETIRED} WHEN c.suspended THEN {QUEUE_SUSPENDED} "
            f"WHEN review_states.due IS NULL THEN {QUEUE_NEW} ELSE {QUEUE_REVIEW} END "
            f"FROM cards c WHERE c.id = review_states.card_id) WHERE card_id IN ({marks})",
            chunk,
        )


def _write_state(db: sqlite3.Connection, card_id: str, state: StateRow) -> None:
    assignments = ", ".join(f"{name} = ?" for name in STATE_COLUMNS)
    db.execute(
        f"UPDATE review_states SET {assignments} WHERE card_id = ?",
        (*(getattr(state, name) for name in STATE_COLUMNS), card_id),
    )


def _deck_clause(deck_ids: Sequence[int] | None, column: str = "deck_id"
                 ) -> tuple[str, list[int]]:
    if deck_ids is None:
        return "", []
    return f"AND {column} IN ({','.join('?' * len(deck_ids)) or 'NULL'})", list(deck_ids)


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
