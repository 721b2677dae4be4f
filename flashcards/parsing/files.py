"""Reading note files and folders: the only I/O of the parser."""

from __future__ import annotations

import os
from pathlib import Path

from flashcards.parsing.model import ParseResult
from flashcards.parsing.text import parse_text

NOTE_SUFFIXES = (".md", ".markdown")


def parse_file(path: str | os.PathLike[str], *, deck: list[str] | None = None,
               source: str | None = None) -> ParseResult:
    """Parse one notes file; a file that is binary or not UTF-8 gives a result with `error`."""
    file_path = Path(path)
    name = source if source is not None else str(file_path)
    deck_names = deck if deck is not None else [file_path.stem]
    try:
        data = file_path.read_bytes()
    except OSError as error:
        return ParseResult(source=name, deck=deck_names,
                           error=f"cannot read the file: {error.strerror or error}")
    if b"\x00" in data[:8192]:
        return ParseResult(source=name, deck=deck_names,
                           error="a binary file, not a text note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return ParseResult(source=name, deck=deck_names,
                           error=f"not valid UTF-8 (line {line}, byte {error.start})")
    return parse_text(text, source=name, deck=deck_names)


def note_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Markdown files under `folder`, in a stable order, hidden folders left out."""
    root = Path(folder)
    found = [
        path for path in root.rglob("*")
        if path.suffix.lower() in NOTE_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def deck_for(path: Path, root: Path) -> list[str]:
    """`decks/docker.md` -> ['docker']; subfolders nest: `k8s/helm.md` -> ['k8s', 'helm']."""
    relative = path.relative_to(root).with_suffix("")
    return list(relative.parts)


def parse_folder(folder: str | os.PathLike[str]) -> list[ParseResult]:
    """Parse every notes file of a folder (a deck tree by relative path).

    A file that cannot be read is reported in its own result; the others still parse.
    """
    root = Path(folder)
    return [parse_file(path, deck=deck_for(path, root)) for path in note_files(root)]
