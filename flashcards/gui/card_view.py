"""The card as the reviewer shows it: the renderer's HTML in a centred, readable column."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from flashcards.gui.theme import CARD_FONT_SCALE, is_dark

# A line of card text stays under this many average characters, as in a book.
_COLUMN_CHARACTERS = 64


_BLOCKS = re.compile(r"<(ul|ol|pre|table|blockquote|h[1-6])\b", re.IGNORECASE)


def is_short_text(html: str) -> bool:
    """One short paragraph: centred like Anki's cards. Lists, code and long text read
    better from a left edge, so those keep it."""
    return (not _BLOCKS.search(html) and html.count("<p") <= 1
            and len(re.sub(r"<[^>]+>", "", html)) <= 160)


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """`share` of `first` over `second`: a muted text colour readable in both palettes."""
    return QColor(
        round(first.red() * share + second.red() * (1 - share)),
        round(first.green() * share + second.green() * (1 - share)),
        round(first.blue() * share + second.blue() * (1 - share)),
    )


def card_page(body: str, palette: QPalette, base_point_size: float,
              font_scale: float = CARD_FONT_SCALE, *, centre_front: bool = True,
              centre_back: bool = False) -> str:
    """A whole page for QTextBrowser: the renderer's styles, sized from the system font."""
    from flashcards.render import stylesheet

    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    muted = _mix(palette.color(QPalette.ColorRole.Text),
                 palette.color(QPalette.ColorRole.Base), 0.55).name()
    size = max(6.0, base_point_size * font_scale)
    # The shared card.css sizes text in pixels for Anki; the window follows the
    # system font instead, so these rules come after it and win.
    overrides = (
        f".card, .nightMode .card, .card.nightMode {{ font-size: {size:.1f}pt; color: {text};"
        f" background-color: {base}; }}\n"
        f".fc-context {{ font-size: {size * 0.62:.1f}pt; color: {muted}; }}\n"
        # Qt lays out each line of a <pre> as its own block: any line height other than
        # 100% opens gaps in the code's background.
        f"pre.highlight {{ font-size: {size * 0.72:.1f}pt; line-height: 100%; }}\n"
        f"code {{ font-size: {size * 0.85:.1f}pt; }}\n"
        f"hr#answer {{ margin-top: {size:.0f}pt; margin-bottom: {size:.0f}pt; }}\n"
    )
    if centre_front:
        overrides += ".fc-context, .fc-front { text-align: center; }\n"
    if centre_back:
        overrides += ".fc-back { text-align: center; }\n"
    theme = "dark" if dark else "light"
    card_class = "card nightMode" if dark else "card"
    return (
        "<html><head><style>" + stylesheet(theme) + "\n" + overrides + "</style></head>"
        f'<body><div class="{card_class}">' + body + "</div></body></html>"
    )


class CardView(QTextBrowser):
    """A read-only card; links open outside only when the learner clicks them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self._font_scale = CARD_FONT_SCALE

    def set_card_html(self, body: str, font_scale: float = CARD_FONT_SCALE, *,
                      centre_front: bool = True, centre_back: bool = False) -> None:
        point_size = self.font().pointSizeF()
        if point_size <= 0:
            point_size = 10.0
        self._font_scale = font_scale
        # Qt shows the newline that ends every code block as an empty last line.
        body = body.replace("\n</code></pre>", "</code></pre>")
        self.setHtml(card_page(body, self.palette(), point_size, font_scale,
                               centre_front=centre_front, centre_back=centre_back))
        self._centre_column()
        self.verticalScrollBar().setValue(0)

    def scroll_by_pages(self, pages: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())

    def scroll_by_lines(self, lines: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + lines * bar.singleStep())

    def _open_link(self, url: QUrl) -> None:
        # Only what the learner clicks leaves the app; the app itself never fetches.
        if url.scheme() in {"http", "https", "mailto", "file"}:
            QDesktopServices.openUrl(url)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_column()

    def _centre_column(self) -> None:
        """Keep lines short enough to read on a wide window: margins of the root frame
        (not viewport margins, so the whole area keeps one background)."""
        column = int(self.fontMetrics().averageCharWidth() * self._font_scale
                     * _COLUMN_CHARACTERS)
        side = max(12, (self.viewport().width() - column) // 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if (frame_format.leftMargin(), frame_format.topMargin()) == (side, 20):
            return
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        frame_format.setTopMargin(20)
        frame_format.setBottomMargin(20)
        root.setFrameFormat(frame_format)
