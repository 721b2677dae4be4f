"""The parser's output: card drafts and the report of what produced no card."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

CardKind = Literal["basic", "reversed", "cloze", "definition", "list"]
CARD_KINDS: tuple[CardKind, ...] = ("basic", "reversed", "cloze", "definition", "list")


@dataclass(frozen=True)
class ImportedSchedule:
    """A schedule written into the notes by Obsidian's Spaced Repetition plugin."""

    due: date
    interval: int
    ease: float  # 2.5, not 250


@dataclass(slots=True)
class CardDraft:
    """One card as the notes describe it; the store turns drafts into cards.

    Treat drafts as values: the cards of one note share their `deck`, `context` and
    `tags` lists. (Not `frozen`: a frozen dataclass is six times slower to create, and
    the parser makes one per card of every file imported.)

    `id` is stable across edits of the back and moves of the line: it depends on the
    deck, the normalized front of the note and `ordinal` (direction or cloze number).
    Cards of one note (both directions, every cloze of one paragraph) share `note_id`.
    """

    id: str
    kind: CardKind
    deck: list[str]
    context: list[str]
    front: str
    back: str
    tags: list[str]
    source: str
    line: int
    note_id: str = ""
    ordinal: int = 0
    # For cloze cards: the paragraph in Anki's form (`{{c1::text::hint}}`), for the export.
    cloze_text: str = ""
    imported_schedule: ImportedSchedule | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        schedule = self.imported_schedule
        data["imported_schedule"] = (
            None
            if schedule is None
            else {"due": schedule.due.isoformat(), "interval": schedule.interval,
                  "ease": schedule.ease}
        )
        return data


@dataclass(frozen=True)
class SkippedLine:
    """A line of the notes that gave no card, with the reason a learner can act on."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class EmptySection:
    """A heading with nothing under it (a topic left to fill in later)."""

    line: int
    title: str
    context: list[str]


@dataclass
class ParseResult:
    source: str
    cards: list[CardDraft] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    empty_sections: list[EmptySection] = field(default_factory=list)
    # Problems that did not stop parsing: duplicate fronts, unreadable images, ...
    warnings: list[SkippedLine] = field(default_factory=list)
    # A file that could not be read at all (binary, not UTF-8): the reason; no cards.
    error: str | None = None
    # The file's title heading, shown as the deck's name.
    title: str | None = None
    deck: list[str] = field(default_factory=list)

    def counts_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(CARD_KINDS, 0)
        for card in self.cards:
            counts[card.kind] += 1
        return counts
