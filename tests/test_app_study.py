"""Studying: queue order, daily limits, siblings, SM-2's same-day repeats, undo, errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from flashcards.app import Card, CardNotFoundError, Collection, GradeError, Settings

NOW = datetime(2026, 3, 10, 12, 0)  # naive: local time
TODAY = date(2026, 3, 10)


def write_deck(folder: Path, name: str, count: int, reversed_cards: int = 0) -> None:
    lines = [f"# {name}", ""]
    lines += [line for i in range(count) for line in (f"{name} термин {i} - определение {i}", "")]
    lines += [line for i in range(reversed_cards)
              for line in (f"{name} вопрос {i} ::: ответ {i}", "")]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    notes = tmp_path / "notes"
    write_deck(notes, "docker", 30)
    write_deck(notes / "k8s", "helm", 5, reversed_cards=2)
    write_deck(notes / "k8s", "ceph", 5)
    with Collection.open(tmp_path / "collection.sqlite") as opened:
        opened.import_path(notes)
        yield opened


def front(card: Card | None) -> str:
    assert card is not None
    return card.front


def make_due(collection: Collection, card: Card, days_overdue: int) -> Card:
    """Answer a card in the past so that it is due `days_overdue` days before TODAY."""
    answered = collection.answer(card.id, 4, now=NOW - timedelta(days=days_overdue + 1))
    assert answered.state.due == TODAY - timedelta(days=days_overdue)
    return answered


def test_new_cards_come_in_note_order(collection: Collection) -> None:
    seen = []
    for _ in range(3):
        card = collection.next_card(now=NOW, deck=["docker"])
        assert card is not None
        seen.append(card.front)
        collection.answer(card.id, 5, now=NOW)
    assert seen == ["docker термин 0", "docker термин 1", "docker термин 2"]


def test_due_reviews_first_most_overdue_first(collection: Collection) -> None:
    cards = list(collection.cards(deck=["docker"]))
    make_due(collection, cards[5], 1)
    make_due(collection, cards[7], 9)
    make_due(collection, cards[6], 3)
    order = []
    for _ in range(4):
        card = collection.next_card(now=NOW, deck=["docker"])
        assert card is not None
        order.append(card.id)
        collection.answer(card.id, 5, now=NOW)
    assert order == [cards[7].id, cards[6].id, cards[5].id, cards[0].id]


def test_same_day_repeat_until_graded_4(collection: Collection) -> None:
    card = collection.next_card(now=NOW, deck=["k8s", "ceph"])
    assert card is not None
    failed = collection.answer(card.id, 2, now=NOW)
    scheduled = failed.state
    assert failed.repeat_today and scheduled.interval == 1 and scheduled.repetitions == 0
    # Not due again for a minute: new cards come first.
    assert front(collection.next_card(now=NOW, deck=["k8s", "ceph"])) != card.front
    later = NOW + timedelta(minutes=2)
    assert collection.next_card(now=later, deck=["k8s", "ceph"]).id == card.id  # type: ignore[union-attr]
    again = collection.answer(card.id, 3, now=later)
    assert again.state == scheduled and again.repeat_today
    done = collection.answer(card.id, 4, now=later + timedelta(minutes=11))
    assert done.state == scheduled and not done.repeat_today
    kinds = [(entry.kind, entry.grade) for entry in collection.history(card.id)]
    assert kinds == [("new", 2), ("repeat", 3), ("repeat", 4)]
    assert all(entry.before == entry.after for entry in collection.history(card.id)[1:])


def test_waiting_repeats_come_when_nothing_else_is_left(collection: Collection) -> None:
    collection.update_settings(new_per_day=1)
    card = collection.next_card(now=NOW, deck=["k8s", "ceph"])
    assert card is not None
    collection.answer(card.id, 1, now=NOW)
    # The new limit is used up; the repeat waits 1 minute but is shown early (learn ahead).
    assert collection.next_card(now=NOW, deck=["k8s", "ceph"]).id == card.id  # type: ignore[union-attr]
    collection.answer(card.id, 5, now=NOW)
    assert collection.next_card(now=NOW, deck=["k8s", "ceph"]) is None


def test_a_buried_repeat_waits_for_tomorrow(collection: Collection) -> None:
    collection.update_settings(new_per_day=1)
    card = collection.next_card(now=NOW, deck=["k8s", "ceph"])
    assert card is not None
    collection.answer(card.id, 1, now=NOW)
    collection.bury(card.id, now=NOW)
    assert collection.next_card(now=NOW + timedelta(minutes=5), deck=["k8s", "ceph"]) is None
    assert collection.next_card(now=NOW + timedelta(days=1), deck=["k8s", "ceph"]).id == card.id  # type: ignore[union-attr]


def test_new_limit_applies_per_deck_tree(collection: Collection) -> None:
    collection.update_settings(new_per_day=4)
    k8s = []
    while (card := collection.next_card(now=NOW, deck=["k8s"])) is not None:
        k8s.append(card)
        collection.answer(card.id, 5, now=NOW)
    assert len(k8s) == 4
    assert {tuple(card.deck) for card in k8s} <= {("k8s", "helm"), ("k8s", "ceph")}
    # The other tree has its own allowance; the next day brings new cards again.
    assert front(collection.next_card(now=NOW, deck=["docker"])).startswith("docker")
    assert collection.next_card(now=NOW + timedelta(days=1), deck=["k8s"]) is not None


def test_review_limit(collection: Collection) -> None:
    cards = list(collection.cards(deck=["docker"]))[:6]
    for card in cards:
        make_due(collection, card, 2)
    collection.update_settings(reviews_per_day=3, new_per_day=0)
    answered = 0
    while (card := collection.next_card(now=NOW, deck=["docker"])) is not None:
        collection.answer(card.id, 5, now=NOW)
        answered += 1
    assert answered == 3
    tree = {node.name: node for node in collection.deck_tree(now=NOW)}
    assert tree["docker"].counts.due == 0


def test_a_note_held_back_by_the_review_limit_starts_no_new_sibling(
    collection: Collection,
) -> None:
    # Day 0: every helm note shows one card (the reversed notes one direction each).
    collection.update_settings(new_per_day=100)
    while (card := collection.next_card(now=NOW, deck=["k8s", "helm"])) is not None:
        collection.answer(card.id, 5, now=NOW)
    # Day 1: seven cards are due, the limit lets one through; the other directions of the
    # reversed notes are new, but their notes are due: they wait, as the deck list says.
    tomorrow = NOW + timedelta(days=1)
    collection.update_settings(reviews_per_day=1)
    k8s = next(node for node in collection.deck_tree(now=tomorrow) if node.name == "k8s")
    helm = next(node for node in k8s.children if node.name == "helm")
    assert (helm.counts.new, helm.counts.due) == (0, 1)
    shown: list[Card] = []
    while (card := collection.next_card(now=tomorrow, deck=["k8s", "helm"])) is not None:
        shown.append(card)
        collection.answer(card.id, 5, now=tomorrow)
    assert len(shown) == 1 and not shown[0].state.is_new


def test_siblings_wait_for_tomorrow(collection: Collection) -> None:
    collection.update_settings(new_per_day=100)
    seen: list[Card] = []
    while (card := collection.next_card(now=NOW, deck=["k8s", "helm"])) is not None:
        seen.append(card)
        collection.answer(card.id, 5, now=NOW)
    notes = [card.note_id for card in seen]
    assert len(notes) == len(set(notes)) == 7  # 5 definitions + 2 reversed notes, once each
    assert sum(1 for card in seen if card.kind == "reversed") == 2
    shown: dict[int, list[Card]] = {}
    for day in (1, 2):
        moment = NOW + timedelta(days=day)
        shown[day] = []
        while (card := collection.next_card(now=moment, deck=["k8s", "helm"])) is not None:
            shown[day].append(card)
            collection.answer(card.id, 5, now=moment)
    # Day 1: the first directions are due again and keep their siblings waiting;
    # day 2 (the next interval is 6 days) the held-back directions come.
    assert {card.id for card in shown[1]} == {card.id for card in seen}
    held_back = shown[2]
    assert len(held_back) == 2
    assert {card.note_id for card in held_back} <= set(notes)
    assert all(card.kind == "reversed" for card in held_back)


def test_undo_restores_exact_state_and_removes_log(collection: Collection) -> None:
    card = collection.next_card(now=NOW)
    assert card is not None
    before = collection.card(card.id)
    collection.answer(card.id, 5, elapsed_ms=1200, now=NOW)
    collection.answer(card.id, 5, now=NOW + timedelta(days=1))
    assert collection.undo() == card.id
    once = collection.card(card.id)
    assert once.state.interval == 1 and len(collection.history(card.id)) == 1
    assert collection.undo() == card.id
    assert collection.card(card.id) == before
    assert collection.history(card.id) == []
    assert collection.undo() is None
    # The undone new card counts against no limit and is offered again first.
    assert collection.next_card(now=NOW).id == card.id  # type: ignore[union-attr]


def test_bad_input_raises_and_changes_nothing(collection: Collection) -> None:
    card = collection.next_card(now=NOW)
    assert card is not None
    for grade in (-1, 6, 3.5, "4"):
        with pytest.raises(GradeError):
            collection.answer(card.id, grade, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(CardNotFoundError, match="no card with id 'nope'"):
        collection.answer("nope", 4, now=NOW)
    for action in (collection.suspend, collection.card, collection.history):
        with pytest.raises(CardNotFoundError):
            action("nope")
    assert collection.card(card.id).state.is_new
    assert collection.stats(now=NOW).total_reviews == 0
    assert not collection.can_undo()


def test_suspend_and_bury_hide_cards(collection: Collection) -> None:
    first = collection.next_card(now=NOW, deck=["docker"])
    assert first is not None
    collection.suspend(first.id)
    assert collection.card(first.id).suspended
    second = collection.next_card(now=NOW, deck=["docker"])
    assert second is not None and second.id != first.id
    collection.bury(second.id, now=NOW)
    third = collection.next_card(now=NOW, deck=["docker"])
    assert third is not None and third.id not in (first.id, second.id)
    # Burying lasts for the study day only.
    assert collection.next_card(now=NOW + timedelta(days=1), deck=["docker"]).id == second.id  # type: ignore[union-attr]
    collection.unsuspend(first.id)
    assert collection.next_card(now=NOW, deck=["docker"]).id == first.id  # type: ignore[union-attr]


def test_session_deck_selects_children(collection: Collection) -> None:
    decks = set()
    collection.update_settings(new_per_day=100)
    while (card := collection.next_card(now=NOW, deck=["k8s"])) is not None:
        decks.add(tuple(card.deck))
        collection.answer(card.id, 5, now=NOW)
    assert decks == {("k8s", "helm"), ("k8s", "ceph")}
    assert collection.next_card(now=NOW, deck=["nothing"]) is None


def test_counts_and_deck_tree(collection: Collection) -> None:
    counts = {tuple(c.deck): (c.new, c.learning, c.due) for c in collection.counts(now=NOW)}
    # helm: 5 definitions and 2 two-way lines; one direction of each line comes today.
    assert counts == {("docker",): (30, 0, 0), ("k8s", "helm"): (7, 0, 0),
                      ("k8s", "ceph"): (5, 0, 0)}
    card = collection.next_card(now=NOW, deck=["k8s", "ceph"])
    assert card is not None
    collection.answer(card.id, 2, now=NOW)
    [docker, k8s] = collection.deck_tree(now=NOW)
    assert (docker.name, docker.counts.new, docker.total_cards) == ("docker", 20, 30)
    assert k8s.counts.learning == 1 and k8s.total_cards == 14
    assert k8s.counts.new == 11  # 19 left of the tree's 20; 4 + 7 cards can come
    assert [child.name for child in k8s.children] == ["ceph", "helm"]
    assert k8s.children[0].counts.new == 4


def test_stats(collection: Collection) -> None:
    cards = list(collection.cards(deck=["docker"]))
    make_due(collection, cards[0], 0)
    make_due(collection, cards[1], 0)
    collection.answer(cards[0].id, 5, elapsed_ms=2000, now=NOW)
    collection.answer(cards[1].id, 1, elapsed_ms=4000, now=NOW)
    collection.answer(cards[1].id, 4, elapsed_ms=1000, now=NOW + timedelta(minutes=5))
    stats = collection.stats(days=7, now=NOW)
    assert [(d.day, d.reviews, d.passed, d.new, d.repeats) for d in stats.per_day] == [
        (TODAY - timedelta(days=1), 2, 2, 2, 0),
        (TODAY, 3, 2, 0, 1),
    ]
    assert stats.retention == pytest.approx(0.5)
    assert stats.time_spent_ms == 7000
    assert stats.cards_by_state["learning"] == 0
    assert stats.cards_by_state["young"] == 2
    assert stats.cards_by_state["new"] == 42
    assert sum(stats.forecast.values()) == 2


def test_settings_are_stored_and_validated(tmp_path: Path) -> None:
    path = tmp_path / "settings.sqlite"
    with Collection.open(path) as collection:
        assert collection.settings == Settings()
        assert collection.settings.new_per_day == 20
        assert collection.settings.reviews_per_day == 200
        assert collection.settings.rollover_hour == 4
        assert collection.answer_buttons() == (
            ("Again", 2), ("Hard", 3), ("Good", 4), ("Easy", 5))
        collection.update_settings(answer_mode="six_grades", rollover_hour=2)
        with pytest.raises(ValueError, match="rollover_hour"):
            collection.update_settings(rollover_hour=24)
        with pytest.raises(ValueError, match="unknown settings: colour"):
            collection.update_settings(colour="red")
    with Collection.open(path) as collection:
        assert collection.settings.answer_mode == "six_grades"
        assert collection.settings.rollover_hour == 2
        assert [grade for _, grade in collection.answer_buttons()] == [0, 1, 2, 3, 4, 5]
        assert collection.study_day(datetime(2026, 3, 10, 1, 59)) == date(2026, 3, 9)


def test_preview_intervals(collection: Collection) -> None:
    card = collection.next_card(now=NOW)
    assert card is not None
    assert collection.preview_intervals(card.id, now=NOW) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    collection.answer(card.id, 2, now=NOW)
    # A same-day repeat: below 4 means later today, 4-5 keep tomorrow's due date.
    assert collection.preview_intervals(card.id, now=NOW) == {0: 0, 1: 0, 2: 0, 3: 0, 4: 1, 5: 1}


def test_history_times_are_utc_and_answers_are_committed(collection: Collection) -> None:
    card = collection.next_card(now=NOW)
    assert card is not None
    collection.answer(card.id, 4, elapsed_ms=2500, now=NOW)
    [entry] = collection.history(card.id)
    assert entry.reviewed_at.utcoffset() == timedelta(0)
    assert entry.reviewed_at == NOW.astimezone()
    assert (entry.day, entry.grade, entry.elapsed_ms, entry.kind) == (TODAY, 4, 2500, "new")
    # Another connection sees the answer at once: it was committed before answer() returned.
    other = sqlite3.connect(collection.path)
    assert other.execute("SELECT count(*) FROM review_log").fetchone() == (1,)
    other.close()


def test_a_second_thread_waits_for_a_running_import(
    collection: Collection, tmp_path: Path
) -> None:
    import threading

    write_deck(tmp_path / "more", "ansible", 3)
    card = collection.next_card(now=NOW)
    assert card is not None
    finished = threading.Event()
    waited: list[bool] = []

    def answer_meanwhile() -> None:
        collection.answer(card.id, 4, now=NOW)
        finished.set()

    def progress(done: int, total: int) -> None:
        if not waited:
            other = threading.Thread(target=answer_meanwhile)
            other.start()
            # The import holds the collection: the answer must wait for it to end.
            waited.append(not finished.wait(0.3))

    collection.import_path(tmp_path / "more", progress=progress)
    assert waited == [True]
    assert finished.wait(10)
    assert [entry.grade for entry in collection.history(card.id)] == [4]
    assert collection.store.integrity_check() == ["ok"]


def test_deck_counts_follow_answers_exactly(collection: Collection) -> None:
    import random

    rng = random.Random(5)
    cards = list(collection.cards())
    for card in cards[:8]:
        make_due(collection, card, rng.randint(0, 3))
    collection.deck_tree(now=NOW)  # counts are now cached and follow each answer
    for step in range(40):
        moment = NOW + timedelta(minutes=step)
        card = collection.next_card(now=moment)
        if card is None:
            break
        collection.answer(card.id, rng.randint(0, 5), now=moment)
        if step % 7 == 6:
            collection.undo()
        followed = collection.deck_tree(now=moment)
        collection.refresh()  # recount from the file
        assert followed == collection.deck_tree(now=moment)
    assert step > 20


def db_snapshot(collection: Collection) -> tuple[list[tuple[object, ...]], int]:
    states = collection.store.db.execute(
        "SELECT * FROM review_states ORDER BY card_id").fetchall()
    [(log_rows,)] = collection.store.db.execute("SELECT count(*) FROM review_log").fetchall()
    return states, log_rows


def test_answering_a_suspended_or_retired_card_or_a_bool_grade_changes_nothing(
    collection: Collection, tmp_path: Path
) -> None:
    from flashcards.app.collection import CardRetiredError, CardSuspendedError

    first = collection.next_card(now=NOW, deck=["docker"])
    assert first is not None
    collection.answer(first.id, 2, now=NOW)  # one answer in the log, a repeat pending
    collection.suspend(first.id)
    before = db_snapshot(collection)
    with pytest.raises(CardSuspendedError, match="suspended"):
        collection.answer(first.id, 5, now=NOW + timedelta(minutes=5))
    for grade in (True, False):
        with pytest.raises(GradeError):
            collection.answer(first.id, grade, now=NOW)
    with pytest.raises(ValueError, match="elapsed_ms"):
        collection.answer(first.id, 4, elapsed_ms=True, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(CardNotFoundError):
        collection.answer(42, 4, now=NOW)  # type: ignore[arg-type]
    assert db_snapshot(collection) == before
    # Retire a card: its line leaves the notes.
    notes = tmp_path / "notes" / "docker.md"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("docker термин 7 - определение 7\n", ""), encoding="utf-8")
    collection.import_path(tmp_path / "notes")
    retired = next(card for card in collection.cards(include_retired=True) if card.retired)
    before = db_snapshot(collection)
    with pytest.raises(CardRetiredError, match="retired"):
        collection.answer(retired.id, 4, now=NOW)
    assert db_snapshot(collection) == before
    collection.update_settings(new_per_day=100)
    shown = set()
    while (card := collection.next_card(now=NOW, deck=["docker"])) is not None:
        shown.add(card.id)
        collection.answer(card.id, 5, now=NOW)
    assert retired.id not in shown and first.id not in shown and len(shown) == 28
    assert [entry.grade for entry in collection.history(first.id)] == [2]


def test_undo_restores_limits_siblings_and_repeats(collection: Collection) -> None:
    collection.update_settings(new_per_day=2)
    deck = ["k8s", "helm"]
    snapshot = db_snapshot(collection)
    first = collection.next_card(now=NOW, deck=deck)
    assert first is not None
    collection.answer(first.id, 2, now=NOW)  # a same-day repeat is pending
    second = collection.next_card(now=NOW, deck=deck)
    assert second is not None and second.id != first.id
    collection.answer(second.id, 5, now=NOW)
    # The limit of 2 is used; only the repeat is left.
    assert collection.next_card(now=NOW, deck=deck).id == first.id  # type: ignore[union-attr]
    repeat_time = NOW + timedelta(minutes=2)
    collection.answer(first.id, 3, now=repeat_time)  # a repeat: logged, schedule kept
    assert [e.kind for e in collection.history(first.id)] == ["new", "repeat"]
    assert collection.undo() == first.id
    state = collection.store.state(first.id)
    assert state is not None and state.repeat_day == TODAY.toordinal()
    assert state.repeat_due_at == int((NOW + timedelta(minutes=1)).timestamp() * 1000)
    assert collection.undo() == second.id
    # One new card is allowed again, and the repeat is still pending.
    tree = {node.name: node for node in collection.deck_tree(now=NOW)}
    assert (tree["k8s"].counts.new, tree["k8s"].counts.learning) == (1, 1)
    assert collection.next_card(now=repeat_time, deck=deck).id == first.id  # type: ignore[union-attr]
    assert collection.undo() == first.id
    assert db_snapshot(collection) == snapshot
    assert collection.undo() is None
    assert collection.next_card(now=NOW, deck=deck).id == first.id  # type: ignore[union-attr]


def test_undo_lifts_the_sibling_rule(collection: Collection) -> None:
    collection.update_settings(new_per_day=100)
    deck = ["k8s", "helm"]
    reversed_cards = [card for card in collection.cards(deck=deck) if card.kind == "reversed"]
    one, other = reversed_cards[0], reversed_cards[1]
    assert one.note_id == other.note_id
    collection.answer(one.id, 5, now=NOW)
    shown = []
    while (card := collection.next_card(now=NOW, deck=deck)) is not None:
        shown.append(card.id)
        collection.bury(card.id, now=NOW)
    assert other.id not in shown
    for card_id in shown:
        collection.unbury(card_id)
    assert collection.undo() == one.id
    remaining = []
    while (card := collection.next_card(now=NOW, deck=deck)) is not None:
        remaining.append(card.id)
        collection.answer(card.id, 5, now=NOW)
    # With the answer undone, either direction may come (one of them, not both).
    assert len({one.id, other.id} & set(remaining)) == 1


def test_undo_keeps_a_later_suspension(collection: Collection) -> None:
    card = collection.next_card(now=NOW, deck=["docker"])
    assert card is not None
    collection.answer(card.id, 4, now=NOW)
    collection.suspend(card.id)
    assert collection.undo() == card.id
    assert collection.card(card.id).suspended and collection.card(card.id).state.is_new
    shown = collection.next_card(now=NOW, deck=["docker"])
    assert shown is not None and shown.id != card.id
    counts = {tuple(c.deck): c.new for c in collection.counts(now=NOW)}
    assert counts[("docker",)] == 29


def test_undo_is_for_the_session_only(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    write_deck(notes, "docker", 3)
    path = tmp_path / "c.sqlite"
    with Collection.open(path) as collection:
        collection.import_path(notes)
        card = collection.next_card(now=NOW)
        assert card is not None
        collection.answer(card.id, 4, now=NOW)
        assert collection.can_undo()
    with Collection.open(path) as collection:
        assert not collection.can_undo()
        assert collection.undo() is None
        assert [entry.grade for entry in collection.history(card.id)] == [4]


def test_answer_preview_tells_days_and_same_day_pauses(collection: Collection) -> None:
    from flashcards.app.collection import REPEAT_DELAY_FAILED, REPEAT_DELAY_HARD

    cards = list(collection.cards(deck=["docker"]))
    learned = cards[0]
    collection.answer(learned.id, 5, now=NOW - timedelta(days=7))
    collection.answer(learned.id, 5, now=NOW - timedelta(days=6))  # 6 days: due today
    first = collection.answer_preview(learned.id, now=NOW)
    assert {g: p.days for g, p in first.items()} == {0: 1, 1: 1, 2: 1, 3: 17, 4: 17, 5: 17}
    assert [first[g].again_in for g in range(6)] == [REPEAT_DELAY_FAILED] * 3 + [
        REPEAT_DELAY_HARD, None, None]
    assert collection.preview_intervals(learned.id, now=NOW) == {
        g: p.days for g, p in first.items()}
    # ceil(6 × 2.7) = 17. Answered Hard: a same-day repeat. Its due date (17 days) is
    # set; the buttons say later today for 0-3 and the date already set for 4 and 5.
    collection.answer(learned.id, 3, now=NOW)
    repeat = collection.answer_preview(learned.id, now=NOW)
    assert {g: p.days for g, p in repeat.items()} == dict.fromkeys(range(6), 17)
    assert repeat[3].again_in == REPEAT_DELAY_HARD and repeat[4].again_in is None
    assert collection.preview_intervals(learned.id, now=NOW) == {
        0: 0, 1: 0, 2: 0, 3: 0, 4: 17, 5: 17}
    # The preview is what answering does.
    assert collection.answer(learned.id, 4, now=NOW).state.due == TODAY + timedelta(days=17)
    with pytest.raises(CardNotFoundError):
        collection.answer_preview("nope", now=NOW)


def test_due_reviews_come_before_due_repeats_and_ties_keep_note_order(
    collection: Collection,
) -> None:
    cards = list(collection.cards(deck=["docker"]))
    for card in (cards[4], cards[2], cards[3]):
        make_due(collection, card, 2)
    new = collection.next_card(now=NOW, deck=["docker"])
    assert new is not None
    assert new.id == cards[2].id  # due reviews first, equal due dates in note order
    collection.answer(cards[2].id, 1, now=NOW)  # a repeat, due again in a minute
    later = NOW + timedelta(minutes=5)
    order = []
    for _ in range(4):
        card = collection.next_card(now=later, deck=["docker"])
        assert card is not None
        order.append(card.id)
        collection.answer(card.id, 5, now=later)
    # The two other due reviews, then the repeat whose time has come, then a new card.
    assert order == [cards[3].id, cards[4].id, cards[2].id, cards[0].id]


def test_default_daily_limits(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    write_deck(notes, "docker", 25)
    write_deck(notes, "linux", 230)
    with Collection.open(tmp_path / "c.sqlite") as collection:
        collection.import_path(notes)
        assert (collection.settings.new_per_day, collection.settings.reviews_per_day) == (
            20, 200)
        shown = 0
        while (card := collection.next_card(now=NOW, deck=["docker"])) is not None:
            collection.answer(card.id, 5, now=NOW)
            shown += 1
        assert shown == 20
        # 230 linux cards learned over the past days, all due today: 200 come.
        collection.update_settings(new_per_day=1000)
        past = NOW - timedelta(days=1)
        while (card := collection.next_card(now=past, deck=["linux"])) is not None:
            collection.answer(card.id, 4, now=past)
        collection.update_settings(new_per_day=20)
        reviews = 0
        while (card := collection.next_card(now=NOW, deck=["linux"])) is not None:
            assert not card.state.is_new
            collection.answer(card.id, 5, now=NOW)
            reviews += 1
        assert reviews == 200
