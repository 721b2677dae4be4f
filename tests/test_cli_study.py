"""The terminal commands: import with its report, due counts, stats, a review session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.app import Collection
from flashcards.cli import main


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "k8s").mkdir(parents=True)
    (folder / "docker.md").write_text(
        "# Docker\n\n## Пусто\n\n## Слои\n\nСлой - часть образа\n\nОбраз - шаблон контейнера\n",
        encoding="utf-8",
    )
    (folder / "k8s" / "helm.md").write_text(
        "# Helm\n\nHelm - пакетный менеджер\n\nChart - пакет Helm\n", encoding="utf-8"
    )
    return folder


def run(db: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args], input=input)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_import_prints_counts_and_problems(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    output = run(db, "import", str(notes))
    assert "4 new, 0 updated, 0 moved, 0 unchanged, 0 retired" in output
    assert "empty sections (1):" in output
    assert "docker.md:3: empty section 'Пусто'" in output
    output = run(db, "import", str(notes))
    assert "0 new, 0 updated, 0 moved, 4 unchanged" in output
    assert "files: 0 read, 2 unchanged" in output


def test_db_from_environment(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "from-env.sqlite"
    result = CliRunner().invoke(main, ["import", str(notes)], env={"FLASHCARDS_DB": str(db)})
    assert result.exit_code == 0, result.output
    with Collection.open(db) as collection:
        assert sum(1 for _ in collection.cards()) == 4


def test_due_shows_the_deck_tree(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    assert "No cards yet" in run(db, "due")
    run(db, "import", str(notes))
    lines = run(db, "due").splitlines()
    assert lines[0].split() == ["deck", "new", "learn", "due"]
    assert [line.split() for line in lines[1:]] == [
        ["docker", "2", "0", "0"],
        ["k8s", "2", "0", "0"],
        ["helm", "2", "0", "0"],
        ["total", "4", "0", "0"],
    ]


def test_review_session_grades_undoes_and_quits(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "import", str(notes))
    # Card 1: show, Good (3 -> grade 4). Card 2: show, Again (1 -> grade 2), undo,
    # then card 2 again: show, Easy (4 -> grade 5). Then the deck is done.
    output = run(db, "review", "--deck", "k8s", input="\n3\n1u\n4")
    assert output.count("Helm\n") >= 1
    # A new card: Again and Hard bring it back today (SM-2 same-day rule), Good and Easy
    # are done for today and due tomorrow.
    assert "[1] Again (<1m)   [2] Hard (<10m)   [3] Good (1d)   [4] Easy (1d)" in output
    assert "Undone" in output
    assert output.rstrip().endswith("Nothing more to study now. Answered 2 cards.")
    with Collection.open(db) as collection:
        cards = {card.front: card for card in collection.cards(deck=["k8s"])}
        assert [entry.grade for entry in collection.history(cards["Helm"].id)] == [4]
        assert [entry.grade for entry in collection.history(cards["Chart"].id)] == [5]
        assert all(card.deck == ["k8s", "helm"] for card in cards.values())


def test_review_until_done_then_stats(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "import", str(notes))
    output = run(db, "review", input="\n4" * 4)
    assert "Nothing more to study now. Answered 4 cards." in output
    stats = run(db, "stats", "--days", "7")
    assert "cards: 0 new, 0 learning, 4 young" in stats
    # Key 4 is Easy (grade 5): ease 2.5 + 0.1 on each card; all four are due tomorrow.
    assert "4 reviews on 1 days, retention -" in stats
    assert "average ease 260% over 4 cards in review" in stats
    assert "due in the next 30 days (today first): 0 4 0" in stats
    day_rows = [line for line in stats.splitlines() if line[:4].isdigit() and "-" in line[:10]]
    assert any(row.split()[1] == "4" for row in day_rows)


def test_review_of_unknown_deck_names_the_decks(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "import", str(notes))
    result = CliRunner().invoke(main, ["--db", str(db), "review", "--deck", "nope"])
    assert result.exit_code != 0
    assert "no deck 'nope'; decks: docker, k8s, k8s/helm" in result.output


def test_locked_collection_gives_a_clear_error(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    with Collection.open(db):
        # flock locks belong to open file descriptions: a second open in the same
        # process is refused like another process would be.
        result = CliRunner().invoke(main, ["--db", str(db), "import", str(notes)])
    assert result.exit_code != 0
    assert "already open" in result.output


def test_quit_in_the_middle_keeps_given_answers(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "import", str(notes))
    output = run(db, "review", input="\n4\nq")
    assert "Stopped. Answered 1 card." in output
    with Collection.open(db) as collection:
        assert collection.stats().total_reviews == 1
