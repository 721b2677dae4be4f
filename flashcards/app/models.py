"""What the application layer hands to the GUI, the CLI and the exporter: plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from flashcards.scheduler import AnswerMode, ReviewState

# How an answer counted: first sight of a new card, a scheduled review, a review that
# failed (relearn), or a same-day repeat of SM-2 that does not move the schedule.
ReviewKind = Literal["new", "review", "relearn", "repeat"]


@dataclass(frozen=True)
class Card:
    """A card as the store knows it: the note's text plus its review state."""

    id: str
    front: str
    back: str
    deck: list[str]
    context: list[str]
    source: str
    line: int
    retired: bool
    suspended: bool
    state: ReviewState
    kind: str = "basic"
    tags: list[str] = field(default_factory=list)
    note_id: str = ""
    ordinal: int = 0
    cloze_text: str = ""
    # Buried until the end of this study day (by `bury()`), not shown today.
    buried: bool = False
    # Graded below 4 today: comes back later today (SM-2's same-day rule).
    repeat_today: bool = False
    # When the card's text last changed (aware, UTC); the Anki export stamps notes with it.
    modified_at: datetime | None = None


@dataclass(frozen=True)
class AnswerPreview:
    """What answering with one grade would do, for labelling its button.

    `days`: days from today until the card is due (SM-2's interval for the day's first
    answer; for a same-day repeat the due date already set, which a repeat never moves).
    `again_in`: SM-2's same-day rule brings the card back after this pause (1 minute for
    grades 0-2, 10 minutes for 3), or None (grades 4 and 5: done for today).
    A button reads best as `again_in` when there is one ("<1m", "<10m"), else `days`.
    """

    grade: int
    days: int
    again_in: timedelta | None


@dataclass(frozen=True)
class ReviewLogEntry:
    """One answer, as logged (append-only; only `undo()` removes the latest)."""

    id: int
    card_id: str
    reviewed_at: datetime  # aware, UTC
    day: date  # the study day it counted for
    grade: int
    elapsed_ms: int | None
    kind: ReviewKind
    before: ReviewState
    after: ReviewState


@dataclass(frozen=True)
class Relink:
    """A card whose front was edited slightly: the new text kept the old card's history."""

    card_id: str  # the card's first id, kept
    draft_id: str  # the id the parser gives the edited text
    old_front: str
    new_front: str
    source: str
    line: int
    # "edited": similar front near the old line; "moved": same front under a new path/deck.
    reason: Literal["edited", "moved"] = "edited"


@dataclass(frozen=True)
class FileProblem:
    """A line (or a whole file, line 0) of the notes that gave no card, and why."""

    source: str
    line: int
    text: str
    reason: str


@dataclass
class ImportReport:
    """What an import did. Counts are cards; lists name file and line."""

    new: int = 0
    updated: int = 0  # text changed (back, context, tags, deck, or a relinked front)
    moved: int = 0  # only the line or file changed
    retired: int = 0  # text left the notes: hidden, history kept
    restored: int = 0  # retired earlier, text came back
    unchanged: int = 0
    files_parsed: int = 0
    files_unchanged: int = 0  # skipped by content hash
    relinked: list[Relink] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    empty_sections: list[FileProblem] = field(default_factory=list)
    warnings: list[FileProblem] = field(default_factory=list)
    file_errors: list[FileProblem] = field(default_factory=list)

    @property
    def total_cards(self) -> int:
        return self.new + self.updated + self.moved + self.restored + self.unchanged


@dataclass(frozen=True)
class DeckCounts:
    """Cards to study today in one deck (with its children), after the daily limits."""

    deck: list[str]
    new: int = 0
    learning: int = 0  # same-day repeats still to do today
    due: int = 0


@dataclass
class DeckNode:
    """One deck of the deck tree; `counts` cover the deck and all its children."""

    name: str
    deck: list[str]
    title: str | None
    counts: DeckCounts
    total_cards: int
    children: list[DeckNode] = field(default_factory=list)


@dataclass(frozen=True)
class DayStats:
    day: date
    reviews: int
    passed: int  # graded 3 or more
    new: int
    repeats: int
    time_ms: int


@dataclass
class Stats:
    """Figures for the statistics screen, over the last `days` study days."""

    days: int
    per_day: list[DayStats]
    total_reviews: int
    # Share of scheduled reviews (not first sight, not same-day repeats) graded 3 or more.
    retention: float | None
    cards_by_state: dict[str, int]  # new, learning, young, mature, suspended, retired
    time_spent_ms: int
    # Due in the next days: {days from today: count}, 0 includes overdue.
    forecast: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Settings stored in the collection."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4
    answer_mode: AnswerMode = "four_buttons"
