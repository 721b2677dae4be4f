"""Image files referenced by notes -> flat, unique Anki media names."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class MediaNames:
    """Gives each image file one media name, stable for the same notes folder.

    Anki keeps media in one flat folder, so `docker/img/a.png` and `k8s/img/a.png` must not
    both become `a.png`: the name carries the path inside the notes folder.
    """

    def __init__(self, root: Path | None) -> None:
        self._root = root.resolve() if root is not None else None
        self._by_path: dict[Path, str] = {}
        self._taken: set[str] = set()

    def name_for(self, path: Path) -> str:
        known = self._by_path.get(path)
        if known is not None:
            return known
        relative = path.name
        if self._root is not None:
            with contextlib.suppress(ValueError):
                relative = path.relative_to(self._root).as_posix()
        name = _UNSAFE.sub("_", relative.replace("/", "__")).strip(". ") or "image"
        if name in self._taken:
            digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{digest}.{suffix}" if dot else f"{name}-{digest}"
        self._taken.add(name)
        self._by_path[path] = name
        return name

    def files(self) -> dict[str, Path]:
        """Media name -> file, in the order they were first referenced."""
        return {name: path for path, name in self._by_path.items()}
