"""SM-2 as SuperMemo published it (Wozniak, 1990), in whole local days. Pure: no I/O.

`review()` is the scheduling step; the same-day rule (cards graded below 4 come back later
that day without touching the schedule) is a queue rule and lives in the application layer,
which asks `needs_same_day_repeat()`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)
MIN_EASE = 1.3
INITIAL_EASE = 2.5
# A grade at or above this is a successful recall in SM-2.
PASSING_GRADE = 3
# Cards graded below this come back later the same day (SM-2's same-day rule).
SAME_DAY_DONE_GRADE = 4

AnswerMode = Literal["four_buttons", "six_grades"]

# Again, Hard, Good, Easy of the four-button mode, as SM-2 grades.
FOUR_BUTTONS: tuple[tuple[str, int], ...] = (("Again", 2), ("Hard", 3), ("Good", 4), ("Easy", 5))
SIX_GRADES: tuple[tuple[str, int], ...] = (
    ("0 Blackout", 0),
    ("1 Wrong", 1),
    ("2 Familiar", 2),
    ("3 Hard", 3),
    ("4 Good", 4),
    ("5 Perfect", 5),
)


def answer_buttons(mode: AnswerMode) -> tuple[tuple[str, int], ...]:
    """The (label, grade) pairs of the answer buttons for an answer mode."""
    return FOUR_BUTTONS if mode == "four_buttons" else SIX_GRADES


@dataclass(frozen=True)
class ReviewState:
    """Where a card stands in SM-2. `due` is None for a card never reviewed."""

    repetitions: int = 0
    ease: float = INITIAL_EASE
    interval: int = 0
    due: date | None = None
    lapses: int = 0
    last_review: date | None = None

    @classmethod
    def new(cls) -> ReviewState:
        return cls()

    @property
    def is_new(self) -> bool:
        return self.last_review is None and self.due is None


class GradeError(ValueError):
    """A grade outside 0..5."""


def check_grade(grade: int) -> int:
    if isinstance(grade, bool) or not isinstance(grade, int) or grade not in GRADES:
        raise GradeError(f"grade must be an integer from 0 to 5, got {grade!r}")
    return grade


def _cents(ease: float) -> int:
    return round(ease * 100)


def next_ease(ease: float, grade: int) -> float:
    """SM-2's ease update, floor 1.3. Every step is a multiple of 0.02, so the ease is
    kept in exact hundredths: binary floats would drift (2.3 becoming 2.3000000000000003)
    and a drifted ease can push `ceil(interval × ease)` one day too far."""
    missing = 5 - grade
    change = 10 - missing * (8 + missing * 2)  # in hundredths
    return max(_cents(MIN_EASE), _cents(ease) + change) / 100


def next_interval(state: ReviewState, grade: int) -> int:
    if grade < PASSING_GRADE:
        return 1
    if state.repetitions == 0:
        return 1
    if state.repetitions == 1:
        return 6
    # The ease before this answer's update, as in the original algorithm; integer
    # arithmetic in hundredths so the ceiling is exact.
    return -(-state.interval * _cents(state.ease) // 100)


def review(state: ReviewState, grade: int, today: date) -> ReviewState:
    """The state after answering with `grade` (0..5) on `today`."""
    check_grade(grade)
    interval = next_interval(state, grade)
    if grade >= PASSING_GRADE:
        repetitions = state.repetitions + 1
        lapses = state.lapses
    else:
        repetitions = 0
        # Forgetting is a lapse only for a card that had been learned.
        lapses = state.lapses + (1 if state.repetitions > 0 else 0)
    return replace(
        state,
        repetitions=repetitions,
        ease=next_ease(state.ease, grade),
        interval=interval,
        due=today + timedelta(days=interval),
        lapses=lapses,
        last_review=today,
    )


def preview(state: ReviewState, today: date) -> dict[int, int]:
    """Days until the card is due again for each grade, for labelling answer buttons."""
    return {grade: next_interval(state, grade) for grade in GRADES}


def needs_same_day_repeat(grade: int) -> bool:
    """SM-2: items graded below 4 are repeated in the same day's session until 4 or 5."""
    return check_grade(grade) < SAME_DAY_DONE_GRADE


def study_day(moment: datetime, rollover_hour: int = 4) -> date:
    """The local study day of an aware or local moment: the day starts at `rollover_hour`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # local time
    return (moment - timedelta(hours=rollover_hour)).date()


def format_interval(days: int) -> str:
    """A short label for an interval in days: `<1d`, `3d`, `1.5mo`, `2y`."""
    if days <= 0:
        return "<1d"
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"
