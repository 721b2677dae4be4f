"""A real collection (notes -> store -> .apkg -> Anki) and the `flashcards export` command."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from anki_client import AnkiClient
from click.testing import CliRunner

from flashcards.app import Collection
from flashcards.cli import main
from flashcards.export import (
    ExportError,
    NothingToExportError,
    UnknownDeckError,
    export_collection,
    parse_deck_name,
)
from flashcards.export.note_types import ROOT_DECK

DOCKER_NOTES = """\
# Docker

## Основы

Docker engine - это демон, который управляет контейнерами
`docker ps` - список запущенных контейнеров
CoW:::Copy-On-Write
Опасное <script>alert(1)</script> - ответ <img src=x onerror=alert(1)>

Схема:
- ![схема](img/схема.png)
- ![секрет](../../secret.png)

Docker использует ==namespaces== и ==cgroups== для изоляции
"""

K8S_NOTES = """\
# Kubernetes

## Pods

Pod - минимальная единица развёртывания
kubelet - агент на каждой ноде
"""


def study_day() -> datetime:
    return datetime.now().astimezone()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    (root / "docker" / "img").mkdir(parents=True)
    (root / "docker" / "basics.md").write_text(DOCKER_NOTES, encoding="utf-8")
    (root / "docker" / "img" / "схема.png").write_bytes(b"\x89PNG fake image")
    (root / "kubernetes").mkdir()
    (root / "kubernetes" / "pods.md").write_text(K8S_NOTES, encoding="utf-8")
    (tmp_path / "secret.png").write_bytes(b"secret")
    return root


@pytest.fixture
def collection(tmp_path: Path, notes: Path):  # type: ignore[no-untyped-def]
    with Collection.open(tmp_path / "store" / "collection.sqlite") as opened:
        opened.import_path(notes)
        yield opened


def expected_guids(cards: list) -> dict[str, str]:
    """Card id -> Anki guid: the id of the note's first card (lowest ordinal)."""
    notes: dict[str, list] = {}
    for card in cards:
        notes.setdefault(card.note_id or card.id, []).append(card)
    return {
        card.id: min(group, key=lambda member: member.ordinal).id
        for group in notes.values()
        for card in group
    }


def anki_for(tmp_path: Path, name: str = "anki") -> AnkiClient:
    return AnkiClient(tmp_path / name, days_old=30)


def test_anki_gets_the_same_cards_per_deck_as_the_store(
    collection: Collection, tmp_path: Path
) -> None:
    ours = list(collection.cards())
    assert len(ours) >= 8
    report = export_collection(collection, tmp_path / "all.apkg")
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "all.apkg")
        imported = anki.cards()
        assert len(imported) == len(ours) == report.cards
        ours_per_deck = Counter("::".join([ROOT_DECK, *card.deck]) for card in ours)
        assert Counter(card.deck for card in imported) == ours_per_deck
        # Notes: cards sharing a note_id are one Anki note.
        assert anki.note_count() == len({card.note_id or card.id for card in ours})
        assert {card.guid for card in imported} == set(expected_guids(ours).values())

        kinds = Counter(card.kind for card in ours)
        note_types = Counter(card.note_type for card in imported)
        assert note_types["Flashcards Cloze"] == kinds["cloze"] == 2
        assert note_types["Flashcards Basic (and reversed card)"] == kinds["reversed"] == 2
        cloze_cards = [card for card in imported if card.note_type == "Flashcards Cloze"]
        assert len({card.guid for card in cloze_cards}) == 1
        assert sorted(card.ord for card in cloze_cards) == [0, 1]

        by_front = {card.fields.get("Front", ""): card for card in imported}
        engine = by_front["<p>Docker engine</p>"]
        assert engine.fields["Back"] == "<p>это демон, который управляет контейнерами</p>"
        stored = next(card for card in ours if card.front == "Docker engine")
        assert stored.context
        assert engine.fields["Context"] == " › ".join(stored.context)
        assert "basics.md" in engine.tags
    finally:
        anki.close()


def test_notes_html_is_escaped_and_images_packed_only_from_inside(
    collection: Collection, tmp_path: Path
) -> None:
    report = export_collection(collection, tmp_path / "all.apkg")
    assert report.media == 1
    assert [image.reference for image in report.refused_images] == ["../../secret.png"]
    assert report.refused_images[0].source.endswith("basics.md")
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "all.apkg")
        assert anki.media_files() == {"docker__img__схема.png"}
        for card in anki.cards():
            for text in (*card.fields.values(), card.question, card.answer):
                assert "<script" not in text.lower()
                assert "onerror=alert" not in text.replace("&lt;img src=x onerror=alert", "")
        dangerous = [card for card in anki.cards() if "alert(1)" in card.fields.get("Front", "")]
        assert dangerous, "the card with raw HTML is exported, escaped"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dangerous[0].fields["Front"]
    finally:
        anki.close()


