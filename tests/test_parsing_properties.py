"""Properties of the parser that must hold for any text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashcards.parsing import parse_text
from flashcards.parsing.blocks import parse_blocks, parse_blocks_with_markdown_it

# Markdown-ish alphabet: the characters that drive the rules, plus Cyrillic and noise.
MARKDOWN_BITS = st.sampled_from([
    "\n", "\n\n", " ", "  ", "\t", "#", "## ", "- ", "  - ", "* ", "1. ", " - ", " — ", " -> ",
    "→", "::", ":::", "?", "??", "+++", "==", "{{c1::", "}}", "::hint", "`", "```", "~~~",
    "<!--SR:!2024-05-01,12,250-->", "<script>", ">", "---", "Это ", "#tag", "#flashcards/a/b",
    ":", ".", "Термин", "определение", "Docker", "a", "b", "\\", "|", "<", "&",
])
NOTE_TEXT = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=8)), max_size=60).map("".join)

WORD = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюяabcdefghijklmnop", min_size=1, max_size=8)
TERM = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
DEFINITION = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(NOTE_TEXT)
def test_parsing_never_raises_and_cards_are_complete(text: str) -> None:
    result = parse_text(text, deck=["d"])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for card in result.cards:
        assert card.front.strip(), card
        assert card.back.strip(), card
        assert 1 <= card.line <= len(lines)
        assert not re.search(r"<!--SR:[^>]*-->", card.front + card.back)
    for skipped in result.skipped:
        assert skipped.reason
        assert 1 <= skipped.line <= len(lines)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsing_never_raises_on_arbitrary_text(text: str) -> None:
    result = parse_text(text)
    assert all(card.front.strip() and card.back.strip() for card in result.cards)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(TERM, DEFINITION, DEFINITION), min_size=1, max_size=12,
             unique_by=lambda row: row[0].casefold()),
    st.randoms(use_true_random=False),
    st.sampled_from([" - ", "::", " → "]),
)
def test_ids_survive_moved_lines_and_edited_backs(rows: list[tuple[str, str, str]], rng,
                                                  separator: str) -> None:
    original = "\n\n".join(f"{term}{separator}{back}" for term, back, _ in rows)
    moved = list(rows)
    rng.shuffle(moved)
    edited = "# Заголовок\n\n" + "\n\n".join(
        f"{term}{separator}{new_back}" for term, _, new_back in moved)
    before = {card.front: card.id for card in parse_text(original, deck=["deck"]).cards}
    after = {card.front: card.id for card in parse_text(edited, deck=["deck"]).cards}
    assert before == after
    assert len(set(before.values())) == len(before) == len(rows)


LINE_STARTS = st.sampled_from([
    "", "", "", "# ", "## ", "###### ", "####### ", "#tag ", "- ", "  - ", "    ", "\t", "* ", "+ ",
    "1. ", "2) ", "10 ", "> ", "```", "~~~", "<div>", "<!-- ", "<pre>", "---", "===", "| ",
    ":--", "[id]: ", "Термин - ", "Это ", "`code` - ", "?", "+++", "::", " ", "_", "<", "\\",
])
LINE_ENDS = st.sampled_from(["", " ", "  ", " #", " ##", ":", " |", "```", "-->", "</pre>", "\\"])
NOTE_LINES = st.lists(
    st.tuples(LINE_STARTS, st.text(alphabet="abc дж-#:|`>*=", max_size=6), LINE_ENDS)
    .map("".join), max_size=30,
).map("\n".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(NOTE_LINES, NOTE_TEXT))
# Found by fuzzing: a list continued past a fence, control characters that Python and
# markdown-it trim differently, a lone carriage return.
@example("- \n\n- \n```")
@example("## \x1f0")
@example("\x06Y\x1e")
@example("0\r#")
def test_plain_line_shortcut_finds_the_blocks_markdown_it_finds(text: str) -> None:
    assert parse_blocks(text) == parse_blocks_with_markdown_it(text)
