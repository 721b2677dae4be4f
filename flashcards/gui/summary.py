"""The end of a session: cards studied, time, grades, and when cards are due next."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from flashcards.gui.formatting import duration_text
from flashcards.gui.review import FOUR_BUTTON_NAMES
from flashcards.gui.session import SessionLog
from flashcards.gui.theme import scaled_font


class SummaryPage(QWidget):
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionSummary")
        self.title = QLabel(self)
        self.title.setObjectName("summaryTitle")
        self.title.setFont(scaled_font(self.font(), 1.5, bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setObjectName("summaryDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setFont(scaled_font(self.font(), 1.15))
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.backButton = QPushButton(self)
        self.backButton.setObjectName("backToDecksButton")
        self.backButton.setFont(scaled_font(self.font(), 1.1))
        self.backButton.setMinimumHeight(self.fontMetrics().height() * 3)
        self.backButton.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        self.backButton.clicked.connect(self.backRequested)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(16)
        layout.addWidget(self.details)
        layout.addSpacing(24)
        layout.addWidget(self.backButton, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._shown: tuple[Any, ...] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Congratulations! You have finished for now."))
        self.backButton.setText(self.tr("Back to Decks"))
        self.backButton.setToolTip(self.tr("Return to the deck list (Enter or Esc)"))
        if self._shown is not None:
            args, kwargs = self._shown
            self.show_log(*args, **kwargs)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.backRequested.emit()
        else:
            super().keyPressEvent(event)

    def show_log(self, log: SessionLog, session_ms: int, next_due: date | None,
                 today: date, six_grades: bool, new_waiting: int = 0,
                 horizon_days: int | None = None) -> None:
        """`next_due`: the first day with reviews due (None: none within `horizon_days`);
        `new_waiting`: new cards held back by the daily limit."""
        self._shown = ((log, session_ms, next_due, today, six_grades),
                       {"new_waiting": new_waiting, "horizon_days": horizon_days})
        lines = []
        if log.answered:
            # One count per sentence: Qt's plural forms ("1 card", "5 карточек") need that.
            lines.append(self.tr("Studied %n card(s) in {time}.", "", log.cards_studied).format(
                time=duration_text(session_ms)))
            names = self._grade_names(six_grades)
            grades = ", ".join(
                f"{html.escape(names.get(grade, str(grade)))}: {count}"
                for grade, count in log.grade_counts().items())
            lines.append(self.tr("%n answer(s): {grades}", "", log.answered).format(
                grades=grades))
        else:
            lines.append(self.tr("No cards were due in this deck."))
        if next_due is None:
            if horizon_days is None:
                lines.append(self.tr("No reviews are scheduled in this deck."))
            else:
                lines.append(self.tr("No reviews are due in the next {days} days.").format(
                    days=horizon_days))
        else:
            days = (next_due - today).days
            when = next_due.isoformat()
            if days <= 0:
                text = self.tr("More cards are due today ({date}): the daily limit was reached.")
            elif days == 1:
                text = self.tr("Next reviews are due tomorrow ({date}).")
            else:
                text = self.tr("Next reviews are due on {date}, in {days} days.")
            lines.append(text.format(date=when, days=days))
        if new_waiting > 0:
            lines.append(self.tr("{n} new cards wait for the next days (new cards per day "
                                 "limit).").format(n=new_waiting))
        self.details.setText("<br>".join(lines))
        self.details.setProperty("answered", log.answered)

    def _grade_names(self, six_grades: bool) -> dict[int, str]:
        if six_grades:
            return {grade: str(grade) for grade in range(6)}
        titles = {"gradeAgain": self.tr("Again"), "gradeHard": self.tr("Hard"),
                  "gradeGood": self.tr("Good"), "gradeEasy": self.tr("Easy")}
        return {grade: titles[name] for grade, name in FOUR_BUTTON_NAMES.items()}
