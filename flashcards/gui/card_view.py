"""The card as the reviewer shows it: the renderer's HTML in a centred, readable column."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImageReader, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from flashcards.gui.theme import CARD_FONT_SCALE, is_dark

# A line of card text stays under this many average characters, as in a book.
_COLUMN_CHARACTERS = 64


# The newline that ends a code block, bare or inside Pygments' last whitespace span.
_LAST_CODE_NEWLINE = re.compile(r'(?:<span class="w">\n</span>|\n)((?:</span>)?)</code></pre>')
# Images the renderer accepted (files inside the notes folder), as file URIs.
_LOCAL_IMAGE = re.compile(r'<img src="(file://[^"]+)"')
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


def card_page(body: str, palette: QPalette, base_pixel_size: float,
              font_scale: float = CARD_FONT_SCALE, *, centre_front: bool = True,
              centre_back: bool = False) -> str:
    """A whole page for QTextBrowser: the renderer's styles, sized from the system font."""
    from flashcards.render import Theme, stylesheet

    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    muted = _mix(palette.color(QPalette.ColorRole.Text),
                 palette.color(QPalette.ColorRole.Base), 0.55).name()
    size = max(8.0, base_pixel_size * font_scale)
    # The shared card.css sizes text in pixels for Anki; the window follows the system
    # font instead. Pixels here too: Qt keeps a point size and a pixel size side by side
    # and the pixel size wins, so only pixels can replace card.css's sizes.
    overrides = (
        f".card {{ font-size: {size:.0f}px; color: {text}; background-color: {base}; }}\n"
        f".fc-context {{ font-size: {size * 0.62:.0f}px; color: {muted}; }}\n"
        # Qt lays out each line of a <pre> as its own block: any line height other than
        # 100% opens gaps in the code's background.
        f"pre.highlight {{ font-size: {size * 0.75:.0f}px; line-height: 100%; }}\n"
        f"code {{ font-size: {size * 0.88:.0f}px; }}\n"
        f"hr#answer {{ margin-top: {size * 0.8:.0f}px; margin-bottom: {size * 0.8:.0f}px; }}\n"
        # A cloze's answer on the back, coloured like Anki's.
        f".cloze {{ color: {palette.color(QPalette.ColorRole.Link).name()}; }}\n"
    )
    if centre_front:
        overrides += ".fc-context, .fc-front { text-align: center; }\n"
    if centre_back:
        overrides += ".fc-back { text-align: center; }\n"
    theme: Theme = "dark" if dark else "light"
    return (
        # Qt's rich text resolves conflicting rules unlike a browser: for font sizes the
        # first rule wins, for colours the last. The window's rules therefore come both
        # before and after the shared stylesheet, so they win either way.
        "<html><head><style>" + overrides + "\n" + stylesheet(theme) + "\n" + overrides
        + "</style></head>"
        # No `nightMode` class: card.css's night colours are Anki's; here the palette's
        # colours above already follow the theme.
        '<body><div class="card">' + body + "</div></body></html>"
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
        self._shown: tuple[str, float, bool, bool] | None = None

    def set_card_html(self, body: str, font_scale: float = CARD_FONT_SCALE, *,
                      centre_front: bool = True, centre_back: bool = False) -> None:
        self._shown = (body, font_scale, centre_front, centre_back)
        font = self.font()
        if font.pixelSize() > 0:
            pixel_size = float(font.pixelSize())
        else:
            points = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
            pixel_size = points * self.logicalDpiY() / 72.0
        self._font_scale = font_scale
        # Qt shows the newline that ends every code block as an empty last line.
        body = _LAST_CODE_NEWLINE.sub(r"\1</code></pre>", body)
        body = self._fit_images(body)
        self.setHtml(card_page(body, self.palette(), pixel_size, font_scale,
                               centre_front=centre_front, centre_back=centre_back))
        self._centre_column()
        self.verticalScrollBar().setValue(0)

    def _column_width(self) -> int:
        return int(self.fontMetrics().averageCharWidth() * self._font_scale
                   * _COLUMN_CHARACTERS)

    def _fit_images(self, body: str) -> str:
        """Qt's rich text ignores `max-width`: a wide screenshot gets a width attribute so
        it fits the card's column instead of running off to the side."""
        limit = min(self._column_width(), max(200, self.viewport().width() - 40))

        def fit(match: re.Match[str]) -> str:
            size = QImageReader(QUrl(match.group(1)).toLocalFile()).size()
            if size.isValid() and size.width() > limit:
                return f'<img width="{limit}" src="{match.group(1)}"'
            return match.group(0)

        return _LOCAL_IMAGE.sub(fit, body)

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The page bakes the palette's colours in: draw it again once this view has the
        # new palette (the main window hears of a switch before its children get it).
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            body, scale, centre_front, centre_back = self._shown
            scroll = self.verticalScrollBar().value()
            self.set_card_html(body, scale, centre_front=centre_front, centre_back=centre_back)
            self.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_column()

    def _centre_column(self) -> None:
        """Keep lines short enough to read on a wide window: margins of the root frame
        (not viewport margins, so the whole area keeps one background)."""
        column = self._column_width()
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
