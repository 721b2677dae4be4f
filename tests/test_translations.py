"""Every visible string of the window has a Russian translation, shipped compiled.

The sources are read the way Qt's tools read them: pyside6-lupdate runs over every
module of flashcards/gui into a temporary .ts, so a `tr()` text added to the code and
not yet translated fails here (run `python3 -m flashcards.gui.i18n --update`, then
translate in resources/translations/flashcards_ru.ts).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from flashcards.gui.i18n import gui_sources, run_lupdate, translations_dir, unfinished

RUSSIAN_TS = translations_dir() / "flashcards_ru.ts"
RUSSIAN_QM = translations_dir() / "flashcards_ru.qm"
ENGLISH_QM = translations_dir() / "flashcards_en.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%n")

pytestmark = pytest.mark.skipif(shutil.which("pyside6-lupdate") is None,
                                reason="pyside6-lupdate comes with pyside6-essentials")


def messages(ts_file: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translated forms ([] when unfinished or empty)."""
    found: dict[tuple[str, str], list[str]] = {}
    missing = set(unfinished(ts_file))
    root = ElementTree.parse(ts_file).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            forms = [] if translation is None else (
                [form.text or "" for form in translation.iter("numerusform")]
                or [translation.text or ""])
            found[(name, source)] = [] if (name, source) in missing else forms
    return found


@pytest.fixture(scope="module")
def in_code(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    target = tmp_path_factory.mktemp("lupdate") / "current.ts"
    run_lupdate(target)
    return messages(target)


@pytest.fixture(scope="module")
def russian() -> dict[tuple[str, str], list[str]]:
    return messages(RUSSIAN_TS)


def test_lupdate_reads_every_gui_module(in_code):
    contexts = {context for context, _source in in_code}
    assert len(gui_sources()) >= 10
    for expected in ("MainWindow", "BrowserWindow", "StatsWindow", "SettingsWindow",
                     "CardTableModel", "Formatting", "Application"):
        assert expected in contexts
    assert len(in_code) > 150


def test_every_visible_string_has_a_russian_translation(in_code, russian):
    missing = [f"[{context}] {source!r}" for (context, source) in in_code
               if not russian.get((context, source))]
    assert not missing, (
        f"{len(missing)} strings without Russian (run python3 -m flashcards.gui.i18n "
        "--update and translate them):\n" + "\n".join(missing))


def test_translations_keep_placeholders_and_shortcut_marks(russian):
    for (context, source), forms in russian.items():
        for form in forms:
            assert form.strip(), (context, source)
            wanted = sorted(set(PLACEHOLDER.findall(source)) - {"%n"})
            assert sorted(set(PLACEHOLDER.findall(form)) - {"%n"}) == wanted, (source, form)
            if "%n" in source:
                assert "%n" in form, (source, form)
            assert ("&" in source.replace("&&", "")) == ("&" in form.replace("&&", "")), (
                source, form)
            if source.strip():
                assert re.search("[а-яё]", form, re.IGNORECASE) or form == source, (
                    source, form)


def test_plural_messages_have_three_russian_forms(russian, in_code):
    plural = [key for key in in_code if "%n" in key[1]]
    assert plural
    for key in plural:
        assert len(russian[key]) == 3, key


def test_the_compiled_catalog_matches_the_source(russian):
    translator = QTranslator()
    assert translator.load(str(RUSSIAN_QM))
    for (context, source), forms in russian.items():
        if "%n" in source:
            for count, form in ((1, 0), (3, 1), (7, 2)):
                # The translator picks the form; QCoreApplication.translate fills %n.
                shown = translator.translate(context, source, None, count)
                assert shown == forms[form], (source, count, shown)
        else:
            assert translator.translate(context, source) == forms[0], (context, source)


def test_english_catalog_gives_plural_forms():
    translator = QTranslator()
    assert translator.load(str(ENGLISH_QM))
    assert translator.translate("BrowserWindow", "%n card(s) suspended", None, 1) == (
        "%n card suspended")
    assert translator.translate("StatsWindow", "{date}: %n review(s)", None, 2) == (
        "{date}: %n reviews")


def test_the_language_follows_the_system_unless_chosen():
    from PySide6.QtCore import QLocale

    from flashcards.gui.i18n import resolve_language

    russian = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert resolve_language("system", russian) == "ru"
    assert resolve_language("system", german) == "en"
    assert resolve_language("en", russian) == "en"
    assert resolve_language("ru", german) == "ru"
