"""Notes become cards: explicit card syntax where the learner wrote it, notes rules elsewhere.

The rules read notes the way people write them: one fact per line (`Термин - определение`),
leads with bullet lists under them (`Плюсы:`), headings for context. Every line that gives
no card is reported with the reason, so the learner knows what to rewrite.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from flashcards.parsing.blocks import Block, BlocksAfter, ListItem
from flashcards.parsing.ids import card_id, normalize_front, note_id, note_key
from flashcards.parsing.inline import (
    anki_cloze_text,
    cloze_key,
    extract_tags,
    find_deletions,
    find_separator,
    has_sentence_end,
    is_code_only,
    is_tag_line,
    mask_code_spans,
    render_cloze,
    strip_connective,
    word_count,
)
from flashcards.parsing.model import (
    CardDraft,
    CardKind,
    EmptySection,
    ImportedSchedule,
    ParseResult,
    SkippedLine,
)

TERM_MAX_WORDS = 8
TERM_MAX_CHARS = 60
# A front that asks for the code below it ("Для того чтобы ... - можно добавить директиву")
# reads like a question, so it may be longer than a term.
ASKING_MAX_WORDS = 14
ASKING_MAX_CHARS = 100
LEAD_MAX_WORDS = 8
BARE_TERM_MAX_WORDS = 4

DECK_TAG = "flashcards"

_POINTER_WORDS = frozenset((
    "добавить добавьте добавляем директиву директива команду команда команды пример примеры "
    "например так вот следующее следующую следующий ниже строку строки код использовать "
    "прописать написать add example below following this"
).split())
_CONFIG_LINE = re.compile(r"^\s*(?:[A-Za-z_][\w.\-]*\s*=\s*\S.*|\[[\w .\-]+\])\s*$")
_THIS_IS = re.compile(r"^(?:Это|это)\s")
_YAML_KEY = re.compile(r"^[A-Za-z_][\w.\-]*$")


def term_problem(masked_front: str, *, asking: bool = False) -> str | None:
    """Why a piece of text cannot be the front of a term card, or None if it can."""
    max_words, max_chars = (ASKING_MAX_WORDS, ASKING_MAX_CHARS) if asking else (
        TERM_MAX_WORDS, TERM_MAX_CHARS)
    if has_sentence_end(masked_front):
        return "the part before the separator is more than one sentence"
    words = word_count(masked_front)
    if words > max_words:
        return f"the part before the separator is too long for a term ({words} words)"
    if len(masked_front) > max_chars:
        return f"the part before the separator is too long for a term ({len(masked_front)} chars)"
    return None


def _is_bare_term(masked: str) -> bool:
    text = masked.strip()
    return (
        bool(text)
        and word_count(text) <= LEAD_MAX_WORDS
        and len(text) <= TERM_MAX_CHARS
        and not has_sentence_end(text)
        and text[-1] not in ".!?;,"
    )


def _points_ahead(back: str) -> bool:
    """Does a definition's back announce what follows ("- добавить", "- пример:")?"""
    text = back.strip()
    if text.endswith(":"):
        return True
    if len(text) > 60:  # five words at most: cheaper to say no before splitting words
        return False
    words = re.findall(r"\w+", text.casefold())
    return 0 < len(words) <= 5 and any(word in _POINTER_WORDS for word in words)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


@dataclass(slots=True)
class _Note:
    kind: CardKind
    key: str
    sides: list[tuple[str, str]]
    ordinals: list[int]
    context: list[str]
    tags: list[str]
    deck: list[str]
    start: int  # 0-based line of the front
    end: int  # 0-based last line of the note
    cloze_text: str = ""

    def extend_back(self, text: str, line: int) -> None:
        front, back = self.sides[0]
        self.sides[0] = (front, f"{back}\n{text}".strip())
        self.end = max(self.end, line)


@dataclass
class NotesOptions:
    notes_mode: bool = True
    end_marker: str = "+++"


@dataclass
class _Section:
    line: int
    level: int
    title: str
    context: list[str]
    has_content: bool = False


