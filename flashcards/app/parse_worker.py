"""A helper process that parses chunks of the notes files of a big import.

    python -m flashcards.app.parse_worker JOB_FILE WORKER_NUMBER
    flashcards --parse-worker JOB_FILE WORKER_NUMBER      (a frozen bundle's executable)

JOB_FILE holds a pickled `(root, is_folder, chunks, folder, as_rows)`: `chunks` is the
import's files cut into small runs in note order; `as_rows` asks for drafts as rows
(`card_rows`, for an import into a collection without cards). The helper takes the
chunks one by one, each claimed by creating `claim-K` in `folder` (so the importing
process and every helper parse each chunk once), writes the results to `result-K` and
prints `K` on its standard output, so the importing process can write chunk K's cards
while chunk K+1 is parsed.
Started by `flashcards.app.parse_pool` as a program of its own (not `multiprocessing`),
so it never re-runs the caller's main script. Parsing is pure and the job comes from the
parent process, so unpickling it is safe.
"""

from __future__ import annotations

import gc
import json
import marshal
import os
import pickle
import sys
from dataclasses import fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from flashcards.parsing.model import (
    CardDraft,
    EmptySection,
    ImportedSchedule,
    ParseResult,
    SkippedLine,
)

# The first argument that makes the app's executable (a frozen bundle) a helper.
PARSE_WORKER_FLAG = "--parse-worker"

# A chunk's results travel as plain tuples in `marshal`'s format: pickling the parser's
# slotted objects costs four times as much (marshal keeps shared lists shared).
DRAFT_FIELDS = tuple(field.name for field in fields(CardDraft))
_draft_values = attrgetter(*DRAFT_FIELDS)
_MARSHAL, _PICKLE = b"M", b"P"


def parse_share(root: Path, is_folder: bool, files: list[Path]) -> dict[Path, ParseResult]:
    from flashcards import parsing

    results: dict[Path, ParseResult] = {}
    for path in files:
        deck = parsing.deck_for(path, root) if is_folder else None
        results[path] = parsing.parse_file(path, deck=deck)
    return results


# An import into a collection without cards gets each file's drafts as plain rows of
# these `cards` columns, grouped by deck, which the store writes as they are: no object
# per card in the importing process. (`context` and `tags` as the store keeps them: JSON.)
ROW_COLUMNS = ("kind", "source", "front", "back", "context", "tags", "cloze_text", "line",
               "ordinal", "note_id", "id")
Rows = dict[tuple[str, ...], list[tuple[Any, ...]]]
Parsed = tuple[ParseResult, Rows | None]


def card_rows(result: ParseResult) -> Rows | None:
    """The result's drafts as ROW_COLUMNS rows by deck (and `result.cards` emptied), or
    None when a draft carries a schedule from the notes (those need the full draft)."""
    if any(draft.imported_schedule is not None for draft in result.cards):
        return None
    encoded: dict[tuple[str, ...], str] = {}
    # Drafts share their lists (a section's context, a file's deck): each list object is
    # encoded once, and looked up by identity first (it stays alive in its draft).
    by_identity: dict[int, str] = {}

    def json_list(values: list[str]) -> str:
        if not values:
            return "[]"
        text = by_identity.get(id(values))
        if text is None:
            key = tuple(values)
            text = encoded.get(key)
            if text is None:
                text = encoded[key] = json.dumps(values, ensure_ascii=False)
            by_identity[id(values)] = text
        return text

    rows: Rows = {}
    last_deck: list[str] | None = None
    group: list[tuple[Any, ...]] = []
    for draft in result.cards:
        if draft.deck is not last_deck:
            last_deck = draft.deck
            group = rows.setdefault(tuple(last_deck), [])
        group.append((draft.kind, draft.source, draft.front, draft.back,
                      json_list(draft.context), json_list(draft.tags), draft.cloze_text,
                      draft.line, draft.ordinal, draft.note_id, draft.id))
    result.cards = []
    return rows


def prepare(results: dict[Path, ParseResult], as_rows: bool) -> dict[Path, Parsed]:
    return {path: (result, card_rows(result) if as_rows else None)
            for path, result in results.items()}


def _draft_tuple(draft: CardDraft) -> tuple[Any, ...]:
    values: tuple[Any, ...] = _draft_values(draft)
    schedule = draft.imported_schedule
    if schedule is not None and type(schedule.due) is date:
        values = (*values[:-1], (schedule.due.toordinal(), schedule.interval, schedule.ease))
    return values


def _draft_from(values: list[Any] | tuple[Any, ...]) -> CardDraft:
    schedule = values[-1]
    if type(schedule) is tuple:
        values = (*values[:-1], ImportedSchedule(date.fromordinal(schedule[0]), *schedule[1:]))
    return CardDraft(*values)


def pack(parsed: dict[Path, Parsed]) -> bytes:
    """Results as bytes for `unpack` (drafts, rows and problems as tuples)."""
    items = [
        (str(path), result.source,
         [(s.line, s.text, s.reason) for s in result.skipped],
         [(e.line, e.title, e.context) for e in result.empty_sections],
         [(w.line, w.text, w.reason) for w in result.warnings],
         result.error, result.title, result.deck,
         [_draft_tuple(draft) for draft in result.cards], rows)
        for path, (result, rows) in parsed.items()
    ]
    try:
        return _MARSHAL + marshal.dumps(items)
    except ValueError:  # something marshal cannot write (a schedule of an unusual type)
        return _PICKLE + pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> dict[Path, Parsed]:
    if data[:1] == _PICKLE:
        parsed: dict[Path, Parsed] = pickle.loads(data[1:])
        return parsed
    if data[:1] != _MARSHAL:
        raise ValueError("not a parse result")
    return {
        Path(path): (
            ParseResult(
                source=source,
                cards=[CardDraft(*values) if values[-1] is None else _draft_from(values)
                       for values in drafts],
                skipped=[SkippedLine(*item) for item in skipped],
                empty_sections=[EmptySection(*item) for item in empty],
                warnings=[SkippedLine(*item) for item in warnings],
                error=error, title=title, deck=deck,
            ),
            rows,
        )
        for path, source, skipped, empty, warnings, error, title, deck, drafts, rows
        in marshal.loads(data[1:])
    }


def claim(folder: Path, chunk: int, worker: int) -> bool:
    """Take chunk `chunk` for `worker` (0 = the importing process); False if taken."""
    try:
        descriptor = os.open(folder / f"claim-{chunk}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    try:
        os.write(descriptor, str(worker).encode("ascii"))
    finally:
        os.close(descriptor)
    return True


def main(argv: list[str] | None = None) -> None:
    gc.disable()  # everything made here lives until it is written out
    job_text, worker_text = (sys.argv[1:] if argv is None else argv)[:2]
    job_file, worker = Path(job_text), int(worker_text)
    root, is_folder, chunks, folder, as_rows = pickle.loads(job_file.read_bytes())
    for number, files in enumerate(chunks):
        if not claim(folder, number, worker):
            continue
        packed = pack(prepare(parse_share(root, is_folder, files), as_rows))
        result_file = folder / f"result-{number}"
        partial = result_file.with_name(result_file.name + f".partial-{worker}")
        partial.write_bytes(packed)
        partial.replace(result_file)
        print(number, flush=True)


if __name__ == "__main__":
    main()
