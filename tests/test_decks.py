"""The study decks the app ships: every line of `decks/` gives cards, and enough of them.

The decks are the first thing a learner studies, so they are held to the notes rules the
parser reads: no line skipped, no empty section, no duplicate front, and cards small
enough to check at a glance.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flashcards.parsing import ParseResult, parse_folder
from flashcards.paths import bundled_decks_dir

DECKS_DIR = bundled_decks_dir()

# Cards per file, exactly: a change to a deck that loses or adds a card shows up here.
EXPECTED_CARDS: dict[str, int] = {
    "ansible.md": 63,
    "docker.md": 64,
    "kubernetes/01-intro.md": 39,
    "kubernetes/02-architecture.md": 26,
    "kubernetes/03-kubespray.md": 25,
    "kubernetes/04-abstractions.md": 47,
    "kubernetes/05-dns-services.md": 30,
    "kubernetes/06-helm.md": 32,
    "kubernetes/07-storage.md": 33,
    "kubernetes/08-cert-manager.md": 27,
    "kubernetes/09-maintenance.md": 28,
    "kubernetes/10-dockerize.md": 22,
}

KUBERNETES_TOPICS = [name for name in EXPECTED_CARDS if name.startswith("kubernetes/")]

# Lines the parser may skip on purpose, as (file, line text) with the reason it is fine.
# Empty: every line of the decks is a card or part of one.
ALLOWED_SKIPS: dict[tuple[str, str], str] = {}

# A back longer than this (code blocks aside) is no longer checked at a glance.
MAX_BACK_CHARS = 260
MAX_FRONT_CHARS = 90

_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)


def _relative_name(result: ParseResult) -> str:
    """The file's path inside `decks/`, whichever way the parser spells `source`."""
    source = Path(result.source)
    if not source.is_absolute() and (DECKS_DIR / source).is_file():
        return source.as_posix()
    return (Path.cwd() / source).resolve().relative_to(DECKS_DIR.resolve()).as_posix()


@pytest.fixture(scope="module")
def results() -> dict[str, ParseResult]:
    parsed = parse_folder(DECKS_DIR)
    return {_relative_name(result): result for result in parsed}


def test_decks_folder_holds_exactly_the_expected_files(results: dict[str, ParseResult]) -> None:
    assert sorted(results) == sorted(EXPECTED_CARDS)


@pytest.mark.parametrize("name", sorted(EXPECTED_CARDS))
def test_deck_file_parses_cleanly(results: dict[str, ParseResult], name: str) -> None:
    result = results[name]
    assert result.error is None
    assert result.title, f"{name} has no title heading"
    assert result.empty_sections == []
    unexpected = [
        (skipped.line, skipped.text, skipped.reason)
        for skipped in result.skipped
        if (name, skipped.text.strip()) not in ALLOWED_SKIPS
    ]
    assert unexpected == []
    # Warnings are duplicate fronts, unreadable images and the like: none in our decks.
    assert [(w.line, w.text, w.reason) for w in result.warnings] == []


@pytest.mark.parametrize("name", sorted(EXPECTED_CARDS))
def test_deck_file_card_count(results: dict[str, ParseResult], name: str) -> None:
    assert len(results[name].cards) == EXPECTED_CARDS[name]


@pytest.mark.parametrize("name", KUBERNETES_TOPICS)
def test_every_kubernetes_topic_has_at_least_eight_cards(
    results: dict[str, ParseResult], name: str
) -> None:
    assert len(results[name].cards) >= 8


def test_kubernetes_covers_the_ten_course_topics(results: dict[str, ParseResult]) -> None:
    assert len(KUBERNETES_TOPICS) == 10
    for name in KUBERNETES_TOPICS:
        assert results[name].title is not None
        assert results[name].title.startswith("Kubernetes: ")


def test_at_least_two_hundred_cards_in_all(results: dict[str, ParseResult]) -> None:
    assert sum(len(result.cards) for result in results.values()) >= 200


def test_folder_layout_gives_the_deck_tree(results: dict[str, ParseResult]) -> None:
    for name, result in results.items():
        expected_deck = name.removesuffix(".md").split("/")
        assert result.deck == expected_deck
        assert all(card.deck == expected_deck for card in result.cards)


def test_cards_are_small_enough_to_check_at_a_glance(results: dict[str, ParseResult]) -> None:
    too_long = []
    for name, result in results.items():
        for card in result.cards:
            front = card.front.strip()
            back_text = _CODE_BLOCK.sub("", card.back).strip()
            if not front or not card.back.strip():
                too_long.append((name, card.line, "empty side"))
            if card.kind != "cloze" and len(front) > MAX_FRONT_CHARS:
                too_long.append((name, card.line, f"front of {len(front)} chars"))
            if card.kind not in ("cloze", "list") and len(back_text) > MAX_BACK_CHARS:
                too_long.append((name, card.line, f"back of {len(back_text)} chars"))
    assert too_long == []


def test_code_examples_stay_inside_their_cards(results: dict[str, ParseResult]) -> None:
    """Every fenced block of the decks ends up in a card's back, none is left over."""
    for name, result in results.items():
        text = (DECKS_DIR / name).read_text(encoding="utf-8")
        fences = len(re.findall(r"^```\w", text, re.MULTILINE))
        backs_with_code = sum(1 for card in result.cards if "```" in card.back)
        assert backs_with_code == fences, name


def test_decks_use_notes_style_and_explicit_cards_where_notes_cannot_say_it(
    results: dict[str, ParseResult],
) -> None:
    kinds: dict[str, int] = {}
    for result in results.values():
        for kind, count in result.counts_by_kind().items():
            kinds[kind] = kinds.get(kind, 0) + count
    # Mostly `Term - definition` lines and lists, a few questions and clozes on top.
    assert kinds["definition"] > sum(kinds.values()) / 2
    assert kinds["list"] >= 10
    assert kinds["basic"] >= 1
    assert kinds["cloze"] >= 1
