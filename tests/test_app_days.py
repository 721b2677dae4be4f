"""Study days: whole local days starting at the rollover hour, timestamps in UTC.

The test machine runs in UTC, where local time and UTC cannot be told apart; these tests
switch the process to Europe/Berlin (UTC+1, +2 in summer, with DST changes) so a mix-up of
local and UTC days, or of naive and aware times, shows.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from flashcards.app import Collection
from flashcards.scheduler import study_day

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def berlin_time() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "docker.md").write_text(
        "# Docker\n\n" + "".join(f"Образ {i} - слой {i}\n\n" for i in range(5)),
        encoding="utf-8")
    with Collection.open(tmp_path / "c.sqlite") as opened:
        opened.import_path(notes)
        yield opened


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def logged_rows(collection: Collection) -> list[tuple[int, int]]:
    return collection.store.db.execute(
        "SELECT reviewed_at, day FROM review_log ORDER BY id").fetchall()


def test_study_day_is_the_local_wall_clock_minus_the_rollover_hour() -> None:
    assert study_day(berlin(2026, 3, 10, 3, 30)) == date(2026, 3, 9)
    assert study_day(berlin(2026, 3, 10, 4, 30)) == date(2026, 3, 10)
    # The same moments given in UTC, and as naive local times.
    assert study_day(datetime(2026, 3, 10, 2, 30, tzinfo=UTC)) == date(2026, 3, 9)
    assert study_day(datetime(2026, 3, 10, 3, 30, tzinfo=UTC)) == date(2026, 3, 10)
    assert study_day(datetime(2026, 3, 10, 3, 30)) == date(2026, 3, 9)
    # 23:30 UTC is already the next calendar day in Berlin, but before 04:00 there.
    assert study_day(datetime(2026, 3, 10, 23, 30, tzinfo=UTC)) == date(2026, 3, 10)
    assert study_day(datetime(2026, 3, 11, 3, 1, tzinfo=UTC)) == date(2026, 3, 11)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        # Spring forward on 29 March 2026: 02:00 CET becomes 03:00 CEST.
        (berlin(2026, 3, 29, 3, 30), date(2026, 3, 28)),
        (berlin(2026, 3, 29, 4, 0), date(2026, 3, 29)),
        # Fall back on 25 October 2026: 03:00 CEST becomes 02:00 CET.
        (berlin(2026, 10, 25, 2, 30).replace(fold=1), date(2026, 10, 24)),
        (berlin(2026, 10, 25, 3, 59), date(2026, 10, 24)),
        (berlin(2026, 10, 25, 4, 0), date(2026, 10, 25)),
    ],
)
def test_dst_days_roll_over_at_four_local(local: datetime, expected: date) -> None:
    assert study_day(local) == expected
    assert study_day(local.astimezone(UTC)) == expected


def test_answer_at_0330_counts_for_the_day_before_and_is_stored_in_utc(
    collection: Collection,
) -> None:
    early = berlin(2026, 3, 10, 3, 30)
    card = collection.next_card(now=early)
    assert card is not None
    answered = collection.answer(card.id, 4, now=early)
    # The study day is 9 March: due the next study day, 10 March.
    assert answered.state.last_review == date(2026, 3, 9)
    assert answered.state.due == date(2026, 3, 10)
    later = berlin(2026, 3, 10, 4, 30)
    second = collection.next_card(now=later)
    assert second is not None
    # The first card is due on 10 March, and 04:30 is 10 March: it comes first.
    assert second.id == card.id
    collection.answer(second.id, 4, now=later)
    assert logged_rows(collection) == [
        (int(datetime(2026, 3, 10, 2, 30, tzinfo=UTC).timestamp() * 1000),
         date(2026, 3, 9).toordinal()),
        (int(datetime(2026, 3, 10, 3, 30, tzinfo=UTC).timestamp() * 1000),
         date(2026, 3, 10).toordinal()),
    ]
    [first_entry, second_entry] = collection.history(card.id)
    assert first_entry.reviewed_at == early and first_entry.reviewed_at.utcoffset() == timedelta(0)
    assert (first_entry.day, second_entry.day) == (date(2026, 3, 9), date(2026, 3, 10))


def test_changing_the_rollover_hour_moves_the_day_boundary(collection: Collection) -> None:
    moment = berlin(2026, 3, 10, 3, 30)
    assert collection.study_day(moment) == date(2026, 3, 9)
    collection.update_settings(rollover_hour=2)
    assert collection.study_day(moment) == date(2026, 3, 10)
    card = collection.next_card(now=moment)
    assert card is not None
    assert collection.answer(card.id, 4, now=moment).state.due == date(2026, 3, 11)
    collection.update_settings(rollover_hour=0)
    assert collection.study_day(berlin(2026, 3, 10, 0, 0)) == date(2026, 3, 10)
    assert collection.study_day(berlin(2026, 3, 9, 23, 59)) == date(2026, 3, 9)


def test_a_card_due_tomorrow_waits_for_the_local_rollover(collection: Collection) -> None:
    collection.update_settings(new_per_day=1)
    studied = berlin(2026, 3, 28, 20, 0)
    card = collection.next_card(now=studied)
    assert card is not None
    collection.answer(card.id, 5, now=studied)
    assert collection.next_card(now=studied) is None
    # The night of the spring-forward change: 03:59 CEST is still 28 March's study day.
    assert collection.next_card(now=berlin(2026, 3, 29, 3, 59)) is None
    assert collection.next_card(now=berlin(2026, 3, 29, 4, 0)).id == card.id  # type: ignore[union-attr]


def test_a_repeat_stays_pending_past_midnight_and_ends_with_the_study_day(
    collection: Collection,
) -> None:
    evening = berlin(2026, 3, 10, 23, 50)
    card = collection.next_card(now=evening)
    assert card is not None
    collection.answer(card.id, 2, now=evening)
    after_midnight = berlin(2026, 3, 11, 0, 10)  # still the study day of 10 March
    assert collection.card(card.id).state.due == date(2026, 3, 11)
    collection.update_settings(new_per_day=1)
    assert collection.next_card(now=after_midnight).id == card.id  # type: ignore[union-attr]
    [tree] = collection.deck_tree(now=after_midnight)
    assert tree.counts.learning == 1
    # The next study day the repeat is gone: the card is an ordinary due review.
    morning = berlin(2026, 3, 11, 9, 0)
    [tree] = collection.deck_tree(now=morning)
    assert (tree.counts.learning, tree.counts.due) == (0, 1)
    shown = collection.next_card(now=morning)
    assert shown is not None and shown.id == card.id and not shown.repeat_today
    collection.answer(card.id, 4, now=morning)
    assert [(e.kind, e.day) for e in collection.history(card.id)] == [
        ("new", date(2026, 3, 10)), ("review", date(2026, 3, 11))]
    # The failure reset the repetitions: this is the first success again.
    state = collection.card(card.id).state
    assert (state.repetitions, state.interval, state.due) == (1, 1, date(2026, 3, 12))
