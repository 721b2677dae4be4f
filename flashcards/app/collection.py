"""The collection: every use case the GUI and the CLI share (import, study, undo, stats)."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, cast

from flashcards import scheduler
from flashcards.app.models import (
    AnswerPreview,
    Card,
    DayStats,
    DeckCounts,
    DeckNode,
    ImportReport,
    ReviewKind,
    ReviewLogEntry,
    Settings,
    Stats,
)
from flashcards.scheduler import ReviewState
from flashcards.store.database import (
    CardRecord,
    DeckInfo,
    QueueEntry,
    StateRow,
    Store,
    damaged_error,
)
from flashcards.store.schema import (
    LOG_KINDS,
    QUEUE_NEW,
    QUEUE_RETIRED,
    QUEUE_REVIEW,
    QUEUE_SUSPENDED,
)

ProgressCallback = Callable[[int, int], None]

# SM-2's same-day repeats come back after a short pause, like Anki's learning steps.
REPEAT_DELAY_FAILED = timedelta(minutes=1)  # grades 0-2
REPEAT_DELAY_HARD = timedelta(minutes=10)  # grade 3
# When nothing else is left, a repeat waiting less than this is shown early (Anki: 20 min).
LEARN_AHEAD = timedelta(minutes=20)
_BATCH = 64
_SETTINGS_KEY = "settings"


class CardNotFoundError(KeyError):
    """No card with this id."""

    def __str__(self) -> str:
        return f"no card with id {self.args[0]!r}"


class CardRetiredError(ValueError):
    """The card's text left the notes; it cannot be answered until it comes back."""