@dataclass
class NotesReader:
    """Walks a file's blocks once and collects notes, skipped lines and empty sections."""

    source: str
    lines: list[str]
    deck: list[str]
    schedules: dict[int, list[ImportedSchedule]]
    comment_lines: set[int]
    options: NotesOptions = field(default_factory=NotesOptions)
    file_tags: list[str] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    empty_sections: list[EmptySection] = field(default_factory=list)
    title: str | None = None
    _headings: list[tuple[int, str]] = field(default_factory=list)
    _section: _Section | None = None
    _line_tags: list[str] = field(default_factory=list)
    _sub_deck: list[str] = field(default_factory=list)

    # --- walking -----------------------------------------------------------

    def read(self, blocks: list[Block]) -> None:
        index = 0
        seen_content = False
        first_after_heading = False
        context = self._context()  # shared by the blocks of a section, never changed
        while index < len(blocks):
            block = blocks[index]
            if block.kind == "front_matter":
                index += 1
                continue
            if block.kind == "heading":
                title = _clean_heading(block.content)
                if not seen_content and self.title is None and block.level == 1:
                    self.title = title
                else:
                    self._open_section(block, title)
                    context = self._context()
                seen_content = True
                first_after_heading = True
                index += 1
                continue
            seen_content = True
            if self._section is not None and block.kind != "rule":
                self._section.has_content = True
            consumed = self._block(block, BlocksAfter(blocks, index + 1), context,
                                   covered=False, under_heading=first_after_heading)
            first_after_heading = False
            index += 1 + consumed
        self._close_section(next_level=None)

    def _context(self) -> list[str]:
        return [title for _, title in self._headings]

    def _open_section(self, block: Block, title: str) -> None:
        self._close_section(next_level=block.level)
        while self._headings and self._headings[-1][0] >= block.level:
            self._headings.pop()
        context = self._context()
        self._headings.append((block.level, title))
        self._section = _Section(block.start, block.level, title, context)
        self._line_tags = []

    def _close_section(self, next_level: int | None) -> None:
        section = self._section
        if section is None or section.has_content:
            return
        if next_level is None or next_level <= section.level:
            self.empty_sections.append(
                EmptySection(section.line + 1, section.title, list(section.context))
            )

    def _block(self, block: Block, rest: Sequence[Block], context: list[str], *, covered: bool,
               under_heading: bool) -> int:
        """Cards from one block; returns how many of the following blocks it took."""
        if block.kind == "paragraph":
            return self._paragraph(block.lines, block.start, rest, context, covered=covered,
                                   under_heading=under_heading)
        if block.kind == "list":
            if under_heading and context:
                self._heading_led_list(block, context)
            else:
                self._list_items(block, context, covered=covered)
            return 0
        if covered or not self.options.notes_mode:
            return 0
        if block.kind == "code":
            self._skip_block(block, "a code block with no question above it: put a line "
                                    "ending with `:` (or `Term - пример:`) right above it")
        elif block.kind == "html":
            if any(line.strip() for line in block.lines):
                self._skip_block(block, "raw HTML is not a card (it is shown escaped)")
        elif block.kind == "table":
            self._skip_block(block, "tables are not read as cards; write `Term - definition` "
                                    "lines")
        elif block.kind == "heading":
            self._skip(block.start, block.content, "a heading inside a list is not a card")
        return 0

    def _children(self, blocks: list[Block], context: list[str], *, covered: bool) -> None:
        index = 0
        while index < len(blocks):
            consumed = self._block(blocks[index], BlocksAfter(blocks, index + 1), context,
                                   covered=covered, under_heading=False)
            index += 1 + consumed

    # --- paragraphs and lines ----------------------------------------------

    def _paragraph(self, lines: list[str], start: int, rest: Sequence[Block], context: list[str], *,
                   covered: bool, under_heading: bool) -> int:
        text = "\n".join(lines)
        masked_text = mask_code_spans(text)
        masked = masked_text.split("\n")
        numbers = list(range(start, start + len(lines)))
        if find_deletions(masked_text, text):
            self._cloze(lines, masked, numbers, context)
            return 0
        if "?" in masked_text:
            for offset, masked_line in enumerate(masked):
                if masked_line.strip() in ("?", "??"):
                    return self._multiline(lines, masked, numbers, offset, rest, context)
        return self._lines(lines, masked, numbers, rest, context, covered=covered,
                           under_heading=under_heading)

    def _lines(self, lines: list[str], masked: list[str], numbers: list[int], rest: Sequence[Block],
               context: list[str], *, covered: bool, under_heading: bool) -> int:
        consumed = 0
        current: _Note | None = None
        local: list[str] = []
        last = len(lines) - 1
        offset = 0
        while offset <= last:
            raw, number = lines[offset], numbers[offset]
            offset += 1
            if not raw.strip():
                continue
            masked_raw = masked[offset - 1]
            tags: list[str]
            if "#" not in masked_raw:  # no tags: the common case, decided fast
                text, tags = raw, []
            elif is_tag_line(masked_raw):
                self._take_tags(masked_raw.split(), below=True)
                continue
            else:
                text, tags = extract_tags(masked_raw, raw)
                tags = self._take_tags(tags)
            # A line of its own is masked already (in a longer paragraph a code span may
            # run over several lines, so each line is masked again on its own).
            masked_line = masked[0] if last == 0 and text is raw else mask_code_spans(text)
            here = context + local if local else context
            if "::" in masked_line and self._explicit_line(text, masked_line, number, here,
                                                           tags):
                current = None
                continue
            if not self.options.notes_mode:
                continue
            following = rest[0] if offset - 1 == last and rest else None
            follows_list = following is not None and following.kind == "list"

            if offset == 1 and under_heading and context and _THIS_IS.match(text):
                # "## Docker Compose" / "Это обертка над Docker..." defines the heading.
                current = self._add("definition", context[-1], context[-1], text.strip(),
                                    number, context[:-1], tags)
                continue

            separator = find_separator(masked_line)
            if separator is not None:
                front, _ = strip_connective(text[:separator[0]].strip())
                back = text[separator[1]:].strip()
                if not front:
                    if current is not None:
                        current.extend_back(text.strip(), number)
                    elif not covered:
                        self._skip(number, raw, "no term before the separator")
                    continue
                asking = (following is not None and _is_code_like(following)
                          and _points_ahead(back))
                problem = term_problem(mask_code_spans(front), asking=asking)
                if problem is None:
                    if follows_list and following is not None:
                        self._lead(front, back, following, number, here, tags)
                        consumed, current = 1, None
                    elif asking:
                        code, taken = self._take_code(rest)
                        self._add("definition", front, front, f"{back}\n\n{code}", number, here,
                                  tags, end=rest[taken - 1].end - 1)
                        consumed, current = taken, None
                    else:
                        current = self._add("definition", front, front, back, number, here, tags)
                    continue
                if current is not None:
                    current.extend_back(text.strip(), number)
                elif not covered:
                    self._skip(number, raw, f"{problem}; the line is not split into a card")
                continue

            stripped = text.strip()
            lead = stripped.rstrip(":").strip()
            ends_with_colon = stripped.endswith(":") and bool(lead)
            masked_lead = mask_code_spans(lead)
            if follows_list and following is not None and (
                ends_with_colon or _is_bare_term(masked_lead)
            ):
                self._lead(lead, "", following, number, here, tags)
                consumed, current = 1, None
                continue
            if ends_with_colon and following is not None and _is_code_like(following):
                code, taken = self._take_code(rest)
                self._add("list", lead, lead, code, number, here, tags,
                          end=rest[taken - 1].end - 1)
                consumed, current = taken, None
                continue
            if ends_with_colon and offset <= last and _indent(lines[offset]) > _indent(raw):
                block_end = offset
                while block_end <= last and _indent(lines[block_end]) > _indent(raw):
                    block_end += 1
                body = lines[offset:block_end]
                front, language = lead, ""
                if _YAML_KEY.match(lead):
                    # A YAML key with its block: the question is the key as written.
                    body, front, language = [raw, *body], f"`{lead}:`", "yaml"
                code = _fence(textwrap.dedent("\n".join(body)), language)
                self._add("list", front, front, code, number, here, tags,
                          end=numbers[block_end - 1])
                offset = block_end
                current = None
                continue
            if current is not None:
                current.extend_back(stripped, number)
                continue
            if offset - 1 < last and _is_bare_term(masked_lead) and not ends_with_colon:
                local.append(lead)
                if not covered:
                    self._skip(number, raw, "a bare term: used as context for the lines below it")
                continue
            if covered:
                continue
            if _is_bare_term(masked_lead) and word_count(masked_lead) <= BARE_TERM_MAX_WORDS:
                self._skip(number, raw, "a term with no definition: add ` - definition`")
            else:
                self._skip(number, raw, "no `Term - definition` separator and no list below it")
        return consumed

    def _explicit_line(self, text: str, masked: str, number: int, context: list[str],
                       tags: list[str]) -> bool:
        for marker, kind in ((":::", "reversed"), ("::", "basic")):
            position = masked.find(marker)
            if position < 0:
                continue
            front = text[:position].strip()
            back = text[position + len(marker):].strip()
            if not front or not back:
                self._skip(number, text, f"`{marker}` needs text on both sides")
                return True
            if kind == "reversed":
                self._add_pair(front, back, number, number, context, tags)
            else:
                self._add("basic", front, front, back, number, context, tags)
            return True
        return False

    def _multiline(self, lines: list[str], masked: list[str], numbers: list[int], mark: int,
                   rest: Sequence[Block], context: list[str]) -> int:
        marker = masked[mark].strip()
        front_lines, front_tags = _without_tags(lines[:mark], masked[:mark])
        back_lines = lines[mark + 1:]
        end = numbers[-1]
        consumed = 0
        stripped = [line.strip() for line in back_lines]
        end_marker = self.options.end_marker
        if end_marker in stripped:
            cut = stripped.index(end_marker)
            end = numbers[mark + 1 + cut]
            back_lines = back_lines[:cut]
        else:
            found = _find_end_marker(rest, end_marker)
            if found is not None:
                consumed, marker_line = found
                back_lines = textwrap.dedent(
                    "\n".join(self.lines[numbers[mark] + 1:marker_line])).split("\n")
                end = marker_line
        back_lines, back_tags = _without_tags(back_lines, _masked_lines(back_lines))
        tags = self._take_tags(front_tags + back_tags)
        front = "\n".join(front_lines).strip()
        back = "\n".join(back_lines).strip()
        if not front or not back:
            self._skip(numbers[mark], lines[mark], f"`{marker}` needs a question above it and "
                                                   "an answer below it")
            return consumed
        if marker == "??":
            self._add_pair(front, back, numbers[0], end, context, tags)
        else:
            self._add("basic", front, front, back, numbers[0], context, tags, end=end)
        return consumed

    def _cloze(self, lines: list[str], masked: list[str], numbers: list[int],
               context: list[str]) -> None:
        kept, tag_words = _without_tags(lines, masked)
        tags = self._take_tags(tag_words)
        text = "\n".join(kept).strip()
        deletions = find_deletions(mask_code_spans(text), text)
        if not deletions:
            return
        cloze_numbers = sorted({deletion.number for deletion in deletions})
        whole = render_cloze(text, deletions, None)
        sides = [(render_cloze(text, deletions, number), whole) for number in cloze_numbers]
        note = _Note("cloze", cloze_key(text, deletions), sides, cloze_numbers, list(context),
                     tags, self._card_deck(), numbers[0], numbers[-1],
                     cloze_text=anki_cloze_text(text, deletions))
        self.notes.append(note)

    # --- lists -------------------------------------------------------------

    def _lead(self, front: str, definition: str, block: Block, number: int, context: list[str],
              tags: list[str]) -> None:
        """A lead line with a list under it: one card for the whole list, then its items."""
        listing = self._source(block)
        back = f"{definition}\n\n{listing}" if definition else listing
        self._add("list", front, front, back, number, context, tags, end=block.end - 1)
        self._list_items(block, [*context, front], covered=True)

    def _heading_led_list(self, block: Block, context: list[str]) -> None:
        """A list right under a heading: the heading asks for the items that are no card."""
        notes_before, skipped_before = len(self.notes), len(self.skipped)
        self._list_items(block, context, covered=False)
        uncovered = self.skipped[skipped_before:]
        if not uncovered:
            return
        del self.skipped[skipped_before:]
        title = context[-1]
        self._add("list", title, title, self._source(block), block.start, context[:-1], [],
                  end=block.end - 1)
        self.notes.insert(notes_before, self.notes.pop())

    def _list_items(self, block: Block, context: list[str], *, covered: bool) -> None:
        for item in block.items:
            self._item(item, context, covered=covered)

    def _item(self, item: ListItem, context: list[str], *, covered: bool) -> None:
        children = item.children
        consumed = 0
        if item.lines:
            consumed = self._paragraph(item.lines, item.line, children, context,
                                       covered=covered, under_heading=False)
        self._children(children[consumed:], context, covered=covered)

    # --- code that belongs to the line above it ----------------------------

    def _take_code(self, rest: Sequence[Block]) -> tuple[str, int]:
        pieces: list[str] = []
        taken = 0
        for block in rest:
            if not _is_code_like(block):
                break
            pieces.append(self._code_markdown(block))
            taken += 1
        return "\n\n".join(pieces), taken

    def _code_markdown(self, block: Block) -> str:
        if block.kind == "code":
            source = textwrap.dedent("\n".join(self.lines[block.start:block.end])).strip("\n")
            if source.lstrip().startswith(("```", "~~~")):
                return source
            return _fence(block.content, block.info)
        text = "\n".join(block.lines).strip()
        if is_code_only(mask_code_spans(text)):
            return _fence(_unwrap_code_span(text), "")
        return _fence(textwrap.dedent("\n".join(block.lines)), "ini")

    def _source(self, block: Block) -> str:
        return textwrap.dedent("\n".join(self.lines[block.start:block.end])).strip("\n")

    # --- bookkeeping -------------------------------------------------------

    def _take_tags(self, tags: list[str], *, below: bool = False) -> list[str]:
        """Plain tags of a card (or, `below`, of a tag line that tags the cards under it).

        `#flashcards/sub/deck` is no tag: it puts the cards from here on into that sub-deck.
        """
        plain: list[str] = []
        for tag in (word.lstrip("#") for word in tags):
            head, _, tail = tag.partition("/")
            if head.casefold() == DECK_TAG:
                self._sub_deck = [part for part in tail.split("/") if part]
            else:
                plain.append(tag)
        if below:
            self._line_tags = _unique([*self._line_tags, *plain])
        return plain

    def _card_deck(self) -> list[str]:
        return [*self.deck, *self._sub_deck] if self._sub_deck else self.deck

    def _all_tags(self, tags: list[str]) -> list[str]:
        if not self.file_tags and not self._line_tags:
            return _unique(tags) if tags else []
        return _unique([*self.file_tags, *self._line_tags, *tags])

    def _add(self, kind: CardKind, key: str, front: str, back: str, line: int,
             context: list[str], tags: list[str], *, end: int | None = None) -> _Note:
        # `context` is shared, not copied: the reader never changes a context list once
        # made (a new section or a lead makes a new one), and drafts are values.
        note = _Note(kind, key, [(front, back)], [0], context, self._all_tags(tags),
                     self._card_deck(), line, line if end is None else end)
        self.notes.append(note)
        return note

    def _add_pair(self, front: str, back: str, line: int, end: int, context: list[str],
                  tags: list[str]) -> None:
        self.notes.append(
            _Note("reversed", front, [(front, back), (back, front)], [0, 1], list(context),
                  self._all_tags(tags), self._card_deck(), line, end)
        )

    def _skip(self, line: int, text: str, reason: str) -> None:
        self.skipped.append(SkippedLine(line + 1, text.strip(), reason))

    def _skip_block(self, block: Block, reason: str) -> None:
        first = self.lines[block.start] if block.start < len(self.lines) else ""
        self._skip(block.start, first, reason)

    def drafts(self, result: ParseResult) -> None:
        """Turn the collected notes into card drafts with ids, in note order."""
        occurrences: dict[tuple[str, ...], int] = {}
        first_line: dict[tuple[str, ...], int] = {}
        cards = result.cards
        source = self.source
        all_schedules, comment_lines = self.schedules, self.comment_lines
        no_schedules: tuple[ImportedSchedule, ...] = ()
        for note in self.notes:
            sides = [(front.strip(), back.strip()) for front, back in note.sides]
            if not (sides[0][0] and sides[0][1] if len(sides) == 1
                    else all(front and back for front, back in sides)):
                self._skip(note.start, self.lines[note.start], "a card side would be empty")
                continue
            normalized = normalize_front(note.key)
            identity = (*note.deck, "\x1f", normalized)
            occurrence = occurrences.get(identity, 0) + 1
            occurrences[identity] = occurrence
            if occurrence == 1:
                first_line[identity] = note.start + 1
            else:
                result.warnings.append(SkippedLine(
                    note.start + 1, sides[0][0],
                    f"the same front as line {first_line[identity]} in this deck; "
                    "both are kept as separate cards",
                ))
            schedules: Sequence[ImportedSchedule] = no_schedules
            if all_schedules:
                schedules = all_schedules.get(note.end) or (
                    all_schedules.get(note.end + 1) if note.end + 1 in comment_lines else None
                ) or no_schedules
            key = note_key(note.deck, normalized, occurrence)
            group = note_id(key)
            line = note.start + 1
            for position, ((front, back), ordinal) in enumerate(
                    zip(sides, note.ordinals, strict=True)):
                # Positional: keyword arguments made this a fifth of the drafting time.
                cards.append(CardDraft(
                    card_id(key, ordinal), note.kind, note.deck, note.context, front, back,
                    note.tags, source, line, group, ordinal, note.cloze_text,
                    schedules[position] if position < len(schedules) else None,
                ))

