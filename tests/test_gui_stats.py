"""The statistics window on an empty and on a busy collection.

Every figure and chart is compared with what the review log and the cards say, counted
here in Python from `Collection.history` and `Collection.cards`.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from flashcards.app import Collection
from flashcards.app.statistics import HEATMAP_DAYS, monday_of, weekly_figures
from flashcards.gui.application import ensure_application
from flashcards.gui.formatting import duration_text
from flashcards.gui.stats import StatsWindow, create_stats
from flashcards.gui.theme import apply_theme

STATES = ("new", "learning", "young", "mature", "suspended", "retired")


def simulate(collection: Collection, days: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=days)
    answers = 0
    for day in range(days):
        if rng.random() < 0.2:
            continue
        now = start + timedelta(days=day, hours=12)
        for _ in range(rng.randint(3, 12)):
            card = collection.next_card(now=now)
            if card is None:
                break
            collection.answer(card.id, rng.choice([1, 2, 3, 4, 4, 5]),
                              elapsed_ms=rng.randint(1000, 30000), now=now)
            now += timedelta(seconds=30)
            answers += 1
    return answers


@pytest.fixture
def empty(tmp_path: Path):
    collection = Collection.open(tmp_path / "empty.sqlite")
    yield collection
    collection.close()


@pytest.fixture
def busy(tmp_path: Path, notes_folder: Path):
    collection = Collection.open(tmp_path / "busy.sqlite")
    collection.import_path(notes_folder)
    assert simulate(collection, 90) > 40
    cards = list(collection.cards())
    collection.suspend(cards[-1].id)
    yield collection
    collection.close()


def open_stats(qtbot, collection) -> StatsWindow:
    window = create_stats(collection, None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.grab()  # paints every chart: an exception there fails the test
    return window


def figure(window: StatsWindow, name: str) -> str:
    return window.figures[name][1].text()


def expected_figures(collection: Collection, deck: list[str] | None = None) -> dict:
    """The figures, from the review log and the cards, without the statistics code."""
    today = collection.study_day()
    first = today - timedelta(days=HEATMAP_DAYS - 1)
    cards = list(collection.cards(deck, include_retired=True))
    entries = [entry for card in cards for entry in collection.history(card.id)]
    recent = [entry for entry in entries if entry.day >= first]
    scheduled = [entry for entry in recent if entry.kind in ("review", "relearn")]
    per_day = Counter(entry.day for entry in recent)
    states = Counter()
    forecast = [0] * 30
    eases = []
    for card in cards:
        if card.retired:
            states["retired"] += 1
        elif card.suspended:
            states["suspended"] += 1
        elif card.state.due is None:
            states["new"] += 1
        elif card.repeat_today:
            states["learning"] += 1
        else:
            states["young" if card.state.interval < 21 else "mature"] += 1
        if not card.retired and not card.suspended and card.state.due is not None:
            eases.append(card.state.ease)
            offset = max(0, (card.state.due - today).days)
            if offset < 30:
                forecast[offset] += 1
    weeks = Counter()
    for entry in entries:
        if entry.kind in ("review", "relearn"):
            weeks[(monday_of(entry.day), "scheduled")] += 1
            weeks[(monday_of(entry.day), "passed")] += entry.grade >= 3
    return {
        "today": today,
        "reviews": len(recent),
        "reviews_today": per_day.get(today, 0),
        "days": len(per_day),
        "time": sum(entry.elapsed_ms or 0 for entry in recent),
        "retention": (sum(e.grade >= 3 for e in scheduled) / len(scheduled)
                      if scheduled else None),
        "per_day": dict(per_day),
        "states": {state: states.get(state, 0) for state in STATES},
        "forecast": forecast,
        "ease": sum(eases) / len(eases) if eases else None,
        "weeks": weeks,
    }


def test_an_empty_collection_renders_with_zeros(qtbot, empty):
    window = open_stats(qtbot, empty)
    assert window.objectName() == "stats"
    assert figure(window, "reviews") == "0"
    assert figure(window, "retention") == "—"
    assert figure(window, "averageEase") == "—"
    assert figure(window, "cards") == "0"
    assert window.heatMap.counts == {}
    assert [bar.value for bar in window.forecastChart.bars] == [0] * 30
    assert all(bar.value is None for bar in window.retentionChart.bars)
    assert [bar.value for bar in window.stateChart.bars] == [0] * 6


def test_busy_collection_figures_match_the_review_log(qtbot, busy):
    window = open_stats(qtbot, busy)
    expected = expected_figures(busy)
    assert figure(window, "reviews") == str(expected["reviews"])
    assert figure(window, "reviewsToday") == str(expected["reviews_today"])
    assert figure(window, "daysStudied") == str(expected["days"])
    assert figure(window, "time") == duration_text(expected["time"])
    assert figure(window, "retention") == f"{expected['retention'] * 100:.0f}%"
    assert figure(window, "averageEase") == f"{expected['ease'] * 100:.0f}%"
    assert figure(window, "cards") == str(sum(
        count for state, count in expected["states"].items() if state != "retired"))
    assert {day: n for day, n in window.heatMap.counts.items() if n} == expected["per_day"]
    assert [bar.value for bar in window.forecastChart.bars] == expected["forecast"]
    assert [bar.value for bar in window.stateChart.bars] == [
        expected["states"][state] for state in STATES]
    for bar, week in zip(window.retentionChart.bars, window.overview.weeks, strict=True):
        scheduled = expected["weeks"][(week.start, "scheduled")]
        passed = expected["weeks"][(week.start, "passed")]
        assert (week.scheduled, week.passed) == (scheduled, passed)
        assert bar.value == (passed / scheduled if scheduled else None)
    assert any(bar.value for bar in window.retentionChart.bars)


def test_one_deck_counts_only_its_cards(qtbot, busy):
    window = open_stats(qtbot, busy)
    index = window.deck_index(["docker"])
    assert index > 0
    window.deckChooser.setCurrentIndex(index)  # as a click in the list does
    window.grab()
    expected = expected_figures(busy, ["docker"])
    assert window.overview.deck == ("docker",)
    assert figure(window, "reviews") == str(expected["reviews"])
    assert [bar.value for bar in window.stateChart.bars] == [
        expected["states"][state] for state in STATES]
    assert [bar.value for bar in window.forecastChart.bars] == expected["forecast"]
    everything = expected_figures(busy)
    assert expected["reviews"] < everything["reviews"]


def test_readable_in_light_and_dark(qtbot, busy):
    app = ensure_application()
    try:
        for theme, dark in (("light", False), ("dark", True)):
            apply_theme(app, theme)
            window = open_stats(qtbot, busy)
            image = window.heatMap.grab().toImage()
            background = window.palette().color(QPalette.ColorRole.Window)
            text = window.palette().color(QPalette.ColorRole.WindowText)
            assert (background.lightness() < 128) == dark
            assert abs(text.lightness() - background.lightness()) > 100
            colours = {QColor(image.pixel(x, y)).name()
                       for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
            assert len(colours) > 3  # cells of several levels, not a blank picture
            window.close()
    finally:
        apply_theme(app, "system")
    QApplication.processEvents()


def test_weekly_figures_add_up_days_into_their_week():
    today = datetime(2026, 3, 11).date()  # a Wednesday
    monday = monday_of(today)
    rows = [(monday.toordinal(), 5, 4, 3), ((monday + timedelta(days=2)).toordinal(), 2, 2, 2),
            ((monday - timedelta(days=1)).toordinal(), 7, 6, 1)]
    weeks = weekly_figures(rows, today, weeks=2)
    assert [week.start for week in weeks] == [monday - timedelta(weeks=1), monday]
    assert (weeks[-1].reviews, weeks[-1].scheduled, weeks[-1].passed) == (7, 6, 5)
    assert (weeks[0].reviews, weeks[0].scheduled, weeks[0].passed) == (7, 6, 1)
    assert weeks[0].retention == pytest.approx(1 / 6)


def test_heat_map_tooltip_names_the_day(qtbot, busy):
    window = open_stats(qtbot, busy)
    day, count = max(window.heatMap.counts.items(), key=lambda item: item[1])
    centre = window.heatMap._cell_rect(day).center()
    assert window.heatMap.day_at(centre) == day
    assert str(count) in window.heatMap.tooltip_text(day, count)
    assert window.heatMap.day_at(window.heatMap.rect().topLeft()) is None


def test_opened_from_the_window_on_the_selected_deck(qtbot, busy, tmp_path):
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
    from PySide6.QtTest import QTest

    from flashcards.gui import create_main_window

    main = create_main_window(busy, QSettings(str(tmp_path / "s.ini"),
                                              QSettings.Format.IniFormat))
    try:
        main.show()
        qtbot.waitExposed(main)
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        tree = main.deckList
        item = next(tree.topLevelItem(row) for row in range(tree.topLevelItemCount())
                    if "docker" in tree.topLevelItem(row).text(0).lower())
        tree.setCurrentItem(item)
        tree.setFocus()
        QTest.keyClick(tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        window = main.tool_windows.get("actionStats")
        assert isinstance(window, StatsWindow) and window.objectName() == "stats"
        assert window.overview is not None and window.overview.deck == ("docker",)
        assert figure(window, "reviews") == str(expected_figures(busy, ["docker"])["reviews"])
    finally:
        # Deleted before the collection closes (not left to qtbot): a later palette
        # change must not reach a window on a closed database.
        main.close()
        main.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
