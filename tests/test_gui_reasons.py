"""Every reason the parser and the importer give for a line that made no card has its
translation in the import report (the report matches the English reasons by pattern, so
a reworded reason must fail here, not silently fall back to English)."""

from __future__ import annotations

from pathlib import Path

from flashcards.app import Collection
from flashcards.gui.import_report import ImportReportDialog

NOTES = """\
# Причины

## Пустой раздел

## Разные строки

```
ls -la
```

<div>raw html</div>

| a | b |
|---|---|
| 1 | 2 |

- # Заголовок в списке

То есть - продолжение без термина

Playbook
ключи:
  - --diff - показать изменения

Inventory

Просто фраза без разделителя и без списка под ней, длинная.

::ответ без вопроса

?
ответ без вопроса

Термин - первый

Термин - второй

Концепция контейнеров не предполагает заходить внутрь контейнера для сбора логов - нет

Оченьдлинноесловобезпробеловкотороенеможетбытьтерминомпотомучтооноочень - x

Раз. Два - три
"""


def test_every_reason_has_a_translation_pattern(qtbot, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "reasons.md").write_text(NOTES, encoding="utf-8")
    (notes / "yaml.md").write_text("---\ndeck: [\n---\nA - b\n", encoding="utf-8")
    (notes / "binary.md").write_bytes(b"\x00\x01\x02" * 10)
    (notes / "latin1.md").write_bytes("Caf\xe9 - coffee".encode("latin-1"))
    with Collection.open(tmp_path / "c.sqlite") as collection:
        report = collection.import_path(notes)
        dialog = ImportReportDialog(report, notes)
        qtbot.addWidget(dialog)
        patterns = [pattern for pattern, _ in dialog._reason_templates()]
        reasons = {problem.reason for problem in
                   [*report.skipped, *report.warnings, *report.file_errors]}
        reasons |= {"empty section"} if report.empty_sections else set()
        # The fixture reaches every kind of reason, so a new kind shows up here too.
        assert len(reasons) >= 16, sorted(reasons)
        untranslated = [reason for reason in reasons
                        if not any(pattern.fullmatch(reason) for pattern in patterns)]
        assert untranslated == []
