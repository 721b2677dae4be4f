"""Card Markdown -> safe HTML, shared by the review window and the Anki export.

Notes are untrusted: raw HTML is never passed through (markdown-it's `html` option is off,
so `<script>` arrives as text), link schemes are filtered by markdown-it, and an image is
shown only when it is a file inside the notes folder. Nothing here touches the network:
a remote image becomes a plain link the learner may follow, never an `<img src>` that a
viewer would fetch on its own.

The card layout (context breadcrumb, front, back) is defined once here as Anki-style
templates, so a card looks the same in our window and in Anki.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

Theme = Literal["light", "dark"]
THEMES: tuple[Theme, ...] = ("light", "dark")

# The Pygments styles behind resources/styles/pygments-<theme>.css.
PYGMENTS_STYLES: dict[Theme, str] = {"light": "default", "dark": "monokai"}
# The wrapper class of highlighted code; the stylesheets select on it.
HIGHLIGHT_CLASS = "highlight"
BREADCRUMB_SEPARATOR = " › "

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ImageProblem:
    """An image reference that was not shown, with a reason the learner can act on."""

    reference: str
    reason: str


@dataclass(frozen=True)
class RenderedHtml:
    """HTML of one piece of card Markdown, plus the local files it shows.

    `images` are resolved, existing files inside the notes folder (the exporter packs
    them as media); `problems` are the references that were refused or not found.
    """

    html: str
    images: tuple[Path, ...] = ()
    problems: tuple[ImageProblem, ...] = ()

    def __str__(self) -> str:
        return self.html


ImageSource = Callable[[Path], str]


def file_uri(path: Path) -> str:
    """The default `src` of a local image: a file URI (QTextBrowser loads it)."""
    return path.as_uri()


@dataclass
class _RenderEnv:
    """Per-call state that the markdown-it render rules read and fill."""

    base: Path | None
    root: Path | None
    image_src: ImageSource
    images: list[Path] = field(default_factory=list)
    problems: list[ImageProblem] = field(default_factory=list)


# --------------------------------------------------------------------------- code


@lru_cache(maxsize=64)
def _lexer_for(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped,unused-ignore]
    from pygments.lexers.special import TextLexer  # type: ignore[import-untyped,unused-ignore]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped,unused-ignore]

    if language:
        try:
            return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
        except ClassNotFound:
            pass
    # Guessing a lexer from a short snippet is slow and mostly wrong on shell lines;
    # unlabelled code is shown as plain text in the same frame.
    return TextLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=512)
def _token_class(token_type: Any) -> str:
    from pygments.token import STANDARD_TYPES  # type: ignore[import-untyped,unused-ignore]

    while token_type not in STANDARD_TYPES:
        token_type = token_type.parent
    css_class: str = STANDARD_TYPES[token_type]
    return css_class


def highlight_code(code: str, language: str = "") -> str:
    """`<pre class="highlight">` with Pygments token spans (classes, see the stylesheets).

    Spans carry Pygments' short class names, so its stylesheets apply; written here rather
    than by Pygments' HtmlFormatter, which costs several times the lexing itself.
    """
    lexer = _lexer_for(language)
    # Markdown keeps the block's last line break; Qt would draw it as an empty last line.
    code = code[:-1] if code.endswith("\n") else code
    pieces: list[str] = []
    current_class = ""
    current: list[str] = []

    def flush() -> None:
        if current:
            text = escapeHtml("".join(current))
            pieces.append(f'<span class="{current_class}">{text}</span>' if current_class else text)
            current.clear()

    for token_type, value in lexer.get_tokens(code):
        css_class = _token_class(token_type)
        if css_class != current_class:
            flush()
            current_class = css_class
        current.append(value)
    flush()
    language_class = ""
    if language and lexer.name != "Text only":
        language_class = f' class="language-{escapeHtml(language.lower())}"'
    return f'<pre class="{HIGHLIGHT_CLASS}"><code{language_class}>{"".join(pieces)}</code></pre>\n'


def _highlight_option(code: str, language: str, _attrs: str) -> str:
    return highlight_code(code, language)


# --------------------------------------------------------------------------- images


def _is_inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _image_alt(token: Token) -> str:
    return "".join(child.content for child in token.children or ())


_WIKI_IMAGE = re.compile(r"!\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif"})


def _wiki_image_rule(state: Any, silent: bool) -> bool:
    """Obsidian's image embed `![[img/a.png]]` (or `![[a.png|300]]`, a display width)."""
    if not state.src.startswith("![[", state.pos):
        return False
    match = _WIKI_IMAGE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    target = match.group(1).strip()
    if Path(target).suffix.lower() not in IMAGE_SUFFIXES:
        return False  # a note embed: left as text
    if not silent:
        token = state.push("image", "img", 0)
        token.attrs = {"src": target, "alt": ""}
        token.meta["wiki"] = True
        token.content = Path(target).stem
        token.children = []
    state.pos = match.end()
    return True