def test_with_progress_anki_gets_the_stores_schedule(
    collection: Collection, tmp_path: Path
) -> None:
    cards = list(collection.cards())
    reviewed = cards[:4]
    now = study_day()
    for card in reviewed:
        collection.answer(card.id, 5, elapsed_ms=3000, now=now)
    collection.answer(reviewed[1].id, 4, now=now + timedelta(minutes=1))
    collection.suspend(reviewed[2].id)
    collection.suspend(cards[5].id)

    report = export_collection(collection, tmp_path / "p.apkg", with_progress=True)
    assert report.reviewed == 4
    assert report.suspended == 2
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "p.apkg")
        guids = expected_guids(cards)
        by_key = {}
        for imported in anki.cards():
            by_key[imported.guid, imported.ord] = imported
        for card in (collection.card(c.id) for c in cards):
            state = card.state
            guid = guids[card.id]
            ordinal = card.ordinal - 1 if card.kind == "cloze" else card.ordinal
            anki_card = by_key[guid, ordinal]
            if state.is_new:
                assert anki_card.type == 0
                assert anki_card.queue == (-1 if card.suspended else 0)
                continue
            assert anki_card.type == 2
            assert anki_card.queue == (-1 if card.suspended else 2)
            assert anki_card.ivl == state.interval
            assert anki_card.factor == round(state.ease * 1000)
            assert state.due is not None
            # Both count study days from 04:00 local time.
            today = (now - timedelta(hours=4)).date()
            assert anki_card.due - anki.today == (state.due - today).days
            assert anki_card.reps == state.repetitions
            assert anki_card.lapses == state.lapses
            assert len(anki.revlog(anki_card.card_id)) == len(collection.history(card.id))
    finally:
        anki.close()


def test_reexport_after_editing_a_back_updates_anki_in_place(
    collection: Collection, notes: Path, tmp_path: Path
) -> None:
    export_collection(collection, tmp_path / "v1.apkg")
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "v1.apkg")
        before = {(card.guid, card.ord): card for card in anki.cards()}
        engine_key = next(
            key for key, card in before.items()
            if card.fields.get("Front") == "<p>Docker engine</p>"
        )
        studied = anki.col.get_card(before[engine_key].card_id)
        studied.start_timer()
        anki.col.sched.answerCard(studied, 3)

        # Anki compares note modification times in whole seconds.
        time.sleep(1.1)
        path = notes / "docker" / "basics.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "это демон, который управляет контейнерами", "это демон dockerd"
            ),
            encoding="utf-8",
        )
        report = collection.import_path(notes)
        assert report.updated == 1
        export_collection(collection, tmp_path / "v2.apkg")
        anki.import_package(tmp_path / "v2.apkg")

        after = {(card.guid, card.ord): card for card in anki.cards()}
        assert set(after) == set(before)
        assert anki.note_count() == len({guid for guid, _ in before})
        assert after[engine_key].fields["Back"] == "<p>это демон dockerd</p>"
        assert after[engine_key].card_id == studied.id
        assert after[engine_key].reps == 1
        assert len(anki.revlog(studied.id)) == 1
    finally:
        anki.close()


def test_reexport_without_edits_keeps_what_the_learner_changed_in_anki(
    collection: Collection, tmp_path: Path
) -> None:
    export_collection(collection, tmp_path / "v1.apkg")
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "v1.apkg")
        card = next(card for card in anki.cards()
                    if card.fields.get("Front") == "<p>Docker engine</p>")
        note = anki.col.get_note(anki.col.get_card(card.card_id).nid)
        note["Back"] = "my own words"
        anki.col.update_note(note)

        # Notes carry the time their card last changed in the notes, not the export time:
        # an export of unchanged notes is not newer than the learner's edit in Anki.
        time.sleep(1.1)
        export_collection(collection, tmp_path / "v2.apkg")
        anki.import_package(tmp_path / "v2.apkg")
        after = {other.card_id: other for other in anki.cards()}
        assert after[card.card_id].fields["Back"] == "my own words"
    finally:
        anki.close()


def test_one_deck_only(collection: Collection, tmp_path: Path) -> None:
    report = export_collection(collection, tmp_path / "k8s.apkg", deck="kubernetes")
    assert report.cards_per_deck == {"Заметки::kubernetes::pods": 2}
    report = export_collection(collection, tmp_path / "pods.apkg", deck=["kubernetes", "pods"])
    assert report.cards == 2


