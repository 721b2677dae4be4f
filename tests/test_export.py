"""Export to .apkg, proved with the real Anki client (the `anki` package)."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki_client import AnkiClient
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.export import (
    ExportCard,
    ExportError,
    NothingToExportError,
    PastReview,
    export_cards,
)
from flashcards.export.note_types import NOTE_TYPES, ROOT_DECK, deck_name, stable_id
from flashcards.export.notes import anki_tag
from flashcards.parsing.model import CardDraft, ImportedSchedule
from flashcards.scheduler import ReviewState

# The study day: Anki and our store both start a day at 04:00 local time.
TODAY = (datetime.now() - timedelta(hours=4)).date()
NOW = datetime.now(UTC)


def definition(card_id: str, front: str, back: str, **changes: object) -> ExportCard:
    card = ExportCard(
        id=card_id,
        kind="definition",
        deck=("docker",),
        context=("Docker", "Namespace Isolation"),
        front=front,
        back=back,
        tags=("devops",),
        source="docker.md",
        line=10,
        note_id=card_id,
    )
    return replace(card, **changes)  # type: ignore[arg-type]


def reversed_pair(note_id: str, front: str, back: str, deck: tuple[str, ...] = ("docker",),
                  **changes: object) -> list[ExportCard]:
    forward = ExportCard(
        id=note_id + "-0", kind="reversed", deck=deck, context=("Docker",), front=front,
        back=back, tags=(), source="docker.md", line=20, note_id=note_id, ordinal=0,
    )
    backward = replace(forward, id=note_id + "-1", front=back, back=front, ordinal=1)
    return [replace(forward, **changes), replace(backward, **changes)]  # type: ignore[arg-type]


def cloze_cards(note_id: str, text: str, hidden: list[str]) -> list[ExportCard]:
    return [
        ExportCard(
            id=f"{note_id}-{index}", kind="cloze", deck=("kubernetes", "pods"),
            context=("Kubernetes", "Pods"), front=f"[...] ({answer})", back="whole text",
            tags=("k8s",), source="kubernetes/pods.md", line=5, note_id=note_id,
            ordinal=index, cloze_text=text,
        )
        for index, answer in enumerate(hidden, start=1)
    ]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def sample_cards() -> list[ExportCard]:
    return [
        definition("d1", "Docker engine", "это демон, который управляет контейнерами"),
        definition("d2", "`docker ps`", "список запущенных контейнеров", tags=("cli", "devops")),
        ExportCard(
            id="l1", kind="list", deck=("docker",), context=("Docker",), front="Плюсы:",
            back="- быстро\n- удобно", tags=(), source="docker.md", line=30, note_id="l1",
        ),
        ExportCard(
            id="b1", kind="basic", deck=(), context=(), front="Что такое SLURM?",
            back="Курс по DevOps", tags=("flashcards/sub",), source="index.md", line=1,
        ),
        *reversed_pair("r1", "CoW", "Copy-On-Write"),
        *cloze_cards(
            "c1", "{{c1::Pod}} is the smallest {{c2::unit::what}} in k8s", ["Pod", "unit"]
        ),
    ]


def front_text(side_html: str) -> str:
    """The visible text of the front block of a card side as Anki renders it."""
    front = re.search(r'<div class="fc-front">(.*?)</div>', side_html, re.DOTALL)
    assert front is not None, side_html
    return re.sub(r"<[^>]+>", "", front.group(1)).strip()


def import_into_anki(tmp: Path, package: Path, days_old: int = 0) -> AnkiClient:
    client = AnkiClient(tmp / "anki", days_old=days_old)
    client.import_package(package)
    return client


# --------------------------------------------------------------------------- structure


def test_anki_imports_every_card_into_its_deck(workdir: Path) -> None:
    cards = sample_cards()
    report = export_cards(cards, workdir / "notes.apkg")
    assert report.cards == len(cards) == 8
    assert report.notes == 6

    anki = import_into_anki(workdir, workdir / "notes.apkg")
    try:
        imported = anki.cards()
        assert len(imported) == 8
        assert anki.note_count() == 6
        per_deck = Counter(card.deck for card in imported)
        assert per_deck == {
            "Заметки::docker": 5,
            "Заметки": 1,
            "Заметки::kubernetes::pods": 2,
        }
        assert report.cards_per_deck == dict(per_deck)
        assert {"Заметки", "Заметки::docker", "Заметки::kubernetes",
                "Заметки::kubernetes::pods"} <= anki.deck_names()
    finally:
        anki.close()


def test_note_types_fields_and_cards_per_note(workdir: Path) -> None:
    export_cards(sample_cards(), workdir / "notes.apkg")
    anki = import_into_anki(workdir, workdir / "notes.apkg")
    try:
        by_guid: dict[str, list] = {}
        for card in anki.cards():
            by_guid.setdefault(card.guid, []).append(card)
        # Definition and list cards are Basic notes; the guid is the card's id.
        (docker_engine,) = by_guid["d1"]
        assert docker_engine.note_type == "Flashcards Basic"
        assert docker_engine.fields == {
            "Front": "<p>Docker engine</p>",
            "Back": "<p>это демон, который управляет контейнерами</p>",
            "Context": "Docker › Namespace Isolation",
        }
        assert by_guid["l1"][0].fields["Back"] == "<ul>\n<li>быстро</li>\n<li>удобно</li>\n</ul>"
        assert by_guid["d2"][0].fields["Front"] == "<p><code>docker ps</code></p>"
        # `:::` cards: one note, two cards.
        pair = by_guid["r1-0"]  # the forward card's id
        assert [card.ord for card in pair] == [0, 1]
        assert {card.note_type for card in pair} == {"Flashcards Basic (and reversed card)"}
        assert pair[0].fields["Front"] == "<p>CoW</p>"
        assert pair[0].fields["Back"] == "<p>Copy-On-Write</p>"
        assert front_text(pair[0].question) == "CoW"
        assert front_text(pair[1].question) == "Copy-On-Write"
        assert front_text(pair[1].answer) == "Copy-On-Write"
        assert "CoW" in pair[1].answer
        # Cloze: one note, one card per cloze number, Anki's cloze filter hides the text.
        clozes = by_guid["c1-1"]  # the first cloze card's id
        assert [card.ord for card in clozes] == [0, 1]
        assert {card.note_type for card in clozes} == {"Flashcards Cloze"}
        assert clozes[0].fields["Text"] == (
            "<p>{{c1::Pod}} is the smallest {{c2::unit::what}} in k8s</p>"
        )
        assert front_text(clozes[0].question) == "[...] is the smallest unit in k8s"
        assert front_text(clozes[1].question) == "Pod is the smallest [what] in k8s"
        assert front_text(clozes[0].answer) == "Pod is the smallest unit in k8s"
    finally:
        anki.close()


def test_context_is_a_breadcrumb_on_the_card(workdir: Path) -> None:
    export_cards(sample_cards(), workdir / "notes.apkg")
    anki = import_into_anki(workdir, workdir / "notes.apkg")
    try:
        card = next(card for card in anki.cards() if card.guid == "d1")
        assert '<div class="fc-context">Docker › Namespace Isolation</div>' in card.question
        no_context = next(card for card in anki.cards() if card.guid == "b1")
        assert '<div class="fc-context">' not in no_context.question
        assert ".highlight .k" in anki.col.models.by_name("Flashcards Basic")["css"]
    finally:
        anki.close()


def test_tags_come_from_the_notes_plus_the_file_name(workdir: Path) -> None:
    export_cards(sample_cards(), workdir / "notes.apkg")
    anki = import_into_anki(workdir, workdir / "notes.apkg")
    try:
        tags = {card.guid: set(card.tags) for card in anki.cards()}
        assert tags["d2"] == {"cli", "devops", "docker.md"}
        assert tags["b1"] == {"flashcards::sub", "index.md"}
        assert tags["c1-1"] == {"k8s", "pods.md"}
    finally:
        anki.close()


def test_anki_tags_have_no_spaces() -> None:
    assert anki_tag("#два слова") == "два_слова"
    assert anki_tag("a/b/c") == "a::b::c"


def test_code_is_highlighted_in_the_field(workdir: Path) -> None:
    card = definition("code1", "Запуск контейнера", "```bash\ndocker run -it ubuntu bash\n```")
    export_cards([card], workdir / "code.apkg")
    anki = import_into_anki(workdir, workdir / "code.apkg")
    try:
        (imported,) = anki.cards()
        assert imported.fields["Back"].startswith(
            '<pre class="highlight"><code class="language-bash">'
        )
        assert "<span" in imported.fields["Back"]
    finally:
        anki.close()


# --------------------------------------------------------------------------- safety


def test_raw_html_from_notes_stays_escaped_in_anki(workdir: Path) -> None:
    cards = [
        definition("x1", "XSS <script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
        definition("x2", "Ссылка", "[клик](javascript:alert(1)) и <iframe src=http://evil>"),
    ]
    export_cards(cards, workdir / "xss.apkg")
    anki = import_into_anki(workdir, workdir / "xss.apkg")
    try:
        for card in anki.cards():
            for text in (*card.fields.values(), card.question, card.answer):
                lowered = text.lower()
                assert "<script" not in lowered
                assert "<img" not in lowered
                assert "<iframe" not in lowered
                assert 'href="javascript' not in lowered
        first = next(card for card in anki.cards() if card.guid == "x1")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first.fields["Front"]
        assert "&lt;img src=x onerror=alert(1)&gt;" in first.fields["Back"]
    finally:
        anki.close()


# --------------------------------------------------------------------------- media


@pytest.fixture
def notes_folder(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    (root / "docker" / "img").mkdir(parents=True)
    (root / "kubernetes" / "img").mkdir(parents=True)
    (root / "docker" / "img" / "схема.png").write_bytes(b"\x89PNG docker")
    (root / "kubernetes" / "img" / "схема.png").write_bytes(b"\x89PNG k8s")
    (tmp_path / "secret.png").write_bytes(b"secret")
    return root


def test_images_inside_the_notes_folder_are_packed_as_media(
    notes_folder: Path, tmp_path: Path
) -> None:
    cards = [
        definition("m1", "Схема Docker", "![схема](img/схема.png)", source="docker/notes.md"),
        definition("m2", "Схема k8s", "![схема](img/схема.png)",
                   source=str(notes_folder / "kubernetes" / "pods.md")),
        definition("m3", "Секрет", "![s](../../secret.png) и ![r](https://example.com/a.png)",
                   source="docker/notes.md", line=42),
    ]
    out = tmp_path / "media.apkg"
    report = export_cards(cards, out, notes_root=notes_folder)
    assert report.media == 2
    refused = [(image.source, image.line, image.reference) for image in report.refused_images]
    assert refused == [
        ("docker/notes.md", 42, "../../secret.png"),
        ("docker/notes.md", 42, "https://example.com/a.png"),
    ]
    with zipfile.ZipFile(out) as package:
        media_index = json.loads(package.read("media"))
        packed = {name: package.read(index) for index, name in media_index.items()}
    assert packed == {
        "docker__img__схема.png": b"\x89PNG docker",
        "kubernetes__img__схема.png": b"\x89PNG k8s",
    }

    anki = import_into_anki(tmp_path, out)
    try:
        assert anki.media_files() == set(packed)
        backs = {card.guid: card.fields["Back"] for card in anki.cards()}
        assert '<img src="docker__img__схема.png" alt="схема" />' in backs["m1"]
        assert '<img src="kubernetes__img__схема.png" alt="схема" />' in backs["m2"]
        assert "<img" not in backs["m3"]
    finally:
        anki.close()


# --------------------------------------------------------------------------- progress


def reviewed_state(**changes: object) -> ReviewState:
    state = ReviewState(
        repetitions=4, ease=2.36, interval=17, due=TODAY + timedelta(days=9), lapses=1,
        last_review=TODAY - timedelta(days=8),
    )
    return replace(state, **changes)  # type: ignore[arg-type]


def progress_cards() -> list[ExportCard]:
    history = (
        PastReview(NOW - timedelta(days=30), 4, 1, 0, 2.5, 4000, "new"),
        PastReview(NOW - timedelta(days=29), 2, 1, 1, 2.18, 9000, "relearn"),
        PastReview(NOW - timedelta(days=8), 5, 17, 6, 2.36, 120_000, "review"),
    )
    return [
        definition("p1", "Reviewed", "a", state=reviewed_state(), history=history),
        definition("p2", "Overdue and suspended", "b", suspended=True,
                   state=reviewed_state(due=TODAY - timedelta(days=3), interval=6, lapses=0)),
        definition("p3", "New", "c", state=ReviewState.new()),
        definition("p4", "New suspended", "d", state=ReviewState.new(), suspended=True),
        *reversed_pair("p5", "одна сторона", "другая", state=reviewed_state(interval=3)),
    ]


def test_with_progress_anki_gets_interval_ease_due_and_queue(tmp_path: Path) -> None:
    report = export_cards(progress_cards(), tmp_path / "p.apkg", with_progress=True, now=NOW)
    assert (report.reviewed, report.suspended, report.review_log) == (4, 2, 3)
    # An old collection, so that day numbers differ between the package and Anki.
    anki = import_into_anki(tmp_path, tmp_path / "p.apkg", days_old=400)
    try:
        assert anki.today >= 400
        cards = {(card.guid, card.ord): card for card in anki.cards()}
        reviewed = cards["p1", 0]
        assert (reviewed.type, reviewed.queue) == (2, 2)
        assert reviewed.ivl == 17
        assert reviewed.factor == 2360
        assert reviewed.due - anki.today == 9
        assert (reviewed.reps, reviewed.lapses) == (4, 1)

        suspended = cards["p2", 0]
        assert (suspended.type, suspended.queue) == (2, -1)
        assert suspended.due - anki.today == -3
        assert suspended.ivl == 6

        assert (cards["p3", 0].type, cards["p3", 0].queue) == (0, 0)
        assert (cards["p4", 0].type, cards["p4", 0].queue) == (0, -1)
        for ordinal in (0, 1):
            assert cards["p5-0", ordinal].ivl == 3
            assert cards["p5-0", ordinal].queue == 2

        # Anki schedules the reviewed card into today's due count once its day comes.
        due_in_anki = anki.col.find_cards("prop:due=9")
        assert reviewed.card_id in due_in_anki

        log = anki.revlog(reviewed.card_id)
        assert [(ease, ivl, last, factor, kind) for _, ease, ivl, last, factor, kind in log] == [
            (3, 1, 0, 2500, 0),
            (1, 1, 1, 2180, 2),
            (4, 17, 6, 2360, 1),
        ]
        assert all(entry_id < NOW.timestamp() * 1000 for entry_id, *_ in log)
    finally:
        anki.close()


def test_without_progress_every_card_is_new(tmp_path: Path) -> None:
    report = export_cards(progress_cards(), tmp_path / "p.apkg", with_progress=False)
    assert (report.reviewed, report.suspended, report.review_log) == (0, 0, 0)
    anki = import_into_anki(tmp_path, tmp_path / "p.apkg")
    try:
        assert {(card.type, card.queue) for card in anki.cards()} == {(0, 0)}
        assert anki.col.db.scalar("select count() from revlog") == 0
    finally:
        anki.close()


def test_future_review_times_are_written_as_past(tmp_path: Path) -> None:
    clock_ahead = PastReview(NOW + timedelta(hours=2), 4, 1, 0, 2.5, 1000, "new")
    card = definition("f1", "Future", "x", state=reviewed_state(), history=(clock_ahead,))
    export_cards([card], tmp_path / "f.apkg", with_progress=True, now=NOW)
    with zipfile.ZipFile(tmp_path / "f.apkg") as package:
        (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as db:
        (entry_id,) = db.execute("select id from revlog").fetchone()
    assert entry_id < NOW.timestamp() * 1000


def test_new_cards_keep_note_order(tmp_path: Path) -> None:
    cards = [definition(f"o{index}", f"Термин {index}", "x") for index in range(5)]
    export_cards(list(reversed(cards)), tmp_path / "o.apkg")
    anki = import_into_anki(tmp_path, tmp_path / "o.apkg")
    try:
        order = [card.guid for card in sorted(anki.cards(), key=lambda card: card.due)]
        assert order == ["o4", "o3", "o2", "o1", "o0"]
    finally:
        anki.close()


# --------------------------------------------------------------------------- re-export


def test_reexport_after_editing_a_back_updates_the_note_in_place(tmp_path: Path) -> None:
    first_change = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    cards = [
        definition("u1", "Docker engine", "старый ответ", modified=first_change),
        *reversed_pair("u2", "CoW", "Copy-On-Write", modified=first_change),
    ]
    export_cards(cards, tmp_path / "v1.apkg")
    anki = AnkiClient(tmp_path / "anki")
    try:
        anki.import_package(tmp_path / "v1.apkg")
        before = {(card.guid, card.ord): card for card in anki.cards()}
        # The learner studies the card in Anki: history Anki must keep.
        studied = anki.col.get_card(before["u1", 0].card_id)
        studied.start_timer()
        anki.col.sched.answerCard(studied, 3)
        studied_state = anki.col.get_card(studied.id)

        # The back is edited in the notes a second later; the store stamps the change.
        edited = [
            replace(cards[0], back="новый ответ", modified=first_change + timedelta(seconds=1)),
            *cards[1:],
        ]
        export_cards(edited, tmp_path / "v2.apkg")
        anki.import_package(tmp_path / "v2.apkg")

        after = {(card.guid, card.ord): card for card in anki.cards()}
        assert set(after) == set(before)
        assert anki.note_count() == 2
        updated = after["u1", 0]
        assert updated.fields["Back"] == "<p>новый ответ</p>"
        assert updated.note_id == before["u1", 0].note_id
        assert updated.card_id == studied.id
        assert (updated.queue, updated.due, updated.ivl) == (
            studied_state.queue, studied_state.due, studied_state.ivl
        )
        assert len(anki.revlog(studied.id)) == 1
        assert after["u2-0", 0].fields == before["u2-0", 0].fields
    finally:
        anki.close()


def test_note_modification_time_is_the_cards_last_change(tmp_path: Path) -> None:
    change = datetime(2026, 3, 1, 8, 30, 15, tzinfo=UTC)
    export_cards([definition("t1", "a", "b", modified=change)], tmp_path / "t.apkg", now=NOW)
    export_cards([definition("t2", "a", "b")], tmp_path / "n.apkg", now=NOW)
    anki = AnkiClient(tmp_path / "anki")
    try:
        anki.import_package(tmp_path / "t.apkg")
        anki.import_package(tmp_path / "n.apkg")
        mods = {card.guid: card.note_mod for card in anki.cards()}
        assert mods["t1"] == int(change.timestamp())
        # Without a known change time the export time stamps the note.
        assert mods["t2"] == int(NOW.timestamp())
    finally:
        anki.close()


def test_ids_of_note_types_and_decks_are_stable(tmp_path: Path) -> None:
    def ids(package_path: Path) -> tuple[set[int], set[int]]:
        with zipfile.ZipFile(package_path) as package:
            (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
        with sqlite3.connect(tmp_path / "c.anki2") as db:
            models, decks = db.execute("select models, decks from col").fetchone()
        return {int(key) for key in json.loads(models)}, {int(key) for key in json.loads(decks)}

    export_cards(sample_cards(), tmp_path / "a.apkg")
    export_cards(sample_cards(), tmp_path / "b.apkg")
    assert ids(tmp_path / "a.apkg") == ids(tmp_path / "b.apkg")
    models, decks = ids(tmp_path / "a.apkg")
    assert models == {spec.model_id for spec in NOTE_TYPES.values()}
    assert stable_id("deck: Заметки::docker") in decks


def test_deck_names() -> None:
    assert deck_name(["docker"]) == f"{ROOT_DECK}::docker"
    assert deck_name([]) == ROOT_DECK
    assert deck_name(["a::b", " c "]) == f"{ROOT_DECK}::a:b::c"


# --------------------------------------------------------------------------- drafts


def test_parser_drafts_export_directly(tmp_path: Path) -> None:
    draft = CardDraft(
        id="dr1", kind="definition", deck=["ansible"], context=["Ansible", "Playbook"],
        front="--diff", back="показать изменения", tags=[], source="ansible.md", line=7,
        note_id="dr1", imported_schedule=ImportedSchedule(TODAY + timedelta(days=4), 12, 2.7),
    )
    export_cards([ExportCard.from_draft(draft)], tmp_path / "d.apkg", with_progress=True)
    anki = import_into_anki(tmp_path, tmp_path / "d.apkg")
    try:
        (card,) = anki.cards()
        assert card.deck == "Заметки::ansible"
        assert card.fields["Context"] == "Ansible › Playbook"
        assert (card.ivl, card.factor, card.due - anki.today) == (12, 2700, 4)
    finally:
        anki.close()


# --------------------------------------------------------------------------- files


def leftover_temp_files() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("flashcards-export-*")}


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    before = leftover_temp_files()
    export_cards(sample_cards(), tmp_path / "clean.apkg")
    assert leftover_temp_files() == before
    assert [path.name for path in tmp_path.iterdir()] == ["clean.apkg"]
    # An ordinary document, not a private temporary file.
    assert (tmp_path / "clean.apkg").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("missing-folder/out.apkg", "does not exist"),
        ("a-file/out.apkg", "is not a folder"),
        ("a-folder.apkg", "is a folder"),
        ("out.txt", "must end with .apkg"),
    ],
)
def test_unwritable_target_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, relative: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder.apkg").mkdir()
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ExportError, match=message):
        export_cards(sample_cards(), tmp_path / relative)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_failed_export_keeps_the_previous_package(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    export_cards(sample_cards(), out)
    previous = out.read_bytes()

    class Interrupted(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done >= 3:
            raise Interrupted

    with pytest.raises(Interrupted):
        export_cards(sample_cards(), out, progress=stop)
    assert out.read_bytes() == previous
    assert [path.name for path in tmp_path.iterdir()] == ["deck.apkg"]


def test_nothing_to_export(tmp_path: Path) -> None:
    with pytest.raises(NothingToExportError):
        export_cards([], tmp_path / "empty.apkg")
    assert not (tmp_path / "empty.apkg").exists()


def test_progress_reports_every_card_then_the_finished_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_cards(sample_cards(), tmp_path / "p.apkg", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (8, 8)
    assert all(total == 8 for _, total in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert max(done[:-1]) < 8  # the file is complete only at the last call


# --------------------------------------------------------------------------- real notes


def real_note_files() -> list[Path]:
    from flashcards.paths import bundled_decks_dir

    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "slurm-notes.md"
    return [bundled_decks_dir(), *([seed] if seed.exists() else [])]


@pytest.mark.parametrize("notes", real_note_files(), ids=lambda path: path.name)
def test_real_notes_export_completely(tmp_path: Path, notes: Path) -> None:
    from flashcards.parsing import parse_file, parse_folder

    results = parse_folder(notes) if notes.is_dir() else [parse_file(notes)]
    drafts = [draft for result in results for draft in result.cards]
    assert drafts
    root = notes if notes.is_dir() else notes.parent
    report = export_cards([ExportCard.from_draft(d) for d in drafts], tmp_path / "real.apkg",
                          notes_root=root)
    anki = import_into_anki(tmp_path, tmp_path / "real.apkg")
    try:
        imported = anki.cards()
        assert len(imported) == len(drafts) == report.cards
        assert anki.note_count() == len({d.note_id or d.id for d in drafts})
        expected = Counter(deck_name(d.deck) for d in drafts)
        assert Counter(card.deck for card in imported) == expected
        for card in imported:
            assert "<script" not in card.question.lower()
            assert front_text(card.question), card.fields
    finally:
        anki.close()


@settings(max_examples=40, deadline=None)
@given(st.lists(
    st.tuples(
        st.sampled_from(["basic", "definition", "list", "reversed", "cloze"]),
        st.text(min_size=1, max_size=30),
        st.integers(min_value=1, max_value=3),
    ),
    min_size=1, max_size=12,
))
def test_every_card_lands_in_exactly_one_note_card(specs: list[tuple[str, str, int]]) -> None:
    from flashcards.export.notes import plan_notes

    cards: list[ExportCard] = []
    for index, (kind, text, count) in enumerate(specs):
        if kind == "reversed":
            cards += reversed_pair(f"n{index}", text, text[::-1] or "x")
        elif kind == "cloze":
            cloze = " ".join(f"{{{{c{number}::{text}}}}}" for number in range(1, count + 1))
            cards += [
                replace(card, cloze_text=cloze)
                for card in cloze_cards(f"n{index}", cloze, [text] * count)
            ]
        else:
            cards.append(definition(f"n{index}", text, text, kind=kind))
    plan = plan_notes(cards, None)
    placed = [(note.guid, ordinal, card.id) for note in plan.notes for ordinal, card in note.cards]
    assert sorted(card_id for *_, card_id in placed) == sorted(card.id for card in cards)
    assert len({(guid, ordinal) for guid, ordinal, _ in placed}) == len(placed)
    for note in plan.notes:
        assert all("<script" not in field for field in note.fields)


def test_anki_sound_and_latex_markup_from_notes_stays_text(tmp_path: Path) -> None:
    back = "[latex]\\input{/etc/passwd}[/latex] и [$]x[/$]"
    card = definition("s1", "Звук [sound:../../x.mp3]", back)
    export_cards([card], tmp_path / "s.apkg")
    anki = import_into_anki(tmp_path, tmp_path / "s.apkg")
    try:
        (imported,) = anki.cards()
        assert "anki:play" not in imported.question
        assert "&#91;sound:../../x.mp3]" in imported.fields["Front"]
        assert "&#91;latex]" in imported.fields["Back"]
        assert "&#91;$]" in imported.fields["Back"]
        assert "latex" not in "".join(anki.media_files())
    finally:
        anki.close()


def test_progress_is_reported_about_a_hundred_times(tmp_path: Path) -> None:
    cards = [definition(f"n{index}", f"Термин {index}", "x") for index in range(1000)]
    calls: list[tuple[int, int]] = []
    export_cards(cards, tmp_path / "p.apkg", progress=lambda d, t: calls.append((d, t)))
    assert 90 <= len(calls) <= 110
    assert calls[-1] == (1000, 1000)


_HOSTILE_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//e>", "`<b>`",
    "```html\n<script>x</script>\n```\n", "[a](javascript:alert(1))", "![i](http://e/x.png)",
    "[sound:x.mp3]", "{{Front}}", "{{c1::x}}", "\n\n", "- ", "текст", " ", "&amp;", "<",
])


@settings(max_examples=12, deadline=None)
@given(st.lists(_HOSTILE_PIECES, min_size=1, max_size=8).map("".join))
def test_hostile_notes_are_inert_in_anki(text: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        export_cards([definition("h1", "front " + text, text or "x")], folder / "h.apkg")
        anki = import_into_anki(folder, folder / "h.apkg")
        try:
            for card in anki.cards():
                for side in (card.question, card.answer):
                    body = side.split("</style>", 1)[-1].lower()
                    assert "<script" not in body
                    assert "<iframe" not in body
                    assert "<img" not in body
                    assert "onerror=" not in body.replace("&lt;img src=x onerror=", "")
                    assert 'href="javascript' not in body
                    assert "anki:play" not in body
        finally:
            anki.close()