def _find_by_name(root: Path, name: str) -> Path | None:
    """Obsidian finds an embedded file by its name anywhere in the vault."""
    matches = sorted(
        Path(folder) / name for folder, _, files in os.walk(root) if name in files
    )
    return matches[0] if matches else None


def _render_image(
    renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    state: _RenderEnv = env["flashcards"]
    raw_src = str(token.attrGet("src") or "")
    is_wiki = bool(token.meta.get("wiki"))
    reference = raw_src if is_wiki else unquote(raw_src)
    alt = token.content if is_wiki else _image_alt(token)
    shown_alt = html.escape(alt or reference, quote=False)

    if raw_src.startswith("//") or _SCHEME.match(raw_src):
        if raw_src.lower().startswith(("http:", "https:", "//")):
            # Never fetched: offered as a link the learner may open themselves.
            href = html.escape(raw_src, quote=True)
            state.problems.append(ImageProblem(reference, "remote image shown as a link"))
            return f'<a href="{href}">{shown_alt}</a>'
        state.problems.append(ImageProblem(reference, "only image files from the notes folder"))
        return f"[{shown_alt}]"

    if state.root is None:
        state.problems.append(ImageProblem(reference, "no notes folder to read images from"))
        return f"[{shown_alt}]"

    base = state.base if state.base is not None else state.root
    try:
        path = (base / reference).resolve()
    except (OSError, RuntimeError, ValueError):
        state.problems.append(ImageProblem(reference, "not a valid file path"))
        return f"[{shown_alt}]"
    if is_wiki and not path.exists():
        # Obsidian's links are relative to the vault, or just the file's name.
        found: Path | None = state.root / reference
        if found is not None and not found.exists():
            found = _find_by_name(state.root, reference) if "/" not in reference else None
        if found is not None:
            path = found.resolve()
    if not _is_inside(path, state.root):
        state.problems.append(ImageProblem(reference, "outside the notes folder, not shown"))
        return f"[{shown_alt}]"
    if not path.is_file():
        state.problems.append(ImageProblem(reference, "file not found"))
        return f"[{shown_alt}]"

    if path not in state.images:
        state.images.append(path)
    src = html.escape(state.image_src(path), quote=True)
    return f'<img src="{src}" alt="{html.escape(alt, quote=True)}" />'


# --------------------------------------------------------------------------- markdown


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "highlight": _highlight_option, "breaks": True}
    ).enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "wiki_image", _wiki_image_rule)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("code_block", _render_indented_code)
    return md


