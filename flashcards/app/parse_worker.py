"""A helper process that parses a share of the notes files of a big import.

    python -m flashcards.app.parse_worker JOB_FILE RESULT_FILE

Reads a pickled `(root, is_folder, [paths])` from JOB_FILE and writes the pickled
`{path: ParseResult}` to RESULT_FILE (files, not pipes: the parent parses its own share
meanwhile and reads nothing until the end). Started by `flashcards.app.importer` as a program of
its own (not `multiprocessing`), so it never re-runs the caller's main script.
Parsing is pure and the job comes from the parent process, so unpickling it is safe.
"""

from __future__ import annotations

import gc
import pickle
import sys
from pathlib import Path

from flashcards.parsing.model import ParseResult


def parse_share(root: Path, is_folder: bool, files: list[Path]) -> dict[Path, ParseResult]:
    from flashcards import parsing

    results: dict[Path, ParseResult] = {}
    for path in files:
        deck = parsing.deck_for(path, root) if is_folder else None
        results[path] = parsing.parse_file(path, deck=deck)
    return results


def main() -> None:
    gc.disable()  # everything made here lives until it is written out
    job_file, result_file = Path(sys.argv[1]), Path(sys.argv[2])
    root, is_folder, files = pickle.loads(job_file.read_bytes())
    results = parse_share(root, is_folder, files)
    partial = result_file.with_name(result_file.name + ".partial")
    partial.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(result_file)


if __name__ == "__main__":
    main()
