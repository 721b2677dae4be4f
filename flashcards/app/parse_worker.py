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
import os
import pickle
import sys
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from flashcards.parsing.model import CardDraft, ParseResult

# A draft travels as a plain tuple: pickling slotted objects costs three times as much.
DRAFT_FIELDS = tuple(field.name for field in fields(CardDraft))
_draft_values = attrgetter(*DRAFT_FIELDS)

Packed = dict[Path, tuple[ParseResult, list[tuple[Any, ...]]]]


def parse_share(root: Path, is_folder: bool, files: list[Path]) -> dict[Path, ParseResult]:
    from flashcards import parsing

    results: dict[Path, ParseResult] = {}
    for path in files:
        deck = parsing.deck_for(path, root) if is_folder else None
        results[path] = parsing.parse_file(path, deck=deck)
    return results


def pack(results: dict[Path, ParseResult]) -> Packed:
    """Results with their drafts as tuples (the results are emptied of drafts)."""
    packed: Packed = {}
    for path, result in results.items():
        drafts = [_draft_values(draft) for draft in result.cards]
        result.cards = []
        packed[path] = (result, drafts)
    return packed


def unpack(packed: Packed) -> dict[Path, ParseResult]:
    results: dict[Path, ParseResult] = {}
    for path, (result, drafts) in packed.items():
        result.cards = [CardDraft(*values) for values in drafts]
        results[path] = result
    return results


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
        partial.write_bytes(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(result_file)
        print(number, flush=True)


if __name__ == "__main__":
    main()
