"""The statistics window (object name `stats`): figures and charts for a deck or all.

Reviews per day of the last year as a calendar, the due forecast for 30 days, retention
per week, cards by state, average ease and time spent. The figures come from
`flashcards.app.statistics.overview`; this module only lays them out and draws.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flashcards.app.statistics import Overview, overview
from flashcards.gui.charts import Bar, BarChart, HeatMap
from flashcards.gui.formatting import duration_text
from flashcards.gui.theme import is_dark, scaled_font

if TYPE_CHECKING:
    from flashcards.app import Collection

# Colours of the card states, as Anki draws them (light, dark).
STATE_COLOURS = {
    "new": ("#1565c0", "#64b5f6"),
    "learning": ("#c62828", "#ef9a9a"),
    "young": ("#66bb6a", "#81c784"),
    "mature": ("#2e7d32", "#43a047"),
    "suspended": ("#b59f00", "#e6c700"),
    "retired": ("#757575", "#9e9e9e"),
}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


class StatsWindow(QWidget):
    def __init__(self, collection: Collection, main_window: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats")
        self.collection = collection
        self.main_window = main_window
        self.overview: Overview | None = None

        self.deckLabel = QLabel(self)
        self.deckChooser = QComboBox(self)
        self.deckChooser.setObjectName("statsDeck")
        self.deckChooser.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refreshButton = QPushButton(self)
        self.refreshButton.setObjectName("statsRefresh")
        self.refreshButton.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.deckLabel)
        top.addWidget(self.deckChooser, 1)
        top.addWidget(self.refreshButton)

        # name -> (caption label, value label)
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        figures = QGridLayout()
        names = ("reviewsToday", "reviews", "daysStudied", "timeToday", "time", "retention",
                 "averageEase", "cards")
        for index, name in enumerate(names):
            caption = QLabel(self)
            value = QLabel(self)
            value.setObjectName("figure" + name[0].upper() + name[1:])
            value.setFont(scaled_font(self.font(), 1.25, bold=True))
            row, column = divmod(index, 4)
            figures.addWidget(caption, row * 2, column)
            figures.addWidget(value, row * 2 + 1, column)
            self.figures[name] = (caption, value)

        self.heatMap = HeatMap(self)
        self.heatMap.setObjectName("reviewHeatMap")
        self.forecastChart = BarChart(self)
        self.forecastChart.setObjectName("forecastChart")
        self.retentionChart = BarChart(self)
        self.retentionChart.setObjectName("retentionChart")
        self.stateChart = BarChart(self)
        self.stateChart.setObjectName("stateChart")
        self.titles: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addLayout(figures)
        for name, chart in (("heatMap", self.heatMap), ("forecast", self.forecastChart),
                            ("retention", self.retentionChart), ("states", self.stateChart)):
            title = QLabel(content)
            title.setFont(scaled_font(self.font(), 1.15, bold=True))
            note = QLabel(content)
            note.setWordWrap(True)
            self.titles[name] = title
            self.notes[name] = note
            layout.addSpacing(8)
            layout.addWidget(title)
            layout.addWidget(note)
            layout.addWidget(chart)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(scroll, 1)
        metrics = self.fontMetrics()
        self.resize(max(self.heatMap.sizeHint().width() + 60, metrics.averageCharWidth() * 110),
                    metrics.height() * 48)
        self._fill_decks()
        self.actionRefresh = QAction(self)
        self.actionRefresh.setObjectName("actionRefreshStats")
        self.actionRefresh.setShortcut(QKeySequence("F5"))
        self.actionRefresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.actionRefresh.triggered.connect(self.refresh)
        self.addAction(self.actionRefresh)
        self.retranslate()

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Statistics"))
        self.deckLabel.setText(self.tr("Deck:"))
        if self.deckChooser.count():
            self.deckChooser.setItemText(0, self.tr("All decks"))
        self.refreshButton.setText(self.tr("Refresh"))
        captions = {
            "reviewsToday": self.tr("Reviews today"),
            "reviews": self.tr("Reviews, last 365 days"),
            "daysStudied": self.tr("Days studied"),
            "timeToday": self.tr("Time today"),
            "time": self.tr("Time, last 365 days"),
            "retention": self.tr("Retention"),
            "averageEase": self.tr("Average ease"),
            "cards": self.tr("Cards"),
        }
        for name, (caption, _value) in self.figures.items():
            caption.setText(captions[name])
        self.titles["heatMap"].setText(self.tr("Reviews per day"))
        self.notes["heatMap"].setText(self.tr(
            "The last year; the stronger the colour, the more reviews."))
        self.titles["forecast"].setText(self.tr("Due forecast"))
        self.notes["forecast"].setText(self.tr(
            "Reviews due in the next 30 days; today includes overdue cards."))
        self.titles["retention"].setText(self.tr("Retention per week"))
        self.notes["retention"].setText(self.tr(
            "Share of scheduled reviews graded 3 or better (Good in the four-button mode)."))
        self.titles["states"].setText(self.tr("Cards by state"))
        self.notes["states"].setText(self.tr(
            "Young cards have an interval under 21 days, mature ones 21 days or more."))
        self.forecastChart.empty_text = self.tr("Nothing due in the next 30 days")
        self.retentionChart.empty_text = self.tr("No scheduled reviews yet")
        self.stateChart.empty_text = self.tr("No cards yet")
        locale = QLocale()
        self.heatMap.month_names = [locale.standaloneMonthName(month,
                                                             QLocale.FormatType.ShortFormat)
                                    for month in range(1, 13)]
        self.heatMap.day_names = [locale.dayName(day, QLocale.FormatType.ShortFormat)
                                  for day in range(1, 8)]
        self.heatMap.tooltip_text = lambda day, count: self.tr(
            "{date}: %n review(s)", "", count).format(date=day.isoformat())
        self.heatMap.setMinimumWidth(self.heatMap.sizeHint().width())
        if self.overview is not None:
            self._show(self.overview)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self.overview is not None:
            self._show(self.overview)
        super().changeEvent(event)

    # -- figures ---------------------------------------------------------------------
    def _fill_decks(self) -> None:
        self.deckChooser.blockSignals(True)
        self.deckChooser.clear()
        # Item i shows deck_paths[i]; None is every deck.
        self.deck_paths: list[tuple[str, ...] | None] = [None]
        self.deckChooser.addItem(self.tr("All decks"))
        for deck in self.collection.decks():
            title = self.collection.deck_title(deck)
            text = "::".join(deck) + (f"  ({title})" if title else "")
            self.deckChooser.addItem("    " * (len(deck) - 1) + text)
            self.deck_paths.append(tuple(deck))
        self.deckChooser.blockSignals(False)

    def current_deck(self) -> tuple[str, ...] | None:
        index = self.deckChooser.currentIndex()
        return self.deck_paths[index] if 0 <= index < len(self.deck_paths) else None

    def deck_index(self, deck: list[str] | tuple[str, ...] | None) -> int:
        wanted = tuple(deck) if deck else None
        return self.deck_paths.index(wanted) if wanted in self.deck_paths else -1

    def select_deck(self, deck: list[str] | None) -> None:
        index = self.deck_index(deck)
        self.deckChooser.blockSignals(True)
        self.deckChooser.setCurrentIndex(max(0, index))
        self.deckChooser.blockSignals(False)
        self.refresh()

    def _busy(self) -> bool:
        tasks = getattr(self.main_window, "tasks", None)
        return bool(getattr(tasks, "busy", False))

    def refresh(self) -> Overview | None:
        if self._busy():
            return self.overview
        deck = self.current_deck()
        self.overview = overview(self.collection, list(deck) if deck else None)
        self._show(self.overview)
        return self.overview

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.overview is None:
            self.refresh()

    def _show(self, figures: Overview) -> None:
        stats = figures.stats
        today_entry = next((d for d in stats.per_day if d.day == figures.today), None)
        values = {
            "reviewsToday": str(today_entry.reviews if today_entry else 0),
            "reviews": str(stats.total_reviews),
            "daysStudied": str(figures.days_studied),
            "timeToday": duration_text(today_entry.time_ms if today_entry else 0),
            "time": duration_text(stats.time_spent_ms),
            "retention": percent(stats.retention),
            "averageEase": ("—" if figures.average_ease is None
                            else f"{figures.average_ease * 100:.0f}%"),
            "cards": str(figures.total_cards),
        }
        for name, (_caption, label) in self.figures.items():
            label.setText(values[name])
        self.figures["averageEase"][1].setToolTip(self.tr(
            "Mean ease of the %n card(s) in review", "", figures.cards_in_review))

        self.heatMap.set_counts(figures.reviews_by_day, figures.today)

        forecast = []
        for offset, count in enumerate(figures.forecast):
            day = figures.today + timedelta(days=offset)
            label = self.tr("today") if offset == 0 else f"+{offset}"
            forecast.append(Bar(label, count, self.tr("{date}: %n card(s) due", "", count)
                                .format(date=day.isoformat())))
        self.forecastChart.set_bars(forecast)

        weeks = []
        for week in figures.weeks:
            tip = self.tr("Week of {date}: {passed} of {scheduled} passed").format(
                date=week.start.isoformat(), passed=week.passed, scheduled=week.scheduled)
            weeks.append(Bar(_short_date(week.start), week.retention, tip))
        self.retentionChart.set_bars(weeks, maximum=1.0, value_text=lambda v: f"{v * 100:.0f}%")

        dark = is_dark(self.palette())
        names = {"new": self.tr("new"), "learning": self.tr("learning"),
                 "young": self.tr("young"), "mature": self.tr("mature"),
                 "suspended": self.tr("suspended"), "retired": self.tr("retired")}
        states = []
        for state, name in names.items():
            count = stats.cards_by_state.get(state, 0)
            colour = STATE_COLOURS[state][1 if dark else 0]
            states.append(Bar(f"{name}: {count}", count, f"{name}: {count}", colour))
        self.stateChart.set_bars(states)


def _short_date(day: date) -> str:
    return QLocale().toString(day, "d MMM")


def create_stats(collection: Collection, main_window: QWidget | None = None) -> StatsWindow:
    """The factory `MainWindow` calls for the Statistics action (see TOOL_WINDOWS)."""
    window = StatsWindow(collection, main_window)
    deck_page = getattr(main_window, "deckPage", None)
    current = getattr(deck_page, "current_deck", None)
    deck = current() if callable(current) else None
    window.select_deck(list(deck) if deck else None)
    return window