def _clean_heading(title: str) -> str:
    title, _ = extract_tags(mask_code_spans(title), title)
    return title.strip().rstrip(".:").strip() or title.strip()


def _is_code_like(block: Block) -> bool:
    if block.kind == "code":
        return True
    if block.kind != "paragraph" or not block.lines:
        return False
    first = block.lines[0]
    if not first.lstrip().startswith("`") and not (
            ("=" in first or "[" in first) and _CONFIG_LINE.match(first)):
        return False  # neither a code span nor a config line: the common case, decided fast
    text = "\n".join(block.lines)
    if is_code_only(mask_code_spans(text)):
        return True
    return all(_CONFIG_LINE.match(line) for line in block.lines if line.strip())


def _unwrap_code_span(text: str) -> str:
    """The code of a paragraph that is one code span (or one code span per line)."""
    match = re.fullmatch(r"(`+)(.*)\1", text, re.DOTALL)
    if match and match.group(1) not in match.group(2):
        return match.group(2).strip(" ")
    unwrapped = []
    for line in text.split("\n"):
        line_match = re.fullmatch(r"\s*(`+)(.*)\1\s*", line)
        unwrapped.append(line_match.group(2).strip(" ") if line_match else line)
    return "\n".join(unwrapped)


def _fence(code: str, language: str) -> str:
    fence = "```"
    while fence in code:
        fence += "`"
    return f"{fence}{language}\n{code.strip(chr(10))}\n{fence}"


def _find_end_marker(rest: Sequence[Block], marker: str) -> tuple[int, int] | None:
    """(blocks taken, line of the marker) when a later paragraph closes a multi-line card."""
    for index, block in enumerate(rest):
        if block.kind == "heading":
            return None
        if block.kind != "paragraph":
            continue
        stripped = [line.strip() for line in block.lines]
        if "?" in stripped or "??" in stripped:
            return None
        if marker in stripped:
            return index + 1, block.start + stripped.index(marker)
    return None


def _masked_lines(lines: list[str]) -> list[str]:
    return mask_code_spans("\n".join(lines)).split("\n") if lines else []


def _without_tags(lines: list[str], masked: list[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    tags: list[str] = []
    for line, masked_line in zip(lines, masked, strict=True):
        if is_tag_line(masked_line):
            tags.extend(word.lstrip("#") for word in masked_line.split())
            continue
        text, found = extract_tags(masked_line, line)
        tags.extend(found)
        kept.append(text if found else line)
    return kept, tags


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["NotesOptions", "NotesReader", "term_problem"]
