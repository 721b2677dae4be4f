"""The parser's rules, one by one, on notes written the way learners write them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import main as cli
from flashcards.parsing import CardDraft, parse_file, parse_folder, parse_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "slurm-notes.md"


def cards_by_front(text: str, **kwargs: object) -> dict[str, CardDraft]:
    return {card.front: card for card in parse_text(text, **kwargs).cards}  # type: ignore[arg-type]


# --- definition lines ---------------------------------------------------------------------


def test_definition_line_splits_at_first_separator() -> None:
    card = parse_text("# Docker\n\nDocker engine - это демон").cards[0]
    assert (card.kind, card.front, card.back) == ("definition", "Docker engine", "это демон")
    assert card.context == []  # a leading title names the deck, it is no context
    assert card.line == 3


@pytest.mark.parametrize("separator", [" - ", " — ", " – ", " -> ", " → ", "→"])
def test_every_separator(separator: str) -> None:
    card = parse_text(f"Термин{separator}определение").cards[0]
    assert (card.front, card.back) == ("Термин", "определение")


def test_dashes_inside_words_and_flags_are_not_separators() -> None:
    cards = cards_by_front("Copy-On-Write - механика ядра\n--diff - показать изменения\n"
                           "set -ex - видеть команды")
    assert set(cards) == {"Copy-On-Write", "--diff", "set -ex"}
    assert cards["set -ex"].back == "видеть команды"


def test_each_line_of_a_paragraph_is_its_own_fact() -> None:
    text = "Слои в образе - readonly\n.dockerignore - что не класть в образ\nCMD - параметры"
    assert [card.front for card in parse_text(text).cards] == [
        "Слои в образе", ".dockerignore", "CMD"]


def test_long_sentence_is_not_split_and_is_reported() -> None:
    line = ("Концепция контейнеров не предполагает заходить внутрь контейнера для сбора и "
            "прочтения логов - логи пишутся в stdout/stderr")
    result = parse_text(line)
    assert result.cards == []
    assert result.skipped[0].line == 1
    assert "too long" in result.skipped[0].reason


def test_sentence_end_in_front_is_not_split() -> None:
    result = parse_text("Приложения надо адаптировать. Если не писалось под Docker - беда")
    assert result.cards == []
    assert "sentence" in result.skipped[0].reason


def test_inline_code_in_term_is_kept_and_code_is_not_syntax() -> None:
    cards = cards_by_front("`ansible -m setup <host>` - сбор фактов\n\n`a::b - c` is code")
    assert cards["`ansible -m setup <host>`"].back == "сбор фактов"
    assert len(cards) == 1


def test_connective_words_leave_the_front() -> None:
    card = parse_text("То есть запуск приложения - через ENTRYPOINT").cards[0]
    assert card.front == "Запуск приложения"


def test_continuation_lines_join_the_card_above() -> None:
    text = ("Docker engine - это демон\nЗапущен как обычный процесс\n"
            "docker-compose.test.yml - указывать руками\nКак пример - переменные для тестов")
    cards = parse_text(text).cards
    assert [card.front for card in cards] == ["Docker engine", "docker-compose.test.yml"]
    assert cards[0].back == "это демон\nЗапущен как обычный процесс"
    assert cards[1].back.endswith("Как пример - переменные для тестов")


def test_lines_without_a_card_are_reported_with_reasons() -> None:
    result = parse_text("# T\n\n## A\n\nDocker не про контейнеры. Он про поставку.\n\nInventory\n")
    assert [(skipped.line, skipped.text) for skipped in result.skipped] == [
        (5, "Docker не про контейнеры. Он про поставку."), (7, "Inventory")]
    assert all(skipped.reason for skipped in result.skipped)


# --- lists -----------------------------------------------------------------------------


def test_lead_with_list_gives_a_list_card_and_definition_items_their_own() -> None:
    text = "# Ansible\n\nПлюсы:\n  - не нужен агент\n  - идемпотентность - одно состояние\n"
    cards = parse_text(text).cards
    lead = cards[0]
    assert (lead.kind, lead.front) == ("list", "Плюсы")
    assert lead.back == "- не нужен агент\n- идемпотентность - одно состояние"
    item = cards[1]
    assert (item.front, item.back, item.context) == ("идемпотентность", "одно состояние",
                                                      ["Плюсы"])
    assert len(cards) == 2


def test_bare_term_lead_and_context_chain() -> None:
    text = ("# SLURM\n\n# Ansible\n\n## Сущности Ansible\n\nPlaybook\nключи:\n"
            "  - --diff - показать изменения\n  - --step - по шагам\n\nTask\n  - вызов модуля\n")
    cards = cards_by_front(text)
    assert cards["--diff"].context == ["Ansible", "Сущности Ansible", "Playbook", "ключи"]
    assert cards["ключи"].context == ["Ansible", "Сущности Ansible", "Playbook"]
    assert (cards["Task"].kind, cards["Task"].back) == ("list", "- вызов модуля")


def test_definition_lead_keeps_its_definition_above_the_list() -> None:
    text = "Альтернативные продукты - Harbor\n  - хранение образов\n  - авторизация\n"
    card = parse_text(text).cards[0]
    assert card.front == "Альтернативные продукты"
    assert card.back == "Harbor\n\n- хранение образов\n- авторизация"


def test_list_under_heading_with_plain_items_gets_the_heading_as_front() -> None:
    text = ("# Docker\n\n## Логи\n\n## Log-драйверы.\n\n  - journald - из журнала\n"
            "  - Splunk\n  - Geif\n")
    result = parse_text(text)
    fronts = [card.front for card in result.cards]
    assert fronts == ["Log-драйверы", "journald"]
    assert result.cards[0].context == []
    assert result.skipped == []


def test_list_under_heading_of_definitions_only_gives_only_them() -> None:
    text = "## Storage-драйверы\n\n  - overlay - хорош в ядре 4.X\n  - devicemapper - CentOS\n"
    assert [card.front for card in parse_text(text).cards] == ["overlay", "devicemapper"]


# --- headings, sections, code ----------------------------------------------------------


def test_eto_line_under_heading_defines_the_heading() -> None:
    text = "# Docker\n\n## Docker Compose\n\nЭто обертка над Docker - запускает много контейнеров."
    card = parse_text(text).cards[0]
    assert card.front == "Docker Compose"
    assert card.back.startswith("Это обертка над Docker")


def test_headings_are_context_and_empty_headings_are_reported() -> None:
    text = ("# Заметки\n\n# Kubernetes\n\n## Тема №1\n\n\n\n## Тема №2\n\n# Docker\n\n"
            "## Namespace Isolation\n\nNamespace - изоляция процессов\n")
    result = parse_text(text)
    assert result.title == "Заметки"
    assert [section.title for section in result.empty_sections] == ["Тема №1", "Тема №2"]
    assert result.empty_sections[0].context == ["Kubernetes"]
    assert result.cards[0].context == ["Docker", "Namespace Isolation"]
    assert all(card.front not in {"Kubernetes", "Docker"} for card in result.cards)


def test_pointing_definition_takes_the_code_below() -> None:
    text = ("Для того чтобы ловить логи nginx - можно добавить директиву\n\n"
            "`RUN ln -sf /dev/stdout /var/log/nginx/access.log`\n\nСлои - readonly\n")
    result = parse_text(text)
    card = result.cards[0]
    assert card.front == "Для того чтобы ловить логи nginx"
    assert card.back == ("можно добавить директиву\n\n```\n"
                         "RUN ln -sf /dev/stdout /var/log/nginx/access.log\n```")
    assert [c.front for c in result.cards][1:] == ["Слои"]
    assert result.skipped == []


def test_pointing_definition_takes_a_fenced_block() -> None:
    text = "Пример Dockerfile - так:\n\n```dockerfile\nFROM alpine\nRUN echo hi\n```\n"
    card = parse_text(text).cards[0]
    assert card.back == "так:\n\n```dockerfile\nFROM alpine\nRUN echo hi\n```"


def test_link_reference_lines_are_read_not_dropped() -> None:
    result = parse_text("[defaults]: strategy = linear\n")
    assert [skipped.line for skipped in result.skipped] == [1]


def test_code_block_with_no_question_is_reported() -> None:
    result = parse_text("Слои - readonly\n\n```\nls\n```\n")
    assert [card.front for card in result.cards] == ["Слои"]
    assert result.skipped[0].line == 3
    assert "code block" in result.skipped[0].reason


def test_yaml_key_with_indented_block() -> None:
    text = "healthcheck:\n  test: [\"CMD\"]\n  interval: 1s\n"
    card = parse_text(text).cards[0]
    assert card.front == "`healthcheck:`"
    assert card.back == '```yaml\nhealthcheck:\n  test: ["CMD"]\n  interval: 1s\n```'


# --- explicit syntax --------------------------------------------------------------------


def test_double_colon_basic_and_triple_colon_reversed() -> None:
    cards = parse_text("Столица Франции::Париж\nserver:::сервер").cards
    assert [(c.kind, c.front, c.back, c.ordinal) for c in cards] == [
        ("basic", "Столица Франции", "Париж", 0),
        ("reversed", "server", "сервер", 0),
        ("reversed", "сервер", "server", 1),
    ]
    assert cards[1].note_id == cards[2].note_id != cards[0].note_id


def test_multiline_card_ends_at_blank_line() -> None:
    text = "What does PID 1 do?\nin a container\n?\nIt is the init process.\nIt reaps zombies.\n\n"
    text += "Next - line"
    cards = parse_text(text).cards
    assert cards[0].kind == "basic"
    assert cards[0].front == "What does PID 1 do?\nin a container"
    assert cards[0].back == "It is the init process.\nIt reaps zombies."
    assert cards[1].front == "Next"


def test_multiline_reversed() -> None:
    cards = parse_text("pod\n??\nпод").cards
    assert [(c.front, c.back) for c in cards] == [("pod", "под"), ("под", "pod")]


def test_end_marker_keeps_blank_lines_and_code_in_the_back() -> None:
    text = ("Как собрать образ?\n?\nКоманда:\n\n```bash\ndocker build .\n```\n\nГотово.\n"
            "+++\n\nA - b")
    cards = parse_text(text).cards
    assert cards[0].back == "Команда:\n\n```bash\ndocker build .\n```\n\nГотово."
    assert cards[1].front == "A"


def test_end_marker_is_configurable_in_front_matter() -> None:
    text = "---\nend_marker: '%%end'\n---\nQ\n?\nA\n\nmore\n%%end\n"
    assert parse_text(text).cards[0].back == "A\n\nmore"


def test_highlight_cloze_one_card_per_deletion() -> None:
    text = "Оркестратор ==Kubernetes== хранит состояние в ==etcd==.\nВторая строка."
    cards = parse_text(text).cards
    assert [c.kind for c in cards] == ["cloze", "cloze"]
    assert cards[0].front == "Оркестратор [...] хранит состояние в etcd.\nВторая строка."
    assert cards[1].front == "Оркестратор Kubernetes хранит состояние в [...].\nВторая строка."
    assert cards[0].back == "Оркестратор Kubernetes хранит состояние в etcd.\nВторая строка."
    assert cards[0].cloze_text.startswith("Оркестратор {{c1::Kubernetes}} хранит состояние в "
                                          "{{c2::etcd}}")
    assert len({c.note_id for c in cards}) == 1


def test_anki_cloze_numbers_and_hints() -> None:
    cards = parse_text("{{c1::Docker}} uses {{c2::namespaces::kernel feature}} and "
                       "{{c1::cgroups}}").cards
    assert [c.ordinal for c in cards] == [1, 2]
    assert cards[0].front == "[...] uses namespaces and [...]"
    assert cards[1].front == "Docker uses [kernel feature] and cgroups"


def test_cloze_does_not_span_blank_lines_and_bold_is_no_cloze() -> None:
    result = parse_text("A ==b== c\n\n**Важно** - не cloze")
    assert [c.kind for c in result.cards] == ["cloze", "definition"]
    assert result.cards[1].front == "**Важно**"


def test_tags_on_lines_and_tag_lines_and_deck_tags() -> None:
    text = ("#docker #basics\nСлои - readonly #images\n#flashcards/k8s/pods\n"
            "Pod - группа контейнеров")
    result = parse_text(text, deck=["notes"])
    layers, pod = result.cards
    assert layers.back == "readonly"
    assert layers.tags == ["docker", "basics", "images"]
    assert layers.deck == ["notes"]
    assert pod.deck == ["notes", "k8s", "pods"]


def test_obsidian_schedule_comments_are_read_and_hidden() -> None:
    text = ("Слои::readonly <!--SR:!2024-05-01,12,250-->\n"
            "A:::B\n<!--SR:!2024-05-03,4,230!2024-05-04,5,210-->\n")
    cards = parse_text(text).cards
    assert cards[0].back == "readonly"
    assert cards[0].imported_schedule is not None
    assert cards[0].imported_schedule.due == date(2024, 5, 1)
    assert cards[0].imported_schedule.interval == 12
    assert cards[0].imported_schedule.ease == 2.5
    assert [c.imported_schedule.interval for c in cards[1:] if c.imported_schedule] == [4, 5]
    assert all("SR:" not in c.front + c.back for c in cards)


def test_a_card_never_takes_the_schedule_of_the_card_below() -> None:
    cards = parse_text("a::b\nc::d <!--SR:!2024-05-01,3,250-->\n"
                       "e::f <!--SR:unreadable-->\n").cards
    assert [(c.front, c.back) for c in cards] == [("a", "b"), ("c", "d"), ("e", "f")]
    assert [c.imported_schedule.interval if c.imported_schedule else None
            for c in cards] == [None, 3, None]


def test_front_matter_explicit_mode_turns_notes_rules_off() -> None:
    text = "---\ncards: explicit\ndeck: Курс/Docker\ntags: [devops]\n---\nA - b\nQ::A\n"
    result = parse_text(text)
    assert [(c.front, c.deck, c.tags) for c in result.cards] == [
        ("Q", ["Курс", "Docker"], ["devops"])]
    assert result.skipped == []


def test_bad_front_matter_is_a_warning_not_a_crash() -> None:
    result = parse_text("---\ndeck: [\n---\nA - b\n")
    assert [card.front for card in result.cards] == ["A"]
    assert "front matter" in result.warnings[0].reason


# --- identity -------------------------------------------------------------------------


def test_id_ignores_line_and_back_and_keeps_deck_and_front() -> None:
    first = parse_text("A - b\nC - d", deck=["x"]).cards
    moved = parse_text("\n\nC - changed answer\n\nA - b", deck=["x"]).cards
    assert {c.front: c.id for c in first} == {c.front: c.id for c in moved}
    other_deck = parse_text("A - b", deck=["y"]).cards[0]
    assert other_deck.id != first[0].id


def test_duplicate_front_is_reported_and_gets_a_distinct_id() -> None:
    result = parse_text("A - b\n\n## S\n\nA - c", deck=["x"])
    assert len({card.id for card in result.cards}) == 2
    assert "line 1" in result.warnings[0].reason


# --- files, folders and the command line ------------------------------------------------


def test_folder_is_a_deck_tree_and_bad_files_do_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "k8s").mkdir()
    (tmp_path / "docker.md").write_text("Слои - readonly", encoding="utf-8")
    (tmp_path / "k8s" / "helm.md").write_text("Chart - пакет", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 - bad".encode("latin-1"))
    results = {result.source: result for result in parse_folder(tmp_path)}
    assert results[str(tmp_path / "docker.md")].cards[0].deck == ["docker"]
    assert results[str(tmp_path / "k8s" / "helm.md")].cards[0].deck == ["k8s", "helm"]
    assert "binary" in (results[str(tmp_path / "binary.md")].error or "")
    assert "UTF-8" in (results[str(tmp_path / "latin1.md")].error or "")


def test_cli_json_has_the_card_keys(tmp_path: Path) -> None:
    note = tmp_path / "docker.md"
    note.write_text("# Docker\n\nСлои - readonly\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    run = CliRunner().invoke(cli, ["parse", str(tmp_path), "--json"])
    assert run.exit_code == 0, run.output
    cards = json.loads(run.stdout)
    assert set(cards[0]) >= {"id", "kind", "deck", "context", "front", "back", "tags",
                             "source", "line"}
    assert (cards[0]["front"], cards[0]["line"], cards[0]["deck"]) == ("Слои", 3, ["docker"])
    assert "bad.md" in run.stderr


def test_cli_report_and_missing_path(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text("## Пусто\n\n## Полно\n\nСлои - readonly\n\nПросто фраза без разделителя.\n",
                    encoding="utf-8")
    run = CliRunner().invoke(cli, ["parse", str(note)])
    assert run.exit_code == 0
    assert "definition 1" in run.stdout
    assert "7: no `Term - definition` separator" in run.stdout
    assert "empty sections: 1" in run.stdout
    missing = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope.md")])
    assert missing.exit_code == 2
    assert "nope.md" in missing.stderr


# --- the learner's real notes -----------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the seed notes are not beside the repository")
def test_seed_notes() -> None:
    result = parse_file(SEED)
    assert result.error is None
    assert result.title == "SLURM - заметки"
    cards = {card.front: card for card in result.cards}
    assert cards["Docker engine"].back.startswith("это демон")
    assert cards["Docker Compose"].back.startswith("Это обертка на Python")
    assert cards["--diff"].context == ["Ansible", "Сущности Ansible", "Playbook", "ключи"]
    assert cards["Плюсы"].kind == "list"
    assert cards["Task"].back.startswith("- вызов модуля Ansible")
    assert cards["PID NS"].context == ["Docker", "Namespace Isolation", "Namespace"]
    assert "RUN set -ex" in cards[
        "Для того чтобы ловить логи nginx из стандартных файлов куда он их складывает"].back
    assert "`ansible -m setup <host>`" in cards
    assert len(result.empty_sections) == 10
    assert all(section.context == ["Kubernetes"] for section in result.empty_sections)
    assert not any(card.front.startswith(("SLURM", "Kubernetes")) for card in result.cards)
    skipped_lines = {skipped.line for skipped in result.skipped}
    card_lines = {card.line for card in result.cards}
    assert not skipped_lines & card_lines
    assert 60 <= len(result.cards) <= 110
