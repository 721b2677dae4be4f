"""Markdown block structure, from markdown-it-py's token stream.

The notes rules work on lines, but which lines form a paragraph, a list item, a code
block or a heading is CommonMark's business: markdown-it-py decides it, we only keep the
block level (its inline rules are switched off; card text stays Markdown source).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BlockKind = Literal["heading", "paragraph", "list", "code", "html", "table", "rule", "front_matter"]


@dataclass(slots=True)
class ListItem:
    line: int  # 0-based line of the item's first text line
    lines: list[str]  # the item's first paragraph, one entry per source line
    children: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    kind: BlockKind
    start: int  # 0-based first line
    end: int  # 0-based line after the block
    lines: list[str] = field(default_factory=list)  # paragraph lines, or code lines
    level: int = 0  # heading level
    info: str = ""  # fence language
    items: list[ListItem] = field(default_factory=list)
    content: str = ""  # code text, front matter text, heading title


class BlocksAfter(Sequence[Block]):
    """The blocks after a position of a list, without copying them.

    The rules look ahead (the list under a lead, the code under a definition); a copied
    tail per block would make long notes quadratic.
    """

    __slots__ = ("_blocks", "_start")

    def __init__(self, blocks: list[Block], start: int) -> None:
        self._blocks = blocks
        self._start = start

    def __len__(self) -> int:
        return max(0, len(self._blocks) - self._start)

    def __bool__(self) -> bool:
        return self._start < len(self._blocks)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | Sequence[Block]:
        if isinstance(index, slice):
            return self._blocks[self._start:][index]
        if index == 0 and self._start < len(self._blocks):  # the common look one block ahead
            return self._blocks[self._start]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._blocks[self._start + index]

    def __iter__(self) -> Iterator[Block]:
        return islice(self._blocks, self._start, None)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Imported on first use: notes of plain lines never need markdown-it (a fifth of a
    # second less to start a parsing process).
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    # Card text stays Markdown source, so inline parsing would be wasted work.
    md.core.ruler.disable("inline")
    # A link reference definition (`[id]: url`) would vanish from the blocks without a
    # card or a report; as a paragraph it is read (or reported) like any other line.
    md.block.ruler.disable("reference")
    return md


def parse_blocks(text: str) -> list[Block]:
    """The blocks of `text`, as markdown-it-py's CommonMark block parser finds them.

    Notes are mostly plain lines (`Термин - определение`) between blank lines. Such a
    run of lines can only be a paragraph (or ATX headings), so it is read here directly;
    everything else goes to markdown-it, in runs with the lines around it that it may
    depend on. Parsing only through markdown-it gives the same blocks
    (`parse_blocks_with_markdown_it`, and a property test compares the two).
    """
    # As markdown-it normalizes its input: every line break is \n, NUL is U+FFFD.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    lines = text.split("\n")
    blocks: list[Block] = []
    # Only these can open a block that runs over blank lines (see _SPANNING).
    may_span = "```" in text or "~~~" in text or "<" in text
    for plain, start, end in _runs(lines, may_span):
        if plain:
            blocks.extend(_plain_blocks(lines, start, end))
        elif end < len(lines):
            # A plain line after the run, as in the whole text, so that a block ends where
            # it would there (a list keeps the blank lines after it); it is dropped again.
            run = parse_blocks_with_markdown_it("\n".join([*lines[start:end], "."]))
            blocks.extend(_shifted(run[:-1], start))
        else:
            run = parse_blocks_with_markdown_it("\n".join(lines[start:end]))
            blocks.extend(_shifted(run, start))
    return blocks


def parse_blocks_with_markdown_it(text: str) -> list[Block]:
    tokens = _markdown().parse(text)
    blocks, _ = _collect(tokens, 0, closing=None)
    return blocks


# A line that cannot start or continue anything but a paragraph: no indentation, no block
# marker, no table pipe. ATX headings (without a closing `#` sequence) are read too.
_PLAIN_LINE = re.compile(r"[^\s#>*+\-=_<|`~:\d][^|]*|\d(?!\d{0,8}[.)](?:[ \t]|$))[^|]*")
_ATX_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?[ \t]*")
# What may carry a block over a blank line: a fence, or an HTML block of kinds 1 to 5.
_SPANNING = re.compile(r" {0,3}(?:```|~~~|<(?:script|pre|style|textarea|!|\?))", re.IGNORECASE)


def _is_plain(line: str) -> bool:
    # The ends of a paragraph are trimmed, and markdown-it's idea of white space differs
    # from Python's by release: a line ending in any other kind of space goes to it.
    if line.rstrip(" \t")[-1:].isspace():
        return False
    if _PLAIN_LINE.fullmatch(line):
        return True
    heading = _ATX_HEADING.fullmatch(line)
    if heading is None:
        return False
    title = heading.group(2) or ""
    return not title.endswith("#") and not title[:1].isspace() and not title[-1:].isspace()


def _runs(lines: list[str], may_span: bool = True) -> list[tuple[bool, int, int]]:
    """(plain?, first line, line after) for the text cut at blank lines; neighbouring
    chunks that are not plain stay together, since one may continue the other, and so do
    plain ones (read alike, one after the other). Without `may_span` no line opens a
    block that runs over blank lines."""
    runs: list[tuple[bool, int, int]] = []
    start = 0
    count = len(lines)
    while start < count:
        end = start
        while end < count and lines[end].strip(" \t"):
            end += 1
        chunk_end = end
        while end < count and not lines[end].strip(" \t"):
            end += 1
        chunk = lines[start:chunk_end]
        if may_span and any(_SPANNING.match(line) for line in chunk):
            # A fence or an HTML block may run over blank lines: markdown-it reads the rest.
            end = count
            plain = False
        else:
            plain = bool(chunk) and all(_is_plain(line) for line in chunk)
        if runs and plain == runs[-1][0]:
            runs[-1] = (plain, runs[-1][1], end)
        else:
            runs.append((plain, start, end))
        start = end
    return runs


def _plain_blocks(lines: list[str], start: int, end: int) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    first = start

    def close(at: int) -> None:
        if paragraph:
            content = "\n".join(paragraph).strip()
            blocks.append(Block("paragraph", first, at, lines=content.split("\n")))
            paragraph.clear()

    for number in range(start, end):
        line = lines[number]
        if not line.strip(" \t"):
            close(number)
            continue
        heading = _ATX_HEADING.fullmatch(line) if line.startswith("#") else None
        if heading is not None:
            close(number)
            blocks.append(Block("heading", number, number + 1, level=len(heading.group(1)),
                                content=heading.group(2) or ""))
            continue
        if not paragraph:
            first = number
        paragraph.append(line)
    close(end)
    # markdown-it ends a paragraph's map at its last line, not at the blank lines after it.
    for block in blocks:
        if block.kind == "paragraph":
            block.end = block.start + len(block.lines)
    return blocks


def _shifted(blocks: list[Block], offset: int) -> list[Block]:
    if offset:
        for block in blocks:
            block.start += offset
            block.end += offset
            for item in block.items:
                item.line += offset
                _shifted(item.children, offset)
    return blocks


def _line_range(token: Token) -> tuple[int, int]:
    if token.map is None:
        return 0, 0
    return token.map[0], token.map[1]


def _collect(tokens: Sequence[Token], index: int, closing: str | None) -> tuple[list[Block], int]:
    """Blocks from tokens[index:] up to the token of type `closing`; returns the index after it."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if closing is not None and kind == closing:
            return blocks, index + 1
        start, end = _line_range(token)
        if kind == "heading_open":
            title = tokens[index + 1].content
            blocks.append(Block("heading", start, end, level=int(token.tag[1]), content=title))
            index += 3
        elif kind == "paragraph_open":
            content = tokens[index + 1].content
            blocks.append(Block("paragraph", start, end, lines=content.split("\n")))
            index += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            items, index = _collect_items(tokens, index + 1, kind.replace("_open", "_close"))
            blocks.append(Block("list", start, end, items=items))
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            blocks.append(
                Block("code", start, end, lines=code.split("\n"), info=token.info.strip(),
                      content=code)
            )
            index += 1
        elif kind == "html_block":
            blocks.append(Block("html", start, end, lines=token.content.rstrip("\n").split("\n")))
            index += 1
        elif kind == "hr":
            blocks.append(Block("rule", start, end))
            index += 1
        elif kind == "front_matter":
            blocks.append(Block("front_matter", start, end, content=token.content))
            index += 1
        elif kind == "table_open":
            close = _skip_to(tokens, index, "table_close")
            blocks.append(Block("table", start, end))
            index = close
        elif kind == "blockquote_open":
            # Quoted notes are still notes (Obsidian callouts): read what is inside.
            inner, index = _collect(tokens, index + 1, "blockquote_close")
            blocks.extend(inner)
        else:
            index += 1
    return blocks, index


def _collect_items(tokens: Sequence[Token], index: int, closing: str) -> tuple[list[ListItem], int]:
    items: list[ListItem] = []
    while index < len(tokens) and tokens[index].type != closing:
        token = tokens[index]
        if token.type == "list_item_open":
            start, _ = _line_range(token)
            children, index = _collect(tokens, index + 1, "list_item_close")
            item = ListItem(line=start, lines=[])
            if children and children[0].kind == "paragraph" and children[0].start == start:
                first = children.pop(0)
                item.lines = first.lines
            item.children = children
            items.append(item)
        else:
            index += 1
    return items, index + 1


def _skip_to(tokens: Sequence[Token], index: int, closing: str) -> int:
    while index < len(tokens) and tokens[index].type != closing:
        index += 1
    return index + 1
