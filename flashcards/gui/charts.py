"""Small charts drawn with QPainter (no QtCharts, so the essentials wheel is enough).

Colours come from the widget's palette, so every chart reads well in light and dark.
Each chart keeps the figures it draws (`bars`, `counts`) for tooltips and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from flashcards.gui.theme import is_dark

# GitHub-like greens: empty, then four levels of activity.
HEAT_LIGHT = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")
HEAT_DARK = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")
ACCENT_LIGHT = "#1565c0"
ACCENT_DARK = "#64b5f6"


def heat_level(count: int, maximum: int) -> int:
    """0 for no reviews, else 1..4 by the share of the busiest day."""
    if count <= 0 or maximum <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // maximum)


def accent(palette: QPalette) -> QColor:
    return QColor(ACCENT_DARK if is_dark(palette) else ACCENT_LIGHT)


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar (may be empty)
    value: float | None  # None: no bar (no data), unlike 0
    tooltip: str = ""
    colour: str | None = None  # default: the accent colour


class BarChart(QWidget):
    """Vertical bars with a top value and labels underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.maximum: float | None = None
        self.value_text: Callable[[float], str] = lambda value: f"{value:g}"
        self.empty_text = ""
        self.setMinimumHeight(self.fontMetrics().height() * 9)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None,
                 value_text: Callable[[float], str] | None = None) -> None:
        self.bars = list(bars)
        self.maximum = maximum
        if value_text is not None:
            self.value_text = value_text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 10)

    def _scale(self) -> float:
        values = [bar.value for bar in self.bars if bar.value is not None]
        top = self.maximum if self.maximum is not None else max(values, default=0)
        return top if top > 0 else 1.0

    def _plot_rect(self) -> QRect:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance(self.value_text(self._scale())) + 8
        return self.rect().adjusted(left, metrics.height() // 2 + 2, -4,
                                    -(metrics.height() + 6))

    def _bar_rect(self, index: int) -> QRect:
        plot = self._plot_rect()
        count = max(1, len(self.bars))
        slot = plot.width() / count
        gap = max(1.0, slot * 0.18)
        bar = self.bars[index]
        height = 0 if bar.value is None else plot.height() * bar.value / self._scale()
        left = plot.left() + index * slot + gap / 2
        return QRect(round(left), round(plot.bottom() - height), max(1, round(slot - gap)),
                     round(height))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        plot = self._plot_rect()
        metrics = self.fontMetrics()
        painter.setPen(grid)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), QPoint(plot.right(), plot.top()))
        painter.setPen(text)
        painter.drawText(QRect(0, plot.top() - metrics.height() // 2, plot.left() - 4,
                               metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         self.value_text(self._scale()))
        painter.drawText(QRect(0, plot.bottom() - metrics.height() // 2, plot.left() - 4,
                               metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), "0")
        if not any(bar.value for bar in self.bars) and self.empty_text:
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
        default = accent(palette)
        # Labels are thinned out so they never overlap.
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        slot = plot.width() / max(1, len(self.bars))
        every = max(1, int((widest + 8) // max(1.0, slot)) + 1)
        for index, bar in enumerate(self.bars):
            rect = self._bar_rect(index)
            if bar.value:
                painter.fillRect(rect, QColor(bar.colour) if bar.colour else default)
            if bar.label and index % every == 0:
                label_rect = QRect(round(plot.left() + index * slot - slot * (every - 1) / 2),
                                   plot.bottom() + 3, round(slot * every), metrics.height())
                painter.setPen(text)
                painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignHCenter
                                                 | Qt.AlignmentFlag.AlignTop), bar.label)
        painter.end()

    def bar_at(self, point: QPoint) -> int | None:
        plot = self._plot_rect()
        if not self.bars or not plot.adjusted(0, 0, 0, self.fontMetrics().height()).contains(
                point):
            return None
        index = int((point.x() - plot.left()) / (plot.width() / len(self.bars)))
        return index if 0 <= index < len(self.bars) else None

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index is not None and self.bars[index].tooltip:
                QToolTip.showText(event.globalPos(), self.bars[index].tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]


class HeatMap(QWidget):
    """Reviews per day as a calendar: a column per week, Monday on top, the last year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[date, int] = {}
        self.today = date.today()
        self.weeks = 53
        self.month_names: Sequence[str] = ()
        self.day_names: Sequence[str] = ()  # Monday..Sunday, short
        self.tooltip_text: Callable[[date, int], str] = lambda day, n: f"{day}: {n}"
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight((self.fontMetrics().height() - 2) * 8
                              + self.fontMetrics().height() + 8)

    def set_counts(self, counts: dict[date, int], today: date) -> None:
        self.counts = dict(counts)
        self.today = today
        self.update()

    def _cell(self) -> int:
        """Cells grow with the window, between about one and one and a half lines."""
        line = self.fontMetrics().height()
        fitted = (self.width() - self._origin().x() - 4) // self.weeks - 2
        return max(line - 4, min(line + line // 2, fitted))

    def sizeHint(self) -> QSize:
        cell = self.fontMetrics().height() - 4
        return QSize(self._origin().x() + self.weeks * (cell + 2) + 4, self.minimumHeight())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        height = (self._cell() + 2) * 7 + self._origin().y() + 2
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)

    def _origin(self) -> QPoint:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for name in self.day_names), default=0)
        return QPoint(widest + 6, metrics.height() + 4)

    def first_day(self) -> date:
        """The Monday that starts the first column."""
        monday = self.today - timedelta(days=self.today.weekday())
        return monday - timedelta(weeks=self.weeks - 1)

    def _cell_rect(self, day: date) -> QRect:
        offset = (day - self.first_day()).days
        week, weekday = divmod(offset, 7)
        step = self._cell() + 2
        origin = self._origin()
        return QRect(origin.x() + week * step, origin.y() + weekday * step, self._cell(),
                     self._cell())

    def day_at(self, point: QPoint) -> date | None:
        step = self._cell() + 2
        origin = self._origin()
        if point.x() < origin.x() or point.y() < origin.y():
            return None
        week, weekday = (point.x() - origin.x()) // step, (point.y() - origin.y()) // step
        if week >= self.weeks or weekday >= 7:
            return None
        day = self.first_day() + timedelta(days=week * 7 + weekday)
        return day if day <= self.today else None

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        colours = [QColor(name) for name in (HEAT_DARK if is_dark(palette) else HEAT_LIGHT)]
        text = palette.color(QPalette.ColorRole.WindowText)
        maximum = max(self.counts.values(), default=0)
        first = self.first_day()
        metrics = self.fontMetrics()
        painter.setPen(text)
        for weekday in (0, 2, 4):
            if weekday < len(self.day_names):
                rect = self._cell_rect(first + timedelta(days=weekday))
                painter.drawText(QRect(0, rect.top(), self._origin().x() - 4, rect.height()),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                                 self.day_names[weekday])
        last_month_x = -1000
        day = first
        while day <= self.today:
            rect = self._cell_rect(day)
            painter.fillRect(rect, colours[heat_level(self.counts.get(day, 0), maximum)])
            if day.day <= 7 and day.weekday() == 0 and self.month_names:
                name = self.month_names[day.month - 1]
                if rect.left() - last_month_x > metrics.horizontalAdvance(name) + 4:
                    painter.drawText(rect.left(), metrics.ascent() + 1, name)
                    last_month_x = rect.left()
            day += timedelta(days=1)
        painter.end()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is not None:
                QToolTip.showText(event.globalPos(),
                                  self.tooltip_text(day, self.counts.get(day, 0)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
