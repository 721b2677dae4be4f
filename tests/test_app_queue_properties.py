"""Property: whatever the learner does, the queue keeps its rules."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.app import Collection

START = datetime(2026, 3, 10, 9, 0)  # naive: local time
NEW_LIMIT = 3

actions = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 5)),
        st.tuples(st.just("suspend"), st.integers(0, 5)),
        st.tuples(st.just("bury"), st.integers(0, 5)),
        st.tuples(st.just("undo"), st.integers(0, 5)),
        st.tuples(st.just("wait_minutes"), st.integers(1, 30)),
        st.tuples(st.just("next_day"), st.integers(0, 5)),
    ),
    min_size=5,
    max_size=40,
)


def write_notes(folder: Path) -> None:
    (folder / "k8s").mkdir(parents=True)
    (folder / "docker.md").write_text(
        "# Docker\n\n" + "".join(f"Образ {i} - слой {i}\n\n" for i in range(6))
        + "Порт ::: EXPOSE\n\nТом ::: VOLUME\n\n"
        + "Контейнер {{c1::изолирован}} через {{c2::namespaces}} и {{c3::cgroups}}.\n",
        encoding="utf-8")
    (folder / "k8s" / "helm.md").write_text(
        "# Helm\n\n" + "".join(f"Чарт {i} - пакет {i}\n\n" for i in range(6)), encoding="utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions, st.sampled_from([None, ["docker"], ["k8s"]]))
def test_queue_rules_hold(steps: list[tuple[str, int]], deck: list[str] | None) -> None:
    with tempfile.TemporaryDirectory() as temp:
        notes = Path(temp) / "notes"
        write_notes(notes)
        with Collection.open(Path(temp) / "c.sqlite") as collection:
            collection.import_path(notes)
            collection.update_settings(new_per_day=NEW_LIMIT)
            now = START
            for action, value in steps:
                card = collection.next_card(now=now, deck=deck)
                day = collection.study_day(now)
                history = {c.id: collection.history(c.id) for c in collection.cards()}
                today = {card_id: [e for e in entries if e.day == day]
                         for card_id, entries in history.items()}
                for entries in today.values():
                    # SM-2's same-day rule: only the day's first answer moves the schedule;
                    # the repeats are logged and change nothing.
                    assert [e.kind for e in entries[1:]] == ["repeat"] * (len(entries) - 1)
                    assert all(e.before == e.after for e in entries[1:])
                    # ... until it is graded 4 or 5.
                    assert all(e.grade < 4 for e in entries[:-1])
                if card is not None:
                    assert not card.suspended and not card.retired and not card.buried
                    if deck is not None:
                        assert card.deck[: len(deck)] == deck
                    answered_today = bool(today[card.id])
                    if answered_today:
                        # Only SM-2's same-day repeat brings a card back the same day.
                        assert card.repeat_today
                    else:
                        assert card.state.is_new or card.state.due <= day
                    siblings = [c for c in collection.cards()
                                if c.note_id == card.note_id and c.id != card.id]
                    assert not any(today[s.id] for s in siblings), "a sibling came the same day"
                new_today: Counter[str] = Counter(
                    collection.card(card_id).deck[0]
                    for card_id, entries in today.items()
                    for entry in entries if entry.kind == "new"
                )
                assert all(count <= NEW_LIMIT for count in new_today.values())

                if action == "answer" and card is not None:
                    collection.answer(card.id, value, now=now)
                elif action == "suspend" and card is not None:
                    collection.suspend(card.id)
                elif action == "bury" and card is not None:
                    collection.bury(card.id, now=now)
                elif action == "undo":
                    collection.undo()
                elif action == "wait_minutes":
                    now += timedelta(minutes=value)
                elif action == "next_day":
                    now += timedelta(days=1)


any_card_actions = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 5)),
        st.tuples(st.sampled_from(["suspend", "bury", "unsuspend", "unbury"]),
                  st.integers(0, 30)),
        st.tuples(st.just("undo"), st.integers(0, 5)),
        st.tuples(st.just("wait_minutes"), st.integers(1, 30)),
        st.tuples(st.just("next_day"), st.integers(0, 5)),
    ),
    min_size=5,
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_card_actions, st.sampled_from([200, 1, 2]), st.sampled_from([NEW_LIMIT, 20]))
def test_deck_counts_match_what_the_queue_shows(steps: list[tuple[str, int]],
                                                review_limit: int, new_limit: int) -> None:
    """After any history, the deck list's figures are what studying everything shows:
    new + due distinct cards, and one pending repeat per learning card (with a review
    limit reached too: then a note whose due card waits shows none of its new cards)."""
    with tempfile.TemporaryDirectory() as temp:
        notes = Path(temp) / "notes"
        write_notes(notes)
        with Collection.open(Path(temp) / "c.sqlite") as collection:
            collection.import_path(notes)
            collection.update_settings(new_per_day=new_limit, reviews_per_day=review_limit)
            now = START
            collection.deck_tree(now=now)  # cached from here on: answers move the figures
            every_card = [card.id for card in collection.cards()]
            for action, value in steps:
                card = collection.next_card(now=now)
                # Suspending and burying take any card (from the browser), not only the
                # one shown.
                chosen = every_card[value % len(every_card)]
                if action == "answer" and card is not None:
                    collection.answer(card.id, value, now=now)
                elif action == "suspend":
                    collection.suspend(chosen)
                elif action == "unsuspend":
                    collection.unsuspend(chosen)
                elif action == "bury":
                    collection.bury(chosen, now=now)
                elif action == "unbury":
                    collection.unbury(chosen)
                elif action == "undo":
                    collection.undo()
                elif action == "wait_minutes":
                    now += timedelta(minutes=value)
                elif action == "next_day":
                    now += timedelta(days=1)
                followed = collection.deck_tree(now=now)
                collection.refresh()
                assert followed == collection.deck_tree(now=now), action
            tree = collection.deck_tree(now=now)
            expected = Counter(
                new=sum(node.counts.new for node in tree),
                due=sum(node.counts.due for node in tree),
                learning=sum(node.counts.learning for node in tree),
            )
            shown: Counter[str] = Counter()
            while (card := collection.next_card(now=now)) is not None:
                kind = ("learning" if card.repeat_today else
                        "new" if card.state.is_new else "due")
                shown[kind] += 1
                collection.answer(card.id, 5, now=now)
                assert shown.total() < 100
            assert +shown == +expected
