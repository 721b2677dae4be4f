"""The card browser's use cases: the search language, sorted result sets, bulk actions.

Search text is a list of terms combined with AND, as in Anki's browser:

    docker                  front or back contains "docker" (case-insensitive)
    "pod network"           a phrase
    deck:kubernetes         the deck and its children (`deck:kubernetes::06-helm`,
                            `deck:kubernetes/06-helm`, a file title, `*` as a wildcard)
    tag:network             the tag and its children (`tag:net*`)
    is:due is:new is:suspended is:retired
    -is:suspended           any term can be negated with a leading minus

Retired cards (their text left the notes) are hidden unless `is:retired` asks for them.
Parsing is pure; `CardBrowser` turns the terms into the store's queries
(`flashcards.store.browse`), which keep the result as a list of row keys so the table
reads only the rows on screen.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from flashcards.app.collection import Collection
    from flashcards.store.database import Store

TermKind = Literal["text", "deck", "tag", "is"]
IS_VALUES = ("due", "new", "suspended", "retired")
SortColumn = Literal["front", "deck", "due", "interval", "ease", "reviews", "lapses", "state"]
SORT_COLUMNS: tuple[SortColumn, ...] = (
    "front", "deck", "due", "interval", "ease", "reviews", "lapses", "state",
)
CardState = Literal["new", "learning", "young", "mature", "suspended", "retired", "buried"]
# SM-2 and Anki call a review card "mature" from this interval on.
MATURE_INTERVAL = 21
DECK_SEPARATORS = ("::", "/")


class SearchError(ValueError):
    """The search text cannot be understood; the message says what to write instead."""


@dataclass(frozen=True)
class SearchTerm:
    kind: TermKind
    value: str
    negated: bool = False


def _tokens(text: str) -> list[str]:
    """Split on whitespace; double quotes keep spaces (`deck:"my deck"`, `"a phrase"`)."""
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    for char in text:
        if char == '"':
            quoted = not quoted
            started = True
        elif char.isspace() and not quoted:
            if started:
                tokens.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
    if quoted:
        raise SearchError('a quote (") is not closed')
    if started:
        tokens.append("".join(current))
    return tokens


def parse_search(text: str) -> list[SearchTerm]:
    """The terms of a search text; every term must hold (AND)."""
    terms: list[SearchTerm] = []
    for token in _tokens(text):
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        prefix, colon, value = body.partition(":")
        kind = prefix.lower()
        if colon and kind in ("deck", "tag", "is"):
            value = value.strip()
            if not value:
                raise SearchError(f"{kind}: needs a name, for example {kind}:docker"
                                  if kind != "is" else
                                  "is: needs one of " + ", ".join(f"is:{v}" for v in IS_VALUES))
            if kind == "is":
                value = value.lower()
                if value not in IS_VALUES:
                    raise SearchError(f"unknown is:{value}; use "
                                      + ", ".join(f"is:{v}" for v in IS_VALUES))
            terms.append(SearchTerm(kind, value, negated))  # type: ignore[arg-type]
        elif body:
            terms.append(SearchTerm("text", body, negated))
    return terms


def wants_retired(terms: Iterable[SearchTerm]) -> bool:
    """Retired cards are shown only when a term asks for them."""
    return any(t.kind == "is" and t.value == "retired" and not t.negated for t in terms)


def _deck_parts(pattern: str) -> list[str]:
    parts = [pattern]
    for separator in DECK_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part.strip().casefold() for part in parts]


def deck_matches(pattern: str, names: Sequence[str], title: str | None = None) -> bool:
    """Does `deck:pattern` select the deck `names` (or one of its parents)?

    Case-insensitive; `::` or `/` separate levels; `*` and `?` are wildcards in a level.
    A deck's file title (`# Docker` heading) also names it.
    """
    wanted = _deck_parts(pattern)
    folded = [name.casefold() for name in names]
    if len(wanted) <= len(folded) and all(
        fnmatch.fnmatchcase(name, part) for name, part in zip(folded, wanted, strict=False)
    ):
        return True
    return title is not None and fnmatch.fnmatchcase(title.casefold(), pattern.casefold())


def matching_decks(pattern: str, decks: Mapping[int, tuple[Sequence[str], str | None]]
                   ) -> list[int]:
    """Ids of the decks (id -> (names, title)) that `deck:pattern` selects."""
    return sorted(deck_id for deck_id, (names, title) in decks.items()
                  if deck_matches(pattern, names, title))


def card_state(*, retired: bool, suspended: bool, due: int | None, interval: int,
               repeat_day: int | None, buried_day: int | None, today: int) -> CardState:
    """The one word the browser shows for a card on the study day `today` (an ordinal)."""
    if retired:
        return "retired"
    if suspended:
        return "suspended"
    if buried_day == today:
        return "buried"
    if due is None:
        return "new"
    if repeat_day == today:
        return "learning"
    return "mature" if interval >= MATURE_INTERVAL else "young"


def deck_display(names: Sequence[str]) -> str:
    return "::".join(names)


@dataclass(frozen=True)
class BrowseRow:
    """One line of the browser's table."""

    key: int  # the store's row key, stable while the browser is open
    card_id: str
    front: str
    deck: tuple[str, ...]
    due: date | None
    interval: int
    ease: float
    reviews: int
    lapses: int
    state: CardState
    source: str
    line: int
    position: int

    @property
    def is_new(self) -> bool:
        return self.due is None


