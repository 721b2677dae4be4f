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


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def note_id(deck: Sequence[str], normalized_key: str, occurrence: int = 1) -> str:
    """The id shared by the cards of one note; `normalized_key` from `normalize_front`."""
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return _digest("note", "/".join(deck), normalized_key + suffix)


def card_id(deck: Sequence[str], normalized_key: str, ordinal: int, occurrence: int = 1) -> str:
    """A card's id: deck, normalized front of its note, its place in the note, nothing else."""
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return _digest("card", "/".join(deck), normalized_key + suffix, str(ordinal))
