"""The browser's search language and queries, on a collection of a few thousand cards.

Every search is checked against a plain-Python reading of the same cards (front, back,
deck, tags, flags from `Collection.cards`), so the SQL and the reference must agree.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.app import Card, Collection
from flashcards.app.browse import (
    SORT_COLUMNS,
    CardBrowser,
    SearchError,
    SearchTerm,
    card_state,
    deck_matches,
    parse_search,
    wants_retired,
)
from flashcards.store.browse import case_variants, like_pattern

# -- the parser ---------------------------------------------------------------------------


def test_plain_words_and_filters_are_terms_combined():
    assert parse_search("pod  deck:k8s tag:net is:due") == [
        SearchTerm("text", "pod"), SearchTerm("deck", "k8s"), SearchTerm("tag", "net"),
        SearchTerm("is", "due"),
    ]


def test_quotes_keep_spaces_and_minus_negates():
    assert parse_search('"pod network" deck:"my deck" -is:suspended -word') == [
        SearchTerm("text", "pod network"), SearchTerm("deck", "my deck"),
        SearchTerm("is", "suspended", negated=True), SearchTerm("text", "word", negated=True),
    ]


def test_prefixes_are_case_insensitive_and_unknown_prefixes_are_text():
    assert parse_search("DECK:Docker IS:New http://x") == [
        SearchTerm("deck", "Docker"), SearchTerm("is", "new"), SearchTerm("text", "http://x"),
    ]


def test_empty_search_has_no_terms():
    assert parse_search("   ") == []


@pytest.mark.parametrize("text, fragment", [
    ("is:later", "is:due"),
    ("is:", "is:due"),
    ("deck:", "deck:docker"),
    ('"unclosed', "quote"),
])
def test_bad_searches_say_what_to_write(text, fragment):
    with pytest.raises(SearchError, match=fragment):
        parse_search(text)


def test_retired_cards_only_when_asked():
    assert not wants_retired(parse_search("docker"))
    assert not wants_retired(parse_search("-is:retired"))
    assert wants_retired(parse_search("docker is:retired"))


def test_deck_matches_children_titles_and_wildcards():
    names = ("kubernetes", "06-helm")
    assert deck_matches("kubernetes", names)
    assert deck_matches("Kubernetes::06-helm", names)
    assert deck_matches("kubernetes/06-HELM", names)
    assert deck_matches("kube*", names)
    assert deck_matches("kubernetes::06*", names)
    assert not deck_matches("kubernetes::07-storage", names)
    assert not deck_matches("helm", names)
    assert not deck_matches("kubernetes::06-helm::charts", names)
    assert deck_matches("Kubernetes: Helm", names, "Kubernetes: Helm")
    assert deck_matches("Кубер*", ("k8s",), "Кубернетес")


def test_card_state_words():
    base = {"retired": False, "suspended": False, "due": 10, "interval": 5,
            "repeat_day": None, "buried_day": None, "today": 10}
    assert card_state(**base) == "young"
    assert card_state(**(base | {"interval": 21})) == "mature"
    assert card_state(**(base | {"due": None})) == "new"
    assert card_state(**(base | {"repeat_day": 10})) == "learning"
    assert card_state(**(base | {"buried_day": 10})) == "buried"
    assert card_state(**(base | {"suspended": True})) == "suspended"
    assert card_state(**(base | {"retired": True, "suspended": True})) == "retired"


def test_like_pattern_keeps_sql_wildcards_literal():
    assert like_pattern("50%_off*") == "50\\%\\_off%"
    assert case_variants("pod") == ["pod"]
    assert set(case_variants("под сеть")) >= {"под сеть", "ПОД СЕТЬ", "Под сеть", "Под Сеть"}


_word = st.text(alphabet=st.sampled_from("abcxyzабвгдЖ0129_.*"), min_size=1, max_size=8)


@given(st.lists(st.tuples(st.sampled_from(["text", "deck", "tag", "is"]), _word,
                          st.booleans()), max_size=6))
def test_written_terms_parse_back(raw_terms):
    terms = []
    for kind, value, negated in raw_terms:
        if kind == "is":
            value = ["due", "new", "suspended", "retired"][len(value) % 4]
        if kind == "text" and (value.startswith("-") or ":" in value):
            continue
        terms.append(SearchTerm(kind, value, negated))  # type: ignore[arg-type]
    text = " ".join(("-" if t.negated else "") + ("" if t.kind == "text" else t.kind + ":")
                    + f'"{t.value}"' for t in terms)
    assert parse_search(text) == terms


@given(st.lists(st.text(alphabet="abcдеж-_0", min_size=1, max_size=6), min_size=1,
                max_size=4))
def test_a_deck_matches_its_path_and_every_parent(names):
    for length in range(1, len(names) + 1):
        assert deck_matches("::".join(names[:length]), names)
    assert not deck_matches("::".join([*names, "child"]), names)


# -- queries on a collection of a few thousand cards ------------------------------------

LATIN = "alpha beta gamma delta omega kernel socket".split()
CYRILLIC = "кластер узел сеть образ том секрет".split()
DECKS = ["docker", "ansible", "k8s/net", "k8s/storage"]


def write_notes(folder: Path, files: int = 60, lines: int = 50, seed: int = 11) -> None:
    rng = random.Random(seed)
    for index in range(files):
        deck = DECKS[index % len(DECKS)]
        target = folder / deck / f"part{index:02d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        tags = ["sec"] if index % 3 == 0 else ["Сеть"] if index % 3 == 1 else []
        out = ["---", f"tags: [{', '.join(tags)}]", "---", f"# Part {index}", ""]
        for line in range(lines):
            word = rng.choice(LATIN + CYRILLIC)
            front = f"{word.capitalize()} {index}-{line}"
            back = f"{rng.choice(LATIN)} {rng.choice(CYRILLIC)} {line}"
            out.append(f"{front} - {back}" + (" #важно" if line % 7 == 0 else ""))
        target.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """About 3,000 cards in four decks, with history, suspended and retired cards."""
    root = tmp_path_factory.mktemp("browse")
    notes = root / "notes"
    write_notes(notes)
    collection = Collection.open(root / "collection.sqlite")
    collection.import_path(notes)
    rng = random.Random(5)
    start = datetime.now(UTC) - timedelta(days=40)
    for day in range(0, 40, 3):
        now = start + timedelta(days=day, hours=12)
        for _ in range(25):
            card = collection.next_card(now=now)
            if card is None:
                break
            collection.answer(card.id, rng.choice([2, 3, 4, 4, 5]), elapsed_ms=4000, now=now)
    cards = list(collection.cards())
    for card in cards[::53]:
        collection.suspend(card.id)
    # Lines leave one file: its cards retire, history kept.
    gone = notes / "docker" / "part00.md"
    leaving = next(card for card in cards if card.source.endswith("part00.md")
                   and card.line > 40 and not card.suspended)
    collection.answer(leaving.id, 4, elapsed_ms=3000, now=start)
    gone.write_text("\n".join(gone.read_text(encoding="utf-8").splitlines()[:30]) + "\n",
                    encoding="utf-8")
    collection.import_path(notes)
    yield collection
    collection.close()


def reference(collection: Collection, query: str) -> set[str]:
    """The cards a search should find, computed without SQL."""
    terms = parse_search(query)
    today = collection.study_day()
    found = set()
    for card in collection.cards(include_retired=True):
        if card.retired and not wants_retired(terms):
            continue
        if all(_holds(term, card, today) != term.negated for term in terms):
            found.add(card.id)
    return found


def _wildcard(value: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in value.casefold().split("*")),
                      re.DOTALL)


def _holds(term: SearchTerm, card: Card, today: date) -> bool:
    pattern = _wildcard(term.value)
    if term.kind == "text":
        return bool(pattern.search(card.front.casefold())
                    or pattern.search(card.back.casefold()))
    if term.kind == "deck":
        return deck_matches(term.value, card.deck)
    if term.kind == "tag":
        return any(pattern.fullmatch(tag.casefold())
                   or tag.casefold().startswith(term.value.casefold() + "::")
                   for tag in card.tags)
    if term.value == "new":
        return card.state.due is None
    if term.value == "suspended":
        return card.suspended
    if term.value == "retired":
        return card.retired
    active = not card.suspended and not card.retired
    return active and ((card.state.due is not None and card.state.due <= today)
                       or card.repeat_today)


def found_ids(collection: Collection, query: str, sort: str = "due") -> list[str]:
    browser = CardBrowser(collection)
    keys = browser.search(query, sort)  # type: ignore[arg-type]
    return [row.card_id for row in browser.rows(keys)]


QUERIES = [
    "", "alpha", "ALPHA", "кластер", "Кластер", "сеть", "deck:docker", "deck:k8s",
    "deck:k8s::net", "deck:k8s/storage", "deck:K8S*", "tag:sec", "tag:сеть", "tag:важно",
    "is:due", "is:new", "-is:new", "is:suspended", "is:retired", "is:retired is:new",
    "deck:k8s -deck:k8s::net", "kernel deck:ansible -is:new", "tag:sec is:due",
    '"alpha 1"', "alp*a", "tag:s*c", "Кл*тер", "-tag:sec -tag:сеть", "deck:nothing",
    "omega tag:важно is:new",
]


@pytest.mark.parametrize("query", QUERIES)
def test_search_returns_exactly_the_matching_cards(big, query):
    expected = reference(big, query)
    found = found_ids(big, query)
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_the_collection_has_every_kind_of_card(big):
    cards = list(big.cards(include_retired=True))
    assert len(cards) > 2500
    assert any(card.retired for card in cards)
    assert any(card.suspended for card in cards)
    assert any(card.state.due is not None for card in cards)
    assert reference(big, "is:due")
    assert reference(big, "is:retired")
    assert reference(big, "tag:важно")


@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_every_column_sorts_both_ways(big, column):
    browser = CardBrowser(big)
    rows = browser.rows(browser.search("deck:k8s", column))  # type: ignore[arg-type]
    descending = browser.rows(browser.search("deck:k8s", column, descending=True))  # type: ignore[arg-type]
    assert {r.card_id for r in rows} == {r.card_id for r in descending} == reference(
        big, "deck:k8s")

    def key(row):  # noqa: ANN001, ANN202
        if column == "front":
            return row.front.lower()
        if column == "deck":
            return "\x1f".join(row.deck).lower()
        if column == "due":
            return (row.due is None, row.due or date.min)
        if column == "ease":
            return (row.due is None, row.ease)
        if column == "state":
            return ["new", "learning", "young", "mature", "suspended", "retired"].index(
                row.state) if row.state != "buried" else 1.5
        return getattr(row, column)

    if column not in ("front", "state"):  # SQLite's NOCASE and state ranks: see below
        assert [key(r) for r in rows] == sorted(key(r) for r in rows)
    if column in ("interval", "reviews", "lapses"):
        assert [key(r) for r in descending] == sorted((key(r) for r in rows), reverse=True)
    if column == "due":
        # New cards stay last whichever way due dates run.
        assert all(r.due is None for r in descending[-5:])


def test_reviews_column_counts_the_log(big):
    browser = CardBrowser(big)
    rows = browser.rows(browser.search("-is:new", "reviews", descending=True)[:30])
    for row in rows:
        assert row.reviews == len(big.history(row.card_id))
    assert rows[0].reviews >= rows[-1].reviews > 0


def test_retired_cards_show_with_their_history(big):
    browser = CardBrowser(big)
    rows = browser.rows(browser.search("is:retired"))
    assert rows and all(row.state == "retired" for row in rows)
    assert all(row.reviews == len(big.history(row.card_id)) for row in rows)
    assert any(row.reviews > 0 for row in rows)


def test_reset_progress_makes_cards_new_and_keeps_the_log(tmp_path, notes_folder):
    collection = Collection.open(tmp_path / "c.sqlite")
    collection.import_path(notes_folder)
    card = collection.next_card()
    assert card is not None
    collection.answer(card.id, 5, elapsed_ms=1000)
    other = collection.next_card()
    assert other is not None
    collection.answer(other.id, 4, elapsed_ms=1000)
    collection.suspend(other.id)
    log_before = collection.history(card.id)
    browser = CardBrowser(collection)
    assert browser.reset_progress([card.id, other.id]) == 2
    reset = collection.card(card.id)
    assert reset.state.is_new and reset.state.repetitions == 0 and reset.state.ease == 2.5
    assert collection.history(card.id) == log_before
    assert collection.card(other.id).suspended
    assert card.id in set(found_ids(collection, "is:new"))
    assert other.id in set(found_ids(collection, "is:new is:suspended"))
    collection.close()


def test_reset_card_comes_back_in_the_queue_as_new(tmp_path, notes_folder):
    collection = Collection.open(tmp_path / "c.sqlite")
    collection.import_path(notes_folder)
    first = collection.next_card()
    assert first is not None
    collection.answer(first.id, 5, elapsed_ms=1000)
    assert collection.next_card() is None or collection.next_card().id != first.id
    CardBrowser(collection).reset_progress([first.id])
    shown = []
    while (queued := collection.next_card()) is not None and len(shown) < 200:
        shown.append(queued)
        if queued.id == first.id:
            break
        collection.answer(queued.id, 5, elapsed_ms=500)
    assert shown and shown[-1].id == first.id and shown[-1].state.is_new
    collection.close()
