"""The collection: every use case the GUI and the CLI share (import, study, undo, stats)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

from flashcards.app.models import (
    Card,
    DeckCounts,
    DeckNode,
    ImportReport,
    ReviewLogEntry,
    Settings,
    Stats,
)

ProgressCallback = Callable[[int, int], None]


class CardNotFoundError(KeyError):
    """No card with this id."""

    def __str__(self) -> str:
        return f"no card with id {self.args[0]!r}"


class Collection:
    """One learner's cards and review history, in one SQLite file.

    Open with `Collection.open(path)` (None: `default_db_path()`), use as a context manager
    or call `close()`. Every `answer()` is committed before it returns. `now` arguments
    are aware datetimes (naive ones are taken as local time); default: the current time.
    """

    @classmethod
    def open(cls, path: str | Path | None = None) -> Collection:
        """Create or open the collection at `path`.

        Raises `CollectionLockedError` if another process has it open and
        `CollectionDamagedError` (naming the file and the newest backup) if it is damaged.
        """
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Collection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        raise NotImplementedError

    # -- settings -----------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """new per day, reviews per day, rollover hour, answer mode."""
        raise NotImplementedError

    def update_settings(self, **changes: object) -> Settings:
        """Change and store some settings: `update_settings(new_per_day=10)`."""
        raise NotImplementedError

    def answer_buttons(self) -> tuple[tuple[str, int], ...]:
        """(label, grade) of the answer buttons for the answer mode setting."""
        raise NotImplementedError

    # -- importing ----------------------------------------------------------------------

    def import_path(
        self, path: str | Path, progress: ProgressCallback | None = None
    ) -> ImportReport:
        """Import a notes file or folder; cards keep their history across edits.

        `progress(done, total)` is called as files are read. Unchanged files (same content
        hash) are skipped. The whole import is one transaction.
        """
        raise NotImplementedError

    # -- studying -----------------------------------------------------------------------

    def next_card(self, now: datetime | None = None, deck: list[str] | None = None) -> Card | None:
        """The next card to study, or None when the day's work is done.

        Order: due reviews (most overdue first), then same-day repeats whose time has come,
        then new cards in note order; then same-day repeats waiting less than 20 minutes.
        `deck` limits the session to a deck and its children (`['k8s']`, `['k8s','helm']`).
        """
        raise NotImplementedError

    def answer(
        self,
        card_id: str,
        grade: int,
        elapsed_ms: int | None = None,
        now: datetime | None = None,
    ) -> Card:
        """Grade a card (0..5); committed before returning. Returns the card's new state."""
        raise NotImplementedError

    def undo(self) -> str | None:
        """Take back the latest answer of this session: the card id restored, or None."""
        raise NotImplementedError

    def can_undo(self) -> bool:
        raise NotImplementedError

    def preview_intervals(self, card_id: str, now: datetime | None = None) -> dict[int, int]:
        """Days until due for each grade 0..5 (0: again later today), for button labels."""
        raise NotImplementedError

    def suspend(self, card_id: str) -> None:
        raise NotImplementedError

    def unsuspend(self, card_id: str) -> None:
        raise NotImplementedError

    def bury(self, card_id: str, now: datetime | None = None) -> None:
        """Hide a card until the next study day."""
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------------

    def card(self, card_id: str) -> Card:
        """The card with this id (a relinked card answers to its old and new ids)."""
        raise NotImplementedError

    def history(self, card_id: str) -> list[ReviewLogEntry]:
        """The card's review log, oldest first."""
        raise NotImplementedError

    def cards(self, deck: list[str] | None = None, include_retired: bool = False) -> Iterator[Card]:
        """Cards of a deck and its children (all decks if None), in note order."""
        raise NotImplementedError

    def search(self, text: str, include_retired: bool = False, limit: int = 500) -> list[Card]:
        """Cards whose front, back or deck contains `text` (case-insensitive)."""
        raise NotImplementedError

    def decks(self) -> list[list[str]]:
        """Every deck with active cards (and their parents), sorted."""
        raise NotImplementedError

    def counts(self, now: datetime | None = None) -> list[DeckCounts]:
        """Per deck, its own cards to study today (new, learning, due), before limits."""
        raise NotImplementedError

    def deck_tree(self, now: datetime | None = None) -> list[DeckNode]:
        """The deck tree with counts of each deck and its children, after daily limits."""
        raise NotImplementedError

    def stats(self, days: int = 30, deck: list[str] | None = None,
              now: datetime | None = None) -> Stats:
        """Reviews per day, retention, cards by state, time spent, due forecast."""
        raise NotImplementedError