def _render_indented_code(
    renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return highlight_code(tokens[idx].content)


# Most card text is one plain line, perhaps with `code`: it is rendered here, as markdown-it
# would render it (a property test holds the two equal), at a fraction of the cost. Anything
# that could be Markdown syntax goes to markdown-it.
_NOT_PLAIN_LINE = re.compile(r"[\n\r\t\x00\x0b\x0c]|``")
# `_` between two letters or digits can neither open nor close emphasis (`kube_node`).
_MARKDOWN_PUNCTUATION = re.compile(r"[\\*\[\]!<&~`]|(?<![^\W_])_|_(?![^\W_])")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_BLOCK_MARKERS = frozenset("#>+=*|:~")
# `--diff`, `-m`: dashes then a word is not a list item nor a rule.
_DASHED_WORD = re.compile(r"-+[^\s\-]")


def _simple_line_html(text: str) -> str | None:
    if not text or text != text.strip() or _NOT_PLAIN_LINE.search(text):
        return None
    first = text[0]
    if first in _BLOCK_MARKERS or first.isdigit():
        return None
    if first == "-" and not _DASHED_WORD.match(text):
        return None
    pieces: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        outside = text[last:match.start()]
        if _MARKDOWN_PUNCTUATION.search(outside):
            return None
        pieces.append(escapeHtml(outside))
        content = match.group(1)
        if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
            content = content[1:-1]
        pieces.append(f"<code>{escapeHtml(content)}</code>")
        last = match.end()
    rest = text[last:]
    if _MARKDOWN_PUNCTUATION.search(rest):
        return None
    pieces.append(escapeHtml(rest))
    return "".join(pieces)


_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _simple_blocks_html(text: str) -> str | None:
    """Plain paragraphs and tight `- ` lists of plain lines, or None for anything else."""
    if "\n" not in text:
        line = _simple_line_html(text)
        return None if line is None else f"<p>{line}</p>"
    if text != text.strip("\n") or "\r" in text:
        return None
    blocks: list[str] = []
    previous_was_list = False
    for block in _BLANK_LINES.split(text):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            if previous_was_list:
                return None  # two lists with a blank line between are one loose list
            items = [_simple_line_html(line[2:]) for line in lines]
            if any(item is None for item in items):
                return None
            blocks.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")
            previous_was_list = True
        else:
            rendered = [_simple_line_html(line) for line in lines]
            if any(line is None for line in rendered):
                return None
            # Notes put one fact per line: a line break in a note is a break on the card.
            blocks.append("<p>" + "<br />\n".join(line for line in rendered if line) + "</p>")
            previous_was_list = False
    return "\n".join(blocks)


@lru_cache(maxsize=1024)
def _resolved(path: Path) -> Path:
    return path.resolve()


def _environment(
    source: Path | None, root: Path | None, image_src: ImageSource
) -> _RenderEnv:
    resolved_root = _resolved(root) if root is not None else None
    base = _resolved(source).parent if source is not None else None
    if resolved_root is None and base is not None:
        # No notes folder given: the note's own folder is the only safe place.
        resolved_root = base
    return _RenderEnv(base=base, root=resolved_root, image_src=image_src)


def render_markdown(
    text: str,
    *,
    source: Path | None = None,
    root: Path | None = None,
    image_src: ImageSource = file_uri,
) -> RenderedHtml:
    """Render card Markdown to safe HTML.

    `source` is the note file (images resolve relative to its folder), `root` the notes
    folder (images outside it are refused). `image_src` turns an accepted image file into
    the `src` to emit: a file URI for the window, a media file name for Anki.
    """
    simple = _simple_blocks_html(text)
    if simple is not None:
        return RenderedHtml(_mark_clozes(simple))
    state = _environment(source, root, image_src)
    rendered = _markdown().render(text, {"flashcards": state})
    return RenderedHtml(_mark_clozes(rendered.strip()), tuple(state.images),
                        tuple(state.problems))


def render_inline(text: str) -> str:
    """One line of Markdown (a heading title) as inline HTML; images are not shown."""
    simple = _simple_line_html(text)
    if simple is not None:
        return simple
    state = _RenderEnv(base=None, root=None, image_src=file_uri)
    inline: str = _markdown().renderInline(text, {"flashcards": state})
    return inline


def breadcrumb_html(context: Iterable[str]) -> str:
    """`Docker › Namespace Isolation`, each title rendered inline and escaped."""
    return html.escape(BREADCRUMB_SEPARATOR, quote=False).join(
        render_inline(title) for title in context if title.strip()
    )


# --------------------------------------------------------------------------- cards

# The Anki templates of our note types; `card_html` fills the very same templates so the
# window and Anki show one layout. `{{#Context}}` sections are Anki conditionals.
CONTEXT_SECTION = '{{#Context}}<div class="fc-context">{{Context}}</div>{{/Context}}'
FRONT_TEMPLATE = CONTEXT_SECTION + '\n<div class="fc-front">{{Front}}</div>'
BACK_TEMPLATE = '{{FrontSide}}\n<hr id="answer">\n<div class="fc-back">{{Back}}</div>'
REVERSE_FRONT_TEMPLATE = CONTEXT_SECTION + '\n<div class="fc-front">{{Back}}</div>'
REVERSE_BACK_TEMPLATE = '{{FrontSide}}\n<hr id="answer">\n<div class="fc-back">{{Front}}</div>'
CLOZE_FRONT_TEMPLATE = CONTEXT_SECTION + '\n<div class="fc-front">{{cloze:Text}}</div>'
CLOZE_BACK_TEMPLATE = (
    CONTEXT_SECTION
    + '\n<div class="fc-front">{{cloze:Text}}</div>'
    + '{{#Back Extra}}\n<hr id="answer">\n<div class="fc-back">{{Back Extra}}</div>'
    + "{{/Back Extra}}"
)

_SECTION = re.compile(r"\{\{#([^}]+)\}\}(.*?)\{\{/\1\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#/}][^}]*)\}\}")


def fill_template(template: str, fields: dict[str, str]) -> str:
    """Anki's template substitution for the subset our templates use.

    Fields are already-safe HTML; a conditional section shows only when its field is
    non-empty, as in Anki.
    """

    def section(match: re.Match[str]) -> str:
        return match.group(2) if fields.get(match.group(1), "").strip() else ""

    def value(match: re.Match[str]) -> str:
        return fields.get(match.group(1), "")

    return _FIELD.sub(value, _SECTION.sub(section, template))


@dataclass(frozen=True)
class CardHtml:
    """One card as HTML: its fields and both sides, laid out like the Anki templates."""

    context: str
    front: str
    back: str
    images: tuple[Path, ...] = ()
    problems: tuple[ImageProblem, ...] = ()

    def fields(self) -> dict[str, str]:
        return {"Context": self.context, "Front": self.front, "Back": self.back}

    def question(self) -> str:
        return fill_template(FRONT_TEMPLATE, self.fields())

    def answer(self) -> str:
        fields = self.fields() | {"FrontSide": self.question()}
        return fill_template(BACK_TEMPLATE, fields)


# Anki's cloze markup as our parser writes it: `{{c2::answer}}` or `{{c2::answer::hint}}`.
_ANKI_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
# Private-use characters around a cloze's answer: Markdown leaves them alone (unlike `**`,
# which does not open next to punctuation inside a word), and the HTML gets the tag.
CLOZE_OPEN, CLOZE_CLOSE = "\ue000", "\ue001"
_CLOZE_MARKED = re.compile(f"{CLOZE_OPEN}(.*?){CLOZE_CLOSE}", re.DOTALL)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|pre|blockquote|td|th)>")
_BLOCK_START = re.compile(r"<(?:p|li|h[1-6]|td|th)(?:\s[^>]*)?>")


