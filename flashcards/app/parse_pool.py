"""Parsing the changed files of an import, shared with helper processes when there are many.

Helpers are programs of their own (`python -m flashcards.app.parse_worker`, or in a
frozen bundle the app's executable with `PARSE_WORKER_FLAG`), not `multiprocessing`
workers: those would re-run the caller's main script (a GUI, a CLI, any user script) in
every child.

The files are cut into chunks in note order. Every process takes the next chunk nobody
has taken (a claim file made with O_EXCL), so the work shares itself out whatever else
the machine is doing. Results come back in note order as soon as they are ready: the
importer writes a chunk's cards while the helpers parse the next ones, and while a
chunk it needs is still being parsed elsewhere, this process parses a later one.
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

from flashcards.app.parse_worker import (
    PARSE_WORKER_FLAG,
    Parsed,
    Rows,
    claim,
    parse_share,
    prepare,
    unpack,
)
from flashcards.parsing.model import ParseResult

# From this many changed files, or this many bytes of them (about 5,000 cards, 70 ms of
# parsing), an import shares the parsing with helper processes (up to
# MAX_PARSE_PROCESSES in all). Starting one costs about a tenth of a second, yet it
# pays off from there: 5,000 cards took 0.13 s with a helper and 0.16 s without.
PARALLEL_FROM_FILES = 100
PARALLEL_FROM_BYTES = 512 * 1024
MAX_PARSE_PROCESSES = 4
# A chunk ends after this many files or bytes: small enough that writing and parsing
# interleave finely, big enough that claims and result files cost nothing (about 1,000
# cards of ordinary notes). A bigger file is a chunk of its own.
CHUNK_FILES = 10
CHUNK_BYTES = 48 * 1024
# select() waits on pipes everywhere but on Windows (sockets only there): Windows polls.
PIPES_SELECTABLE = os.name != "nt"
# Whether this process takes chunks itself (tests turn it off to see helpers' results).
PARENT_PARSES = True


def _helper_processes(changed_files: int, total_bytes: int = 0) -> int:
    """How many helper processes parse alongside this one: none for ordinary imports."""
    big = changed_files >= PARALLEL_FROM_FILES or (
        changed_files > 1 and total_bytes >= PARALLEL_FROM_BYTES)
    if not big:
        return 0
    return max(0, min(MAX_PARSE_PROCESSES, os.cpu_count() or 1) - 1)


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


def _chunks(files: list[Path], sizes: list[int]) -> list[list[Path]]:
    chunks: list[list[Path]] = []
    chunk: list[Path] = []
    chunk_bytes = 0
    for file, size in zip(files, sizes, strict=True):
        chunk.append(file)
        chunk_bytes += size
        if len(chunk) >= CHUNK_FILES or chunk_bytes >= CHUNK_BYTES:
            chunks.append(chunk)
            chunk, chunk_bytes = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


class ParseJob:
    """Parsing a list of files, started at once: a big import's helper processes begin
    while this process still reads the files' hashes. Use as a context manager; a
    helper that fails for any reason costs only time (its chunks are parsed here)."""

    def __init__(self, root: Path, is_folder: bool, files: list[Path],
                 as_rows: bool = False, *, parent_parses: bool | None = None) -> None:
        """`as_rows`: results come with their drafts as rows (`parse_worker.card_rows`).
        `parent_parses=False`: when helpers run, this process only waits for them
        (default: `PARENT_PARSES`)."""
        self.root, self.is_folder, self.files, self.as_rows = root, is_folder, files, as_rows
        sizes = [_size(file) for file in files]
        self.chunks = _chunks(files, sizes)
        helpers = _helper_processes(len(files), sum(sizes))
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._pool: _Pool | None = None
        if helpers:
            self._temp = tempfile.TemporaryDirectory(prefix="flashcards-parse-")
            self._pool = _Pool(root, is_folder, self.chunks, Path(self._temp.name), helpers,
                               as_rows, PARENT_PARSES if parent_parses is None else parent_parses)

    def __enter__(self) -> ParseJob:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def chunks_from_helpers(self) -> int:
        """How many chunks' results came from helper processes (the self-test checks
        that helpers work in a bundle)."""
        return 0 if self._pool is None else self._pool.from_helpers

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool = None
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None

    def results(self, step: Callable[[int], None], wanted: set[Path] | None = None
                ) -> Iterator[tuple[Path, ParseResult, Rows | None]]:
        """Yield `(file, result, rows)` in the order of the files (only the `wanted` ones,
        if given), calling `step(files)` as they come. `rows` is None unless the job was
        made `as_rows` (and even then for a file whose drafts carry schedules)."""
        for number, chunk in enumerate(self.chunks):
            if wanted is not None:
                chunk = [file for file in chunk if file in wanted]
            if not chunk:
                continue
            if self._pool is None:
                for file in chunk:
                    parsed = prepare(parse_share(self.root, self.is_folder, [file]),
                                     self.as_rows)
                    yield file, *parsed[file]
                    step(1)
                continue
            results = self._pool.take(number)
            for file in chunk:
                yield file, *results[file]
            step(len(chunk))


class _Pool:
    def __init__(self, root: Path, is_folder: bool, chunks: list[list[Path]], folder: Path,
                 helpers: int, as_rows: bool, parent_parses: bool) -> None:
        self.root, self.is_folder, self.chunks, self.folder = root, is_folder, chunks, folder
        self.as_rows, self.parent_parses = as_rows, parent_parses
        self.ahead: dict[int, dict[Path, Parsed]] = {}
        self.from_helpers = 0  # chunks whose results a helper delivered
        self.scan = 0  # chunks before this one are all taken
        job_file = folder / "job"
        job_file.write_bytes(pickle.dumps((root, is_folder, chunks, folder, as_rows)))
        self.helpers: dict[int, subprocess.Popen[bytes]] = {}
        for number in range(1, helpers + 1):
            process = _start_helper(job_file, number)
            if process is not None:
                self.helpers[number] = process

    def take(self, number: int) -> dict[Path, Parsed]:
        """Chunk `number`'s results: parsed here, by a helper, or here after all when
        its helper failed."""
        while True:
            if number in self.ahead:
                return self.ahead.pop(number)
            if self.parent_parses and claim(self.folder, number, 0):
                return self._parse(number)
            loaded = _load_result(self.folder / f"result-{number}")
            if loaded is not None:
                self.from_helpers += 1
                return loaded
            if not self.helpers or self._owner(number) not in (None, *self.helpers):
                return self._parse(number)  # its helper is gone
            if not (self.parent_parses and self._parse_ahead(number)):
                self._wait()

    def _parse(self, number: int) -> dict[Path, Parsed]:
        return prepare(parse_share(self.root, self.is_folder, self.chunks[number]),
                       self.as_rows)

    def _parse_ahead(self, after: int) -> bool:
        """Parse the next chunk nobody took yet; False when there is none."""
        self.scan = max(self.scan, after + 1)
        while self.scan < len(self.chunks):
            number = self.scan
            self.scan += 1
            if claim(self.folder, number, 0):
                self.ahead[number] = self._parse(number)
                return True
        return False

    def _owner(self, number: int) -> int | None:
        try:
            text = (self.folder / f"claim-{number}").read_text(encoding="ascii")
        except OSError:
            return None
        return int(text) if text.strip() else None

    def _wait(self) -> None:
        """Until a helper reports a chunk or ends (or, without selectable pipes, a
        moment)."""
        if not PIPES_SELECTABLE:
            time.sleep(0.005)
            for number, process in list(self.helpers.items()):
                if process.poll() is not None:
                    del self.helpers[number]
            return
        pipes = {process.stdout.fileno(): number for number, process in self.helpers.items()
                 if process.stdout is not None}
        readable, _, _ = select.select(list(pipes), [], [], 0.5)
        for descriptor in readable:
            if not os.read(descriptor, 65536):
                process = self.helpers.pop(pipes[descriptor])
                process.wait()
                if process.stdout is not None:
                    process.stdout.close()

    def stop(self) -> None:
        for process in self.helpers.values():
            with suppress(OSError):
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
        self.helpers.clear()


def helper_command(job_file: Path, number: int) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of helper `number`."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):  # the executable is the app (flashcards/__main__.py)
        return [sys.executable, PARSE_WORKER_FLAG, str(job_file), str(number)], env
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (package_parent, env.get("PYTHONPATH", "")) if part)
    return [sys.executable, "-m", "flashcards.app.parse_worker", str(job_file),
            str(number)], env


def _start_helper(job_file: Path, number: int) -> subprocess.Popen[bytes] | None:
    command, env = helper_command(job_file, number)
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Nothing reads a pipe that cannot be selected: it would fill and block.
            stdout=subprocess.PIPE if PIPES_SELECTABLE else subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None


def _load_result(result_file: Path) -> dict[Path, Parsed] | None:
    try:
        data = result_file.read_bytes()
    except OSError:
        return None
    try:
        return unpack(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None
