"""Crashes never lose a given answer nor leave a half-written file (SIGKILL at random)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flashcards.app import Collection

REPO = Path(__file__).resolve().parents[1]
KILLS = 12

ANSWERING = textwrap.dedent("""
    import random, sys
    from flashcards.app import Collection

    run = int(sys.argv[2])
    rng = random.Random(run)
    collection = Collection.open(sys.argv[1])
    ids = [card.id for card in collection.cards()]
    print("ready", flush=True)
    sequence = run * 1_000_000
    while True:
        card = collection.next_card()
        card_id = card.id if card is not None else rng.choice(ids)
        sequence += 1
        # elapsed_ms carries a unique number so the parent can find this very answer.
        collection.answer(card_id, rng.randint(0, 5), elapsed_ms=sequence)
        print(sequence, flush=True)
""")

IMPORTING = textwrap.dedent("""
    import sys
    from flashcards.app import Collection

    collection = Collection.open(sys.argv[1])
    print("ready", flush=True)
    collection.import_path(sys.argv[2])
    print("imported", flush=True)
""")


def write_notes(folder: Path, files: int, cards_per_file: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(files):
        lines = [f"# Тема {index}", ""]
        for card in range(cards_per_file):
            lines += [f"Термин {index}-{card} - определение {card}", ""]
        (folder / f"topic-{index:03}.md").write_text("\n".join(lines), encoding="utf-8")
    return files * cards_per_file


def start(script: str, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first == "ready\n", first + process.stderr.read() if process.stderr else first
    return process


def kill_after(process: subprocess.Popen[str], seconds: float) -> list[str]:
    """SIGKILL the process after `seconds` (unless it ended by itself); its output lines."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
    output, errors = process.communicate(timeout=30)
    assert process.returncode in (0, -signal.SIGKILL), errors
    return output.splitlines()


@pytest.mark.slow
def test_killed_while_answering_loses_no_returned_answer(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    write_notes(tmp_path / "notes", 10, 30)
    with Collection.open(db) as collection:
        collection.import_path(tmp_path / "notes")
        collection.update_settings(new_per_day=100_000)
    rng = random.Random(1990)
    confirmed: set[int] = set()
    for run in range(1, KILLS + 1):
        process = start(ANSWERING, str(db), str(run))
        lines = kill_after(process, rng.uniform(0.02, 0.6))
        # A line cut by the kill is not a confirmation; complete lines are.
        confirmed.update(int(line) for line in lines if line.isdigit())
        with Collection.open(db) as collection:  # the crash marker forces integrity_check
            assert collection.store.integrity_check() == ["ok"]
            logged = {
                row[0]
                for row in collection.store.db.execute("SELECT elapsed_ms FROM review_log")
            }
        missing = confirmed - logged
        assert not missing, f"run {run}: answers lost: {sorted(missing)[:5]}"
    assert len(confirmed) > KILLS  # the loop really answered between kills
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


@pytest.mark.slow
def test_killed_while_importing_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    total = write_notes(tmp_path / "notes", 60, 100)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(4):
        db.unlink(missing_ok=True)
        Collection.open(db).close()
        process = start(IMPORTING, str(db), str(tmp_path / "notes"))
        lines = kill_after(process, rng.uniform(0.02, 0.8))
        with Collection.open(db) as collection:
            assert collection.store.integrity_check() == ["ok"]
            cards = collection.store.db.execute("SELECT count(*) FROM cards").fetchone()[0]
            states = collection.store.db.execute(
                "SELECT count(*) FROM review_states").fetchone()[0]
            files = collection.store.db.execute("SELECT count(*) FROM files").fetchone()[0]
        assert (cards, states) in ((0, 0), (total, total))
        assert files in (0, 60) and (files == 0) == (cards == 0)
        if "imported" in lines:
            assert cards == total
        outcomes.add(cards)
    assert 0 in outcomes  # at least one kill landed before the commit
