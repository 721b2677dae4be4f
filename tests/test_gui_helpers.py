"""The GUI's small pure helpers: session bookkeeping, editor command lines, interval texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.gui.editor import configured_editor, editor_command, needs_terminal
from flashcards.gui.session import SessionLog

answers = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 5),
              st.integers(-5, 120_000)),
    max_size=40,
)


@given(answers)
def test_session_log_counts_what_was_recorded(given_answers):
    log = SessionLog()
    for card_id, grade, elapsed in given_answers:
        log.record(card_id, grade, elapsed)
    assert log.answered == len(given_answers)
    assert log.cards_studied == len({card_id for card_id, _, _ in given_answers})
    assert log.answering_ms == sum(max(0, elapsed) for _, _, elapsed in given_answers)
    assert sum(log.grade_counts().values()) == len(given_answers)
    assert list(log.grade_counts()) == sorted(log.grade_counts())


@given(answers, st.integers(0, 10))
def test_forgetting_answers_undoes_recording_in_reverse(given_answers, undos):
    log = SessionLog()
    for card_id, grade, elapsed in given_answers:
        log.record(card_id, grade, elapsed)
    for index in range(undos):
        forgotten = log.forget_last()
        remaining = len(given_answers) - index
        if remaining <= 0:
            assert forgotten is None
        else:
            assert forgotten is not None
            assert forgotten.card_id == given_answers[remaining - 1][0]
    assert log.answered == max(0, len(given_answers) - undos)


NOTE = Path("/notes/k8s/helm.md")


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+12", str(NOTE)]),
        ("/usr/bin/nano -w", ["/usr/bin/nano", "-w", "+12", str(NOTE)]),
        ("code --wait", ["code", "--wait", "-g", f"{NOTE}:12"]),
        ("subl", ["subl", f"{NOTE}:12"]),
        ("kate", ["kate", "--line", "12", str(NOTE)]),
        ("my-editor", ["my-editor", "+12", str(NOTE)]),
    ],
)
def test_editor_command_opens_the_note_at_its_line(editor, expected):
    assert editor_command(editor, NOTE, 12) == expected


def test_editor_command_never_asks_for_line_zero():
    assert editor_command("vim", NOTE, 0) == ["vim", "+1", str(NOTE)]


def test_empty_editor_command_is_an_error():
    with pytest.raises(ValueError):
        editor_command("  ", NOTE, 3)


def test_configured_editor_prefers_our_variable_then_visual_then_editor():
    assert configured_editor({"EDITOR": "nano", "VISUAL": "code"}) == "code"
    assert configured_editor({"EDITOR": "nano", "FLASHCARDS_EDITOR": "kate"}) == "kate"
    assert configured_editor({"EDITOR": "nano"}) == "nano"
    assert configured_editor({"EDITOR": "  "}) is None
    assert needs_terminal("nvim -p") and not needs_terminal("code --wait")


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "1 d"), (6, "6 d"), (29, "29 d"), (61, "2 mo"), (45, "1.5 mo"),
     (400, "1.1 y"), (730, "2 y")],
)
def test_interval_labels(qapp, days, text):
    from flashcards.gui.formatting import interval_text

    assert interval_text(days) == text


def test_clock_and_duration_texts(qapp):
    from flashcards.gui.formatting import clock_text, duration_text

    assert clock_text(42_900) == "0:42"
    assert clock_text(3_723_000) == "1:02:03"
    assert duration_text(45_000) == "45 s"
    assert duration_text(185_000) == "3 min 05 s"
    assert duration_text(3_720_000) == "1 h 02 min"


def test_the_app_survives_many_thousand_qt_calls():
    # PySide6 6.12 on Python 3.11 loses a reference to None on every void call; without
    # flashcards.gui's protection the interpreter aborts after a few thousand of them.
    import subprocess
    import sys

    script = (
        "import flashcards.gui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for _ in range(50_000):\n"
        "    label.setText('x')\n"
        "print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"


def _node(name, deck, title=None, children=(), new=0):
    from flashcards.app import DeckCounts, DeckNode

    return DeckNode(name=name, deck=deck, title=title, counts=DeckCounts(deck, new=new),
                    total_cards=new, children=list(children))


def test_deck_rows_drop_the_parent_name_repeated_in_file_titles(qapp):
    from flashcards.gui.main_window import deck_rows

    tree = [
        _node("kubernetes", ["kubernetes"], None, [
            _node("06-helm", ["kubernetes", "06-helm"], "Kubernetes: Helm", new=3),
            _node("07-storage", ["kubernetes", "07-storage"], "Kubernetes: Ceph и тома", new=2),
        ], new=5),
        _node("docker", ["docker"], "Docker", new=7),
        _node("misc", ["misc"], None, [_node("a", ["misc", "a"], "Заметки: разное")]),
    ]
    rows = deck_rows(tree)
    assert [row.name for row in rows] == ["Kubernetes", "Docker", "misc"]
    assert [child.name for child in rows[0].children] == ["Helm", "Ceph и тома"]
    assert rows[0].children[0].path == ("kubernetes", "06-helm")
    assert (rows[0].new, rows[0].children[1].new) == (5, 2)
    # A title that is not the parent's name stays whole.
    assert rows[2].children[0].name == "Заметки: разное"


def test_dark_theme_gives_dark_cards_and_back(qapp):
    from PySide6.QtCore import Qt

    from flashcards.gui.card_view import card_page
    from flashcards.gui.theme import apply_theme, is_dark

    try:
        apply_theme(qapp, "dark")
        assert is_dark()
        page = card_page("<p>Привет</p>", qapp.palette(), 10.0)
        assert "#272822" in page  # the dark Pygments style's code background
        assert f"color: {qapp.palette().text().color().name()}" in page
        assert qapp.palette().text().color().lightness() > 128
        # What Qt actually draws: light text on the dark page, not card.css's light card.
        from flashcards.gui.card_view import CardView
        from flashcards.render import card_html

        view = CardView()
        view.set_card_html(card_html("Вопрос", "Ответ", ["Тема"]).answer())
        block = view.document().begin()
        while block.isValid() and block.text() != "Ответ":
            block = block.next()
        char_format = block.begin().fragment().charFormat()
        assert char_format.foreground().color().lightness() > 128
        background = block.blockFormat().background()
        assert background.style() == Qt.BrushStyle.NoBrush or background.color().lightness() < 128
        apply_theme(qapp, "light")
        assert not is_dark()
        page = card_page("<p>Привет</p>", qapp.palette(), 10.0)
        assert "#272822" not in page
    finally:
        apply_theme(qapp, "system")


@pytest.mark.parametrize("system_points", [9.0, 13.0])
def test_card_text_follows_the_system_font_size(qapp, system_points):
    from PySide6.QtGui import QFont, QFontInfo

    from flashcards.gui.card_view import CardView
    from flashcards.gui.theme import CARD_FONT_SCALE
    from flashcards.render import card_html

    view = CardView()
    view.setFont(QFont("DejaVu Sans", 1))
    font = view.font()
    font.setPointSizeF(system_points)
    view.setFont(font)
    view.set_card_html(card_html("Что такое Kubernetes", "Платформа", ["Kubernetes"]).answer())
    sizes = {}
    block = view.document().begin()
    while block.isValid():
        if block.text():
            fragment = block.begin().fragment()
            sizes[block.text()] = QFontInfo(fragment.charFormat().font()).pixelSize()
        block = block.next()
    expected = system_points * view.logicalDpiY() / 72 * CARD_FONT_SCALE
    assert sizes["Что такое Kubernetes"] == pytest.approx(expected, abs=1)
    assert sizes["Платформа"] == pytest.approx(expected, abs=1)
    assert sizes["Kubernetes"] < sizes["Платформа"]  # the breadcrumb is smaller


@pytest.mark.parametrize(
    ("html", "short"),
    [("<p>Тег образа</p>", True), ("<p>a</p><p>b</p>", False),
     ("<ul><li>PID</li></ul>", False), ('<pre class="highlight">x</pre>', False),
     ("<p>" + "слово " * 40 + "</p>", False)],
)
def test_short_texts_are_centred_and_the_rest_keeps_a_left_edge(html, short):
    from flashcards.gui.card_view import is_short_text

    assert is_short_text(html) is short


def test_code_blocks_end_without_an_empty_line(qapp):
    from flashcards.gui.card_view import CardView
    from flashcards.render import card_html

    view = CardView()
    view.set_card_html(card_html("Команды", "```bash\nls -la\necho ok\n```", []).answer())
    blocks = []
    block = view.document().begin()
    while block.isValid():
        blocks.append(block.text())
        block = block.next()
    assert blocks[-2:] == ["ls -la", "echo ok"]


def test_wide_images_fit_the_card_column(qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from flashcards.gui.card_view import CardView
    from flashcards.render import card_html

    notes = tmp_path / "notes"
    (notes / "img").mkdir(parents=True)
    picture = QImage(2400, 500, QImage.Format.Format_RGB32)
    picture.fill(QColor("#4488cc"))
    assert picture.save(str(notes / "img" / "wide.png"))
    small = QImage(120, 80, QImage.Format.Format_RGB32)
    small.fill(QColor("#cc8844"))
    assert small.save(str(notes / "img" / "small.png"))
    note = notes / "pics.md"
    html = card_html("Схема", "![схема](img/wide.png) ![иконка](img/small.png)", [],
                     source=note, root=notes)
    view = CardView()
    view.resize(900, 600)
    view.set_card_html(html.answer())
    widths = {}
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            char_format = iterator.fragment().charFormat()
            if char_format.isImageFormat():
                image = char_format.toImageFormat()
                widths[image.name().rsplit("/", 1)[-1]] = image.width()
            iterator += 1
        block = block.next()
    assert set(widths) == {"wide.png", "small.png"}
    assert 0 < widths["wide.png"] <= 900
    assert widths["small.png"] == 0  # no width attribute: drawn at its own size
