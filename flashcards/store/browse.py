"""The card browser's SQL: one sorted, filtered list of row keys, then rows by key.

A search reads only `review_states.rowid` in the order asked for, from the narrow
review_states table unless text or tags are searched (about 0.1 s for 100,000 cards);
the table then asks for the rows it shows, a page at a time, by key. Sorting is SQL's
ORDER BY, with note order (`position`) breaking ties so the order is stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from flashcards.store.database import CHUNK, StateRow, Store
from flashcards.store.schema import QUEUE_NEW, QUEUE_RETIRED, QUEUE_REVIEW, QUEUE_SUSPENDED

_REVIEWS = "(SELECT count(*) FROM review_log l WHERE l.card_id = s.card_id)"
_STATE_RANK = (
    f"(CASE WHEN s.queue = {QUEUE_RETIRED} THEN 6 WHEN s.queue = {QUEUE_SUSPENDED} THEN 5 "
    "WHEN s.due IS NULL THEN 0 WHEN s.repeat_day = :today THEN 1 "
    "WHEN s.interval < 21 THEN 2 ELSE 3 END)"
)
# Primary sort expression of each browser column; note order breaks ties.
SORT_SQL: dict[str, str] = {
    "front": "c.front COLLATE NOCASE",
    "deck": "d.path COLLATE NOCASE",
    # New cards (no due day) after every scheduled card, as in Anki.
    "due": "s.due IS NULL, s.due",
    "interval": "s.interval",
    "ease": "s.due IS NULL, s.ease",
    "reviews": _REVIEWS,
    "lapses": "s.lapses",
    "state": _STATE_RANK,
}

Term = tuple[str, bool]  # (value, negated)


@dataclass
class BrowseQuery:
    """A parsed search, with decks already resolved to deck ids (AND of every term)."""

    texts: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    decks: list[tuple[list[int], bool]] = field(default_factory=list)
    flags: list[Term] = field(default_factory=list)  # due, new, suspended, retired
    include_retired: bool = False


@dataclass(frozen=True)
class RawRow:
    card_id: str
    front: str
    deck_id: int
    due: int | None
    interval: int
    ease: float
    reviews: int
    lapses: int
    repeat_day: int | None
    buried_day: int | None
    retired: bool
    suspended: bool
    source: str
    line: int
    position: int


def like_pattern(text: str) -> str:
    """`*` is the user's wildcard; SQL's own wildcards in the text are literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


def case_variants(text: str) -> list[str]:
    """The spellings a case-insensitive search tries.

    SQLite's LIKE folds ASCII letters only, and a Python function called on every row
    would make a Cyrillic search of 100,000 cards take a second. So the text is tried as
    typed, in lower case, upper case, capitalized and title case: every spelling notes
    use in practice (LIKE still folds the ASCII letters of each).
    """
    if text.isascii():
        return [text]
    return list(dict.fromkeys((text, text.lower(), text.upper(), text.capitalize(),
                               text.title())))


def _any_like(columns: Sequence[str], value: str, params: dict[str, Any], name: str,
              prefix: str = "%", suffix: str = "%") -> str:
    tests: list[str] = []
    for index, variant in enumerate(case_variants(value)):
        key = f"{name}_{index}"
        params[key] = prefix + like_pattern(variant) + suffix
        tests.extend(f"{column} LIKE :{key} ESCAPE '\\'" for column in columns)
    return "(" + " OR ".join(tests) + ")"


def _text_clause(value: str, params: dict[str, Any], name: str) -> str:
    return _any_like(("c.front", "c.back"), value, params, name)


def _tag_clause(value: str, params: dict[str, Any], name: str) -> str:
    exact = _any_like(("j.value",), value, params, name, "", "")
    children = _any_like(("j.value",), value, params, name + "c", "", "::%")
    return f"EXISTS (SELECT 1 FROM json_each(c.tags) j WHERE {exact} OR {children})"


_FLAG_SQL = {
    "due": f"((s.queue = {QUEUE_REVIEW} AND s.due <= :today) "
    "OR (s.repeat_day = :today AND s.queue >= 0))",
    "new": "s.due IS NULL",
    # A retired card's queue says retired; its suspended flag is on the card.
    "suspended": f"(s.queue = {QUEUE_SUSPENDED} OR (s.queue = {QUEUE_RETIRED} AND EXISTS "
    "(SELECT 1 FROM cards r WHERE r.id = s.card_id AND r.suspended = 1)))",
    "retired": f"s.queue = {QUEUE_RETIRED}",
}


