"""Writing the .apkg: genanki builds the collection, we add notes and cards, zip atomically.

genanki writes the collection's schema, configuration, decks and note types into a SQLite
file we own. Its notes have no modification time of their own and its cards no progress,
and it names media by base name only, so we insert notes and cards ourselves (in genanki's
row format, in bulk) and zip the package ourselves.
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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from flashcards.export.items import ExportCard
from flashcards.export.note_types import NOTE_TYPES, genanki_model, stable_id
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
            _flush_to_disk(partial)
            # mkstemp makes the file private; a package is an ordinary document.
            partial.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
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


def _genanki_skeleton(notes: list[PlannedNote]) -> list[Any]:
    """genanki decks carrying our note types, for the collection's deck and model tables."""
    import genanki  # type: ignore[import-untyped,unused-ignore]

    decks: dict[str, Any] = {}
    for planned in notes:
        if planned.deck not in decks:
            decks[planned.deck] = genanki.Deck(stable_id("deck: " + planned.deck), planned.deck)
    first = next(iter(decks.values()))
    for key in dict.fromkeys(planned.note_type for planned in notes):
        first.add_model(genanki_model(key))
    return list(decks.values())


def _write_collection(
    database: Path, notes: list[PlannedNote], *, with_progress: bool, now: datetime
) -> WriteResult:
    import genanki  # type: ignore[import-untyped,unused-ignore]

    connection = sqlite3.connect(database)
    try:
        # A scratch file zipped right after: durability comes from the package's own fsync.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        cursor = connection.cursor()
        timestamp = now.timestamp()
        ids = itertools.count(int(timestamp * 1000))
        # genanki writes the collection: schema, configuration, decks and note types.
        genanki.Package(_genanki_skeleton(notes)).write_to_db(cursor, timestamp, ids)
        _finish_collection_settings(cursor)
        counts = _insert_notes_and_cards(
            cursor, notes, ids, with_progress=with_progress, now=now
        )
        connection.commit()
    finally:
        connection.close()
    return counts


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


def _insert_notes_and_cards(
    cursor: sqlite3.Cursor,
    notes: list[PlannedNote],
    ids: Iterator[int],
    *,
    with_progress: bool,
    now: datetime,
) -> WriteResult:
    """Notes and cards in bulk, in genanki's row format, with each card's state.

    genanki's Note stamps every note with the export time and every card as new; we need
    the card's last change as the note's time and the learner's progress on each card, and
    a bulk insert is several times faster than genanki's row-by-row writing.
    """
    export_time = int(now.timestamp())
    models = {key: spec.model_id for key, spec in NOTE_TYPES.items()}
    deck_ids: dict[str, int] = {}
    note_rows = []
    card_rows = []
    history: list[tuple[int, ExportCard]] = []
    reviewed = suspended = 0
    for planned in notes:
        note_id = next(ids)
        deck_id = deck_ids.get(planned.deck)
        if deck_id is None:
            deck_id = deck_ids[planned.deck] = stable_id("deck: " + planned.deck)
        modified = (
            int(planned.modified.timestamp()) if planned.modified is not None else export_time
        )
        note_rows.append((
            note_id, planned.guid, models[planned.note_type], modified, -1,
            f" {' '.join(planned.tags)} ", "\x1f".join(planned.fields), planned.fields[0],
            0, 0, "",
        ))
        for ordinal, card in planned.cards:
            card_id = next(ids)
            card_type, queue, due, interval, factor, reps, lapses = (
                CARD_TYPE_NEW, QUEUE_NEW, planned.position, 0, 0, 0, 0,
            )
            state = card.state
            if with_progress:
                if state is not None and not state.is_new:
                    card_type, queue = CARD_TYPE_REVIEW, QUEUE_REVIEW
                    due = anki_due_day(state.due if state.due is not None else now.date())
                    interval = max(state.interval, 1)
                    factor = round(state.ease * 1000)
                    reps, lapses = state.repetitions, state.lapses
                    reviewed += 1
                if card.suspended:
                    queue = QUEUE_SUSPENDED
                    suspended += 1
                if card.history:
                    history.append((card_id, card))
            card_rows.append((
                card_id, note_id, deck_id, ordinal, export_time, -1, card_type, queue, due,
                interval, factor, reps, lapses, 0, 0, 0, 0, "",
            ))
    cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany(
        "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows
    )
    logged = _write_review_log(cursor, history, now) if history else 0
    return WriteResult(
        notes=len(note_rows), cards=len(card_rows), reviewed=reviewed, suspended=suspended,
        media=0, review_log=logged,
    )


def _write_review_log(
    cursor: sqlite3.Cursor, history: list[tuple[int, ExportCard]], now: datetime
) -> int:
    # Anki refuses to export review history dated in the future: clamp to the export time.
    latest_ms = int(now.timestamp() * 1000) - 1
    used: set[int] = set()
    rows = []
    for card_id, card in history:
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


def _flush_to_disk(path: Path) -> None:
    """The package's bytes reach the disk before its name does (no empty file after a crash)."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _zip_package(partial: Path, database: Path, media: dict[str, Path]) -> None:
    names = list(media)
    media_index = json.dumps({str(index): name for index, name in enumerate(names)})
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.write(database, "collection.anki2")
        package.writestr("media", media_index)
        for index, name in enumerate(names):
            package.write(media[name], str(index), compress_type=zipfile.ZIP_STORED)
