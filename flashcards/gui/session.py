"""What happened in one review session, for the counters and the closing summary.

Kept free of Qt and of the store: the store already has every answer; this only
remembers the session's own share so the summary can be shown without a query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GivenAnswer:
    card_id: str
    grade: int
    elapsed_ms: int


@dataclass
class SessionLog:
    deck: tuple[str, ...] | None = None
    answers: list[GivenAnswer] = field(default_factory=list)

    def record(self, card_id: str, grade: int, elapsed_ms: int) -> None:
        self.answers.append(GivenAnswer(card_id, grade, max(0, elapsed_ms)))

    def forget_last(self) -> GivenAnswer | None:
        """Drop the last answer after an undo; None when the session has none."""
        return self.answers.pop() if self.answers else None

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def cards_studied(self) -> int:
        """Distinct cards: a card repeated the same day counts once."""
        return len({answer.card_id for answer in self.answers})

    @property
    def answering_ms(self) -> int:
        return sum(answer.elapsed_ms for answer in self.answers)

    def grade_counts(self) -> dict[int, int]:
        return dict(sorted(Counter(answer.grade for answer in self.answers).items()))
