"""Importing notes into the collection: history survives every edit of the notes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from flashcards.app import Card, CardRetiredError, Collection, ImportReport
from flashcards.store.database import position_of

NOW = datetime(2026, 3, 10, 12, 0)  # naive: local time

DOCKER = """\
# Docker

## Образы

Слои в образе - только для чтения

Docker engine - это демон

Docker registry - хранилище образов

## Сеть

NET NS - сетевое окружение контейнера
"""


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "k8s").mkdir(parents=True)
    (folder / "docker.md").write_text(DOCKER, encoding="utf-8")
    (folder / "k8s" / "helm.md").write_text(
        "# Helm\n\nHelm - пакетный менеджер для Kubernetes\n\nChart - пакет Helm\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    with Collection.open(tmp_path / "collection.sqlite") as opened:
        yield opened


def by_front(collection: Collection, front: str, include_retired: bool = True) -> Card:
    matches = [c for c in collection.cards(include_retired=include_retired) if c.front == front]
    assert len(matches) == 1, f"{front!r}: {matches}"
    return matches[0]


def study(collection: Collection, front: str, grade: int = 4) -> Card:
    card = by_front(collection, front)
    return collection.answer(card.id, grade, elapsed_ms=3000, now=NOW)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_import_creates_cards_with_decks_from_paths(
    collection: Collection, notes: Path
) -> None:
    report = collection.import_path(notes)
    assert (report.new, report.updated, report.retired, report.unchanged) == (6, 0, 0, 0)
    assert report.files_parsed == 2
    helm = by_front(collection, "Helm")
    assert helm.deck == ["k8s", "helm"]
    assert helm.back == "пакетный менеджер для Kubernetes"
    assert helm.source.endswith("helm.md") and helm.line == 3
    assert helm.state.is_new and not helm.retired and not helm.suspended
    assert collection.decks() == [["docker"], ["k8s"], ["k8s", "helm"]]
    assert collection.deck_title(["docker"]) == "Docker"


def test_reimport_unchanged_writes_nothing(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    changes_before = collection.store.db.total_changes
    report = collection.import_path(notes)
    assert collection.store.db.total_changes == changes_before
    assert (report.new, report.updated, report.retired, report.unchanged) == (0, 0, 0, 6)
    assert (report.files_parsed, report.files_unchanged) == (0, 2)


def test_edited_back_updates_card_and_keeps_history(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    before = study(collection, "Docker engine")
    edit(notes / "docker.md", "это демон", "это демон, которым управляет CLI")
    report = collection.import_path(notes)
    assert (report.new, report.updated, report.retired, report.files_parsed) == (0, 1, 0, 1)
    assert report.unchanged == 5
    after = by_front(collection, "Docker engine")
    assert after.id == before.id
    assert after.back == "это демон, которым управляет CLI"
    assert after.state == before.state
    assert [entry.grade for entry in collection.history(after.id)] == [4]


def test_moved_lines_keep_cards(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    studied = study(collection, "Docker registry")
    path = notes / "docker.md"
    # Move the registry line to the end and add a paragraph at the top.
    text = path.read_text(encoding="utf-8").replace("Docker registry - хранилище образов\n\n", "")
    text = text.replace("# Docker\n", "# Docker\n\nВводный абзац без карточек.\n")
    path.write_text(text + "\nDocker registry - хранилище образов\n", encoding="utf-8")
    report = collection.import_path(notes)
    assert (report.new, report.retired) == (0, 0)
    assert report.moved >= 1
    moved = by_front(collection, "Docker registry")
    assert moved.id == studied.id and moved.state == studied.state
    assert moved.line == len(text.splitlines()) + 2  # after a blank line
    assert len(collection.history(moved.id)) == 1


def test_deleted_line_retires_and_comes_back_with_history(
    collection: Collection, notes: Path
) -> None:
    collection.import_path(notes)
    studied = study(collection, "NET NS", grade=5)
    edit(notes / "docker.md", "NET NS - сетевое окружение контейнера\n", "")
    report = collection.import_path(notes)
    assert (report.retired, report.new) == (1, 0)
    retired = collection.card(studied.id)
    assert retired.retired
    assert studied.id not in {card.id for card in collection.cards()}
    assert studied.id in {card.id for card in collection.cards(include_retired=True)}
    assert collection.stats(now=NOW).cards_by_state["retired"] == 1
    with pytest.raises(CardRetiredError, match="retired"):
        collection.answer(studied.id, 4, now=NOW)
    assert len(collection.history(studied.id)) == 1

    edit(notes / "docker.md", "## Сеть\n", "## Сеть\n\nNET NS - сетевое окружение контейнера\n")
    report = collection.import_path(notes)
    assert (report.restored, report.new, report.retired) == (1, 0, 0)
    back = collection.card(studied.id)
    assert not back.retired and back.state == studied.state
    assert [entry.grade for entry in collection.history(studied.id)] == [5]


def test_renamed_and_moved_file_keeps_history(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    helm = study(collection, "Helm", grade=3)
    chart = study(collection, "Chart", grade=5)
    (notes / "tools").mkdir()
    (notes / "k8s" / "helm.md").rename(notes / "tools" / "helm-charts.md")
    report = collection.import_path(notes)
    assert (report.new, report.retired) == (0, 0)
    assert {relink.reason for relink in report.relinked} == {"moved"}
    assert len(report.relinked) == 2
    for studied in (helm, chart):
        card = collection.card(studied.id)
        assert card.deck == ["tools", "helm-charts"]
        assert card.source.endswith("helm-charts.md")
        assert card.state == studied.state
        assert len(collection.history(studied.id)) == 1
    assert sum(1 for _ in collection.cards()) == 6


def test_small_front_edit_relinks_history(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    studied = study(collection, "Слои в образе", grade=5)
    edit(notes / "docker.md", "Слои в образе -", "Слои в Docker-образе -")
    report = collection.import_path(notes)
    assert (report.new, report.retired, report.updated) == (0, 0, 1)
    [relink] = report.relinked
    assert relink.reason == "edited" and relink.card_id == studied.id
    assert (relink.old_front, relink.new_front) == ("Слои в образе", "Слои в Docker-образе")
    card = by_front(collection, "Слои в Docker-образе")
    assert card.id == studied.id and card.state == studied.state
    # The new parser id names the same card, and the link survives later imports.
    assert collection.card(relink.draft_id).id == studied.id
    edit(notes / "docker.md", "только для чтения", "read-only")
    report = collection.import_path(notes)
    assert (report.new, report.retired, report.updated) == (0, 0, 1)
    assert len(collection.history(studied.id)) == 1


def test_unrelated_front_is_a_new_card_and_old_one_retires(
    collection: Collection, notes: Path
) -> None:
    collection.import_path(notes)
    studied = study(collection, "Docker engine")
    edit(notes / "docker.md", "Docker engine - это демон", "Cgroups - ограничение ресурсов")
    report = collection.import_path(notes)
    assert (report.new, report.retired, report.relinked) == (1, 1, [])
    assert collection.card(studied.id).retired
    assert by_front(collection, "Cgroups").state.is_new


def test_obsidian_schedule_seeds_new_cards(collection: Collection, tmp_path: Path) -> None:
    folder = tmp_path / "sr"
    folder.mkdir()
    (folder / "git.md").write_text(
        "# Git\n\nКоммит - снимок состояния <!--SR:!2026-03-15,12,270-->\n", encoding="utf-8"
    )
    report = collection.import_path(folder)
    assert report.new == 1
    card = by_front(collection, "Коммит")
    assert card.state.due == date(2026, 3, 15)
    assert card.state.interval == 12
    assert card.state.ease == pytest.approx(2.7)
    assert not card.state.is_new


def test_problems_are_reported_with_file_and_line(collection: Collection, tmp_path: Path) -> None:
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "ok.md").write_text("# Ok\n\n## Пусто\n\n## Есть\n\nA - b\n", encoding="utf-8")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    report = collection.import_path(folder)
    assert report.new == 1
    assert [(p.source.endswith("binary.md"), p.line) for p in report.file_errors] == [(True, 0)]
    assert [(p.line, p.text) for p in report.empty_sections] == [(3, "Пусто")]
    # Unchanged files are not parsed again, but their problems are still reported.
    again = collection.import_path(folder)
    assert [(p.line, p.text) for p in again.empty_sections] == [(3, "Пусто")]
    assert len(again.file_errors) == 1
    assert again.files_parsed == 0


def test_progress_reports_every_file(collection: Collection, notes: Path) -> None:
    calls: list[tuple[int, int]] = []
    collection.import_path(notes, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2, 2)
    assert all(total == 2 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_single_file_import_and_missing_path(collection: Collection, notes: Path) -> None:
    report: ImportReport = collection.import_path(notes / "docker.md")
    assert report.new == 4
    assert by_front(collection, "Docker engine").deck == ["docker"]
    with pytest.raises(FileNotFoundError, match="nowhere"):
        collection.import_path(notes / "nowhere")


def test_failed_import_changes_nothing(
    collection: Collection, notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection.import_path(notes)
    study(collection, "Helm")
    edit(notes / "docker.md", "это демон", "демон")
    edit(notes / "k8s" / "helm.md", "пакет Helm", "архив Helm")
    from flashcards.store.database import Store

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Store, "set_retired", broken)
    with pytest.raises(OSError, match="disk full"):
        collection.import_path(notes)
    monkeypatch.undo()
    assert by_front(collection, "Docker engine").back == "это демон"
    assert by_front(collection, "Chart").back == "пакет Helm"
    report = collection.import_path(notes)
    assert report.updated == 2


def test_retired_card_comes_back_in_another_file(collection: Collection, notes: Path) -> None:
    collection.import_path(notes)
    studied = study(collection, "Docker registry", grade=5)
    edit(notes / "docker.md", "Docker registry - хранилище образов\n", "")
    assert collection.import_path(notes).retired == 1
    # Later the line reappears in another file (another deck, so another parser id).
    path = notes / "k8s" / "helm.md"
    path.write_text(path.read_text(encoding="utf-8")
                    + "\nDocker registry - хранилище образов и чартов\n", encoding="utf-8")
    report = collection.import_path(notes)
    assert (report.restored, report.new, report.retired) == (1, 0, 0)
    card = collection.card(studied.id)
    assert not card.retired and card.deck == ["k8s", "helm"]
    assert card.back == "хранилище образов и чартов"
    assert [entry.grade for entry in collection.history(studied.id)] == [5]


def write_many(folder: Path, files: int) -> None:
    for index in range(files):
        sub = folder / f"part-{index % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"topic-{index:03}.md").write_text(
            f"# Тема {index}\n\nТермин {index}а - значение\n\nВопрос {index} ::: ответ\n",
            encoding="utf-8")


def snapshot(collection: Collection) -> list[tuple[object, ...]]:
    return [(c.id, c.front, c.back, tuple(c.deck), c.source, c.line, c.note_id)
            for c in collection.cards()]


# Windows cannot select() on pipes: the importing process polls there instead.
@pytest.mark.parametrize("selectable", [True, False], ids=["select", "poll"])
def test_big_import_parsed_by_helper_processes_gives_the_same_cards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, selectable: bool
) -> None:
    from flashcards.app import parse_pool

    monkeypatch.setattr(parse_pool, "PIPES_SELECTABLE", selectable)
    write_many(tmp_path / "notes", 120)
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 1)
    # This process only waits, so every chunk comes from the helper.
    monkeypatch.setattr(parse_pool, "PARENT_PARSES", False)
    load = parse_pool._load_result
    outcomes: list[bool] = []

    def load_and_note(result_file: Path) -> object:
        parsed = load(result_file)
        outcomes.append(parsed is not None)
        return parsed

    monkeypatch.setattr(parse_pool, "_load_result", load_and_note)
    calls: list[tuple[int, int]] = []
    with Collection.open(tmp_path / "parallel.sqlite") as collection:
        report = collection.import_path(tmp_path / "notes", lambda d, t: calls.append((d, t)))
        parallel = snapshot(collection)
    assert report.new == 360 and calls[-1] == (120, 120)
    files = sorted((tmp_path / "notes").rglob("*.md"),
                   key=lambda path: path.relative_to(tmp_path / "notes").as_posix())
    chunks = parse_pool._chunks(files, [path.stat().st_size for path in files])
    assert sum(map(len, chunks)) == 120 and len(chunks) == -(-120 // parse_pool.CHUNK_FILES)
    assert outcomes.count(True) == len(chunks)  # every chunk came from the helper
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 0)
    with Collection.open(tmp_path / "serial.sqlite") as collection:
        collection.import_path(tmp_path / "notes")
        assert snapshot(collection) == parallel


def test_parsing_shared_between_this_process_and_a_helper_gives_the_same_cards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.app import parse_pool

    write_many(tmp_path / "notes", 150)
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 1)
    with Collection.open(tmp_path / "parallel.sqlite") as collection:
        report = collection.import_path(tmp_path / "notes")
        parallel = snapshot(collection)
    assert report.new == 450 and report.files_parsed == 150
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 0)
    with Collection.open(tmp_path / "serial.sqlite") as collection:
        collection.import_path(tmp_path / "notes")
        assert snapshot(collection) == parallel


def test_a_failing_helper_process_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.app import parse_pool

    write_many(tmp_path / "notes", 120)
    # The helper cannot start Python: its share is parsed in this process instead.
    monkeypatch.setattr(parse_pool.sys, "executable", "/bin/false")
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 1)
    with Collection.open(tmp_path / "c.sqlite") as collection:
        report = collection.import_path(tmp_path / "notes")
        assert report.new == 360 and report.files_parsed == 120


@pytest.mark.parametrize("selectable", [True, False], ids=["select", "poll"])
def test_a_helper_that_dies_holding_a_chunk_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, selectable: bool
) -> None:
    import subprocess
    import sys

    from flashcards.app import parse_pool

    monkeypatch.setattr(parse_pool, "PIPES_SELECTABLE", selectable)
    write_many(tmp_path / "notes", 120)
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 1)
    monkeypatch.setattr(parse_pool, "PARENT_PARSES", False)

    def dying_helper(job_file: Path, number: int) -> subprocess.Popen[bytes]:
        # Takes chunk 1 and dies without a result.
        code = ("import sys; from pathlib import Path; "
                "from flashcards.app.parse_worker import claim; "
                f"claim(Path(sys.argv[1]).parent, 1, {number})")
        return subprocess.Popen([sys.executable, "-c", code, str(job_file)],
                                stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)

    monkeypatch.setattr(parse_pool, "_start_helper", dying_helper)
    with Collection.open(tmp_path / "c.sqlite") as collection:
        report = collection.import_path(tmp_path / "notes")
        assert report.new == 360 and report.files_parsed == 120


def test_failed_first_import_leaves_an_empty_collection_with_its_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.store.database import Store

    write_many(tmp_path / "notes", 30)
    calls = 0
    insert = Store.insert_card_rows

    def fails_on_the_fifth_file(self: Store, *args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise OSError("disk full")
        insert(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "insert_card_rows", fails_on_the_fifth_file)
    with Collection.open(tmp_path / "c.sqlite") as collection:
        db = collection.store.db
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                             ).fetchall()
        with pytest.raises(OSError, match="disk full"):
            collection.import_path(tmp_path / "notes")
        assert calls == 5
        assert db.execute("SELECT count(*) FROM cards").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM files").fetchone() == (0,)
        assert db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                          ).fetchall() == indexes
        monkeypatch.undo()
        report = collection.import_path(tmp_path / "notes")
        assert report.new == 90
        assert sorted(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                 )) == sorted(indexes)
        assert collection.store.integrity_check() == ["ok"]


def test_parse_results_cross_processes_unchanged(tmp_path: Path) -> None:
    from flashcards.app.parse_worker import card_rows, pack, prepare, unpack
    from flashcards.parsing import parse_text

    text = ("# Тема\n\nВопрос :: ответ\n<!--SR:!2026-03-15,12,270-->\n\nТермин - значение\n\n"
            "просто строка\n\n## Пусто\n")
    result = parse_text(text, source="тема.md", deck=["k8s", "тема"])
    assert result.cards[0].imported_schedule is not None
    assert result.skipped and result.empty_sections
    path = tmp_path / "тема.md"
    # A schedule needs the whole draft: no rows for this file.
    expected = {path: (result, None)}
    assert unpack(pack(prepare({path: result}, as_rows=True))) == expected
    plain = parse_text("Термин - значение\n\nДругой - тоже\n", source="a.md", deck=["a"])
    drafts = list(plain.cards)
    rows = card_rows(plain)
    assert plain.cards == [] and rows is not None and len(rows[("a",)]) == len(drafts) == 2
    assert unpack(pack({path: (plain, rows)})) == {path: (plain, rows)}


def _card_content(card: Card) -> tuple[object, ...]:
    return (card.id, card.front, card.back, tuple(card.deck), tuple(card.context),
            tuple(card.tags), card.source, card.line, card.kind, card.note_id, card.ordinal,
            card.cloze_text, card.state, card.retired, card.suspended)


def test_first_import_rows_give_the_cards_a_matching_import_gives(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    write_many(notes, 12)
    (notes / "part-0" / "tagged.md").write_text(
        "---\ntags: [k8s, сеть]\n---\n# Сеть\n\n## Поды\n\nПод - группа контейнеров\n\n"
        "Сервис ::: точка входа\n\nКластер хранит состояние в ==etcd==.\n"
        "Термин 0а - значение\n", encoding="utf-8")
    # A file with a schedule in it is written from its drafts, in the same import.
    (notes / "part-1" / "scheduled.md").write_text(
        "Коммит - снимок <!--SR:!2026-03-15,12,270-->\n\nВетка - указатель\n",
        encoding="utf-8")
    with Collection.open(tmp_path / "empty.sqlite") as collection:
        first = collection.import_path(notes)  # rows: the collection has no cards
        from_rows = [_card_content(card) for card in collection.cards()]
        db = collection.store.db
        states = db.execute(
            "SELECT c.file_id, c.line, c.ordinal, s.position FROM cards c "
            "JOIN review_states s ON s.card_id = c.id").fetchall()
        assert len(states) == db.execute("SELECT count(*) FROM cards").fetchone()[0]
        assert db.execute("SELECT count(*) FROM review_states").fetchone()[0] == len(states)
    assert any(content[12].due is not None for content in from_rows)  # the schedule
    assert all(position == position_of(file_id, line, ordinal)
               for file_id, line, ordinal, position in states)
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.md").write_text("Другое - совсем другое\n", encoding="utf-8")
    with Collection.open(tmp_path / "matching.sqlite") as collection:
        collection.import_path(other)
        second = collection.import_path(notes)  # drafts matched against the stored cards
        from_drafts = [_card_content(card) for card in collection.cards()
                       if card.deck != ["x"]]
    assert from_rows == from_drafts and len(from_rows) == first.new == second.new
    assert [(w.source, w.line, w.text) for w in first.warnings] == [
        (w.source, w.line, w.text) for w in second.warnings]


def test_helper_processes_only_for_big_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards.app import parse_pool

    monkeypatch.setattr(parse_pool.os, "cpu_count", lambda: 8)
    assert parse_pool._helper_processes(parse_pool.PARALLEL_FROM_FILES - 1) == 0
    assert parse_pool._helper_processes(5000) == parse_pool.MAX_PARSE_PROCESSES - 1
    # A few big files are a big import too; one file cannot be shared.
    assert parse_pool._helper_processes(3, parse_pool.PARALLEL_FROM_BYTES) == 3
    assert parse_pool._helper_processes(1, 10 * parse_pool.PARALLEL_FROM_BYTES) == 0
    # A frozen bundle has helpers too (its own executable is started as one).
    monkeypatch.setattr(parse_pool.sys, "frozen", True, raising=False)
    assert parse_pool._helper_processes(5000) == parse_pool.MAX_PARSE_PROCESSES - 1


def test_big_files_are_chunks_of_their_own() -> None:
    from flashcards.app import parse_pool

    files = [Path(f"{index}.md") for index in range(25)]
    sizes = [100] * 25
    sizes[3] = parse_pool.CHUNK_BYTES * 3
    chunks = parse_pool._chunks(files, sizes)
    assert [file for chunk in chunks for file in chunk] == files  # note order kept
    assert chunks[0] == files[:4]  # the big file closes its chunk
    assert all(len(chunk) <= parse_pool.CHUNK_FILES for chunk in chunks)


def test_a_frozen_bundle_starts_helpers_through_its_own_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import flashcards.__main__ as entry
    from flashcards.app import parse_pool, parse_worker

    assert entry.PARSE_WORKER_FLAG == parse_worker.PARSE_WORKER_FLAG
    python = sys.executable
    job = tmp_path / "job"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/flashcards/flashcards")
    command, _env = parse_pool.helper_command(job, 2)
    assert command == ["/opt/flashcards/flashcards", "--parse-worker", str(job), "2"]

    # `python -m flashcards` runs the same entry point as the bundle's executable.
    runner = tmp_path / "flashcards-app"
    runner.write_text(f"#!/bin/sh\nexec {python} -m flashcards \"$@\"\n",
                      encoding="utf-8")
    runner.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(runner))
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    write_many(tmp_path / "notes", 120)
    monkeypatch.setattr(parse_pool, "_helper_processes", lambda files, size: 1)
    notes = tmp_path / "notes"
    files = sorted(notes.rglob("*.md"), key=lambda path: path.relative_to(notes).as_posix())
    with parse_pool.ParseJob(notes, True, files, parent_parses=False) as parsing:
        results = list(parsing.results(lambda _done: None))
        assert parsing.chunks_from_helpers == len(parsing.chunks)
    assert [file for file, _result, _rows in results] == files
    assert sum(len(result.cards) for _file, result, _rows in results) == 360