def where_clause(query: BrowseQuery, today: int) -> tuple[str, dict[str, Any]]:
    """The WHERE text (over `cards c`, `review_states s`) and its named parameters."""
    params: dict[str, Any] = {"today": today}
    clauses: list[str] = []
    if not query.include_retired:
        clauses.append(f"s.queue <> {QUEUE_RETIRED}")
    for index, (value, negated) in enumerate(query.texts):
        clause = _text_clause(value, params, f"t{index}")
        clauses.append(f"NOT {clause}" if negated else clause)
    for index, (value, negated) in enumerate(query.tags):
        clause = _tag_clause(value, params, f"g{index}")
        clauses.append(f"NOT {clause}" if negated else clause)
    for deck_ids, negated in query.decks:
        # Deck ids are positive: 0 stands for "no deck matched".
        listed = ",".join(str(int(deck_id)) for deck_id in deck_ids) or "0"
        clauses.append(f"s.deck_id {'NOT IN' if negated else 'IN'} ({listed})")
    for value, negated in query.flags:
        clause = _FLAG_SQL[value]
        clauses.append(f"NOT {clause}" if negated else clause)
    return " AND ".join(clauses) or "1", params


def _needs_cards(query: BrowseQuery, sort: str | None = None) -> bool:
    return bool(query.texts or query.tags) or sort == "front"


def _from(query: BrowseQuery, sort: str | None = None) -> str:
    """review_states is narrow: read the wide cards table only when text is searched."""
    tables = "review_states s"
    if _needs_cards(query, sort):
        tables += " JOIN cards c ON c.id = s.card_id"
    if sort == "deck":
        tables += " JOIN decks d ON d.id = s.deck_id"
    return tables


def search_keys(store: Store, query: BrowseQuery, today: int, sort: str = "due",
                descending: bool = False) -> list[int]:
    """Row keys (review_states.rowid) of every matching card, sorted by `sort`."""
    where, params = where_clause(query, today)
    direction = " DESC" if descending else ""
    # "x IS NULL" parts keep new cards last in both directions.
    primary = ", ".join(part if part.endswith("IS NULL") else part + direction
                        for part in SORT_SQL[sort].split(", "))
    sql = (f"SELECT s.rowid FROM {_from(query, sort)} WHERE {where} "
           f"ORDER BY {primary}, s.position{direction}")
    return [row[0] for row in store.db.execute(sql, params)]


def count_cards(store: Store, query: BrowseQuery, today: int) -> int:
    where, params = where_clause(query, today)
    return int(store.db.execute(
        f"SELECT count(*) FROM {_from(query)} WHERE {where}", params).fetchone()[0])


def rows_by_keys(store: Store, keys: Sequence[int]) -> dict[int, RawRow]:
    found: dict[int, RawRow] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(
            f"SELECT s.rowid, c.id, c.front, s.deck_id, s.due, s.interval, s.ease, {_REVIEWS}, "
            "s.lapses, s.repeat_day, s.buried_day, c.retired, c.suspended, c.source, c.line, "
            "s.position FROM review_states s JOIN cards c ON c.id = s.card_id "
            f"WHERE s.rowid IN ({marks})",
            chunk,
        ):
            found[row[0]] = RawRow(
                card_id=row[1], front=row[2], deck_id=row[3], due=row[4], interval=row[5],
                ease=row[6], reviews=row[7], lapses=row[8], repeat_day=row[9],
                buried_day=row[10], retired=bool(row[11]), suspended=bool(row[12]),
                source=row[13], line=row[14], position=row[15],
            )
    return found


def reset_progress(store: Store, card_ids: Sequence[str]) -> int:
    """Make cards new again: SM-2 state back to a new card's, review log untouched.

    Suspended and retired cards keep their flag. Returns how many cards changed.
    """
    fresh = StateRow()
    names = [f.name for f in fields(StateRow) if f.name != "queue"]
    assignments = ", ".join(f"{name} = ?" for name in names)
    values = [getattr(fresh, name) for name in names]
    changed = 0
    with store.transaction() as db:
        for start in range(0, len(card_ids), CHUNK):
            chunk = list(card_ids[start : start + CHUNK])
            marks = ",".join("?" * len(chunk))
            cursor = db.execute(
                f"UPDATE review_states SET {assignments}, queue = (SELECT CASE "
                f"WHEN c.retired THEN {QUEUE_RETIRED} WHEN c.suspended THEN {QUEUE_SUSPENDED} "
                f"ELSE {QUEUE_NEW} END FROM cards c WHERE c.id = review_states.card_id) "
                f"WHERE card_id IN ({marks})",
                [*values, *chunk],
            )
            changed += cursor.rowcount
    return changed


def average_ease(store: Store, deck_ids: Sequence[int] | None) -> tuple[float | None, int]:
    """Mean ease of cards in review (not new, suspended or retired), and how many."""
    clause = ""
    if deck_ids is not None:
        clause = f"AND deck_id IN ({','.join(str(int(d)) for d in deck_ids) or '0'})"
    mean, count = store.db.execute(
        f"SELECT avg(ease), count(*) FROM review_states WHERE queue = {QUEUE_REVIEW} {clause}"
    ).fetchone()
    return (None if mean is None else float(mean)), int(count)
