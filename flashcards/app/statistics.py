"""Everything the statistics screen draws, for one deck (with its children) or all.

Built on `Collection.stats` (reviews per day, retention, cards by state, due forecast)
plus what it does not give: reviews per week with their retention, and the average ease
of cards in review. Retention is the share of scheduled reviews (not first sight of a new
card, not same-day repeats) graded 3 or better, the same as `Stats.retention`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from flashcards.app.models import Stats

if TYPE_CHECKING:
    from flashcards.app.collection import Collection

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
RETENTION_WEEKS = 26


@dataclass(frozen=True)
class WeekFigures:
    start: date  # the Monday
    reviews: int  # every answer
    scheduled: int  # answers to scheduled reviews
    passed: int  # of those, graded 3 or better

    @property
    def retention(self) -> float | None:
        return self.passed / self.scheduled if self.scheduled else None


@dataclass(frozen=True)
class Overview:
    today: date
    deck: tuple[str, ...] | None
    stats: Stats  # over the last HEATMAP_DAYS study days
    reviews_by_day: dict[date, int]
    weeks: list[WeekFigures]  # oldest first, RETENTION_WEEKS of them, this week last
    forecast: list[int]  # due on today (with overdue), tomorrow, ... FORECAST_DAYS days
    average_ease: float | None
    cards_in_review: int

    @property
    def days_studied(self) -> int:
        return sum(1 for count in self.reviews_by_day.values() if count)

    @property
    def total_cards(self) -> int:
        return sum(count for state, count in self.stats.cards_by_state.items()
                   if state != "retired")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_figures(per_day: Sequence[tuple[int, int, int, int]], today: date,
                   weeks: int = RETENTION_WEEKS) -> list[WeekFigures]:
    """Weeks (Monday first) ending with this one, from (day ordinal, reviews, scheduled,
    passed scheduled) per study day."""
    first = monday_of(today) - timedelta(weeks=weeks - 1)
    totals = {first + timedelta(weeks=index): [0, 0, 0] for index in range(weeks)}
    for ordinal, reviews, scheduled, passed in per_day:
        week = monday_of(date.fromordinal(ordinal))
        bucket = totals.get(week)
        if bucket is not None:
            bucket[0] += reviews
            bucket[1] += scheduled
            bucket[2] += passed
    return [WeekFigures(start, *values) for start, values in sorted(totals.items())]


def deck_ids_of(collection: Collection, deck: Sequence[str] | None) -> list[int] | None:
    if not deck:
        return None
    prefix = tuple(deck)
    return [info.id for info in collection.store.decks().values()
            if info.names[: len(prefix)] == prefix]


def overview(collection: Collection, deck: Sequence[str] | None = None,
             now: datetime | None = None) -> Overview:
    """The statistics of `deck` (and its children), or of every deck when None."""
    from flashcards.store.browse import average_ease

    today = collection.study_day(now)
    deck_list = list(deck) if deck else None
    stats = collection.stats(days=HEATMAP_DAYS, deck=deck_list, now=now)
    deck_ids = deck_ids_of(collection, deck_list)
    first_week = monday_of(today) - timedelta(weeks=RETENTION_WEEKS - 1)
    rows = collection.store.log_per_day(first_week.toordinal(), deck_ids)
    weeks = weekly_figures([(row[0], row[1], row[6] or 0, row[7] or 0) for row in rows], today)
    ease, in_review = average_ease(collection.store, deck_ids)
    return Overview(
        today=today,
        deck=tuple(deck_list) if deck_list else None,
        stats=stats,
        reviews_by_day={entry.day: entry.reviews for entry in stats.per_day},
        weeks=weeks,
        forecast=[stats.forecast.get(offset, 0) for offset in range(FORECAST_DAYS)],
        average_ease=ease,
        cards_in_review=in_review,
    )