class CardBrowser:
    """The browser's use cases over an open `Collection`."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    @property
    def _store(self) -> Store:
        return self.collection.store

    def _today(self) -> int:
        return self.collection.study_day().toordinal()

    def _decks(self) -> dict[int, tuple[tuple[str, ...], str | None]]:
        return {deck_id: (info.names, info.title)
                for deck_id, info in self._store.decks().items()}

    def search(self, text: str, sort: SortColumn = "due", descending: bool = False
               ) -> list[int]:
        """Row keys of the cards that match `text`, in the order asked for.

        Raises `SearchError` when the text cannot be understood.
        """
        from flashcards.store import browse as store_browse

        if sort not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {sort!r}")
        terms = parse_search(text)
        decks = self._decks()
        deck_terms = [(matching_decks(t.value, decks), t.negated)
                      for t in terms if t.kind == "deck"]
        query = store_browse.BrowseQuery(
            texts=[(t.value, t.negated) for t in terms if t.kind == "text"],
            tags=[(t.value, t.negated) for t in terms if t.kind == "tag"],
            decks=deck_terms,
            flags=[(t.value, t.negated) for t in terms if t.kind == "is"],
            include_retired=wants_retired(terms),
        )
        return store_browse.search_keys(self._store, query, self._today(), sort, descending)

    def rows(self, keys: Sequence[int]) -> list[BrowseRow]:
        """The rows for these keys, in the same order (keys of deleted cards are left out)."""
        from flashcards.store import browse as store_browse

        today = self._today()
        decks = self._store.decks()
        found = store_browse.rows_by_keys(self._store, keys)
        result: list[BrowseRow] = []
        for key in keys:
            raw = found.get(key)
            if raw is None:
                continue
            info = decks.get(raw.deck_id)
            result.append(BrowseRow(
                key=key,
                card_id=raw.card_id,
                front=raw.front,
                deck=info.names if info is not None else (),
                due=None if raw.due is None else date.fromordinal(raw.due),
                interval=raw.interval,
                ease=raw.ease,
                reviews=raw.reviews,
                lapses=raw.lapses,
                state=card_state(retired=raw.retired, suspended=raw.suspended, due=raw.due,
                                 interval=raw.interval, repeat_day=raw.repeat_day,
                                 buried_day=raw.buried_day, today=today),
                source=raw.source,
                line=raw.line,
                position=raw.position,
            ))
        return result

    def suspend(self, card_ids: Iterable[str]) -> int:
        count = 0
        for card_id in card_ids:
            self.collection.suspend(card_id)
            count += 1
        return count

    def unsuspend(self, card_ids: Iterable[str]) -> int:
        count = 0
        for card_id in card_ids:
            self.collection.unsuspend(card_id)
            count += 1
        return count

    def reset_progress(self, card_ids: Iterable[str]) -> int:
        """Make cards new again (SM-2 state only); their review log is kept."""
        from flashcards.store import browse as store_browse

        count = store_browse.reset_progress(self._store, list(card_ids))
        # The study queue caches what is due; the reset cards are new from now on.
        self.collection.refresh()
        return count
