"""The application layer shared by the GUI and the CLI: `Collection` and what it returns.

    with Collection.open(None) as collection:          # default_db_path()
        report = collection.import_path("~/notes")
        card = collection.next_card()
        collection.answer(card.id, 4, elapsed_ms=5300)

See docs/store.md for the queue rules, grades and backups.
"""

from __future__ import annotations

from pathlib import Path

from flashcards.app.collection import (
    CardNotFoundError,
    CardRetiredError,
    Collection,
    ProgressCallback,
)
from flashcards.app.models import (
    Card,
    DayStats,
    DeckCounts,
    DeckNode,
    FileProblem,
    ImportReport,
    Relink,
    ReviewKind,
    ReviewLogEntry,
    Settings,
    Stats,
)
from flashcards.scheduler import GradeError, ReviewState
from flashcards.store.errors import (
    CollectionDamagedError,
    CollectionError,
    CollectionLockedError,
    SchemaTooNewError,
)

DB_FILE_NAME = "collection.sqlite"


def default_db_path() -> Path:
    """Where the collection lives unless `--db`/`FLASHCARDS_DB` say otherwise."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("flashcards", appauthor=False)) / DB_FILE_NAME


__all__ = [
    "Card",
    "CardNotFoundError",
    "CardRetiredError",
    "Collection",
    "CollectionDamagedError",
    "CollectionError",
    "CollectionLockedError",
    "DayStats",
    "DeckCounts",
    "DeckNode",
    "FileProblem",
    "GradeError",
    "ImportReport",
    "ProgressCallback",
    "Relink",
    "ReviewKind",
    "ReviewLogEntry",
    "ReviewState",
    "SchemaTooNewError",
    "Settings",
    "Stats",
    "default_db_path",
]
