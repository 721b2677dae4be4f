"""flashcards.render: safe HTML from untrusted card Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards import render
from flashcards.render import (
    THEMES,
    anki_stylesheet,
    breadcrumb_html,
    card_html,
    fill_template,
    highlight_code,
    page_html,
    render_markdown,
    stylesheet,
    write_pygments_stylesheets,
)

# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "Ответ: <script>alert('x')</script> и всё",
        "<img src=x onerror=alert(1)>",
        '<div onclick="steal()">\nблок\n</div>',
        "<!-- comment --><iframe src=http://evil></iframe>",
        "`code` <svg onload=alert(1)>",
        "- пункт <b onmouseover=x>жирный</b>",
    ],
)
def test_raw_html_is_escaped(markdown: str) -> None:
    out = render_markdown(markdown).html
    assert "<script" not in out
    assert "<img" not in out
    assert "<div" not in out
    assert "<iframe" not in out
    assert "<svg" not in out
    assert "<b " not in out
    # The text is still there for the learner to read, escaped.
    assert "&lt;" in out


def test_escaped_script_text_survives_verbatim() -> None:
    out = render_markdown("<script>alert(1)</script>").html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


@pytest.mark.parametrize(
    "markdown",
    [
        "[клик](javascript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](JAVASCRIPT:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_link_schemes_are_not_links(markdown: str) -> None:
    out = render_markdown(markdown).html
    assert 'href="javascript' not in out.lower()
    assert 'href="vbscript' not in out.lower()


def test_ordinary_links_stay_links() -> None:
    out = render_markdown("[docs](https://docs.docker.com/)").html
    assert '<a href="https://docs.docker.com/">docs</a>' in out


def test_markdown_structure_is_rendered() -> None:
    out = render_markdown(
        "**жирный** и *курсив*, ~~старое~~, `docker ps`\n\n- один\n- два\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    ).html
    assert "<strong>жирный</strong>" in out
    assert "<em>курсив</em>" in out
    assert "<s>старое</s>" in out
    assert "<code>docker ps</code>" in out
    assert "<li>один</li>" in out
    assert "<table>" in out and "<td>1</td>" in out


def test_cloze_markup_passes_through_as_text() -> None:
    # The exporter renders Anki cloze text; the braces must survive for Anki's cloze filter.
    out = render_markdown("Docker использует {{c1::namespaces::механизм}} и {{c2::`cgroups`}}").html
    assert "{{c1::namespaces::механизм}}" in out
    assert "{{c2::<code>cgroups</code>}}" in out


# --------------------------------------------------------------------------- code


def test_fenced_code_is_highlighted_by_language() -> None:
    out = render_markdown("```python\ndef f():\n    return 1\n```").html
    assert out.startswith('<pre class="highlight"><code class="language-python">')
    assert '<span class="k">def</span>' in out
    assert '<span class="nf">f</span>' in out


def test_yaml_fence_with_russian_comment() -> None:
    out = render_markdown("```yaml\n- hosts: all  # все хосты\n  become: true\n```").html
    assert '<span class="c1"># все хосты</span>' in out
    assert '<span class="p">-</span>' in out


def test_unknown_or_missing_language_is_plain_text_in_the_same_frame() -> None:
    fences = ("```nosuchlang\n<b>x</b> & y\n```", "```\n<b>x</b> & y\n```", "    <b>x</b> & y")
    for markdown in fences:
        out = render_markdown(markdown).html
        assert out.startswith('<pre class="highlight"><code>'), markdown
        assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in out
        assert "<b>" not in out


def test_code_html_is_escaped_inside_highlighting() -> None:
    out = highlight_code("<script>alert(1)</script>", "html")
    assert "<script" not in out
    assert "&lt;" in out


def test_code_text_is_kept_exactly() -> None:
    code = "docker run -it --rm \\\n  -v /data:/data ubuntu:22.04 bash\n"
    out = render_markdown(f"```bash\n{code}```").html
    text = re.sub(r"<[^>]+>", "", out)
    import html as html_module

    assert html_module.unescape(text).strip() == code.strip()


def test_inline_code_is_not_highlighted() -> None:
    out = render_markdown("команда `ansible -m setup <host>`").html
    assert "<code>ansible -m setup &lt;host&gt;</code>" in out


# --------------------------------------------------------------------------- images


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    (root / "docker" / "img").mkdir(parents=True)
    (root / "docker" / "img" / "схема.png").write_bytes(b"\x89PNG fake")
    (root / "shared.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")
    (root / "docker" / "note.md").write_text("x", encoding="utf-8")
    return root


def test_image_inside_root_is_resolved_relative_to_the_note(notes: Path) -> None:
    source = notes / "docker" / "note.md"
    out = render_markdown("![схема](img/схема.png)", source=source, root=notes)
    expected = (notes / "docker" / "img" / "схема.png").resolve()
    assert out.images == (expected,)
    assert out.problems == ()
    assert f'src="{expected.as_uri()}"' in out.html
    assert 'alt="схема"' in out.html


def test_image_in_parent_folder_inside_root_is_allowed(notes: Path) -> None:
    out = render_markdown("![](../shared.png)", source=notes / "docker" / "note.md", root=notes)
    assert out.images == ((notes / "shared.png").resolve(),)


def test_image_src_callback_names_the_media(notes: Path) -> None:
    out = render_markdown(
        "![a](img/схема.png)",
        source=notes / "docker" / "note.md",
        root=notes,
        image_src=lambda path: "media-" + path.name,
    )
    assert 'src="media-схема.png"' in out.html


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("../../secret.png", "outside the notes folder"),
        ("/etc/passwd", "outside the notes folder"),
        ("img/нет.png", "file not found"),
        ("img", "file not found"),
    ],
)
def test_images_outside_root_or_missing_are_refused(
    notes: Path, reference: str, reason: str
) -> None:
    out = render_markdown(f"![x]({reference})", source=notes / "docker" / "note.md", root=notes)
    assert out.images == ()
    assert len(out.problems) == 1
    assert out.problems[0].reference == reference
    assert reason in out.problems[0].reason
    assert "<img" not in out.html
    assert "[x]" in out.html


def test_symlink_pointing_outside_root_is_refused(notes: Path) -> None:
    link = notes / "docker" / "link.png"
    link.symlink_to(notes.parent / "secret.png")
    out = render_markdown("![x](link.png)", source=notes / "docker" / "note.md", root=notes)
    assert out.images == ()
    assert "outside" in out.problems[0].reason


def test_remote_image_is_never_fetched(notes: Path) -> None:
    out = render_markdown("![логотип](https://example.com/logo.png)", root=notes)
    assert "<img" not in out.html
    assert '<a href="https://example.com/logo.png">логотип</a>' in out.html
    assert out.problems[0].reason == "remote image shown as a link"


def test_data_and_file_uris_are_refused(notes: Path) -> None:
    out = render_markdown("![x](data:image/png;base64,AAAA)", root=notes)
    assert "<img" not in out.html
    assert out.problems[0].reason == "only image files from the notes folder"
    # markdown-it itself refuses file: links; the reference stays visible as text.
    secret = notes.parent / "secret.png"
    out = render_markdown(f"![x](file://{secret})", root=notes)
    assert "<img" not in out.html
    assert f"file://{secret}" in out.html


def test_without_any_folder_no_local_image_is_read() -> None:
    out = render_markdown("![x](img.png)")
    assert "<img" not in out.html
    assert out.problems[0].reason == "no notes folder to read images from"


def test_without_root_the_note_folder_is_the_limit(notes: Path) -> None:
    source = notes / "docker" / "note.md"
    assert render_markdown("![x](img/схема.png)", source=source).images
    assert not render_markdown("![x](../shared.png)", source=source).images


def test_image_alt_and_src_are_escaped(notes: Path) -> None:
    (notes / 'q"u.png').write_bytes(b"x")
    out = render_markdown('![a" onerror="x](<q"u.png>)', root=notes)
    assert 'onerror="' not in out.html
    assert "&quot;" in out.html


# --------------------------------------------------------------------------- cards


def test_card_html_has_breadcrumb_front_and_back() -> None:
    card = card_html(
        "Что такое `namespace`?", "Изоляция <ресурсов>", ["Docker", "Namespace Isolation"]
    )
    assert card.context == "Docker › Namespace Isolation"
    assert card.front == "<p>Что такое <code>namespace</code>?</p>"
    assert card.back == "<p>Изоляция &lt;ресурсов&gt;</p>"
    question = card.question()
    assert '<div class="fc-context">Docker › Namespace Isolation</div>' in question
    assert '<div class="fc-front"><p>Что такое <code>namespace</code>?</p></div>' in question
    answer = card.answer()
    assert answer.startswith(question)
    assert '<hr id="answer">' in answer
    assert answer.endswith('<div class="fc-back"><p>Изоляция &lt;ресурсов&gt;</p></div>')


def test_card_without_context_has_no_breadcrumb() -> None:
    card = card_html("a", "b")
    assert "fc-context" not in card.question()


def test_breadcrumb_escapes_and_renders_inline() -> None:
    assert breadcrumb_html(["Kubernetes", "`kubectl` <x>", " "]) == (
        "Kubernetes › <code>kubectl</code> &lt;x&gt;"
    )


def test_card_images_are_collected_from_both_sides(notes: Path) -> None:
    card = card_html(
        "![a](img/схема.png)",
        "![b](../shared.png) ![c](img/схема.png) ![d](../../secret.png)",
        source=notes / "docker" / "note.md",
        root=notes,
    )
    assert card.images == (
        (notes / "docker" / "img" / "схема.png").resolve(),
        (notes / "shared.png").resolve(),
    )
    assert [problem.reference for problem in card.problems] == ["../../secret.png"]


def test_fill_template_follows_anki_sections() -> None:
    template = "{{#Context}}[{{Context}}]{{/Context}}{{Front}}|{{Back Extra}}"
    assert fill_template(template, {"Context": "c", "Front": "f", "Back Extra": "e"}) == "[c]f|e"
    assert fill_template(template, {"Context": "", "Front": "f"}) == "f|"


# --------------------------------------------------------------------------- styles


def _css_rules(css: str) -> dict[str, str]:
    rules = re.findall(r"^(\.highlight[^{]*)\{([^}]*)\}", css, re.MULTILINE)
    return {selector.strip(): body.strip() for selector, body in rules}


def test_committed_pygments_stylesheets_match_generation(tmp_path: Path) -> None:
    """The committed stylesheets are what `python -m flashcards.render` writes.

    With the Pygments release that wrote them the files must be equal; another release
    may tune colours, but every common token class must still have a rule.
    """
    for generated in write_pygments_stylesheets(tmp_path):
        committed = (render._styles_dir() / generated.name).read_text(encoding="utf-8")
        fresh = generated.read_text(encoding="utf-8")
        if committed.splitlines()[0] == fresh.splitlines()[0]:
            assert committed == fresh
            continue
        committed_rules, fresh_rules = _css_rules(committed), _css_rules(fresh)
        for token_class in (".k", ".s", ".c", ".nf", ".m", ".o", ".nb", ".s2"):
            selector = f".highlight {token_class} "
            assert selector.strip() in committed_rules, f"{generated.name}: {selector}"
            assert selector.strip() in fresh_rules


@pytest.mark.parametrize("theme", THEMES)
def test_stylesheet_has_card_and_code_rules(theme: render.Theme) -> None:
    css = stylesheet(theme)
    assert ".fc-context" in css
    assert ".highlight .k {" in css


def test_anki_stylesheet_has_night_mode_code_colours() -> None:
    css = anki_stylesheet()
    assert ".nightMode .highlight .k {" in css
    assert "\n.highlight .k {" in css


def test_page_html_wraps_card_with_styles() -> None:
    page = page_html("<p>x</p>", theme="dark")
    assert page.startswith("<html><head><style>")
    assert '<div class="card"><p>x</p></div>' in page


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_render_never_raises_and_never_emits_active_html(text: str) -> None:
    out = render_markdown(text)
    lowered = out.html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "onerror=" not in lowered
    assert "<img" not in lowered  # no folder given: no image may be shown


_HTMLISH = st.lists(
    st.sampled_from(
        [
            "<script>", "</script>", "<img src=x onerror=alert(1)>", "<", ">", "`", "```",
            "\n", "\n\n", "    ", "![a](", ")", "[b](javascript:x)", "**", "<div>", "&",
            "{{c1::", "}}", "| a |\n|---|\n", "- ", "# ", "текст", "onerror=", '"', "'",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_HTMLISH)
def test_html_looking_input_is_always_escaped(text: str) -> None:
    lowered = render_markdown(text).html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<div" not in lowered
    assert 'href="javascript' not in lowered
    # Every attribute emitted is one we wrote ourselves.
    for attribute in re.findall(r"<[a-z0-9]+\s+([a-z-]+)=", lowered):
        assert attribute in {"href", "class", "src", "alt"}


# The fast path for one plain line must render exactly as markdown-it does.
_LINE_PIECES = st.sampled_from(
    [
        "a", "Docker", "это", " ", "  ", "`", "`code`", "` x `", "` `", "``", "-", "- ", "1.",
        "#", "> ", "|", "&", "<", ">", '"', "'", "*", "_", "[", "]", "!", "~", "\\", ":", "=",
        "+", "\u00a0", "\u2028", "é", "http://x.y", "ё", "9", ")", "(", "{{c1::", "}}", "\t",
        "--", "-m", "_a", "a_b", "__", "é_", "_1", "ф_ф", "-\u00a0", "--- ", ".", "\u0301",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINE_PIECES, min_size=1, max_size=12).map("".join))
def test_plain_line_fast_path_matches_markdown_it(text: str) -> None:
    fast = render._simple_line_html(text)
    if fast is not None:
        assert f"<p>{fast}</p>" == render._markdown().render(text).strip()
        assert fast == render._markdown().renderInline(text)


@pytest.mark.parametrize(
    "text",
    [
        "это демон", "`docker ps` - список", "команда `ansible -m setup <host>`",
        "a | b > c \"q\"", "--become", "-m", "kube_node", "`node_exporter` и `x_y`",
    ],
)
def test_common_lines_take_the_fast_path(text: str) -> None:
    assert render._simple_line_html(text) is not None


_BLOCK_PIECES = st.one_of(
    _LINE_PIECES,
    st.sampled_from(["\n", "\n\n", "\n- ", "- ", "\n \n", "\n\n- ", "\n\t\n", "\n\n\n", "\r\n"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_BLOCK_PIECES, min_size=1, max_size=16).map("".join))
def test_plain_blocks_fast_path_matches_markdown_it(text: str) -> None:
    fast = render._simple_blocks_html(text)
    if fast is not None:
        assert fast == render._markdown().render(text).strip()


def test_lists_and_paragraphs_take_the_fast_path() -> None:
    text = "Плюсы:\n\n- быстро\n- `docker ps` удобно\n\nещё строка\nи ещё"
    assert render._simple_blocks_html(text) == render._markdown().render(text).strip()
    assert render._simple_blocks_html(text) is not None


# --------------------------------------------------------------------------- Obsidian embeds


def test_obsidian_image_embed_by_name_relative_or_vault_path(notes: Path) -> None:
    source = notes / "docker" / "note.md"
    picture = (notes / "docker" / "img" / "схема.png").resolve()
    for markdown in ("![[схема.png]]", "![[img/схема.png]]", "![[docker/img/схема.png|300]]"):
        out = render_markdown(markdown, source=source, root=notes)
        assert out.images == (picture,), markdown
        assert f'<img src="{picture.as_uri()}" alt="схема" />' in out.html


def test_obsidian_embed_outside_root_or_of_a_note_is_not_an_image(notes: Path) -> None:
    source = notes / "docker" / "note.md"
    out = render_markdown("![[../../secret.png]]", source=source, root=notes)
    assert out.images == ()
    assert "outside" in out.problems[0].reason
    assert render_markdown("![[Другая заметка]]", source=source, root=notes).html == (
        "<p>![[Другая заметка]]</p>"
    )


def test_obsidian_embed_name_is_not_a_glob(notes: Path) -> None:
    out = render_markdown("![[*.png]]", source=notes / "docker" / "note.md", root=notes)
    assert out.images == ()
    assert out.problems[0].reason == "file not found"


def test_code_block_has_no_empty_last_line() -> None:
    for markdown in ("```bash\ndocker ps\n```", "```\nplain\n```", "    indented\n"):
        out = render_markdown(markdown).html
        assert out.endswith("</code></pre>"), out
        assert "\n</code>" not in out and "\n</span></code>" not in out


# -- a cloze's back marks the answer it hid ----------------------------------------------

def test_cloze_back_marks_only_its_own_answer():
    from flashcards.render import cloze_back_markdown

    text = "Kubernetes хранит состояние в {{c1::etcd}}, а планирует {{c2::kube-scheduler}}."
    html = render_markdown(cloze_back_markdown(text, 2)).html
    assert html == ("<p>Kubernetes хранит состояние в etcd, а планирует "
                    '<strong class="cloze">kube-scheduler</strong>.</p>')
    first = render_markdown(cloze_back_markdown(text, 1)).html
    assert '<strong class="cloze">etcd</strong>' in first
    assert "kube-scheduler</strong>" not in first
    assert cloze_back_markdown(text, 3) is None


def test_cloze_back_hides_hints_keeps_html_escaped_and_never_crosses_blocks():
    from flashcards.render import cloze_back_markdown

    hinted = "{{c1::Docker}} uses {{c2::namespaces::kernel feature}} for isolation."
    html = render_markdown(cloze_back_markdown(hinted, 2)).html
    assert '<strong class="cloze">namespaces</strong>' in html
    assert "kernel feature" not in html
    # Next to punctuation inside a word, where Markdown's ** would not open.
    assert render_markdown(cloze_back_markdown('в{{c1::"etcd"}}!', 1)).html == (
        '<p>в<strong class="cloze">&quot;etcd&quot;</strong>!</p>')
    unsafe = render_markdown(cloze_back_markdown("x {{c1::<img src=x onerror=alert(1)>}}",
                                                 1)).html
    assert "<img" not in unsafe and "&lt;img" in unsafe
    two = render_markdown(cloze_back_markdown("a\n\n{{c1::one\n\ntwo}}", 1)).html
    assert two == ('<p>a</p>\n<p><strong class="cloze">one</strong></p>\n'
                   '<p><strong class="cloze">two</strong></p>')


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}:"),
               min_size=1, max_size=20))
@settings(max_examples=150, deadline=None)
def test_cloze_marks_never_leak_and_tags_balance(before, answer):
    from flashcards.render import CLOZE_CLOSE, CLOZE_OPEN, cloze_back_markdown

    marked = cloze_back_markdown(f"{before} {{{{c1::{answer}}}}} end", 1)
    if marked is None:
        return
    html = render_markdown(marked).html
    assert CLOZE_OPEN not in html and CLOZE_CLOSE not in html
    assert html.count("<strong") == html.count("</strong>")
