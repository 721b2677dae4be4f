"""A helper process that parses chunks of the notes files of a big import.

    python -m flashcards.app.parse_worker JOB_FILE WORKER_NUMBER

JOB_FILE holds a pickled `(root, is_folder, chunks, folder)`: `chunks` is the import's
files cut into small runs in note order. The helper takes the chunks one by one, each
claimed by creating `claim-K` in `folder` (so the importing process and every helper
parse each chunk once), writes the results to `result-K` and prints `K` on its standard
output, so the importing process can write chunk K's cards while chunk K+1 is parsed.
Started by `flashcards.app.parse_pool` as a program of its own (not `multiprocessing`),
so it never re-runs the caller's main script. Parsing is pure and the job comes from the
parent process, so unpickling it is safe.
"""

from __future__ import annotations

import gc
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


def pack(results: dict[Path, ParseResult]) -> bytes:
    """Results as bytes for `unpack` (drafts and problems as tuples)."""
    rows = [
        (str(path), result.source,
         [(s.line, s.text, s.reason) for s in result.skipped],
         [(e.line, e.title, e.context) for e in result.empty_sections],
         [(w.line, w.text, w.reason) for w in result.warnings],
         result.error, result.title, result.deck,
         [_draft_tuple(draft) for draft in result.cards])
        for path, result in results.items()
    ]
    try:
        return _MARSHAL + marshal.dumps(rows)
    except ValueError:  # something marshal cannot write (a schedule of an unusual type)
        return _PICKLE + pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> dict[Path, ParseResult]:
    if data[:1] == _PICKLE:
        results: dict[Path, ParseResult] = pickle.loads(data[1:])
        return results
    if data[:1] != _MARSHAL:
        raise ValueError("not a parse result")
    return {
        Path(path): ParseResult(
            source=source,
            cards=[CardDraft(*values) if values[-1] is None else _draft_from(values)
                   for values in drafts],
            skipped=[SkippedLine(*item) for item in skipped],
            empty_sections=[EmptySection(*item) for item in empty],
            warnings=[SkippedLine(*item) for item in warnings],
            error=error, title=title, deck=deck,
        )
        for path, source, skipped, empty, warnings, error, title, deck, drafts
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


def main() -> None:
    gc.disable()  # everything made here lives until it is written out
    job_file, worker = Path(sys.argv[1]), int(sys.argv[2])
    root, is_folder, chunks, folder = pickle.loads(job_file.read_bytes())
    for number, files in enumerate(chunks):
        if not claim(folder, number, worker):
            continue
        packed = pack(parse_share(root, is_folder, files))
        result_file = folder / f"result-{number}"
        partial = result_file.with_name(result_file.name + f".partial-{worker}")
        partial.write_bytes(packed)
        partial.replace(result_file)
        print(number, flush=True)


if __name__ == "__main__":
    main()
