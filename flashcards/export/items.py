"""What the exporter needs to know about one card, from a parser draft or a stored card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flashcards.parsing.model import CardDraft
from flashcards.scheduler import ReviewState


@dataclass(frozen=True)
class PastReview:
    """One logged answer, for Anki's review history (revlog)."""

    reviewed_at: datetime  # aware
    grade: int  # SM-2 grade 0..5
    interval: int  # days, after the answer
    last_interval: int  # days, before the answer
    ease: float  # after the answer
    elapsed_ms: int | None = None
    kind: str = "review"  # new, review, relearn, repeat


@dataclass(frozen=True)
class ExportCard:
    """A card to export: its note text, and (optionally) where the learner stands with it.

    `state` None or a never-reviewed state exports as a new card. `modified` is when the
    card's text last changed; it stamps the Anki note so that a re-export after an edit
    is newer than the note Anki already has (Anki compares whole seconds).
    """

    id: str
    kind: str
    deck: Sequence[str]
    context: Sequence[str]
    front: str
    back: str
    tags: Sequence[str] = ()
    source: str = ""
    line: int = 0
    note_id: str = ""
    ordinal: int = 0
    cloze_text: str = ""
    state: ReviewState | None = None
    suspended: bool = False
    modified: datetime | None = None
    history: Sequence[PastReview] = field(default_factory=tuple)

    @property
    def note_key(self) -> str:
        """Cards of one note share this key; a card alone in its note has its own id."""
        return self.note_id or self.id

    @property
    def is_reviewed(self) -> bool:
        return self.state is not None and not self.state.is_new

    @classmethod
    def from_draft(cls, draft: CardDraft) -> ExportCard:
        state = None
        schedule = draft.imported_schedule
        if schedule is not None:
            state = ReviewState(
                repetitions=1,
                ease=schedule.ease,
                interval=schedule.interval,
                due=schedule.due,
                last_review=_before(schedule.due, schedule.interval),
            )
        return cls._with_text_of(draft, state=state)

    @classmethod
    def from_card(cls, card: Any, history: Sequence[PastReview] = ()) -> ExportCard:
        """From `flashcards.app.Card` (typed loosely: the exporter must not need the store)."""
        return cls._with_text_of(card, state=card.state, suspended=card.suspended,
                                 modified=_modified(card), history=tuple(history))

    @classmethod
    def _with_text_of(cls, origin: Any, **rest: Any) -> ExportCard:
        """The note's text, which drafts and stored cards carry under the same names."""
        return cls(
            id=origin.id,
            kind=origin.kind,
            deck=tuple(origin.deck),
            context=tuple(origin.context),
            front=origin.front,
            back=origin.back,
            tags=tuple(origin.tags),
            source=origin.source,
            line=origin.line,
            note_id=origin.note_id,
            ordinal=origin.ordinal,
            cloze_text=origin.cloze_text,
            **rest,
        )


def _modified(card: Any) -> datetime | None:
    """When the stored card's text last changed, if the store tells (datetime or unix ms)."""
    for name in ("modified_at", "updated_at"):
        value = getattr(card, name, None)
        if isinstance(value, datetime):
            return value if value.tzinfo is not None else value.astimezone()
        if isinstance(value, int) and not isinstance(value, bool):
            return datetime.fromtimestamp(value / 1000, UTC)
    return None


def _before(due: date, interval: int) -> date:
    return due - timedelta(days=max(interval, 0))
