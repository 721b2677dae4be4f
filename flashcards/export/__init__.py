"""Export to Anki: `.apkg` packages that real Anki imports, updates in place, progress included.

    report = export_collection(collection, Path("notes.apkg"), deck=["docker"],
                               with_progress=True, progress=lambda done, total: ...)

The core, `export_cards`, takes `ExportCard`s (from parser drafts or stored cards) and the
notes folder; genanki is imported only while writing. See docs/export.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flashcards.export.items import ExportCard, PastReview
from flashcards.export.note_types import DECK_SEPARATOR, ROOT_DECK, deck_name
from flashcards.export.notes import RefusedImage, plan_notes
from flashcards.export.package import ExportError, check_target, write_package

ProgressCallback = Callable[[int, int], None]


class UnknownDeckError(ExportError):
    """The deck asked for matches no deck of the collection."""


class NothingToExportError(ExportError):
    """No card to export (empty collection or deck)."""


class ExportCancelled(ExportError):  # noqa: N818 - reads as what happened
    """Raised by a progress callback to stop an export; nothing is written."""


@dataclass
class ExportReport:
    """What an export wrote; `refused_images` were referenced by notes but not packed."""

    path: Path
    notes: int = 0
    cards: int = 0
    reviewed: int = 0
    suspended: int = 0
    media: int = 0
    review_log: int = 0
    cards_per_deck: dict[str, int] = field(default_factory=dict)
    refused_images: list[RefusedImage] = field(default_factory=list)


def export_cards(
    cards: Iterable[ExportCard],
    out: Path,
    *,
    notes_root: Path | None = None,
    with_progress: bool = False,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> ExportReport:
    """Write `cards` to the Anki package `out` (replaced atomically when complete).

    `notes_root` is the notes folder: images are read only from inside it (relative
    `source` paths are taken relative to it). `progress(done, total)` counts cards as they
    are rendered, then (total, total) once the file is written.
    """
    target = check_target(out)
    card_list = list(cards)
    if not card_list:
        raise NothingToExportError("there are no cards to export")
    total = len(card_list)
    stamp = now if now is not None else datetime.now(UTC)

    # About a hundred updates whatever the size: a progress dialog need not hear of each card.
    step = max(1, total // 100)
    reported = -step

    def rendered(done: int) -> None:
        nonlocal reported
        if progress is not None and done - reported >= step:
            reported = done
            # The last step, writing the file, is reported separately.
            progress(min(done, total - 1), total)

    plan = plan_notes(card_list, notes_root, rendered)
    written = write_package(plan.notes, plan.media, target, with_progress=with_progress, now=stamp)
    per_deck: dict[str, int] = {}
    for note in plan.notes:
        per_deck[note.deck] = per_deck.get(note.deck, 0) + note.card_count
    if progress is not None:
        progress(total, total)
    return ExportReport(
        path=target,
        notes=written.notes,
        cards=written.cards,
        reviewed=written.reviewed,
        suspended=written.suspended,
        media=written.media,
        review_log=written.review_log,
        cards_per_deck=per_deck,
        refused_images=plan.refused_images,
    )


def parse_deck_name(name: str) -> list[str]:
    """`docker::compose`, `docker/compose` or `Заметки::docker::compose` -> path of names."""
    normalized = name.replace("/", DECK_SEPARATOR)
    parts = [part.strip() for part in normalized.split(DECK_SEPARATOR) if part.strip()]
    if len(parts) > 0 and parts[0] == ROOT_DECK:
        parts = parts[1:]
    return parts


def _matching_deck(collection: Any, deck: Sequence[str] | str) -> list[str]:
    wanted = parse_deck_name(deck) if isinstance(deck, str) else list(deck)
    known: list[list[str]] = [list(path) for path in collection.decks()]
    if not wanted:
        return []
    if wanted in known:
        return wanted
    # Case-insensitive, as Anki compares deck names.
    folded = [part.casefold() for part in wanted]
    for path in known:
        if [part.casefold() for part in path] == folded:
            return path
    names = ", ".join(DECK_SEPARATOR.join(path) for path in known) or "none"
    raise UnknownDeckError(
        f"no deck named {DECK_SEPARATOR.join(wanted)!r}; decks in the collection: {names}"
    )


def _past_reviews(collection: Any, card_id: str) -> list[PastReview]:
    return [
        PastReview(
            reviewed_at=entry.reviewed_at,
            grade=entry.grade,
            interval=entry.after.interval,
            last_interval=entry.before.interval,
            ease=entry.after.ease,
            elapsed_ms=entry.elapsed_ms,
            kind=entry.kind,
        )
        for entry in collection.history(card_id)
    ]


def export_collection(
    collection: Any,
    out: Path,
    deck: Sequence[str] | str | None = None,
    with_progress: bool = False,
    progress: ProgressCallback | None = None,
    *,
    notes_root: Path | None = None,
    now: datetime | None = None,
) -> ExportReport:
    """Export the collection's active cards (of one deck and its children if `deck`).

    `deck` is a path of names (`["docker"]`) or a name (`"docker::compose"`). Raises
    `UnknownDeckError` for a deck that matches nothing, `ExportError` for a path that
    cannot be written; in both cases no file is written.
    """
    check_target(out)
    deck_path = _matching_deck(collection, deck) if deck is not None else None
    cards = []
    for card in collection.cards(deck=deck_path or None):
        # A card never reviewed has no history: skip the query.
        reviewed = with_progress and not card.state.is_new
        history = _past_reviews(collection, card.id) if reviewed else ()
        cards.append(ExportCard.from_card(card, history))
    if not cards:
        where = f"deck {DECK_SEPARATOR.join(deck_path)!r}" if deck_path else "the collection"
        raise NothingToExportError(f"{where} has no cards to export")
    root = notes_root if notes_root is not None else notes_folder_of(cards)
    return export_cards(
        cards, out, notes_root=root, with_progress=with_progress, progress=progress, now=now
    )


def notes_folder_of(cards: Sequence[ExportCard]) -> Path | None:
    """The folder holding every card's notes file: images are read only from inside it."""
    folders = {str(Path(card.source).parent) for card in cards if Path(card.source).is_absolute()}
    if not folders:
        return None
    common = Path(os.path.commonpath(sorted(folders)))
    # Notes imported from unrelated places: no common folder worth trusting; each card's
    # images are then read from its own file's folder only.
    return None if common == Path(common.anchor) else common


__all__ = [
    "ExportCancelled",
    "ExportCard",
    "ExportError",
    "ExportReport",
    "NothingToExportError",
    "PastReview",
    "ProgressCallback",
    "RefusedImage",
    "UnknownDeckError",
    "deck_name",
    "export_cards",
    "export_collection",
    "parse_deck_name",
]
