"""The review screen: a card, Show Answer, grade buttons with their intervals, counters.

`ReviewPage` is widgets only; `ReviewController` drives a session through the
`Collection` (next card, answer, undo, suspend, bury): no scheduling happens here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.card_view import CardView, is_short_text
from flashcards.gui.formatting import again_text, clock_text, interval_text
from flashcards.gui.session import SessionLog
from flashcards.gui.theme import CARD_FONT_SCALE, is_dark, scaled_font

if TYPE_CHECKING:
    from flashcards.app import Card, Collection
    from flashcards.render import CardHtml, ImageProblem

Side = Literal["idle", "question", "answer"]
UndoableAction = Literal["answer", "suspend", "bury"]
# How many steps Ctrl+Z remembers for suspensions and burials (answers: the collection).
UNDO_DEPTH = 50

# Object names and key of each answer button; the grade is the SM-2 grade it gives.
FOUR_BUTTON_NAMES = {2: "gradeAgain", 3: "gradeHard", 4: "gradeGood", 5: "gradeEasy"}
FOUR_BUTTON_KEYS = {2: "1", 3: "2", 4: "3", 5: "4"}
SIX_GRADE_KEYS = {grade: str(grade) for grade in range(6)}
# Space/Enter on the answer side choose Good, as in Anki.
DEFAULT_GRADE = 4
# Like Anki, an answer that took longer than this is logged as this long: the learner
# most likely walked away, and one idle hour should not distort the statistics.
MAX_ANSWER_MS = 60_000


def card_back_markdown(card: Card) -> str:
    """The back as the window shows it: a cloze card marks the answer it hid."""
    if card.kind == "cloze" and card.cloze_text:
        from flashcards.render import cloze_back_markdown

        marked = cloze_back_markdown(card.cloze_text, card.ordinal)
        if marked is not None:
            return marked
    return card.back


def grade_keys(six_grades: bool) -> dict[int, str]:
    return SIX_GRADE_KEYS if six_grades else FOUR_BUTTON_KEYS


class ReviewPage(QWidget):
    """Widgets of the review screen; the controller fills them."""

    revealClicked = Signal()
    gradeClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.deckLabel = QLabel(self)
        self.deckLabel.setObjectName("sessionDeck")
        self.countsLabel = QLabel(self)
        self.countsLabel.setObjectName("remainingCounts")
        self.countsLabel.setTextFormat(Qt.TextFormat.RichText)
        self.countsLabel.setFont(scaled_font(self.font(), 1.15))
        self.clockLabel = QLabel(clock_text(0), self)
        self.clockLabel.setObjectName("sessionClock")
        self.clockLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.setContentsMargins(16, 8, 16, 0)
        header.addWidget(self.deckLabel, 1)
        header.addWidget(self.clockLabel, 0)

        # Keys, not focus, drive the session: the card never takes Space for scrolling.
        self.view = CardView(self)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.showAnswerButton = QPushButton(self)
        self.showAnswerButton.setObjectName("showAnswerButton")
        self.showAnswerButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.showAnswerButton.setFont(scaled_font(self.font(), 1.15))
        self.showAnswerButton.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        self.showAnswerButton.setMinimumHeight(self.fontMetrics().height() * 3)
        self.showAnswerButton.clicked.connect(self.revealClicked)

        reveal_row = QWidget(self)
        reveal_layout = QHBoxLayout(reveal_row)
        reveal_layout.setContentsMargins(0, 0, 0, 0)
        reveal_layout.addStretch(1)
        reveal_layout.addWidget(self.showAnswerButton)
        reveal_layout.addStretch(1)

        self.gradeRow = QWidget(self)
        self.gradeRow.setObjectName("gradeButtons")
        self._grade_layout = QHBoxLayout(self.gradeRow)
        self._grade_layout.setContentsMargins(0, 0, 0, 0)
        self.gradeButtons: dict[int, QPushButton] = {}

        self.answerArea = QStackedWidget(self)
        self.answerArea.addWidget(reveal_row)
        self.answerArea.addWidget(self.gradeRow)
        self.answerArea.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        footer = QVBoxLayout()
        footer.setContentsMargins(16, 8, 16, 12)
        footer.setSpacing(6)
        footer.addWidget(self.countsLabel, 0, Qt.AlignmentFlag.AlignHCenter)
        footer.addWidget(self.answerArea)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self._six_grades = False
        self._intervals: dict[int, int] = {}
        self._again_in: dict[int, timedelta | None] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.countsLabel.setToolTip(self.tr("New / to repeat today / due"))
        self.clockLabel.setToolTip(self.tr("Time in this session"))
        self.showAnswerButton.setText(self.tr("Show Answer"))
        self.showAnswerButton.setToolTip(self.tr("Show the answer (Space or Enter)"))
        keys = grade_keys(self._six_grades)
        for grade, button in self.gradeButtons.items():
            button.setProperty("title", self._translated_grade_label(
                str(button.property("label")), grade, self._six_grades))
            key = keys.get(grade)
            if key is not None:
                button.setToolTip(self.tr("Key {key}").format(key=key))
        if self._intervals:
            self.set_intervals(self._intervals, self._six_grades, self._again_in)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Colours chosen for the old palette: dark red on a dark button is unreadable.
            self.restyle_buttons()
            counts = self.countsLabel.property("counts")
            if counts:
                self.set_counts(*counts, self.countsLabel.property("current"))

    # -- answer buttons --------------------------------------------------------------
    def set_answer_buttons(self, buttons: Sequence[tuple[str, int]], six_grades: bool) -> None:
        """One button per (label, grade): `gradeAgain`..`gradeEasy` or `grade0`..`grade5`."""
        for button in self.gradeButtons.values():
            self._grade_layout.removeWidget(button)
            button.deleteLater()
        self.gradeButtons = {}
        while self._grade_layout.count():
            self._grade_layout.takeAt(0)
        self._six_grades = six_grades
        self._intervals = {}
        self._again_in = {}
        keys = grade_keys(six_grades)
        self._grade_layout.addStretch(1)
        for label, grade in buttons:
            button = QPushButton(self)
            if six_grades:
                button.setObjectName(f"grade{grade}")
            else:
                button.setObjectName(FOUR_BUTTON_NAMES.get(grade, f"grade{grade}"))
            button.setProperty("grade", grade)
            button.setProperty("label", label)
            button.setProperty("title", self._translated_grade_label(label, grade, six_grades))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFont(scaled_font(self.font(), 1.1))
            button.setMinimumHeight(self.fontMetrics().height() * 3)
            button.setMinimumWidth(self.fontMetrics().averageCharWidth() * (14 if six_grades
                                                                            else 18))
            key = keys.get(grade)
            if key is not None:
                button.setToolTip(self.tr("Key {key}").format(key=key))
            button.clicked.connect(lambda _checked=False, g=grade: self.gradeClicked.emit(g))
            self._style_grade_button(button, grade)
            self.gradeButtons[grade] = button
            self._grade_layout.addWidget(button)
        self._grade_layout.addStretch(1)

    def _translated_grade_label(self, label: str, grade: int, six_grades: bool) -> str:
        four = {2: self.tr("Again"), 3: self.tr("Hard"), 4: self.tr("Good"), 5: self.tr("Easy")}
        six = {0: self.tr("Blackout"), 1: self.tr("Wrong"), 2: self.tr("Familiar"),
               3: self.tr("Hard"), 4: self.tr("Good"), 5: self.tr("Perfect")}
        if six_grades:
            return f"{grade} · {six.get(grade, label)}"
        return four.get(grade, label)

    def _style_grade_button(self, button: QPushButton, grade: int) -> None:
        # Anki's colours: failing grades red, hard amber, good green, easy blue.
        dark = is_dark(self.palette())
        colours = {0: "#e57373" if dark else "#c62828", 1: "#e57373" if dark else "#c62828",
                   2: "#e57373" if dark else "#c62828", 3: "#ffb74d" if dark else "#b26a00",
                   4: "#81c784" if dark else "#2e7d32", 5: "#64b5f6" if dark else "#1565c0"}
        colour = colours[0] if button.objectName() == "gradeAgain" else colours.get(grade, "")
        button.setStyleSheet(f"QPushButton {{ color: {colour}; font-weight: 600; }}")

    def restyle_buttons(self) -> None:
        for grade, button in self.gradeButtons.items():
            self._style_grade_button(button, grade)

    def set_intervals(self, intervals: dict[int, int], six_grades: bool,
                      again_in: dict[int, timedelta | None] | None = None) -> None:
        """Each button's label: when the card comes back (`again_in` for a grade that
        brings it back later today, else the days until it is due)."""
        self._intervals = dict(intervals)
        self._again_in = dict(again_in or {})
        keys = grade_keys(six_grades)
        for grade, button in self.gradeButtons.items():
            days = intervals.get(grade)
            pause = self._again_in.get(grade)
            if pause is not None:
                shown = again_text(pause)
            else:
                shown = interval_text(days) if days is not None else ""
            button.setText(f"{button.property('title')}\n{shown}")
            button.setProperty("interval", shown)
            key = keys.get(grade)
            if key is not None:
                button.setToolTip(self.tr("{title}: next in {interval} (key {key})").format(
                    title=button.property("title"), interval=shown, key=key))

    # -- sides -----------------------------------------------------------------------
    def show_side(self, side: Side) -> None:
        self.answerArea.setCurrentIndex(1 if side == "answer" else 0)
        self.showAnswerButton.setEnabled(side == "question")

    def set_counts(self, new: int, repeat: int, due: int, current: str | None) -> None:
        dark = is_dark(self.palette())
        parts = []
        for kind, value, colour in (
            ("new", new, "#6ab0ff" if dark else "#1565c0"),
            ("repeat", repeat, "#ff8a80" if dark else "#c62828"),
            ("due", due, "#81c784" if dark else "#2e7d32"),
        ):
            text = f'<span style="color:{colour}">{value}</span>'
            if kind == current:
                text = f"<u><b>{text}</b></u>"
            parts.append(text)
        self.countsLabel.setText(" + ".join(parts))
        self.countsLabel.setProperty("counts", (new, repeat, due))
        self.countsLabel.setProperty("current", current)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The card cannot take focus; let the keyboard still scroll a long answer.
        key = event.key()
        if key == Qt.Key.Key_PageDown:
            self.view.scroll_by_pages(1)
        elif key == Qt.Key.Key_PageUp:
            self.view.scroll_by_pages(-1)
        elif key == Qt.Key.Key_Down:
            self.view.scroll_by_lines(1)
        elif key == Qt.Key.Key_Up:
            self.view.scroll_by_lines(-1)
        else:
            super().keyPressEvent(event)


class ReviewController(QObject):
    """One review session over a deck: ask the collection, show, record each answer."""

    sideChanged = Signal(str)
    finished = Signal(object)  # SessionLog
    message = Signal(str)

    def __init__(self, collection: Collection, page: ReviewPage,
                 notes_root: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.collection = collection
        self.page = page
        self.notes_root = notes_root
        self.log = SessionLog()
        self.card: Card | None = None
        self.side: Side = "idle"
        self.deck: list[str] | None = None
        self._answer_clock = QElapsedTimer()
        self._session_clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._six_grades = False
        # The window says when the collection is busy on a worker thread (an import):
        # the store has one connection, so the session waits rather than interleave.
        self.can_act: Callable[[], bool] = lambda: True
        self.font_scale = CARD_FONT_SCALE
        self._counts_for: Card | None = None
        self._undoable: list[tuple[UndoableAction, str]] = []
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._show_counts)
        page.revealClicked.connect(self.reveal)
        page.gradeClicked.connect(self.grade)

    # -- session ---------------------------------------------------------------------
    def start(self, deck: Sequence[str] | None, title: str | None = None) -> bool:
        """Begin a session on `deck` (and its children); False when nothing is due."""
        self.deck = list(deck) if deck else None
        self.log = SessionLog(deck=tuple(deck) if deck else None)
        self._configure_buttons()
        if title is None:
            title = " › ".join(deck) if deck else self.tr("All decks")
        self.page.deckLabel.setText(title)
        self._session_clock.start()
        self.page.clockLabel.setText(clock_text(0))
        self._ticker.start()
        return self._show_next()

    def resume(self, deck: Sequence[str] | None) -> None:
        """Go back into the session on `deck` (after an undo from the deck list or the
        summary): its log and clock go on."""
        self.deck = list(deck) if deck else None
        self._configure_buttons()
        if not self._session_clock.isValid():
            self._session_clock.start()

    def stop(self) -> SessionLog:
        """Leave the session; every answer is already stored."""
        self._ticker.stop()
        self._counts_timer.stop()
        self.card = None
        self._set_side("idle")
        return self.log

    @property
    def session_ms(self) -> int:
        return self._session_clock.elapsed() if self._session_clock.isValid() else 0

    def _configure_buttons(self) -> None:
        self._six_grades = self.collection.settings.answer_mode == "six_grades"
        self.page.set_answer_buttons(self.collection.answer_buttons(), self._six_grades)

    @property
    def six_grades(self) -> bool:
        return self._six_grades

    def _show_next(self) -> bool:
        card = self.collection.next_card(deck=self.deck)
        if card is None:
            self._finish()
            return False
        self._show_question(card)
        return True

    def _finish(self) -> None:
        self.stop()
        self.finished.emit(self.log)

    def show_card(self, card: Card) -> None:
        """Show `card`'s question now (the session then goes on with the queue)."""
        self._show_question(card)

    def _show_question(self, card: Card) -> None:
        self.card = card
        self._render(card, "question")
        self._update_counts(card)
        self._answer_clock.start()
        self._set_side("question")

    def _render(self, card: Card, side: Side) -> None:
        html = self._card_html(card)
        view = self.page.view
        if side == "answer":
            # The front stays where it was; a short back is centred under it.
            view.set_card_html(html.answer(), self.font_scale,
                               centre_front=is_short_text(html.front),
                               centre_back=is_short_text(html.back))
        else:
            view.set_card_html(html.question(), self.font_scale,
                               centre_front=is_short_text(html.front))
        self._explain_images(card, side, html.problems)

    def _explain_images(self, card: Card, side: Side,
                        problems: Sequence[ImageProblem]) -> None:
        """A refused or missing image shows as `[name]` on the card; say why."""
        shown = [problem for problem in problems
                 if side == "answer" or problem.reference in card.front]
        if not shown:
            return
        self.message.emit(self.tr("Image not shown: {details}").format(details="; ".join(
            f"{problem.reference} ({self._image_reason(problem.reason)})"
            for problem in shown)))

    def _image_reason(self, reason: str) -> str:
        # The renderer's reasons, in the interface's language.
        reasons = {
            "remote image shown as a link": self.tr("a web image, shown as a link"),
            "only image files from the notes folder":
                self.tr("only image files from the notes folder are shown"),
            "no notes folder to read images from": self.tr("no notes folder to read it from"),
            "not a valid file path": self.tr("not a valid file path"),
            "outside the notes folder, not shown": self.tr("outside the notes folder"),
            "file not found": self.tr("file not found"),
        }
        return reasons.get(reason, reason)

    def rerender(self) -> None:
        """Draw the current card again (after a palette or font change)."""
        if self.card is not None and self.side in ("question", "answer"):
            scroll = self.page.view.verticalScrollBar().value()
            self._render(self.card, self.side)
            self.page.view.verticalScrollBar().setValue(scroll)

    def _card_html(self, card: Card) -> CardHtml:
        from flashcards.render import card_html

        source = Path(card.source)
        root = self.notes_root
        if not source.is_absolute() and root is not None:
            source = root / source
        if (root is not None and source.is_absolute()
                and not source.resolve().is_relative_to(root.resolve())):
            # A card of another folder imported earlier (the bundled decks): its images
            # come from its own file's folder, never from the current notes folder.
            root = source.parent
        return card_html(card.front, card_back_markdown(card), card.context, source=source,
                         root=root)

    def _update_counts(self, card: Card | None) -> None:
        """Counting a big collection's deck tree takes tens of milliseconds: the card is
        drawn first and the counts follow on the next turn of the event loop."""
        self._counts_for = card
        self._counts_timer.start()

    def _show_counts(self) -> None:
        if not self.can_act():
            self._counts_timer.start(200)  # a worker writes the collection: a bit later
            return
        self._counts_timer.setInterval(0)
        card = self._counts_for
        new, repeat, due = self.remaining_counts()
        current = None
        if card is not None:
            if card.repeat_today:
                current = "repeat"
            elif card.state.is_new:
                current = "new"
            else:
                current = "due"
        self.page.set_counts(new, repeat, due, current)

    def remaining_counts(self) -> tuple[int, int, int]:
        nodes = self.collection.deck_tree()
        wanted = self.deck
        if wanted is None:
            return (sum(n.counts.new for n in nodes), sum(n.counts.learning for n in nodes),
                    sum(n.counts.due for n in nodes))
        stack = list(nodes)
        while stack:
            node = stack.pop()
            if list(node.deck) == wanted:
                return node.counts.new, node.counts.learning, node.counts.due
            stack.extend(node.children)
        return 0, 0, 0

    def _set_side(self, side: Side) -> None:
        self.side = side
        self.page.show_side(side)
        self.sideChanged.emit(side)

    def _tick(self) -> None:
        self.page.clockLabel.setText(clock_text(self.session_ms))

    # -- answering -------------------------------------------------------------------
    def reveal(self) -> None:
        if self.side != "question" or self.card is None or not self.can_act():
            return
        self._render(self.card, "answer")
        previews = self.collection.answer_preview(self.card.id)
        self.page.set_intervals({grade: preview.days for grade, preview in previews.items()},
                                self._six_grades,
                                {grade: preview.again_in for grade, preview in previews.items()})
        self._set_side("answer")

    def grade(self, grade: int) -> None:
        if self.side != "answer" or self.card is None or not self.can_act():
            return
        if grade not in self.page.gradeButtons:
            return
        elapsed = min(self._answer_clock.elapsed(), MAX_ANSWER_MS)
        card_id = self.card.id
        try:
            self.collection.answer(card_id, grade, elapsed_ms=elapsed)
        except (KeyError, ValueError) as error:
            # The notes changed under the session (the card's text left them): say so and
            # go on with the next card; nothing else was written.
            self.message.emit(self.tr("Not recorded: {reason}").format(reason=error))
            self._show_next()
            return
        self.log.record(card_id, grade, elapsed)
        self._remember("answer", card_id)
        self._show_next()

    def refresh_current(self) -> None:
        """After a re-import: show the card's new text, or move on if it left the notes."""
        if self.card is None or self.side not in ("question", "answer"):
            return
        try:
            card = self.collection.card(self.card.id)
        except KeyError:
            self._show_next()
            return
        if card.retired or card.suspended:
            self._show_next()
            return
        self.card = card
        self.rerender()
        self._update_counts(card)

    def grade_default(self) -> None:
        self.grade(DEFAULT_GRADE if DEFAULT_GRADE in self.page.gradeButtons
                   else max(self.page.gradeButtons))

    def _remember(self, action: UndoableAction, card_id: str) -> None:
        self._undoable.append((action, card_id))
        del self._undoable[:-UNDO_DEPTH]

    def can_undo(self) -> bool:
        return bool(self._undoable) or self.collection.can_undo()

    def undo(self) -> bool:
        """Take back the last answer, suspension or burial, as Anki's Ctrl+Z does, and
        show that card again (question side). The collection keeps the answers; the
        window remembers what it hid, so Ctrl+Z after Suspend brings the card back
        instead of taking back the answer before it."""
        action, hidden = self._undoable.pop() if self._undoable else ("answer", "")
        if action != "answer":
            if action == "suspend":
                self.collection.unsuspend(hidden)
                text = self.tr("Suspension undone")
            else:
                self.collection.unbury(hidden)
                text = self.tr("Burial undone")
            if not self._ticker.isActive():
                self._ticker.start()
            self._show_question(self.collection.card(hidden))
            self.message.emit(text)
            return True
        card_id = self.collection.undo()
        if card_id is None:
            self.message.emit(self.tr("Nothing to undo"))
            return False
        self.log.forget_last()
        if not self._ticker.isActive():
            self._ticker.start()
        self._show_question(self.collection.card(card_id))
        self.message.emit(self.tr("Answer undone"))
        return True

    def suspend_current(self) -> None:
        if self.card is None or not self.can_act():
            return
        self.collection.suspend(self.card.id)
        self._remember("suspend", self.card.id)
        self.message.emit(self.tr("Card suspended"))
        self._show_next()

    def bury_current(self) -> None:
        if self.card is None or not self.can_act():
            return
        self.collection.bury(self.card.id)
        self._remember("bury", self.card.id)
        self.message.emit(self.tr("Card buried until tomorrow"))
        self._show_next()
