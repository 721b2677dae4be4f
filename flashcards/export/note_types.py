"""Our Anki note types and deck ids: stable numbers derived from names.

Anki matches note types and decks by id on import, so the same export run twice updates
what the learner already has instead of forking a second "Basic-1a2b3" note type.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from flashcards import render

ROOT_DECK = "Заметки"
DECK_SEPARATOR = "::"

NoteTypeKey = Literal["basic", "reversed", "cloze"]

# Kinds of card the parser makes -> the note type that carries them in Anki.
NOTE_TYPE_OF_KIND: dict[str, NoteTypeKey] = {
    "basic": "basic",
    "definition": "basic",
    "list": "basic",
    "reversed": "reversed",
    "cloze": "cloze",
}


def stable_id(name: str) -> int:
    """A positive id from a name, below 2**53 (Anki's ids pass through JavaScript)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    # Stay clear of Anki's small built-in ids (1 is the Default deck).
    return (int.from_bytes(digest[:6], "big") >> 1) + 1_000_000_000


def deck_name(deck: Sequence[str]) -> str:
    """`["docker", "compose"]` -> `Заметки::docker::compose` (`::` inside names is kept out)."""
    return _deck_name(tuple(deck))


@cache
def _deck_name(deck: tuple[str, ...]) -> str:
    parts = [ROOT_DECK, *(part.replace(DECK_SEPARATOR, ":").strip() for part in deck)]
    return DECK_SEPARATOR.join(part for part in parts if part)


@dataclass(frozen=True)
class NoteTypeSpec:
    key: NoteTypeKey
    name: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, question, answer)
    is_cloze: bool = False

    @property
    def model_id(self) -> int:
        return stable_id("flashcards note type: " + self.name)


NOTE_TYPES: dict[NoteTypeKey, NoteTypeSpec] = {
    "basic": NoteTypeSpec(
        key="basic",
        name="Flashcards Basic",
        fields=("Front", "Back", "Context"),
        templates=(("Card 1", render.FRONT_TEMPLATE, render.BACK_TEMPLATE),),
    ),
    "reversed": NoteTypeSpec(
        key="reversed",
        name="Flashcards Basic (and reversed card)",
        fields=("Front", "Back", "Context"),
        templates=(
            ("Card 1", render.FRONT_TEMPLATE, render.BACK_TEMPLATE),
            ("Card 2", render.REVERSE_FRONT_TEMPLATE, render.REVERSE_BACK_TEMPLATE),
        ),
    ),
    "cloze": NoteTypeSpec(
        key="cloze",
        name="Flashcards Cloze",
        fields=("Text", "Back Extra", "Context"),
        templates=(("Cloze", render.CLOZE_FRONT_TEMPLATE, render.CLOZE_BACK_TEMPLATE),),
        is_cloze=True,
    ),
}


@cache
def genanki_model(key: NoteTypeKey) -> Any:
    """The genanki.Model of a note type (genanki is imported only when exporting)."""
    import genanki  # type: ignore[import-untyped,unused-ignore]

    spec = NOTE_TYPES[key]
    return genanki.Model(
        model_id=spec.model_id,
        name=spec.name,
        fields=[{"name": name} for name in spec.fields],
        templates=[
            {"name": name, "qfmt": question, "afmt": answer}
            for name, question, answer in spec.templates
        ],
        css=render.anki_stylesheet(),
        model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
    )