def cloze_back_markdown(cloze_text: str, number: int) -> str | None:
    """The back of cloze `number` with its own answer marked (shown in bold, as Anki
    does), so the learner sees at once what was hidden; the other deletions in clear.
    None when the text has no deletion `number` (then the card's plain back is shown)."""
    found = False

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        answer = match.group(2)
        if int(match.group(1)) != number or not answer.strip():
            return answer
        found = True
        return f"{CLOZE_OPEN}{answer}{CLOZE_CLOSE}"

    marked = _ANKI_CLOZE.sub(replace, cloze_text)
    return marked if found else None


def _mark_clozes(html_text: str) -> str:
    if CLOZE_OPEN not in html_text:
        return html_text
    def strong(match: re.Match[str]) -> str:
        # An answer over several paragraphs: bold in each, tags never cross a block.
        inner = _BLOCK_END.sub(r"</strong>\g<0>", match.group(1))
        inner = _BLOCK_START.sub(r'\g<0><strong class="cloze">', inner)
        return f'<strong class="cloze">{inner}</strong>'

    marked = _CLOZE_MARKED.sub(strong, html_text)
    return marked.replace(CLOZE_OPEN, "").replace(CLOZE_CLOSE, "")


def card_html(
    front_md: str,
    back_md: str,
    context: Sequence[str] = (),
    *,
    source: Path | None = None,
    root: Path | None = None,
    image_src: ImageSource = file_uri,
) -> CardHtml:
    """Render a card's front, back and breadcrumb (what the reviewer and the export show)."""
    front = render_markdown(front_md, source=source, root=root, image_src=image_src)
    back = render_markdown(back_md, source=source, root=root, image_src=image_src)
    images = tuple(dict.fromkeys(front.images + back.images))
    return CardHtml(
        context=breadcrumb_html(context),
        front=front.html,
        back=back.html,
        images=images,
        problems=front.problems + back.problems,
    )