def test_unknown_deck_is_an_error_and_writes_nothing(
    collection: Collection, tmp_path: Path
) -> None:
    with pytest.raises(UnknownDeckError, match="no deck named 'helm'.*docker"):
        export_collection(collection, tmp_path / "x.apkg", deck="helm")
    assert not (tmp_path / "x.apkg").exists()


def test_empty_collection_is_an_error(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "empty.sqlite") as empty, pytest.raises(NothingToExportError):
        export_collection(empty, tmp_path / "x.apkg")
    assert not (tmp_path / "x.apkg").exists()


def test_deck_names_from_the_command_line() -> None:
    assert parse_deck_name("kubernetes::helm") == ["kubernetes", "helm"]
    assert parse_deck_name("kubernetes/helm") == ["kubernetes", "helm"]
    assert parse_deck_name(f"{ROOT_DECK}::docker") == ["docker"]


# --------------------------------------------------------------------------- command line


@pytest.fixture
def database(collection: Collection) -> Path:
    path = collection.path
    collection.close()
    return path


def test_cli_exports_with_progress(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.apkg"
    result = CliRunner().invoke(
        main, ["--db", str(database), "export", "--out", str(out), "--with-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "Exported 10 cards" in result.output
    assert "Заметки::docker::basics: 8" in result.output
    assert "../../secret.png" in result.output
    anki = anki_for(tmp_path)
    try:
        anki.import_package(out)
        assert len(anki.cards()) == 10
    finally:
        anki.close()


def test_cli_one_deck(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "k8s.apkg"
    result = CliRunner().invoke(
        main, ["--db", str(database), "export", "--out", str(out), "--deck", "Kubernetes::Pods"]
    )
    assert result.exit_code == 0, result.output
    assert "Exported 2 cards" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--deck", "helm"], "no deck named 'helm'"),
        (["--out", "/nonexistent-folder/x.apkg"], "does not exist"),
    ],
)
def test_cli_errors_exit_non_zero_and_write_nothing(
    database: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    out = tmp_path / "out" / "x.apkg"
    out.parent.mkdir()
    if "--out" not in arguments:
        arguments = ["--out", str(out), *arguments]
    result = CliRunner().invoke(main, ["--db", str(database), "export", *arguments])
    assert result.exit_code != 0
    assert message in result.output
    assert list(out.parent.iterdir()) == []


def test_export_error_is_raised_before_reading_the_collection(
    collection: Collection, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is not a folder"):
        export_collection(collection, tmp_path / "file" / "x.apkg")


def test_moving_a_notes_file_updates_the_same_anki_notes(
    collection: Collection, notes: Path, tmp_path: Path
) -> None:
    """A moved file changes deck and note ids; card ids stay, and so do Anki's notes."""
    export_collection(collection, tmp_path / "v1.apkg")
    anki = anki_for(tmp_path)
    try:
        anki.import_package(tmp_path / "v1.apkg")
        before = {(card.guid, card.ord): card for card in anki.cards()}
        first = next(iter(before.values()))
        studied = anki.col.get_card(first.card_id)
        studied.start_timer()
        anki.col.sched.answerCard(studied, 3)

        note_ids = {card.id: card.note_id for card in collection.cards()}
        time.sleep(1.1)
        (notes / "containers").mkdir()
        (notes / "docker" / "basics.md").rename(notes / "containers" / "docker-basics.md")
        report = collection.import_path(notes)
        assert report.new == 0
        moved_ids = {card.id: card.note_id for card in collection.cards()}
        assert moved_ids.keys() == note_ids.keys()
        assert moved_ids != note_ids  # the deck changed, and with it the notes' ids
        export_collection(collection, tmp_path / "v2.apkg")
        anki.import_package(tmp_path / "v2.apkg")

        after = {(card.guid, card.ord): card for card in anki.cards()}
        assert set(after) == set(before)
        assert anki.note_count() == len({guid for guid, _ in before})
        assert len(anki.revlog(studied.id)) == 1
        # Updated in place: the tag names the file's new name.
        moved = [card for card in after.values() if "docker-basics.md" in card.tags]
        assert len(moved) == 8
        assert not any("basics.md" in card.tags for card in after.values())
    finally:
        anki.close()


def test_cli_without_a_collection_creates_none(tmp_path: Path) -> None:
    database = tmp_path / "none.sqlite"
    result = CliRunner().invoke(
        main, ["--db", str(database), "export", "--out", str(tmp_path / "x.apkg")]
    )
    assert result.exit_code != 0
    assert "no collection at" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == []
