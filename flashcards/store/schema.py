"""The tables, as SQLModel classes, and the schema version with its migrations.

Queries are written as SQL in `flashcards.store.database`; the classes here define the
tables and indexes once, and `metadata.create_all` builds a new file from them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlalchemy import Column, Index, Integer, Text, text
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 1

# review_states.queue
QUEUE_NEW = 0
QUEUE_REVIEW = 2
QUEUE_SUSPENDED = -1
QUEUE_RETIRED = -3

# review_log.kind
LOG_KINDS = ("new", "review", "relearn", "repeat")

metadata = SQLModel.metadata


class Meta(SQLModel, table=True):
    """Settings and bookkeeping, as text."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class DeckRow(SQLModel, table=True):
    __tablename__ = "decks"
    id: int | None = Field(default=None, primary_key=True)
    # Deck names joined by DECK_SEPARATOR: "k8s\x1fhelm".
    path: str = Field(unique=True)
    title: str | None = None


class SourceFileRow(SQLModel, table=True):
    """A notes file as last imported; `digest` lets unchanged files be skipped."""

    __tablename__ = "files"
    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(unique=True)  # absolute
    digest: str
    imported_at: int  # unix ms, UTC
    # Skipped lines, empty sections and warnings (JSON), reported again while unchanged.
    problems: str = "{}"


class CardRow(SQLModel, table=True):
    """The card's text and where it comes from; keyed by its first parser id."""

    __tablename__ = "cards"
    # Only retired cards are looked up by front (to restore them when their text comes
    # back somewhere else); a partial index keeps big imports from maintaining it.
    __table_args__ = (
        Index("ix_cards_retired_front", "front_key", sqlite_where=text("retired = 1")),
    )
    id: str = Field(primary_key=True)
    note_id: str
    kind: str
    deck_id: int
    file_id: int | None = Field(default=None, index=True)
    source: str
    line: int
    ordinal: int
    front: str
    back: str
    context: str  # JSON list
    tags: str  # JSON list
    cloze_text: str
    # Hash of kind, ordinal and the normalized front: finds the same card in a moved file.
    front_key: str
    retired: bool = False
    suspended: bool = False
    created_at: int  # unix ms, UTC
    modified_at: int


class AliasRow(SQLModel, table=True):
    """A parser id that now names an older card (its front was edited slightly)."""

    __tablename__ = "card_aliases"
    draft_id: str = Field(primary_key=True)
    card_id: str = Field(index=True)


class ReviewStateRow(SQLModel, table=True):
    """SM-2 state plus what the queue needs, denormalized so the queue reads one table."""

    __tablename__ = "review_states"
    # Partial indexes: each queue reads only its own cards, and an import of new cards
    # touches only the small new-card index.
    __table_args__ = (
        Index("ix_states_review_due", "due", "position",
              sqlite_where=text(f"queue = {QUEUE_REVIEW}")),
        Index("ix_states_new_position", "position", sqlite_where=text(f"queue = {QUEUE_NEW}")),
        Index("ix_states_repeat", "repeat_day", sqlite_where=text("repeat_day IS NOT NULL")),
    )
    card_id: str = Field(primary_key=True)
    deck_id: int
    note_id: str
    queue: int
    # Note order: file, line, ordinal.
    position: int
    repetitions: int = 0
    ease: float = 2.5
    interval: int = 0
    due: int | None = None  # study day ordinal
    lapses: int = 0
    last_review: int | None = None  # study day ordinal
    # SM-2's same-day rule: graded below 4 on this day, show again at repeat_due_at (ms).
    repeat_day: int | None = None
    repeat_due_at: int | None = None
    buried_day: int | None = None


class ReviewLogRow(SQLModel, table=True):
    """Append-only answer log; `undo()` is the only thing that deletes (the latest row)."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_log_card", "card_id", "id"),
        Index("ix_log_day", "day"),
    )
    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    card_id: str
    reviewed_at: int  # unix ms, UTC
    day: int  # study day ordinal
    grade: int
    elapsed_ms: int | None = None
    kind: int  # index into LOG_KINDS
    # Full review_states row before and after, as JSON: undo restores it exactly.
    state_before: str = Field(sa_column=Column(Text, nullable=False))
    state_after: str = Field(sa_column=Column(Text, nullable=False))


Migration = Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] turns a version-n file into version n+1, inside the open transaction.
# Each migration keeps the data: add columns with defaults, copy tables, never drop rows.
MIGRATIONS: dict[int, Migration] = {}
