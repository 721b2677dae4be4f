"""Writing the .apkg: genanki builds the collection, we finish it, then zip it atomically.

genanki has no notion of progress, note modification times or media names other than
the file's base name, so it writes the notes and cards into a SQLite file we own; then we
stamp modification times, add the learner's progress, and zip the package ourselves.
The package appears at its path only when complete (temp file + rename), and no
temporary file outlives the export (genanki's own `write_to_file` leaks its database).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from flashcards.export.items import ExportCard
from flashcards.export.note_types import genanki_model, stable_id
from flashcards.export.notes import PlannedNote

# Anki counts review due dates in days since the collection's creation (`col.crt`).
# Our package's collection is "created" at local noon of this day: noon keeps the date
# the same for an importer up to eleven hours east or west of us.
COLLECTION_CREATED = date(2006, 1, 1)

# Anki's card types and queues.
CARD_TYPE_NEW, CARD_TYPE_REVIEW = 0, 2
QUEUE_SUSPENDED, QUEUE_NEW, QUEUE_REVIEW = -1, 0, 2
# Anki's review log types.
REVLOG_TYPES = {"new": 0, "review": 1, "relearn": 2, "repeat": 0}
MAX_ANSWER_MS = 60_000


class ExportError(Exception):
    """The export could not be written; no file was left at the target path."""


@dataclass(frozen=True)
class WriteResult:
    notes: int
    cards: int
    reviewed: int
    suspended: int
    media: int
    review_log: int


def anki_button(grade: int) -> int:
    """SM-2 grade -> Anki's answer button (1 Again, 2 Hard, 3 Good, 4 Easy)."""
    if grade <= 2:
        return 1
    return min(grade, 5) - 1


def anki_due_day(due: date) -> int:
    """A due date as Anki stores it for review cards: days since the collection began."""
    return (due - COLLECTION_CREATED).days


def collection_created_timestamp() -> int:
    return int(datetime.combine(COLLECTION_CREATED, time(12)).astimezone().timestamp())


def check_target(out: Path) -> Path:
    """The absolute target path, or ExportError saying why it cannot be written."""
    target = Path(os.path.abspath(os.path.expanduser(out)))
    if target.suffix.lower() != ".apkg":
        raise ExportError(f"{out}: an Anki package file name must end with .apkg")
    if target.is_dir():
        raise ExportError(f"{out}: is a folder, not a file name")
    parent = target.parent
    if not parent.exists():
        raise ExportError(f"{out}: folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"{out}: {parent} is not a folder")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"{out}: cannot write into folder {parent} (permission denied)")
    return target


@contextlib.contextmanager
def _temporary_file(directory: Path | None, prefix: str, suffix: str) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=directory)
    os.close(handle)
    path = Path(name)
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_package(
    notes: list[PlannedNote],
    media: dict[str, Path],
    out: Path,
    *,
    with_progress: bool,
    now: datetime,
) -> WriteResult:
    target = check_target(out)
    try:
        with (
            _temporary_file(None, "flashcards-export-", ".anki2") as database,
            _temporary_file(target.parent, f".{target.name}.", ".part") as partial,
        ):
            result = _write_collection(database, notes, with_progress=with_progress, now=now)
            _zip_package(partial, database, media)
            os.replace(partial, target)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"{out}: cannot write the package ({reason})") from error
    return WriteResult(
        notes=result.notes,
        cards=result.cards,
        reviewed=result.reviewed,
        suspended=result.suspended,
        media=len(media),
        review_log=result.review_log,
    )


def _stamped_note_class() -> Any:
    import genanki  # type: ignore[import-untyped,unused-ignore]

    class StampedNote(genanki.Note):  # type: ignore[misc,unused-ignore]
        """A genanki note whose modification time is the card's last change."""

        modified: int | None = None

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            stamp = self.modified if self.modified is not None else timestamp
            super().write_to_db(cursor, stamp, deck_id, id_gen)

    return StampedNote


def _genanki_decks(notes: list[PlannedNote], now: datetime) -> list[Any]:
    import genanki

    note_class = _stamped_note_class()
    decks: dict[str, Any] = {}
    for planned in notes:
        deck = decks.get(planned.deck)
        if deck is None:
            deck = decks[planned.deck] = genanki.Deck(stable_id("deck: " + planned.deck),
                                                      planned.deck)
        note = note_class(
            model=genanki_model(planned.note_type),
            fields=planned.fields,
            tags=planned.tags,
            guid=planned.guid,
            due=planned.position,
        )
        note.modified = (
            int(planned.modified.timestamp()) if planned.modified is not None else None
        )
        deck.add_note(note)
    return list(decks.values())


