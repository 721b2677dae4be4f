"""The application layer shared by the GUI and the CLI: `Collection` and what it returns.

    with Collection.open(None) as collection:          # default_db_path()
        report = collection.import_path("~/notes")
        card = collection.next_card()
        collection.answer(card.id, 4, elapsed_ms=5300)

See docs/store.md for the queue rules, grades and backups. Names are imported on first
use, so a helper process that only parses (`flashcards.app.parse_worker`) does not load
the database layer.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flashcards.app.collection import (
        CardNotFoundError,
        CardRetiredError,
        CardSuspendedError,
        Collection,
        ProgressCallback,
    )
    from flashcards.app.models import (
        AnswerPreview,
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

_HOMES = {
    "flashcards.app.collection": (
        "CardNotFoundError", "CardRetiredError", "CardSuspendedError", "Collection",
        "ProgressCallback"),
    "flashcards.app.models": (
        "AnswerPreview", "Card", "DayStats", "DeckCounts", "DeckNode", "FileProblem",
        "ImportReport", "Relink", "ReviewKind", "ReviewLogEntry", "Settings", "Stats"),
    "flashcards.scheduler": ("GradeError", "ReviewState"),
    "flashcards.store.errors": (
        "CollectionDamagedError", "CollectionError", "CollectionLockedError",
        "SchemaTooNewError"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'flashcards.app' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def default_db_path() -> Path:
    """Where the collection lives unless `--db`/`FLASHCARDS_DB` say otherwise."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("flashcards", appauthor=False)) / DB_FILE_NAME


__all__ = [
    "AnswerPreview",
    "Card",
    "CardNotFoundError",
    "CardRetiredError",
    "CardSuspendedError",
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
