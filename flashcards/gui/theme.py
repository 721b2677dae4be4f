"""Light and dark palettes that follow the system, and font sizes that scale with it.

Qt already follows the desktop's colour scheme where the platform reports one; this
module fills the gap for explicit choices (the Settings screen) and tells the card view
whether it sits on a dark background, so code highlighting picks readable colours.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ThemeChoice = Literal["system", "light", "dark"]

# Card text is this many times the system font, like Anki's large default card font.
CARD_FONT_SCALE = 1.6


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    palette = QPalette()
    window = QColor(45, 45, 48)
    base = QColor(30, 30, 32)
    text = QColor(230, 230, 230)
    disabled = QColor(127, 127, 127)
    highlight = QColor(64, 128, 214)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(40, 40, 43),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(58, 58, 62),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(110, 170, 255),
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Light: QColor(75, 75, 80),
        QPalette.ColorRole.Midlight: QColor(65, 65, 70),
        QPalette.ColorRole.Mid: QColor(50, 50, 54),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


_current_choice: ThemeChoice = "system"


def apply_theme(app: QApplication, choice: ThemeChoice = "system") -> None:
    """Use the system's scheme, or force light/dark (for the Settings screen)."""
    global _current_choice
    _current_choice = choice
    app.setStyle("Fusion")
    hints = app.styleHints()
    if choice == "system":
        hints.unsetColorScheme()
        system_dark = hints.colorScheme() == Qt.ColorScheme.Dark
        app.setPalette(_dark_palette() if system_dark else app.style().standardPalette())
        return
    hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
    app.setPalette(_dark_palette() if choice == "dark" else app.style().standardPalette())


def follow_system_scheme(app: QApplication) -> None:
    """Switch palettes when the desktop switches between light and dark."""

    def on_change(_scheme: Qt.ColorScheme) -> None:
        if _current_choice == "system":
            apply_theme(app, "system")

    app.styleHints().colorSchemeChanged.connect(on_change)


def scaled_font(base: QFont, scale: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    font.setBold(bold)
    return font
