"""The real Anki client (the `anki` package) reading our packages back, for export tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


@dataclass(frozen=True)
class AnkiCard:
    deck: str
    note_type: str
    ord: int
    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    guid: str
    tags: tuple[str, ...]
    fields: dict[str, str]
    question: str
    answer: str
    card_id: int
    note_id: int
    note_mod: int


class AnkiClient:
    """A fresh Anki collection in a folder; `days_old` makes its "today" a later day number."""

    def __init__(self, folder: Path, days_old: int = 0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "collection.anki2"
        self.col = Collection(str(self.path))
        if days_old:
            # An old collection: day numbers of due cards are far from zero, as for real users.
            self.col.db.execute("update col set crt = crt - ?", days_old * 86_400)
            self.col.close()
            self.col = Collection(str(self.path))

    def close(self) -> None:
        self.col.close()

    def import_package(self, package: Path, with_scheduling: bool = True) -> Any:
        options = ImportAnkiPackageOptions(with_scheduling=with_scheduling)
        request = ImportAnkiPackageRequest(package_path=str(package), options=options)
        return self.col.import_anki_package(request)

    @property
    def today(self) -> int:
        return int(self.col.sched.today)

    def cards(self) -> list[AnkiCard]:
        result = []
        for card_id in sorted(self.col.find_cards("")):
            card = self.col.get_card(card_id)
            note = card.note()
            result.append(
                AnkiCard(
                    deck=self.col.decks.name(card.did),
                    note_type=note.note_type()["name"],
                    ord=card.ord,
                    type=card.type,
                    queue=card.queue,
                    due=card.due,
                    ivl=card.ivl,
                    factor=card.factor,
                    reps=card.reps,
                    lapses=card.lapses,
                    guid=note.guid,
                    tags=tuple(note.tags),
                    fields=dict(note.items()),
                    question=card.question(),
                    answer=card.answer(),
                    card_id=card.id,
                    note_id=note.id,
                    note_mod=note.mod,
                )
            )
        return result

    def note_count(self) -> int:
        return int(self.col.note_count())

    def deck_names(self) -> set[str]:
        return {deck.name for deck in self.col.decks.all_names_and_ids()}

    def revlog(self, card_id: int) -> list[tuple[int, int, int, int, int, int]]:
        rows = self.col.db.all(
            "select id, ease, ivl, lastIvl, factor, type from revlog where cid = ? order by id",
            card_id,
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]

    def media_files(self) -> set[str]:
        return {path.name for path in Path(self.col.media.dir()).iterdir()}
