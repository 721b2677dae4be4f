"""Stable card identity: deck + normalized front + which card of the note, nothing else."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

# Emphasis does not change a front; code marks do (`x:` the key is not x the word).
_MARKUP = re.compile(r"[*_~]+")
_TRAILING = " \t\n:.;,!?…"


def normalize_front(front: str) -> str:
    """What counts as "the same front": case, emphasis, spacing and end punctuation aside."""
    text = front
    if "*" in text or "_" in text or "~" in text:
        text = _MARKUP.sub("", text)
    text = " ".join(text.casefold().replace("ё", "е").split())
    return text.rstrip(_TRAILING)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def note_key(deck: Sequence[str], normalized_front: str, occurrence: int = 1) -> str:
    """What identifies a note: its deck, its normalized front and, for the same front
    again in one deck, which occurrence it is."""
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return f"{'/'.join(deck)}\x1f{normalized_front}{suffix}"


def note_id(key: str) -> str:
    """The id shared by the cards of one note (`key` from `note_key`)."""
    return _digest(f"note\x1f{key}")


def card_id(key: str, ordinal: int) -> str:
    """A card's id: its note's key and its place in the note (direction, cloze number)."""
    return _digest(f"card\x1f{key}\x1f{ordinal}")