def _write_collection(
    database: Path, notes: list[PlannedNote], *, with_progress: bool, now: datetime
) -> WriteResult:
    import genanki

    decks = _genanki_decks(notes, now)
    connection = sqlite3.connect(database)
    try:
        cursor = connection.cursor()
        timestamp = now.timestamp()
        with warnings.catch_warnings():
            # Our fields are escaped HTML; genanki's "invalid HTML tag" heuristic only adds noise.
            warnings.simplefilter("ignore")
            ids = itertools.count(int(timestamp * 1000))
            genanki.Package(decks).write_to_db(cursor, timestamp, ids)
        _finish_collection_settings(cursor)
        reviewed, suspended, logged = _write_card_states(
            cursor, notes, with_progress=with_progress, now=now
        )
        cards = cursor.execute("SELECT count(*) FROM cards").fetchone()[0]
        connection.commit()
    finally:
        connection.close()
    return WriteResult(
        notes=len(notes), cards=cards, reviewed=reviewed, suspended=suspended, media=0,
        review_log=logged,
    )


def _finish_collection_settings(cursor: sqlite3.Cursor) -> None:
    """Creation day and scheduler version of the package's collection.

    genanki leaves the scheduler version unset (Anki's v1), and Anki upgrades a v1
    package on import, renumbering the answer buttons of learning reviews (v1 had three).
    We write v2 answers, so we say so.
    """
    (conf_json,) = cursor.execute("SELECT conf FROM col").fetchone()
    conf = json.loads(conf_json)
    conf["schedVer"] = 2
    conf.setdefault("rollover", 4)
    cursor.execute(
        "UPDATE col SET crt = ?, conf = ?", (collection_created_timestamp(), json.dumps(conf))
    )


def _write_card_states(
    cursor: sqlite3.Cursor, notes: list[PlannedNote], *, with_progress: bool, now: datetime
) -> tuple[int, int, int]:
    """With progress: suspension, review state and review log of each card."""
    note_ids = dict(cursor.execute("SELECT guid, id FROM notes"))
    suspend: list[tuple[int, int]] = []
    review: list[tuple[int, int, int, int, int, int, int, int]] = []
    card_keys: list[tuple[int, int, ExportCard]] = []
    for planned in notes:
        nid = note_ids[planned.guid]
        for ordinal, card in planned.cards:
            if with_progress and card.suspended:
                suspend.append((nid, ordinal))
            if with_progress and card.is_reviewed and card.state is not None:
                state = card.state
                due = state.due if state.due is not None else now.date()
                queue = QUEUE_SUSPENDED if card.suspended else QUEUE_REVIEW
                review.append((
                    queue, anki_due_day(due), max(state.interval, 1),
                    round(state.ease * 1000), state.repetitions, state.lapses, nid, ordinal,
                ))
            if with_progress and card.history:
                card_keys.append((nid, ordinal, card))
    cursor.executemany(
        "UPDATE cards SET queue = -1 WHERE nid = ? AND ord = ?", suspend
    )
    cursor.executemany(
        f"UPDATE cards SET type = {CARD_TYPE_REVIEW}, queue = ?, due = ?, ivl = ?, factor = ?,"
        " reps = ?, lapses = ? WHERE nid = ? AND ord = ?",
        review,
    )
    logged = _write_review_log(cursor, card_keys, now) if card_keys else 0
    return len(review), len(suspend), logged


def _write_review_log(
    cursor: sqlite3.Cursor, card_keys: list[tuple[int, int, ExportCard]], now: datetime
) -> int:
    card_ids = {
        (nid, ordinal): card_id
        for card_id, nid, ordinal in cursor.execute("SELECT id, nid, ord FROM cards")
    }
    # Anki refuses to export review history dated in the future: clamp to the export time.
    latest_ms = int(now.timestamp() * 1000) - 1
    used: set[int] = set()
    rows = []
    for nid, ordinal, card in card_keys:
        card_id = card_ids.get((nid, ordinal))
        if card_id is None:
            continue
        for entry in card.history:
            entry_id = min(int(entry.reviewed_at.timestamp() * 1000), latest_ms)
            while entry_id in used:
                entry_id -= 1
            used.add(entry_id)
            elapsed = min(max(entry.elapsed_ms or 0, 0), MAX_ANSWER_MS)
            rows.append((
                entry_id, card_id, -1, anki_button(entry.grade), entry.interval,
                entry.last_interval, round(entry.ease * 1000), elapsed,
                REVLOG_TYPES.get(entry.kind, 1),
            ))
    cursor.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", rows)
    return len(rows)


def _zip_package(partial: Path, database: Path, media: dict[str, Path]) -> None:
    names = list(media)
    media_index = json.dumps({str(index): name for index, name in enumerate(names)})
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.write(database, "collection.anki2")
        package.writestr("media", media_index)
        for index, name in enumerate(names):
            package.write(media[name], str(index), compress_type=zipfile.ZIP_STORED)
