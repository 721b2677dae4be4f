"""Cards -> Anki notes: which note type, which fields, which card of the note is which.

Cards of one note share `note_id` (both directions of `:::`, every cloze of a paragraph).
The note's guid is the id of its first card (the forward direction, the lowest cloze),
or the card's id for a card alone in its note. Card ids are what the store keeps stable:
across edits of the back, moved lines, moved or renamed files (whose cards change deck and
`note_id`) and slightly edited fronts (relinked), so Anki updates the note in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePath

from flashcards import render
from flashcards.export.items import ExportCard
from flashcards.export.media import MediaNames
from flashcards.export.note_types import NOTE_TYPE_OF_KIND, NoteTypeKey, deck_name

_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
_TAG_UNSAFE = re.compile(r"[\s\"]+")


@dataclass(frozen=True)
class RefusedImage:
    """An image a card refers to that was not packed, with the reason."""

    source: str
    line: int
    reference: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: image {self.reference!r} not packed: {self.reason}"


@dataclass
class PlannedNote:
    """One Anki note, ready to write: fields are finished HTML."""

    guid: str
    note_type: NoteTypeKey
    deck: str
    fields: list[str]
    tags: list[str]
    # (Anki card ordinal, our card): template index, or cloze number - 1.
    cards: list[tuple[int, ExportCard]]
    modified: datetime | None = None
    position: int = 0

    @property
    def card_count(self) -> int:
        return len(self.cards)


@dataclass
class NotePlan:
    notes: list[PlannedNote] = field(default_factory=list)
    refused_images: list[RefusedImage] = field(default_factory=list)
    media: dict[str, Path] = field(default_factory=dict)


# Anki acts on some text in fields: `[sound:…]` plays a media file, `[latex]`, `[$]` and
# `[$$]` run LaTeX. From notes they are text, so their bracket becomes an HTML entity that
# shows the same and that Anki does not parse.
_ANKI_ACTIVE_MARKUP = re.compile(r"\[(?=sound:|latex\]|\$\]|\$\$\])", re.IGNORECASE)


def inert_anki_markup(html: str) -> str:
    return _ANKI_ACTIVE_MARKUP.sub("&#91;", html)


@lru_cache(maxsize=4096)
def anki_tag(tag: str) -> str:
    """An Anki tag: no spaces; Obsidian's nested `a/b` becomes Anki's nested `a::b`."""
    cleaned = _TAG_UNSAFE.sub("_", tag.strip().lstrip("#"))
    return "::".join(part for part in cleaned.split("/") if part)


@lru_cache(maxsize=4096)
def source_tag(source: str) -> str:
    name = PurePath(source).name if source else ""
    return anki_tag(name) if name else ""


def cloze_numbers(cloze_text: str) -> list[int]:
    return sorted({int(number) for number in _CLOZE_NUMBER.findall(cloze_text)})


class _Renderer:
    """Renders Markdown of cards with images resolved against their note file."""

    def __init__(self, root: Path | None) -> None:
        self.root = root.resolve() if root is not None else None
        self.media = MediaNames(self.root)
        self.refused: list[RefusedImage] = []
        self._sources: dict[str, Path | None] = {}
        self._inside_root: dict[Path, bool] = {}
        self._breadcrumbs: dict[tuple[str, ...], str] = {}

    def breadcrumb(self, context: Sequence[str]) -> str:
        key = tuple(context)
        html = self._breadcrumbs.get(key)
        if html is None:
            html = self._breadcrumbs[key] = render.breadcrumb_html(key)
        return html

    def _source_path(self, source: str) -> Path | None:
        if source in self._sources:
            return self._sources[source]
        path: Path | None = None
        if source and not source.startswith("<"):
            path = Path(source)
            # The parser names files as it was given them (relative to the working folder);
            # the store may keep them relative to the notes folder.
            if not path.is_absolute() and self.root is not None:
                inside_root = self.root / path
                if inside_root.parent.is_dir() or not path.parent.is_dir():
                    path = inside_root
        self._sources[source] = path
        return path

    def _root_for(self, source: Path | None) -> Path | None:
        """The notes folder, for a card inside it. A card of another folder imported
        earlier (the bundled decks next to the learner's notes) reads images from its own
        file's folder: the renderer's choice when no folder is given."""
        if self.root is None or source is None or not source.is_absolute():
            return self.root
        inside = self._inside_root.get(source)
        if inside is None:
            inside = self._inside_root[source] = source.resolve().is_relative_to(self.root)
        return self.root if inside else None

    def markdown(self, text: str, card: ExportCard) -> str:
        if not text:
            return ""
        source = self._source_path(card.source)
        rendered = render.render_markdown(
            text,
            source=source,
            root=self._root_for(source),
            image_src=self.media.name_for,
        )
        for problem in rendered.problems:
            self.refused.append(
                RefusedImage(card.source, card.line, problem.reference, problem.reason)
            )
        return inert_anki_markup(rendered.html)


def _group_by_note(cards: Iterable[ExportCard]) -> list[list[ExportCard]]:
    groups: dict[str, list[ExportCard]] = {}
    for card in cards:
        groups.setdefault(card.note_key, []).append(card)
    return list(groups.values())


def _tags(cards: list[ExportCard]) -> list[str]:
    tags: dict[str, None] = {}
    for card in cards:
        for tag in card.tags:
            cleaned = anki_tag(tag)
            if cleaned:
                tags[cleaned] = None
        file_tag = source_tag(card.source)
        if file_tag:
            tags[file_tag] = None
    return list(tags)


def _latest(cards: list[ExportCard]) -> datetime | None:
    stamps = [card.modified for card in cards if card.modified is not None]
    return max(stamps) if stamps else None


def plan_notes(
    cards: Iterable[ExportCard],
    root: Path | None,
    progress: Callable[[int], None] | None = None,
) -> NotePlan:
    """Group cards into notes and render their fields. `progress(cards_done)` as it goes."""
    renderer = _Renderer(root)
    plan = NotePlan()
    done = 0
    for group in _group_by_note(cards):
        for note in _notes_of_group(group, renderer):
            note.position = len(plan.notes) + 1
            plan.notes.append(note)
        done += len(group)
        if progress is not None:
            progress(done)
    plan.refused_images = renderer.refused
    plan.media = renderer.media.files()
    return plan


def _notes_of_group(group: list[ExportCard], renderer: _Renderer) -> list[PlannedNote]:
    first = group[0]
    note_type = NOTE_TYPE_OF_KIND.get(first.kind, "basic")
    if note_type == "reversed":
        note = _reversed_note(group, renderer)
        if note is not None:
            return [note]
    elif note_type == "cloze":
        note = _cloze_note(group, renderer)
        if note is not None:
            return [note]
    # A basic card, or a group that does not form a well-shaped note: one note per card,
    # so that nothing is lost or merged by mistake.
    return [_basic_note(card, renderer) for card in group]


def _common(group: list[ExportCard], renderer: _Renderer) -> tuple[str, str, list[str]]:
    first = group[0]
    return renderer.breadcrumb(first.context), deck_name(first.deck), _tags(group)


def _basic_note(card: ExportCard, renderer: _Renderer) -> PlannedNote:
    context, deck, tags = _common([card], renderer)
    return PlannedNote(
        guid=card.id,
        note_type="basic",
        deck=deck,
        fields=[renderer.markdown(card.front, card), renderer.markdown(card.back, card), context],
        tags=tags,
        cards=[(0, card)],
        modified=card.modified,
    )


def _reversed_note(group: list[ExportCard], renderer: _Renderer) -> PlannedNote | None:
    by_ordinal = {card.ordinal: card for card in group}
    if len(by_ordinal) != len(group) or not set(by_ordinal) <= {0, 1}:
        return None
    forward = by_ordinal.get(0)
    if forward is not None:
        front, back, owner = forward.front, forward.back, forward
    else:
        # Only the reverse direction is exported: its front is the note's back.
        owner = by_ordinal[1]
        front, back = owner.back, owner.front
    context, deck, tags = _common(group, renderer)
    return PlannedNote(
        guid=owner.id,
        note_type="reversed",
        deck=deck,
        fields=[renderer.markdown(front, owner), renderer.markdown(back, owner), context],
        tags=tags,
        cards=sorted(by_ordinal.items(), key=lambda item: item[0]),
        modified=_latest(group),
    )


def _cloze_note(group: list[ExportCard], renderer: _Renderer) -> PlannedNote | None:
    owner = next((card for card in group if card.cloze_text), None)
    if owner is None:
        return None
    numbers = set(cloze_numbers(owner.cloze_text))
    by_ordinal = {card.ordinal: card for card in group}
    # A cloze card's ordinal is its cloze number (c1 -> 1); Anki's card ordinal is the
    # cloze number - 1.
    if len(by_ordinal) != len(group) or not set(by_ordinal) <= numbers:
        return None
    cards = sorted(
        ((ordinal - 1, card) for ordinal, card in by_ordinal.items()), key=lambda item: item[0]
    )
    context, deck, tags = _common(group, renderer)
    return PlannedNote(
        guid=cards[0][1].id,
        note_type="cloze",
        deck=deck,
        fields=[renderer.markdown(owner.cloze_text, owner), "", context],
        tags=tags,
        cards=cards,
        modified=_latest(group),
    )
