"""Line-level syntax: code spans, separators, tags, clozes and scheduling comments.

Detection always runs on a *masked* copy of the text in which every character inside a
code span is replaced, so nothing inside backticks ever counts as syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flashcards.parsing.model import ImportedSchedule

MASK = "\x07"  # not whitespace, not a word character, not punctuation we look for

_BACKTICKS = re.compile(r"`+")


def mask_code_spans(text: str) -> str:
    """`text` with the inside of every CommonMark code span (backticks included) masked.

    Newlines are kept so the masked text splits into the same lines as the original.
    """
    if "`" not in text:
        return text
    out = list(text)
    runs = list(_BACKTICKS.finditer(text))
    index = 0
    while index < len(runs):
        opening = runs[index]
        width = len(opening.group())
        closing_index = next(
            (j for j in range(index + 1, len(runs)) if len(runs[j].group()) == width), None
        )
        if closing_index is None:
            index += 1
            continue
        for position in range(opening.start(), runs[closing_index].end()):
            if out[position] != "\n":
                out[position] = MASK
        index = closing_index + 1
    return "".join(out)


def is_code_only(masked: str) -> bool:
    """True when the masked text holds nothing but code spans and whitespace."""
    stripped = masked.replace(MASK, "").strip()
    return not stripped and MASK in masked


# Term-definition separators: dashes need spaces around them (so `Copy-On-Write` and
# `--flag` are not separators); arrows may stand without spaces.
# The lookahead names every possible first character: without it, Python's `re` tries each
# alternative at every position (twice as slow on a typical line).
_SEPARATOR = re.compile(
    r"(?=[ \t→-])(?:[ \t]+(?:--?|–|—|->|=>)[ \t]+|[ \t]*→[ \t]*|(?<=\S)->(?=\S))")


def find_separator(masked_line: str) -> tuple[int, int] | None:
    """Start and end of the first term-definition separator with text on both sides, or
    None."""
    match = _SEPARATOR.search(masked_line)
    if match is None:
        return None
    # Text before a separator: a non-space character before its start; text after it:
    # one at or after its end. (A line seldom starts or ends with a space: no copies then.)
    text_from = (len(masked_line) - len(masked_line.lstrip())
                 if masked_line[0].isspace() else 0)
    text_to = len(masked_line.rstrip()) if masked_line[-1].isspace() else len(masked_line)
    start, end = match.span()
    if start > text_from and end < text_to:
        return start, end
    for match in _SEPARATOR.finditer(masked_line, end):
        start, end = match.span()
        if start > text_from and end < text_to:
            return start, end
    return None


_SENTENCE_END = re.compile(r"[.!?…;](?=\s)")


def has_sentence_end(masked: str) -> bool:
    return _SENTENCE_END.search(masked) is not None


def word_count(masked: str) -> int:
    return len(masked.split())


# Words that glue a line to the one before it; they are not part of a term.
_CONNECTIVES = re.compile(
    r"^(?:то есть|т\.\s?е\.|например|как пример|к примеру|логично,? что|также|а также|"
    r"кроме того|при этом|поэтому|i\.e\.|e\.g\.|for example|also)(?=[\s,:]|$)[\s,:]*",
    re.IGNORECASE,
)


def strip_connective(front: str) -> tuple[str, bool]:
    """The front without a leading connective ("То есть", "Например"), and whether one went."""
    match = _CONNECTIVES.match(front)
    if not match:
        return front, False
    rest = front[match.end():].strip()
    if rest[:1].islower():
        rest = rest[0].upper() + rest[1:]
    return rest, True


# A tag starts a word, and has at least one letter (so `#1` and `C#` are not tags).
_TAG = re.compile(r"(?<!\S)#((?:[^\W\d_]|[\d_/\-])*[^\W\d_](?:[\w/\-]*[\w])?)(?![\w#])")


def extract_tags(masked: str, text: str) -> tuple[str, list[str]]:
    """Text with its `#tags` removed, and the tags, found in the masked text."""
    tags: list[str] = []
    if "#" not in masked:
        return text, tags
    spans: list[tuple[int, int]] = []
    for match in _TAG.finditer(masked):
        tags.append(match.group(1))
        spans.append(match.span())
    if not spans:
        return text, tags
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    cleaned = re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()
    return cleaned, tags


def is_tag_line(masked: str) -> bool:
    if "#" not in masked:
        return False
    words = masked.split()
    return bool(words) and all(_TAG.fullmatch(word) for word in words)


# --- clozes -----------------------------------------------------------------

_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_ANKI_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Deletion:
    start: int
    end: int
    number: int
    answer: str
    hint: str | None


def find_deletions(masked: str, text: str) -> list[Deletion]:
    """Cloze deletions in `text` (positions found in its masked copy), in text order.

    `{{cN::...}}` keep their numbers; `==...==` number on after them, in text order.
    """
    anki: list[Deletion] = []
    if "==" not in masked and "{{" not in masked:
        return anki
    for match in _ANKI_CLOZE.finditer(masked):
        original = _ANKI_CLOZE.fullmatch(text[match.start():match.end()])
        if original is not None:
            anki.append(Deletion(match.start(), match.end(), int(original.group(1)),
                                 original.group(2), original.group(3) or None))
    base = max((deletion.number for deletion in anki), default=0)
    highlights: list[Deletion] = []
    for match in _HIGHLIGHT.finditer(masked):
        start, end = match.span()
        if any(start < other.end and other.start < end for other in anki):
            continue
        number = base + len(highlights) + 1
        highlights.append(Deletion(start, end, number, text[start + 2:end - 2], None))
    return sorted(anki + highlights, key=lambda deletion: deletion.start)


def render_cloze(text: str, deletions: list[Deletion], hide: int | None) -> str:
    """Text with deletion `hide` shown as `[...]` (or `[hint]`) and the others in clear.

    `hide=None` gives the whole text in clear (the back of a cloze card).
    """
    pieces: list[str] = []
    last = 0
    for deletion in deletions:
        pieces.append(text[last:deletion.start])
        if deletion.number == hide:
            pieces.append(f"[{deletion.hint}]" if deletion.hint else "[...]")
        else:
            pieces.append(deletion.answer)
        last = deletion.end
    pieces.append(text[last:])
    return "".join(pieces)


def anki_cloze_text(text: str, deletions: list[Deletion]) -> str:
    pieces: list[str] = []
    last = 0
    for deletion in deletions:
        pieces.append(text[last:deletion.start])
        hint = f"::{deletion.hint}" if deletion.hint else ""
        pieces.append(f"{{{{c{deletion.number}::{deletion.answer}{hint}}}}}")
        last = deletion.end
    pieces.append(text[last:])
    return "".join(pieces)


def cloze_key(text: str, deletions: list[Deletion]) -> str:
    """The note's identity: its text with the hidden parts taken out (editing them keeps ids)."""
    pieces: list[str] = []
    last = 0
    for deletion in deletions:
        pieces.append(text[last:deletion.start])
        pieces.append(f"{{{deletion.number}}}")
        last = deletion.end
    pieces.append(text[last:])
    return "".join(pieces)


# --- Obsidian Spaced Repetition scheduling comments -------------------------

# The whole comment goes, even one this version cannot read: it is the plugin's, not text.
SCHEDULE_COMMENT = "<!--SR:"
_SR_COMMENT = re.compile(r"[ \t]*<!--SR:([^>]*)-->")
_SR_TRIPLE = re.compile(r"!(\d{4}-\d{2}-\d{2}),(\d+),(\d+)")


def strip_schedule_comments(line: str) -> tuple[str, list[ImportedSchedule]]:
    """The line without `<!--SR:...-->` comments, and the schedules they held."""
    schedules: list[ImportedSchedule] = []
    if SCHEDULE_COMMENT not in line:
        return line, schedules

    def take(match: re.Match[str]) -> str:
        for due, interval, ease in _SR_TRIPLE.findall(match.group(1)):
            try:
                schedules.append(
                    ImportedSchedule(date.fromisoformat(due), int(interval), int(ease) / 100)
                )
            except ValueError:
                continue
        return ""

    return _SR_COMMENT.sub(take, line), schedules
