"""parse_text: text in, cards out (no I/O)."""

from __future__ import annotations

from typing import Any

from flashcards.parsing.blocks import parse_blocks
from flashcards.parsing.inline import SCHEDULE_COMMENT, strip_schedule_comments
from flashcards.parsing.model import ImportedSchedule, ParseResult, SkippedLine
from flashcards.parsing.notes import NotesOptions, NotesReader

_EXPLICIT_ONLY = ("explicit", "explicit-only", "syntax")


def parse_text(text: str, source: str = "<text>", *, deck: list[str] | None = None,
               end_marker: str = "+++") -> ParseResult:
    """Cards from the Markdown `text` of one notes file.

    `deck` defaults to the file name without extension (or nothing for `<text>`); front
    matter (`deck:`, `tags:`, `cards: explicit`, `end_marker:`) overrides per file.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    schedules: dict[int, list[ImportedSchedule]] = {}
    # Lines that hold nothing but a scheduling comment: the card above them owns it.
    comment_lines: set[int] = set()
    if SCHEDULE_COMMENT in text:
        for number, line in enumerate(lines):
            cleaned, found = strip_schedule_comments(line)
            lines[number] = cleaned
            if found:
                schedules[number] = found
                if not cleaned.strip():
                    comment_lines.add(number)
        cleaned_text = "\n".join(lines)
    else:
        cleaned_text = text
    blocks = parse_blocks(cleaned_text)

    result = ParseResult(source=source, deck=list(deck) if deck is not None else [])
    options = NotesOptions(end_marker=end_marker)
    file_tags: list[str] = []
    if blocks and blocks[0].kind == "front_matter":
        meta = _front_matter(blocks[0].content, result)
        if "deck" in meta:
            result.deck = _deck_names(meta["deck"])
        file_tags = _strings(meta.get("tags"))
        mode = str(meta.get("cards", "")).strip().casefold()
        options.notes_mode = mode not in _EXPLICIT_ONLY
        if isinstance(meta.get("end_marker"), str) and meta["end_marker"].strip():
            options.end_marker = meta["end_marker"].strip()

    reader = NotesReader(source=source, lines=lines, deck=result.deck, schedules=schedules,
                         comment_lines=comment_lines,
                         options=options, file_tags=file_tags)
    reader.read(blocks)
    reader.drafts(result)
    result.skipped = sorted(reader.skipped, key=lambda skipped: skipped.line)
    result.empty_sections = reader.empty_sections
    result.title = reader.title
    return result


def _front_matter(content: str, result: ParseResult) -> dict[str, Any]:
    import yaml  # only for files with front matter

    try:
        meta = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        result.warnings.append(SkippedLine(line, "", f"front matter is not valid YAML: {problem}"))
        return {}
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        result.warnings.append(SkippedLine(1, "", "front matter is not a YAML mapping"))
        return {}
    return meta


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.lstrip("#") for part in value.replace(",", " ").split() if part]
    if isinstance(value, list):
        return [str(item).lstrip("#") for item in value if str(item).strip()]
    return [str(value)]


def _deck_names(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value)
    separator = "::" if "::" in text else "/"
    return [part.strip() for part in text.split(separator) if part.strip()]
