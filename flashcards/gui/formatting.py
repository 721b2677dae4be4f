"""Short human texts for intervals and durations, translated through Qt."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Formatting", text, None, n)


def interval_text(days: int) -> str:
    """A compact interval like the scheduler's: `today`, `1 d`, `6 d`, `2 mo`, `1.5 y`."""
    if days <= 0:
        return _tr("today")
    if days < 30:
        return _tr("%n d", days)
    if days < 365:
        months = days / 30
        shown = f"{months:.0f}" if days >= 90 or days % 30 < 3 else f"{months:.1f}"
        return _tr("{months} mo").format(months=shown)
    years = f"{days / 365:.1f}".removesuffix(".0")
    return _tr("{years} y").format(years=years)


def again_text(pause: timedelta) -> str:
    """When a card answered with a failing grade comes back today: `<1 min`, `<10 min`
    (Anki's `<1m`): the learner sees it again in this session, not in a day."""
    minutes = max(1, round(pause.total_seconds() / 60))
    return _tr("<{m} min").format(m=minutes)


def duration_text(milliseconds: int) -> str:
    """`45 s`, `3 min 05 s`, `1 h 02 min`."""
    seconds = max(0, milliseconds) // 1000
    if seconds < 60:
        return _tr("{s} s").format(s=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _tr("{m} min {s:02d} s").format(m=minutes, s=seconds)
    hours, minutes = divmod(minutes, 60)
    return _tr("{h} h {m:02d} min").format(h=hours, m=minutes)


def clock_text(milliseconds: int) -> str:
    """A running clock for the review screen: `0:42`, `12:05`, `1:02:03`."""
    seconds = max(0, milliseconds) // 1000
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"