class CardSuspendedError(ValueError):
    """The card is suspended; it cannot be answered until it is unsuspended."""


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else now


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _day(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def review_state(row: StateRow) -> ReviewState:
    return ReviewState(
        repetitions=row.repetitions,
        ease=row.ease,
        interval=row.interval,
        due=_day(row.due),
        lapses=row.lapses,
        last_review=_day(row.last_review),
    )


def _prefixes(names: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(names[:length]) for length in range(1, len(names) + 1)] or [()]


@dataclass
class _Today:
    """What the day's answers so far mean for the queue (rebuilt when the day rolls over)."""

    day: int
    new_done: Counter[tuple[str, ...]] = field(default_factory=Counter)
    reviews_done: Counter[tuple[str, ...]] = field(default_factory=Counter)
    # Notes with a card answered today, and which cards: their other cards (siblings)
    # wait for tomorrow; the answered card itself may come again (reset to new, say).
    notes_seen: dict[str, set[str]] = field(default_factory=dict)
    # Same-day repeats still to do: card id -> (when due again, unix ms; queue entry).
    repeats: dict[str, tuple[int, QueueEntry]] = field(default_factory=dict)
    # Per deck id: [new, learning, due, total] (see Collection._deck_counts).
    counts: dict[int, list[int]] | None = None


class _Pending:
    """One kind of card (due reviews or new cards) in queue order, read in batches.

    Cards leave when answered; cards that cannot come today (a sibling was studied, the
    deck's limit is reached) are dropped as they are met. Anything else that changes the
    queue (undo, suspend, bury, import, settings) throws the whole cache away.
    """

    def __init__(self, fetch: Callable[[tuple[int, int] | None], list[QueueEntry]]) -> None:
        self._fetch = fetch
        self._items: deque[QueueEntry] = deque()
        self._after: tuple[int, int] | None = None
        self._exhausted = False

    def first(self, usable: Callable[[QueueEntry], bool]) -> QueueEntry | None:
        items = self._items
        while True:
            while items:
                if usable(items[0]):
                    return items[0]
                items.popleft()
            if self._exhausted:
                return None
            batch = self._fetch(self._after)
            if len(batch) < _BATCH:
                self._exhausted = True
            if batch:
                self._after = batch[-1].key
            items.extend(batch)

    def discard(self, card_id: str) -> None:
        for index, entry in enumerate(self._items):
            if entry.card_id == card_id:
                del self._items[index]
                return


@dataclass
class _Session:
    reviews: _Pending
    new: _Pending
    deck_ids: frozenset[int] | None
    # Notes with a card due today (read when a review limit first holds one back).
    due_notes: frozenset[str] | None = None


@dataclass(frozen=True)
class _UndoEntry:
    log_id: int
    card_id: str


F = TypeVar("F", bound=Callable[..., Any])


def _serialized(method: F) -> F:
    """One call at a time: a collection driven from two threads (the window and an import
    worker) waits instead of mixing their transactions on its one connection."""

    @functools.wraps(method)
    def wrapper(self: Collection, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return cast(F, wrapper)


class Collection:
    """One learner's cards and review history, in one SQLite file.

    Open with `Collection.open(path)` (None: `default_db_path()`), use as a context manager
    or call `close()`. Every `answer()` is committed before it returns. `now` arguments
    are aware datetimes (naive ones are taken as local time); default: the current time.
    """

    def __init__(self, store: Store) -> None:
        self._lock = threading.RLock()
        self._store = store
        # Read on first use: opening must not wait for a thousand decks.
        self._deck_cache: dict[int, DeckInfo] | None = None
        self._settings = self._load_settings()
        self._today: _Today | None = None
        self._sessions: dict[tuple[str, ...], _Session] = {}
        self._prefix_cache: dict[int, list[tuple[str, ...]]] = {}
        self._undo: list[_UndoEntry] = []

    @classmethod
    def open(cls, path: str | Path | None = None) -> Collection:
        """Create or open the collection at `path`.

        Raises `CollectionLockedError` if another process has it open and
        `CollectionDamagedError` (naming the file and the newest backup) if it is damaged.
        """
        if path is None:
            from flashcards.app import default_db_path

            path = default_db_path()
        store = Store.open(Path(path), date.today())
        try:
            return cls(store)
        except sqlite3.DatabaseError as error:
            store.close()
            raise damaged_error(store.path, str(error)) from error

    @_serialized
    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def _decks(self) -> dict[int, DeckInfo]:
        if self._deck_cache is None:
            self._deck_cache = self._store.decks()
        return self._deck_cache

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def store(self) -> Store:
        """The store underneath (for maintenance tools and tests)."""
        return self._store

    # -- settings -----------------------------------------------------------------------

    def _load_settings(self) -> Settings:
        raw = self._store.meta().get(_SETTINGS_KEY)
        if raw is None:
            return Settings()
        known = {name: value for name, value in json.loads(raw).items()
                 if name in Settings.__dataclass_fields__}
        return Settings(**known)

    @property
    def settings(self) -> Settings:
        """new per day, reviews per day, rollover hour, answer mode."""
        return self._settings

    @_serialized
    def update_settings(self, **changes: object) -> Settings:
        """Change and store some settings: `update_settings(new_per_day=10)`."""
        unknown = set(changes) - set(Settings.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        updated = replace(self._settings, **changes)  # type: ignore[arg-type]
        _check_settings(updated)
        self._store.set_meta({_SETTINGS_KEY: json.dumps(asdict(updated))})
        self._settings = updated
        self._forget_queue()  # a new rollover hour can change what "today" is
        return updated

    def answer_buttons(self) -> tuple[tuple[str, int], ...]:
        """(label, grade) of the answer buttons for the answer mode setting."""
        return scheduler.answer_buttons(self._settings.answer_mode)

    def study_day(self, now: datetime | None = None) -> date:
        return scheduler.study_day(_now(now), self._settings.rollover_hour)

    # -- importing ----------------------------------------------------------------------

    @_serialized
    def import_path(
        self, path: str | Path, progress: ProgressCallback | None = None
    ) -> ImportReport:
        """Import a notes file or folder; cards keep their history across edits.

        `progress(done, total)` is called as files are read. Unchanged files (same content
        hash) are skipped. The whole import is one transaction.
        """
        from flashcards.app.importer import import_notes

        report = import_notes(self._store, Path(path), progress)
        self._deck_cache = None
        self._prefix_cache.clear()
        self._forget_queue()
        return report

    def _forget_queue(self) -> None:
        self._today = None
        self._sessions.clear()

    @_serialized
    def refresh(self) -> None:
        """Forget what the queue has cached; call after changing cards through the store
        directly (the browser's reset of progress, maintenance tools)."""
        self._deck_cache = None
        self._prefix_cache.clear()
        self._forget_queue()

    # -- studying -----------------------------------------------------------------------

    def _day_state(self, now: datetime) -> _Today:
        day = self.study_day(now).toordinal()
        if self._today is not None and self._today.day == day:
            return self._today
        return self._load_day(day)

    def _load_day(self, day: int) -> _Today:
        today = _Today(day)
        for card_id, deck_id, note_id, kind in self._store.day_activity(day):
            deck = self._deck_names(deck_id)
            if kind == 0:
                today.new_done.update(_prefixes(deck))
            elif kind in (1, 2):
                today.reviews_done.update(_prefixes(deck))
            today.notes_seen.setdefault(note_id or card_id, set()).add(card_id)
        for entry, due_at in self._store.day_repeats(day):
            today.repeats[entry.card_id] = (due_at, entry)
        self._today = today
        self._sessions.clear()
        return today

    def _prefixes_of(self, deck_id: int) -> list[tuple[str, ...]]:
        prefixes = self._prefix_cache.get(deck_id)
        if prefixes is None:
            prefixes = self._prefix_cache[deck_id] = _prefixes(self._deck_names(deck_id))
        return prefixes

    def _deck_names(self, deck_id: int) -> tuple[str, ...]:
        info = self._decks.get(deck_id)
        if info is None:
            self._deck_cache = None
            info = self._decks[deck_id]
        return info.names

    def _deck_ids(self, deck: Sequence[str] | None) -> list[int] | None:
        if not deck:
            return None
        prefix = tuple(deck)
        return [info.id for info in self._decks.values() if info.names[: len(prefix)] == prefix]

    def _decks_within(self, deck_ids: list[int] | None, done: Counter[tuple[str, ...]],
                      limit: int) -> list[int] | None:
        """The decks whose tree (every parent) has not reached today's limit."""
        if limit <= 0:
            return []
        exhausted = {prefix for prefix, count in done.items() if count >= limit}
        if not exhausted and deck_ids is None:
            return None
        candidates = self._decks.keys() if deck_ids is None else deck_ids
        return [
            deck_id for deck_id in candidates
            if not any(prefix in exhausted for prefix in _prefixes(self._deck_names(deck_id)))
        ]

    @_serialized
    def next_card(self, now: datetime | None = None, deck: list[str] | None = None) -> Card | None:
        """The next card to study, or None when the day's work is done.

        Order: due reviews (most overdue first), then same-day repeats whose time has come,
        then new cards in note order; then same-day repeats waiting less than 20 minutes.
        `deck` limits the session to a deck and its children (`['k8s']`, `['k8s','helm']`).
        Siblings of a card answered today wait for tomorrow.
        """
        moment = _now(now)
        entry = self._next_entry(moment, deck)
        if entry is None:
            return None
        record = entry.record() or self._store.card(entry.card_id)
        assert record is not None
        return self._card(record, self._day_state(moment).day)

    def _session(self, today: _Today, deck: Sequence[str] | None) -> _Session:
        key = tuple(deck or ())
        session = self._sessions.get(key)
        if session is not None:
            return session
        deck_ids = self._deck_ids(deck)
        settings = self._settings

        def reviews(after: tuple[int, int] | None) -> list[QueueEntry]:
            decks = self._decks_within(deck_ids, today.reviews_done, settings.reviews_per_day)
            return [] if decks == [] else self._store.due_reviews(today.day, decks, _BATCH, after)

        def new(after: tuple[int, int] | None) -> list[QueueEntry]:
            decks = self._decks_within(deck_ids, today.new_done, settings.new_per_day)
            return [] if decks == [] else self._store.new_cards(today.day, decks, _BATCH, after)

        session = _Session(_Pending(reviews), _Pending(new),
                           None if deck_ids is None else frozenset(deck_ids))
        self._sessions[key] = session
        return session

    def _next_entry(self, now: datetime, deck: Sequence[str] | None) -> QueueEntry | None:
        today = self._day_state(now)
        session = self._session(today, deck)
        settings = self._settings
        notes_seen = today.notes_seen

        def usable(done: Counter[tuple[str, ...]], limit: int) -> Callable[[QueueEntry], bool]:
            def check(entry: QueueEntry) -> bool:
                seen = notes_seen.get(entry.note_id or entry.card_id)
                if seen and (len(seen) > 1 or entry.card_id not in seen):
                    return False
                return all(done[prefix] < limit for prefix in self._prefixes_of(entry.deck_id))

            return check

        found = session.reviews.first(usable(today.reviews_done, settings.reviews_per_day))
        if found is not None:
            return found
        now_ms = _ms(now)
        waiting = [
            (due_at, entry) for due_at, entry in today.repeats.values()
            if session.deck_ids is None or entry.deck_id in session.deck_ids
        ]
        soonest = min(waiting, key=lambda item: item[0], default=None)
        if soonest is not None and soonest[0] <= now_ms:
            return soonest[1]
        new_usable = usable(today.new_done, settings.new_per_day)

        def new_check(entry: QueueEntry) -> bool:
            if not new_usable(entry):
                return False
            # A note whose due card waits for another day (its deck's review limit is
            # reached) starts none of its new cards either, as the deck list counts it:
            # without a limit its due card comes first and then its siblings wait anyway.
            if all(today.reviews_done[prefix] < settings.reviews_per_day
                   for prefix in self._prefixes_of(entry.deck_id)):
                return True
            if session.due_notes is None:
                session.due_notes = frozenset(self._store.notes_due(today.day))
            return (entry.note_id or entry.card_id) not in session.due_notes

        found = session.new.first(new_check)
        if found is not None:
            return found
        if soonest is not None and soonest[0] <= now_ms + _ms_delta(LEARN_AHEAD):
            return soonest[1]
        return None

    @_serialized
    def answer(
        self,
        card_id: str,
        grade: int,
        elapsed_ms: int | None = None,
        now: datetime | None = None,
    ) -> Card:
        """Grade a card (0..5); committed before returning. Returns the card's new state.

        Raises `GradeError` (grade not an integer 0..5), `CardNotFoundError`,
        `CardRetiredError` or `CardSuspendedError`; then nothing is written.

        The first answer of a study day moves the SM-2 schedule; a card graded below 4
        then comes back later that day until graded 4 or 5, and those repeats are logged
        without changing the schedule.
        """
        scheduler.check_grade(grade)
        if elapsed_ms is not None and (isinstance(elapsed_ms, bool)
                                       or not isinstance(elapsed_ms, int) or elapsed_ms < 0):
            raise ValueError(f"elapsed_ms must be a non-negative integer, got {elapsed_ms!r}")
        moment = _now(now)
        resolved = self._resolve(card_id)
        before = self._store.state(resolved)
        if before is None:
            raise CardNotFoundError(card_id)
        if before.queue == QUEUE_RETIRED:
            raise CardRetiredError(f"card {card_id!r} is retired: its text left the notes")
        if before.queue == QUEUE_SUSPENDED:
            raise CardSuspendedError(f"card {card_id!r} is suspended: unsuspend it to answer it")
        today = self._day_state(moment)
        record = self._store.card(resolved)
        assert record is not None
        note_key = record.note_id or record.id
        # The deck counts (once read) follow the answer through the card's whole note.
        note_before = (self._store.note_states(record.file_id, record.note_id, resolved)
                       if today.counts is not None else [])
        seen_before = frozenset(today.notes_seen.get(note_key, ()))
        now_ms = _ms(moment)
        repeat_at = now_ms + _ms_delta(_repeat_delay(grade))
        repeat = scheduler.needs_same_day_repeat(grade)
        if before.repeat_day == today.day:
            kind = LOG_KINDS.index("repeat")
            after = replace(
                before,
                repeat_day=today.day if repeat else None,
                repeat_due_at=repeat_at if repeat else None,
            )
        else:
            if before.due is None:
                kind = LOG_KINDS.index("new")
            else:
                kind = LOG_KINDS.index("review" if grade >= scheduler.PASSING_GRADE
                                       else "relearn")
            state = scheduler.review(review_state(before), grade, date.fromordinal(today.day))
            after = StateRow(
                queue=QUEUE_REVIEW,
                repetitions=state.repetitions,
                ease=state.ease,
                interval=state.interval,
                due=_ordinal(state.due),
                lapses=state.lapses,
                last_review=_ordinal(state.last_review),
                repeat_day=today.day if repeat else None,
                repeat_due_at=repeat_at if repeat else None,
                buried_day=before.buried_day,
            )
        log_id = self._store.record_answer(
            resolved, before, after, now_ms, today.day, grade, elapsed_ms, kind
        )
        record = replace(record, state=after)
        self._count(today, kind, self._deck_names(record.deck_id), note_key, resolved)
        if today.counts is not None:
            note_after = [(card, after if card == resolved else state)
                          for card, state in note_before]
            _move_counts(today.counts.setdefault(record.deck_id, [0, 0, 0, 0]),
                         note_contribution(note_before, seen_before, today.day),
                         note_contribution(note_after, seen_before | {resolved}, today.day))
        for session in self._sessions.values():
            session.reviews.discard(resolved)
            session.new.discard(resolved)
        if after.repeat_day == today.day:
            entry = QueueEntry(resolved, record.deck_id, record.note_id, after.due, 0)
            today.repeats[resolved] = (after.repeat_due_at or now_ms, entry)
        else:
            today.repeats.pop(resolved, None)
        self._undo.append(_UndoEntry(log_id, resolved))
        return self._card(record, today.day)

    @staticmethod
    def _count(today: _Today, kind: int, deck: tuple[str, ...], note_key: str,
               card_id: str) -> None:
        counter = today.new_done if kind == 0 else today.reviews_done if kind in (1, 2) else None
        if counter is not None:
            counter.update(_prefixes(deck))
        today.notes_seen.setdefault(note_key, set()).add(card_id)

    @_serialized
    def undo(self) -> str | None:
        """Take back the latest answer of this session: the card id restored, or None.

        The card's state before the answer comes back exactly and the log entry goes.
        """
        if not self._undo:
            return None
        entry = self._undo.pop()
        today = self._today
        record = self._store.card(entry.card_id)
        if record is None:
            self._forget_queue()
            return None
        note_key = record.note_id or record.id
        note_before = self._store.note_states(record.file_id, record.note_id, entry.card_id)
        restored = self._store.undo_answer(entry.log_id)
        # The card goes back into the queue where it was: rebuild the queue from the file,
        # but keep the deck counts, moved back by the change to this card's note.
        self._forget_queue()
        if today is not None and today.counts is not None:
            seen_before = frozenset(today.notes_seen.get(note_key, ()))
            reloaded = self._load_day(today.day)
            note_after = self._store.note_states(record.file_id, record.note_id,
                                                 entry.card_id)
            _move_counts(today.counts.setdefault(record.deck_id, [0, 0, 0, 0]),
                         note_contribution(note_before, seen_before, today.day),
                         note_contribution(note_after,
                                           frozenset(reloaded.notes_seen.get(note_key, ())),
                                           today.day))
            reloaded.counts = today.counts
        return restored

    def can_undo(self) -> bool:
        return bool(self._undo)

    @_serialized
    def preview_intervals(self, card_id: str, now: datetime | None = None) -> dict[int, int]:
        """Days from today until the card is due, for each grade 0..5, or 0 where the
        answer only brings the card back later today without moving its due date.

        For the day's first answer these are SM-2's intervals (1 for grades 0-2; grades
        0-3 also bring the card back later today, which `answer_preview` tells). For a
        same-day repeat the schedule is already set and a repeat never moves it: grades
        below 4 say 0 (later today), 4 and 5 the days until the due date set earlier.
        """
        previews = self.answer_preview(card_id, now)
        state = self._store.state(self._resolve(card_id))
        repeating = state is not None and state.repeat_day == self.study_day(now).toordinal()
        return {grade: 0 if repeating and preview.again_in is not None else preview.days
                for grade, preview in previews.items()}

    @_serialized
    def answer_preview(self, card_id: str, now: datetime | None = None
                       ) -> dict[int, AnswerPreview]:
        """For each grade 0..5: the days until due and, when SM-2's same-day rule brings
        the card back today, after what pause (see `AnswerPreview`)."""
        resolved = self._resolve(card_id)
        state = self._store.state(resolved)
        if state is None:
            raise CardNotFoundError(card_id)
        today = self.study_day(now)
        if state.repeat_day == today.toordinal():
            until_due = max(0, (state.due or today.toordinal()) - today.toordinal())
            days = dict.fromkeys(scheduler.GRADES, until_due)
        else:
            days = scheduler.preview(review_state(state), today)
        return {
            grade: AnswerPreview(grade, days[grade], _repeat_delay(grade)
                                 if scheduler.needs_same_day_repeat(grade) else None)
            for grade in scheduler.GRADES
        }

    @_serialized
    def suspend(self, card_id: str) -> None:
        resolved = self._resolve(card_id)
        self._change_card(resolved, lambda: self._store.set_suspended(resolved, True))

    @_serialized
    def unsuspend(self, card_id: str) -> None:
        resolved = self._resolve(card_id)
        self._change_card(resolved, lambda: self._store.set_suspended(resolved, False))

    @_serialized
    def bury(self, card_id: str, now: datetime | None = None) -> None:
        """Hide a card until the next study day."""
        resolved = self._resolve(card_id)
        day = self.study_day(now).toordinal()
        self._change_card(resolved, lambda: self._store.set_buried(resolved, day))

    @_serialized
    def unbury(self, card_id: str) -> None:
        resolved = self._resolve(card_id)
        self._change_card(resolved, lambda: self._store.set_buried(resolved, None))

    def _change_card(self, card_id: str, write: Callable[[], None]) -> None:
        """Write a change to one card; the queue is read again, but the deck counts (a
        recount costs tens of ms at 50,000 cards) move by the change to the card's note."""
        today = self._today
        record = self._store.card(card_id) if today is not None and today.counts else None
        if today is None or today.counts is None or record is None:
            write()
            self._forget_queue()
            return
        note_before = self._store.note_states(record.file_id, record.note_id, card_id)
        write()
        note_after = self._store.note_states(record.file_id, record.note_id, card_id)
        self._forget_queue()
        seen = frozenset(today.notes_seen.get(record.note_id or record.id, ()))
        _move_counts(today.counts.setdefault(record.deck_id, [0, 0, 0, 0]),
                     note_contribution(note_before, seen, today.day),
                     note_contribution(note_after, seen, today.day))
        # The card's 'total' counts active cards: suspending keeps it, retiring is an import.
        self._load_day(today.day).counts = today.counts

    # -- reading ------------------------------------------------------------------------

    def _resolve(self, card_id: str) -> str:
        if not isinstance(card_id, str):
            raise CardNotFoundError(card_id)
        resolved = self._store.resolve_id(card_id)
        if resolved is None:
            raise CardNotFoundError(card_id)
        return resolved

    def _card(self, record: CardRecord, today: int | None = None) -> Card:
        state = record.state
        day = self.study_day().toordinal() if today is None else today
        return Card(
            id=record.id,
            front=record.front,
            back=record.back,
            deck=list(self._deck_names(record.deck_id)),
            context=record.context,
            source=record.source,
            line=record.line,
            retired=record.retired,
            suspended=record.suspended,
            state=review_state(state),
            kind=record.kind,
            tags=record.tags,
            note_id=record.note_id,
            ordinal=record.ordinal,
            cloze_text=record.cloze_text,
            buried=state.buried_day == day,
            repeat_today=state.repeat_day == day,
            modified_at=datetime.fromtimestamp(record.modified_at / 1000, UTC),
        )

    @_serialized
    def card(self, card_id: str) -> Card:
        """The card with this id (a relinked card answers to its old and new ids)."""
        record = self._store.card(self._resolve(card_id))
        if record is None:
            raise CardNotFoundError(card_id)
        return self._card(record)

    @_serialized
    def history(self, card_id: str) -> list[ReviewLogEntry]:
        """The card's review log, oldest first."""
        return [
            ReviewLogEntry(
                id=entry.id,
                card_id=entry.card_id,
                reviewed_at=datetime.fromtimestamp(entry.reviewed_at / 1000, UTC),
                day=date.fromordinal(entry.day),
                grade=entry.grade,
                elapsed_ms=entry.elapsed_ms,
                kind=_log_kind(entry.kind),
                before=review_state(entry.before),
                after=review_state(entry.after),
            )
            for entry in self._store.history(self._resolve(card_id))
        ]

    def cards(self, deck: list[str] | None = None, include_retired: bool = False) -> Iterator[Card]:
        """Cards of a deck and its children (all decks if None), in note order."""
        today = self.study_day().toordinal()
        for record in self._store.iter_cards(self._deck_ids(deck), include_retired):
            yield self._card(record, today)

    @_serialized
    def search(self, text: str, include_retired: bool = False, limit: int = 500) -> list[Card]:
        """Cards whose front, back or deck contains `text` (case-insensitive for ASCII)."""
        today = self.study_day().toordinal()
        return [self._card(record, today)
                for record in self._store.search(text, include_retired, limit)]

    def deck_title(self, deck: Sequence[str]) -> str | None:
        """The title heading of the file a deck came from, if any."""
        for info in self._decks.values():
            if info.names == tuple(deck):
                return info.title
        return None

    def _deck_counts(self, today: _Today) -> dict[int, list[int]]:
        """Per deck id: [new, learning, due, total] of its own cards, before limits (new
        and due one per note, as `Store.counts_by_deck` and `note_contribution` count).

        Read once a day (and after anything but an answer changes cards); each answer
        then moves its card's contribution, so the deck list costs no query per card.
        """
        if today.counts is None:
            today.counts = {
                deck_id: [figures["new"], figures["learning"], figures["due"],
                          figures["total"]]
                for deck_id, figures in self._store.counts_by_deck(today.day).items()
            }
        return today.counts

    @_serialized
    def decks(self) -> list[list[str]]:
        """Every deck with active cards (and their parents), sorted."""
        counts = self._deck_counts(self._day_state(_now(None)))
        found: set[tuple[str, ...]] = set()
        for deck_id, figures in counts.items():
            if figures[3]:
                found.update(_prefixes(self._deck_names(deck_id)))
        found.discard(())
        return [list(names) for names in sorted(found)]

    @_serialized
    def counts(self, now: datetime | None = None) -> list[DeckCounts]:
        """Per deck, its own cards to study today (new, learning, due), before the daily
        limits, as the queue shows them: one card per note (siblings wait), nothing more
        of a note answered today, nothing buried."""
        counts = self._deck_counts(self._day_state(_now(now)))
        result = [
            DeckCounts(list(self._deck_names(deck_id)), new, learning, due)
            for deck_id, (new, learning, due, total) in counts.items()
            if total
        ]
        return sorted(result, key=lambda counts: counts.deck)

    @_serialized
    def deck_tree(self, now: datetime | None = None) -> list[DeckNode]:
        """The deck tree with counts of each deck and its children, after daily limits.

        A deck's new (due) count is its own and its children's, capped by what is left of
        the daily new (review) limit for that deck and for every deck above it.
        """
        today = self._day_state(_now(now))
        own: dict[tuple[str, ...], list[int]] = {}
        for deck_id, figures in self._deck_counts(today).items():
            bucket = own.setdefault(self._deck_names(deck_id), [0, 0, 0, 0])
            for index, value in enumerate(figures):
                bucket[index] += value
        children_of: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for names, figures in own.items():
            if not figures[3]:
                continue
            for prefix in _prefixes(names):
                siblings = children_of.setdefault(prefix[:-1], [])
                if prefix not in siblings:
                    siblings.append(prefix)
        titles = {info.names: info.title for info in self._decks.values()}
        settings = self._settings
        nothing = [0, 0, 0, 0]

        def build(names: tuple[str, ...], room_new: int, room_due: int) -> DeckNode:
            room_new = min(room_new, max(0, settings.new_per_day - today.new_done[names]))
            room_due = min(room_due,
                           max(0, settings.reviews_per_day - today.reviews_done[names]))
            children = [build(child, room_new, room_due)
                        for child in sorted(children_of.get(names, []))]
            new, learning, due, total = own.get(names, nothing)
            return DeckNode(
                name=names[-1],
                deck=list(names),
                title=titles.get(names),
                counts=DeckCounts(
                    list(names),
                    min(room_new, new + sum(child.counts.new for child in children)),
                    learning + sum(child.counts.learning for child in children),
                    min(room_due, due + sum(child.counts.due for child in children)),
                ),
                total_cards=total + sum(child.total_cards for child in children),
                children=children,
            )

        big = 1 << 62
        return [build(names, big, big) for names in sorted(children_of.get((), []))]

    @_serialized
    def stats(self, days: int = 30, deck: list[str] | None = None,
              now: datetime | None = None) -> Stats:
        """Reviews per day, retention, cards by state, time spent, due forecast."""
        if days < 1:
            raise ValueError("days must be at least 1")
        today = self.study_day(now).toordinal()
        deck_ids = self._deck_ids(deck)
        rows = self._store.log_per_day(today - days + 1, deck_ids)
        per_day = [
            DayStats(date.fromordinal(day), reviews, passed or 0, new or 0, repeats or 0,
                     time_ms or 0)
            for day, reviews, passed, new, repeats, time_ms, _scheduled, _kept in rows
        ]
        scheduled = sum(row[6] or 0 for row in rows)
        kept = sum(row[7] or 0 for row in rows)
        return Stats(
            days=days,
            per_day=per_day,
            total_reviews=sum(entry.reviews for entry in per_day),
            retention=(kept / scheduled) if scheduled else None,
            cards_by_state=self._store.cards_by_state(deck_ids, today),
            time_spent_ms=sum(entry.time_ms for entry in per_day),
            forecast=self._store.due_forecast(today, 30, deck_ids),
        )


def note_contribution(states: Sequence[tuple[str, StateRow]], seen: frozenset[str],
                      today: int) -> tuple[int, int, int]:
    """What one note adds to its deck's (new, learning, due) counts, by the rules of the
    queue and of `Store.counts_by_deck`: the note's cards still to do today count once
    (due before new), and a note answered today (by the cards in `seen`) shows nothing
    more but that one card itself; learning counts every card with a repeat pending."""
    learning = 0
    has_new = has_due = False
    for card_id, state in states:
        buried = state.buried_day == today
        repeat = state.repeat_day == today
        learning += int(repeat and state.queue >= 0 and not buried)
        if buried or (seen and (len(seen) > 1 or card_id not in seen)):
            continue
        if state.queue == QUEUE_NEW:
            has_new = True
        elif (state.queue == QUEUE_REVIEW and state.due is not None and state.due <= today
              and not repeat):
            has_due = True
    return int(has_new and not has_due), learning, int(has_due)


def _move_counts(figures: list[int], was: tuple[int, int, int],
                 now_is: tuple[int, int, int]) -> None:
    for index in range(3):
        figures[index] += now_is[index] - was[index]


def _log_kind(index: int) -> ReviewKind:
    kinds: tuple[ReviewKind, ...] = ("new", "review", "relearn", "repeat")
    return kinds[index]


def _repeat_delay(grade: int) -> timedelta:
    return REPEAT_DELAY_FAILED if grade < scheduler.PASSING_GRADE else REPEAT_DELAY_HARD


def _ms_delta(delta: timedelta) -> int:
    return int(delta.total_seconds() * 1000)


def _check_settings(settings: Settings) -> None:
    for name in ("new_per_day", "reviews_per_day"):
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            raise ValueError(f"{name} must be an integer from 0 to 100000, got {value!r}")
    hour = settings.rollover_hour
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValueError(f"rollover_hour must be an hour from 0 to 23, got {hour!r}")
    if settings.answer_mode not in ("four_buttons", "six_grades"):
        raise ValueError(
            f"answer_mode must be 'four_buttons' or 'six_grades', got {settings.answer_mode!r}"
        )