def page_html(body: str, *, theme: Theme = "light") -> str:
    """A whole HTML page for QTextBrowser.setHtml: the card styles plus a card side."""
    return (
        "<html><head><style>"
        + stylesheet(theme)
        + '</style></head><body><div class="card">'
        + body
        + "</div></body></html>"
    )


# --------------------------------------------------------------------------- styles


def pygments_css(theme: Theme, prefix: str = "") -> str:
    """The Pygments rules of a theme, selecting on `.highlight` (under `prefix` if given)."""
    from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped,unused-ignore]

    formatter = HtmlFormatter(style=PYGMENTS_STYLES[theme])
    selector = f"{prefix} .{HIGHLIGHT_CLASS}".strip()
    rules: str = formatter.get_style_defs(selector)
    # Qt's rich text ignores these anyway and Anki needs none: keep the files small.
    return "\n".join(
        line
        for line in rules.splitlines()
        if not line.startswith(("pre {", "td.linenos", "span.linenos"))
    ) + "\n"


def _styles_dir() -> Path:
    from flashcards.paths import resources_dir

    return resources_dir() / "styles"


def read_style(name: str) -> str:
    """A file of resources/styles (`card.css`, `pygments-light.css`, ...)."""
    return (_styles_dir() / name).read_text(encoding="utf-8")


def stylesheet(theme: Theme = "light") -> str:
    """Card typography plus code colours for one theme (the window's stylesheet)."""
    return read_style("card.css") + "\n" + read_style(f"pygments-{theme}.css")


def anki_stylesheet() -> str:
    """The note types' CSS: light colours, and dark ones under Anki's night mode class."""
    dark = pygments_css("dark", prefix=".nightMode")
    return read_style("card.css") + "\n" + read_style("pygments-light.css") + "\n" + dark


def write_pygments_stylesheets(directory: Path | None = None) -> list[Path]:
    """(Re)generate resources/styles/pygments-<theme>.css from the Pygments styles."""
    from pygments import __version__ as pygments_version  # type: ignore[import-untyped,unused-ignore]

    target = directory if directory is not None else _styles_dir()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for theme in THEMES:
        path = target / f"pygments-{theme}.css"
        style = PYGMENTS_STYLES[theme]
        header = (f"/* Generated by flashcards.render from Pygments {pygments_version} "
                  f"style '{style}'. */\n")
        path.write_text(header + pygments_css(theme), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_pygments_stylesheets():
        print(written_path)
