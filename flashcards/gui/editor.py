"""Open a note at a line in the learner's editor ($VISUAL / $EDITOR), else the desktop's.

The command line is built by a pure function so the rules for each editor are testable;
launching is detached, the window never waits for the editor.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

# Editors that take `+LINE FILE`.
_PLUS_LINE = {"vi", "vim", "nvim", "gvim", "nano", "emacs", "emacsclient", "micro", "kak",
              "gedit", "gnome-text-editor", "mousepad", "pluma", "xed", "joe", "mcedit", "ne"}
# Editors that take `FILE:LINE`.
_COLON_LINE = {"subl", "sublime_text", "hx", "helix", "zed"}
# Editors that take `-g FILE:LINE` (VS Code family).
_GOTO_FLAG = {"code", "codium", "code-insiders", "cursor"}
# Editors that run inside a terminal: launched from a window they need one.
_TERMINAL = {"vi", "vim", "nvim", "nano", "micro", "kak", "joe", "mcedit", "ne", "hx", "helix"}


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The argv that opens `path` at `line` with `editor` (a shell-style command)."""
    argv = shlex.split(editor)
    if not argv:
        raise ValueError("empty editor command")
    name = Path(argv[0]).name
    line = max(1, line)
    if name in _GOTO_FLAG:
        return [*argv, "-g", f"{path}:{line}"]
    if name in _COLON_LINE:
        return [*argv, f"{path}:{line}"]
    if name in {"kate", "kwrite"}:
        return [*argv, "--line", str(line), str(path)]
    if name in _PLUS_LINE:
        return [*argv, f"+{line}", str(path)]
    # An unknown editor: `+LINE FILE` is the most widely understood convention.
    return [*argv, f"+{line}", str(path)]


def configured_editor(environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    for variable in ("FLASHCARDS_EDITOR", "VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            return value
    return None


def needs_terminal(editor: str) -> bool:
    argv = shlex.split(editor)
    return bool(argv) and Path(argv[0]).name in _TERMINAL


def terminal_command(argv: list[str], environ: Mapping[str, str] | None = None
                     ) -> list[str] | None:
    """`argv` run in a new terminal window: $TERMINAL, else the first terminal found."""
    env = os.environ if environ is None else environ
    candidates = [env.get("TERMINAL", "").strip(), "x-terminal-emulator", "gnome-terminal",
                  "konsole", "xfce4-terminal", "kitty", "alacritty", "xterm"]
    for candidate in candidates:
        if not candidate:
            continue
        words = shlex.split(candidate)
        terminal = shutil.which(words[0])
        if terminal is None:
            continue
        name = Path(terminal).name
        if name == "gnome-terminal":
            return [terminal, *words[1:], "--", *argv]  # `-e` is deprecated there
        if name == "kitty":
            return [terminal, *words[1:], *argv]
        return [terminal, *words[1:], "-e", *argv]
    return None


def launch_editor(path: Path, line: int, environ: Mapping[str, str] | None = None) -> bool:
    """Start the configured editor on `path:line`; False when none is configured or it
    cannot run here (then the caller falls back to the desktop's default application)."""
    editor = configured_editor(environ)
    if editor is None:
        return False
    argv = editor_command(editor, path, line)
    if needs_terminal(editor):
        # Always a terminal window of its own: started from this window with no input,
        # vim (even when the app was started from a terminal) could not be used.
        in_terminal = terminal_command(argv, environ)
        if in_terminal is None:
            return False
        argv = in_terminal
    if shutil.which(argv[0]) is None and not Path(argv[0]).is_file():
        return False
    try:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True
