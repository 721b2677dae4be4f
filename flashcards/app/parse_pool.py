"""Parsing the changed files of an import, shared with helper processes when there are many.

Helpers are programs of their own (`python -m flashcards.app.parse_worker`), not
`multiprocessing` workers: those would re-run the caller's main script (a GUI, a CLI,
any user script) in every child.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from flashcards.app.parse_worker import parse_share
from flashcards.parsing.model import ParseResult

# From this many changed files an import shares the parsing with helper processes (up
# to MAX_PARSE_PROCESSES in all); starting one costs about a tenth of a second.
PARALLEL_FROM_FILES = 100
MAX_PARSE_PROCESSES = 4


def _helper_processes(changed_files: int) -> int:
    """How many helper processes parse alongside this one: none for ordinary imports,
    and none inside a frozen bundle (its executable is the app, not Python)."""
    if changed_files < PARALLEL_FROM_FILES or getattr(sys, "frozen", False):
        return 0
    return max(0, min(MAX_PARSE_PROCESSES, os.cpu_count() or 1) - 1)


def parse_files(root: Path, is_folder: bool, files: list[Path],
                step: Callable[[int], None]) -> dict[Path, ParseResult]:
    """Parse files, sharing a big import with helper processes (one per spare core).

    A helper that fails for any reason costs only time: its share is parsed here.
    """
    helpers = _helper_processes(len(files))
    shares = [files[index :: helpers + 1] for index in range(helpers + 1)]
    results: dict[Path, ParseResult] = {}
    with tempfile.TemporaryDirectory(prefix="flashcards-parse-") as temp:
        started = [_start_helper(root, is_folder, share, Path(temp), number)
                   for number, share in enumerate(shares[1:])]
        for file in shares[0]:
            results.update(parse_share(root, is_folder, [file]))
            step(1)
        for share, (process, result_file) in zip(shares[1:], started, strict=True):
            parsed = _finish_helper(process, result_file)
            if parsed is None:
                parsed = parse_share(root, is_folder, share)
            results.update(parsed)
            step(len(share))
    # Note order, whatever process parsed which file.
    return {file: results[file] for file in files}


def _start_helper(root: Path, is_folder: bool, share: list[Path], temp: Path,
                  number: int) -> tuple[subprocess.Popen[bytes] | None, Path]:
    job_file = temp / f"job-{number}"
    result_file = temp / f"result-{number}"
    job_file.write_bytes(pickle.dumps((root, is_folder, share)))
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (package_parent, env.get("PYTHONPATH", "")) if part)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "flashcards.app.parse_worker", str(job_file),
             str(result_file)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None, result_file
    return process, result_file


def _finish_helper(process: subprocess.Popen[bytes] | None, result_file: Path
                   ) -> dict[Path, ParseResult] | None:
    if process is None or process.wait() != 0 or not result_file.exists():
        return None
    try:
        parsed: dict[Path, ParseResult] = pickle.loads(result_file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return parsed
