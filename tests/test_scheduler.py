"""SM-2 as published: intervals, ease, lapses, preview, study day."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.scheduler import (
    FOUR_BUTTONS,
    MIN_EASE,
    GradeError,
    ReviewState,
    answer_buttons,
    needs_same_day_repeat,
    preview,
    review,
    study_day,
)

TODAY = date(2026, 3, 10)


def test_new_state() -> None:
    state = ReviewState.new()
    assert (state.repetitions, state.ease, state.interval, state.due, state.lapses) == (
        0, 2.5, 0, None, 0)
    assert state.is_new


def test_first_three_successes_give_1_then_6_then_interval_times_ease() -> None:
    first = review(ReviewState.new(), 4, TODAY)
    assert (first.interval, first.repetitions, first.due) == (1, 1, TODAY + timedelta(days=1))
    assert first.ease == pytest.approx(2.5)  # q=4 leaves ease unchanged
    second = review(first, 5, first.due)
    assert (second.interval, second.repetitions) == (6, 2)
    assert second.ease == pytest.approx(2.6)
    third = review(second, 3, second.due)
    # ceil(6 * 2.6) with the ease *before* this answer's update
    assert third.interval == math.ceil(6 * 2.6) == 16
    assert third.ease == pytest.approx(2.6 - 0.14)
    assert third.last_review == second.due


@pytest.mark.parametrize(
    ("grade", "delta"),
    [(5, 0.1), (4, 0.0), (3, -0.14), (2, -0.32), (1, -0.54), (0, -0.8)],
)
def test_ease_change_per_grade(grade: int, delta: float) -> None:
    state = ReviewState(repetitions=3, ease=2.5, interval=10, due=TODAY)
    assert review(state, grade, TODAY).ease == pytest.approx(2.5 + delta)


def test_ease_never_below_floor() -> None:
    state = ReviewState(repetitions=3, ease=1.35, interval=10, due=TODAY)
    assert review(state, 0, TODAY).ease == MIN_EASE


def test_failure_resets_repetitions_and_counts_lapse_only_for_learned_cards() -> None:
    learned = ReviewState(repetitions=4, ease=2.2, interval=30, due=TODAY, lapses=1)
    failed = review(learned, 2, TODAY)
    assert (failed.repetitions, failed.interval, failed.lapses) == (0, 1, 2)
    assert failed.due == TODAY + timedelta(days=1)
    never_learned = review(ReviewState.new(), 1, TODAY)
    assert never_learned.lapses == 0
    assert never_learned.repetitions == 0


def test_preview_matches_review_for_every_grade() -> None:
    state = ReviewState(repetitions=2, ease=2.3, interval=6, due=TODAY)
    intervals = preview(state, TODAY)
    assert intervals == {grade: review(state, grade, TODAY).interval for grade in range(6)}
    assert intervals[4] == math.ceil(6 * 2.3)
    assert intervals[0] == 1


@pytest.mark.parametrize("grade", [-1, 6, 2.5, "4", True, None])
def test_bad_grade_is_refused(grade: object) -> None:
    with pytest.raises(GradeError, match="0 to 5"):
        review(ReviewState.new(), grade, TODAY)  # type: ignore[arg-type]


def test_same_day_rule_threshold() -> None:
    assert [needs_same_day_repeat(grade) for grade in range(6)] == [True] * 4 + [False] * 2


def test_four_buttons_map_to_2_3_4_5() -> None:
    assert [grade for _, grade in answer_buttons("four_buttons")] == [2, 3, 4, 5]
    assert answer_buttons("four_buttons") == FOUR_BUTTONS
    assert [grade for _, grade in answer_buttons("six_grades")] == [0, 1, 2, 3, 4, 5]


def test_study_day_rolls_over_at_the_configured_hour() -> None:
    local = datetime(2026, 3, 10, 3, 59)
    assert study_day(local, 4) == date(2026, 3, 9)
    assert study_day(local.replace(hour=4, minute=0), 4) == date(2026, 3, 10)
    assert study_day(local, 0) == date(2026, 3, 10)
    aware = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert study_day(aware, 4) == (aware.astimezone() - timedelta(hours=4)).date()


states = st.builds(
    ReviewState,
    repetitions=st.integers(0, 50),
    ease=st.integers(130, 400).map(lambda cents: cents / 100),
    interval=st.integers(1, 3650),
    due=st.just(TODAY),
    lapses=st.integers(0, 20),
    last_review=st.none(),
)


@given(states, st.integers(0, 5))
def test_review_invariants(state: ReviewState, grade: int) -> None:
    after = review(state, grade, TODAY)
    assert after.ease >= MIN_EASE
    assert after.interval >= 1
    assert after.due == TODAY + timedelta(days=after.interval)
    assert after.last_review == TODAY
    if grade >= 3:
        assert after.repetitions == state.repetitions + 1
        assert after.lapses == state.lapses
        if state.repetitions >= 2:
            assert after.interval == math.ceil(state.interval * Fraction(str(state.ease)))
            assert after.interval >= state.interval  # ease >= 1.3 never shrinks it
    else:
        assert (after.repetitions, after.interval) == (0, 1)
        assert after.lapses == state.lapses + (1 if state.repetitions > 0 else 0)


@given(st.lists(st.integers(0, 5), min_size=1, max_size=40))
def test_a_better_grade_never_gives_a_shorter_interval(grades: list[int]) -> None:
    state = ReviewState.new()
    day = TODAY
    for grade in grades:
        intervals = preview(state, day)
        assert all(intervals[g] <= intervals[g + 1] for g in range(3, 5))
        assert all(intervals[g] <= intervals[3] for g in range(3))
        state = review(state, grade, day)
        assert state.due is not None
        day = state.due


@pytest.mark.parametrize(
    ("days", "label"),
    [(0, "<1d"), (1, "1d"), (29, "29d"), (30, "1mo"), (45, "1.5mo"), (365, "1y"), (548, "1.5y")],
)
def test_format_interval(days: int, label: str) -> None:
    from flashcards.scheduler import format_interval

    assert format_interval(days) == label


def reference_sm2(grades: list[int]) -> tuple[int, Fraction, int, int]:
    """SM-2 in exact rational arithmetic: (repetitions, ease, interval, lapses)."""
    repetitions, ease, interval, lapses = 0, Fraction(5, 2), 0, 0
    for q in grades:
        if q >= 3:
            interval = 1 if repetitions == 0 else 6 if repetitions == 1 else math.ceil(
                interval * ease)
            repetitions += 1
        else:
            lapses += 1 if repetitions > 0 else 0
            repetitions, interval = 0, 1
        missing = 5 - q
        change = Fraction(1, 10) - missing * (Fraction(8, 100) + missing * Fraction(2, 100))
        ease = max(Fraction(13, 10), ease + change)
    return repetitions, ease, interval, lapses


@given(st.lists(st.integers(0, 5), min_size=1, max_size=30))
def test_review_equals_exact_sm2(grades: list[int]) -> None:
    state = ReviewState.new()
    day = TODAY
    for grade in grades:
        state = review(state, grade, day)
        assert state.due is not None
        day = state.due
    repetitions, ease, interval, lapses = reference_sm2(grades)
    assert (state.repetitions, state.interval, state.lapses) == (repetitions, interval, lapses)
    assert Fraction(str(state.ease)) == ease


def test_float_drift_does_not_push_the_interval_a_day_too_far() -> None:
    # In binary floats this ease history ends at 1.5000000000000002 before the last
    # success, and ceil(6 × 1.5000000000000002) is 10 where SM-2 gives ceil(9.0) = 9.
    grades = [1, 5, 2, 5, 5, 2, 0, 5, 5, 5]
    state = ReviewState.new()
    for grade in grades:
        state = review(state, grade, TODAY)
    assert state.interval == 9 == reference_sm2(grades)[2]
    assert state.ease == 1.6


def test_a_lapse_counts_only_when_the_card_was_learned() -> None:
    """'Learned' = the card's last scheduled answer was a success (repetitions > 0).
    A card failed again before it was recalled once more is not a second lapse."""
    learned = ReviewState(repetitions=3, ease=2.5, interval=15, due=TODAY)
    lapsed = review(learned, 2, TODAY)
    assert lapsed.lapses == 1
    again = review(lapsed, 0, TODAY + timedelta(days=1))
    assert again.lapses == 1 and again.repetitions == 0
    relearned = review(review(again, 4, TODAY + timedelta(days=2)), 1, TODAY + timedelta(days=3))
    assert relearned.lapses == 2


@given(states)
def test_preview_is_what_review_gives(state: ReviewState) -> None:
    assert preview(state, TODAY) == {grade: review(state, grade, TODAY).interval
                                     for grade in range(6)}
