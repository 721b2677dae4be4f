"""Stable card identity: deck + normalized front + which card of the note, nothing else."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

# Emphasis does not change a front; code marks do (`x:` the key is not x the word).
_MARKUP = re.compile(r"[*_~]+")
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s:.;,!?…]+$")


def normalize_front(front: str) -> str:
    """What counts as "the same front": case, emphasis, spacing and end punctuation aside."""
    text = _MARKUP.sub("", front).replace("ё", "е").replace("Ё", "Е").casefold()
    return _TRAILING.sub("", _SPACES.sub(" ", text)).strip()


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def note_id(deck: Sequence[str], note_key: str, occurrence: int = 1) -> str:
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return _digest("note", "/".join(deck), normalize_front(note_key) + suffix)


def card_id(deck: Sequence[str], note_key: str, ordinal: int, occurrence: int = 1) -> str:
    suffix = "" if occurrence == 1 else f"#{occurrence}"
    return _digest("card", "/".join(deck), normalize_front(note_key) + suffix, str(ordinal))
