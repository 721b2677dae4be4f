"""The interface language: Russian or English, following the system unless set.

Source strings are English (`self.tr(...)`); `resources/translations/flashcards_ru.qm`
holds the Russian, `flashcards_en.qm` only the English plural forms ("1 card", "2 cards").
Qt's own strings (dialog buttons) come from the `qtbase_*.qm` shipped with PySide6.
Installing a translator makes Qt send `QEvent.LanguageChange` to every widget; windows
retranslate in `changeEvent`.

Regenerate the translation files after changing any `tr()` text (one command):

    python3 -m flashcards.gui.i18n --update

It runs pyside6-lupdate over every module of flashcards/gui (keeping existing
translations), pyside6-lrelease, and lists the strings still without a Russian text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from flashcards.paths import resources_dir

LanguageChoice = Literal["system", "ru", "en"]
LANGUAGE_CHOICES: tuple[LanguageChoice, ...] = ("system", "ru", "en")
# Each language names itself, so a learner finds theirs whatever is shown now.
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}
LANGUAGE_KEY = "ui/language"
APP_CATALOG = "flashcards"
GUI_DIR = Path(__file__).resolve().parent

_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language shown for a choice: `ru`, or `en` for anything else we lack."""
    if choice in LANGUAGE_NAMES:
        return choice
    locale = system if system is not None else QLocale.system()
    return "ru" if locale.language() == QLocale.Language.Russian else "en"


def current_language() -> str:
    return _current


def install_translator(app: QCoreApplication | None = None, choice: str = "system") -> str:
    """Load the translations for `choice` (replacing earlier ones); the language shown.

    Widgets get `QEvent.LanguageChange` and retranslate themselves.
    """
    global _current
    app = app or QCoreApplication.instance()
    language = resolve_language(choice)
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    catalogs = [(APP_CATALOG + "_" + language, translations_dir())]
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogs.append(("qtbase_" + language, Path(qt_dir)))
    for name, folder in catalogs:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
    # Dates, month names and numbers follow the interface language.
    QLocale.setDefault(QLocale(QLocale.Language.Russian if language == "ru"
                               else QLocale.Language.English,
                               QLocale.Country.Russia if language == "ru"
                               else QLocale.Country.UnitedStates))
    _current = language
    return language


def saved_language(settings: QSettings | None = None) -> str:
    settings = settings if settings is not None else QSettings()
    value = str(settings.value(LANGUAGE_KEY, "system"))
    return value if value in LANGUAGE_CHOICES else "system"


def install_saved_translator(app: QCoreApplication | None = None,
                             settings: QSettings | None = None) -> str:
    """What the application start calls: the language from the settings, else the system's."""
    return install_translator(app, saved_language(settings))


# -- keeping the .ts/.qm files up to date ----------------------------------------------

# The tools below run only for `--update` and the tests: their imports stay out of the
# application's start.

def _tool(name: str) -> str:
    import shutil

    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: it comes with the pyside6-essentials wheel")
    return found


def gui_sources() -> list[Path]:
    return sorted(GUI_DIR.glob("*.py"))


def run_lupdate(target: Path, plural_only: bool = False) -> None:
    import subprocess

    command = [_tool("pyside6-lupdate"), *map(str, gui_sources()), "-no-obsolete",
               "-locations", "none", "-ts", str(target)]
    if plural_only:
        command.insert(-2, "-pluralonly")
    subprocess.run(command, check=True, capture_output=True)


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    import xml.etree.ElementTree as ElementTree

    missing: list[tuple[str, str]] = []
    root = ElementTree.parse(ts_file).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else (
                [form.text or "" for form in translation.iter("numerusform")]
                or [translation.text or ""])
            if (translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                    "obsolete")
                    or not forms or not all(form.strip() for form in forms)):
                missing.append((name, message.findtext("source", "")))
    return missing


def update(folder: Path | None = None) -> list[tuple[str, str]]:
    """lupdate + lrelease for Russian (all strings) and English (plural forms only)."""
    import subprocess

    folder = folder or translations_dir()
    folder.mkdir(parents=True, exist_ok=True)
    russian = folder / f"{APP_CATALOG}_ru.ts"
    english = folder / f"{APP_CATALOG}_en.ts"
    run_lupdate(russian)
    run_lupdate(english, plural_only=True)
    for ts_file in (russian, english):
        subprocess.run([_tool("pyside6-lrelease"), str(ts_file), "-qm",
                        str(ts_file.with_suffix(".qm"))], check=True, capture_output=True)
    return unfinished(russian)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python3 -m flashcards.gui.i18n",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true",
                        help="regenerate resources/translations/*.ts and *.qm")
    args = parser.parse_args(argv)
    if not args.update:
        parser.print_help()
        return 0
    missing = update()
    for context, source in missing:
        print(f"untranslated: [{context}] {source!r}")
    print(f"{len(missing)} strings without a Russian translation in "
          f"{translations_dir() / (APP_CATALOG + '_ru.ts')}")
    return 1 if missing else 0



def _messages_behind_wrappers() -> None:  # pragma: no cover - read by lupdate, never run
    """Texts that modules translate through a helper (`formatting._tr(text, n)`), which
    lupdate cannot read: listed here literally so they reach the .ts file."""
    translate = QCoreApplication.translate
    translate("Formatting", "today")
    translate("Formatting", "%n d", None, 1)
    translate("Formatting", "{months} mo")
    translate("Formatting", "{years} y")
    translate("Formatting", "<{m} min")
    translate("Formatting", "{s} s")
    translate("Formatting", "{m} min {s:02d} s")
    translate("Formatting", "{h} h {m:02d} min")


if __name__ == "__main__":
    raise SystemExit(main())
