"""Markdown notes -> card drafts.

Pure: no database, no Qt; only `parse_file` and `parse_folder` read files.
"""

from flashcards.parsing.files import deck_for, note_files, parse_file, parse_folder
from flashcards.parsing.model import (
    CARD_KINDS,
    CardDraft,
    CardKind,
    EmptySection,
    ImportedSchedule,
    ParseResult,
    SkippedLine,
)
from flashcards.parsing.text import parse_text

__all__ = [
    "CARD_KINDS",
    "CardDraft",
    "CardKind",
    "EmptySection",
    "ImportedSchedule",
    "ParseResult",
    "SkippedLine",
    "deck_for",
    "note_files",
    "parse_file",
    "parse_folder",
    "parse_text",
]
