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


# Digests of "note\x1f..." and "card\x1f...", continued from a copy of the hashed prefix:
# copying is twice as fast as making a blake2b object (the same digest either way).
_NOTE_PREFIX = hashlib.blake2b(b"note\x1f", digest_size=8)
_CARD_PREFIX = hashlib.blake2b(b"card\x1f", digest_size=8)


def _digest(prefix: hashlib.blake2b, text: str) -> str:
    hasher = prefix.copy()
    hasher.update(text.encode("utf-8"))
    return hasher.hexdigest()


def note_key(deck: Sequence[str], normalized_front: str, occurrence: int = 1) -> str:
    """What identifies a note: its deck, its normalized front and, for the same front
    again in one deck, which occurrence it is."""
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return f"{'/'.join(deck)}\x1f{normalized_front}{suffix}"


def note_id(key: str) -> str:
    """The id shared by the cards of one note (`key` from `note_key`)."""
    return _digest(_NOTE_PREFIX, key)


def card_id(key: str, ordinal: int) -> str:
    """A card's id: its note's key and its place in the note (direction, cloze number)."""
    return _digest(_CARD_PREFIX, f"{key}\x1f{ordinal}")
