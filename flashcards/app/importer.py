"""Importing notes: reconcile the parser's drafts with the stored cards, keeping history.

Matching, in order, for each draft of a changed file:
1. its id (or an alias recorded by an earlier relink) names a stored card: same card;
2. the same front (kind and direction too) belongs to a card whose text left its place
   (file renamed or moved, deck changed) or to a retired card: same card, relinked;
3. a card whose text left the *same file* near the same line, with a similar front
   (difflib ratio >= `SIMILAR_FRONT`): same card, relinked ("edited");
4. otherwise a new card. Stored cards of changed files left without a draft retire.

Files whose content hash did not change are not parsed at all.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flashcards.app.models import FileProblem, ImportReport, Relink
from flashcards.app.parse_pool import ParseJob
from flashcards.app.parse_worker import ROW_COLUMNS, Rows
from flashcards.parsing.ids import normalize_front
from flashcards.parsing.model import CardDraft, ParseResult
from flashcards.store.database import (
    CardRecord,
    FileRecord,
    NewCardRow,
    StateRow,
    Store,
    position_of,
)
from flashcards.store.schema import QUEUE_NEW, QUEUE_REVIEW

SIMILAR_FRONT = 0.75
# How far (in lines, after the file's typical shift) an edited front may have wandered.
NEARBY_LINES = 12

ProgressCallback = Callable[[int, int], None]
# Shared by every new card of an import: state rows are never changed in place.
_NEW_STATE = StateRow(queue=QUEUE_NEW)


def front_key(kind: str, ordinal: int, front: str) -> str:
    text = f"{kind}\x1f{ordinal}\x1f{normalize_front(front)}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(slots=True)
class _Draft:
    draft: CardDraft
    file_id: int
    path: str
    _key: str | None = None

    @property
    def key(self) -> str:
        """The draft's front_key, computed only when fronts need matching."""
        if self._key is None:
            draft = self.draft
            self._key = front_key(draft.kind, draft.ordinal, draft.front)
        return self._key


def _problems(result: ParseResult) -> dict[str, list[dict[str, object]]]:
    return {
        "skipped": [{"line": s.line, "text": s.text, "reason": s.reason} for s in result.skipped],
        "empty": [{"line": e.line, "text": e.title, "reason": "empty section"}
                  for e in result.empty_sections],
        "warnings": [{"line": w.line, "text": w.text, "reason": w.reason}
                     for w in result.warnings],
    }


def _report_problems(report: ImportReport, source: str,
                     problems: dict[str, Any]) -> None:
    for key, target in (("skipped", report.skipped), ("empty", report.empty_sections),
                        ("warnings", report.warnings)):
        target.extend(
            FileProblem(source, int(str(item["line"])), str(item["text"]), str(item["reason"]))
            for item in problems.get(key, [])
        )


def import_notes(store: Store, path: Path, progress: ProgressCallback | None = None
                 ) -> ImportReport:
    """Import a notes file or folder (see the module's docstring)."""
    # An import makes hundreds of thousands of small objects that all stay alive until it
    # ends: the cyclic garbage collector would rescan them again and again (measured: it
    # tripled the time of a 50,000-card import) and can find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import_notes(store, path, progress)
    finally:
        if collecting:
            gc.enable()


def _import_notes(store: Store, path: Path, progress: ProgressCallback | None) -> ImportReport:
    root = path.expanduser().absolute()
    if not root.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    is_folder = root.is_dir()
    if is_folder:
        from flashcards.parsing import note_files

        files = note_files(root)
    else:
        files = [root]
    known = store.files_in_scope(str(root), is_folder)
    # Nothing of this folder imported before: every file will be parsed, so the helper
    # processes of a big import can start before the files are read and hashed here.
    # Without cards in the collection there is nothing to match: drafts come as rows.
    as_rows = not store.has_cards()
    early = ParseJob(root, is_folder, files, as_rows) if not known else None
    try:
        return _import_files(store, root, is_folder, files, known, early, as_rows, progress)
    finally:
        if early is not None:
            early.close()


def _import_files(store: Store, root: Path, is_folder: bool, files: list[Path],
                  known: dict[str, FileRecord], early: ParseJob | None, as_rows: bool,
                  progress: ProgressCallback | None) -> ImportReport:
    report = ImportReport()
    total = len(files)
    done = 0

    digests: dict[Path, str] = {}
    changed: list[Path] = []
    unchanged_ids: list[int] = []
    for file in files:
        try:
            digest = file_digest(file.read_bytes())
        except OSError as error:
            report.file_errors.append(FileProblem(_display(root, file, is_folder), 0, "",
                                                  f"cannot read: {error.strerror or error}"))
            done += 1
            continue
        digests[file] = digest
        record = known.get(str(file))
        if record is not None and record.digest == digest:
            unchanged_ids.append(record.id)
            done += 1
        else:
            changed.append(file)
    if progress is not None:
        progress(done, total)
    present = {str(file) for file in files}
    removed = [record for file_path, record in known.items() if file_path not in present]

    report.files_unchanged = len(unchanged_ids)
    for problems_json in store.file_problems(unchanged_ids):
        problems = json.loads(problems_json)
        _report_problems(report, problems.pop("source"), problems)
    report.unchanged = store.count_active_cards(unchanged_ids)
    if not changed and not removed:
        return report

    def step(files_done: int) -> None:
        nonlocal done
        done += files_done
        if progress is not None:
            progress(done, total)

    with ExitStack() as stack:
        if early is not None:
            parsed = early.results(step, wanted=set(changed))
        else:
            job = stack.enter_context(ParseJob(root, is_folder, changed, as_rows))
            parsed = job.results(step)
        now_ms = int(time.time() * 1000)
        if as_rows:
            # Nothing to match against: each chunk's cards are written while the helper
            # processes parse the next files (the parse and the writes overlap).
            with (store.bulk_cache(), store.transaction(), store.bulk_insert_indexes(),
                  store.new_card_rows()):
                _import_into_empty(store, root, is_folder, parsed, digests, known, removed,
                                   report, now_ms)
            return report
        results = {file: result for file, result, _rows in parsed}
    with store.bulk_cache(), store.transaction():
        _reconcile(store, root, is_folder, results, digests, known, removed, report, now_ms)
    return report


def _display(root: Path, file: Path, is_folder: bool) -> str:
    return file.relative_to(root).as_posix() if is_folder else file.name


def _reconcile(store: Store, root: Path, is_folder: bool, results: dict[Path, ParseResult],
               digests: dict[Path, str], known: dict[str, FileRecord],
               removed: list[FileRecord], report: ImportReport, now_ms: int) -> None:
    drafts: list[_Draft] = []
    seen_ids: set[str] = set()
    deck_ids: dict[tuple[str, ...], int] = {}
    affected_file_ids: list[int] = [record.id for record in removed]
    for file, result in results.items():
        file_id = _store_file(store, root, is_folder, file, result, digests, known, deck_ids,
                              report, now_ms)
        if file_id is None:
            continue
        if str(file) in known:
            affected_file_ids.append(file_id)
        for draft in _first_of_each_id(result, seen_ids, report):
            drafts.append(_Draft(draft, file_id, str(file)))

    old_cards = {card.id: card for card in store.cards_of_files(affected_file_ids)}
    aliases = store.aliases(draft.draft.id for draft in drafts)
    target = {d.draft.id: aliases.get(d.draft.id, d.draft.id) for d in drafts}
    missing = [card_id for card_id in target.values() if card_id not in old_cards]
    existing = dict(old_cards)
    if missing and store.has_cards():
        existing.update(store.cards_by_ids(missing))

    claimed: dict[str, _Draft] = {}  # card id -> draft
    unmatched: list[_Draft] = []
    for item in drafts:
        card_id = target[item.draft.id]
        if card_id in existing and card_id not in claimed:
            claimed[card_id] = item
        else:
            unmatched.append(item)

    relinks: list[tuple[str, str]] = []
    free_old_cards = any(card.id not in claimed and not card.retired
                         for card in old_cards.values())
    if unmatched and (free_old_cards or store.has_retired_cards()):
        unmatched = _match_same_front(store, unmatched, old_cards, existing, claimed,
                                      relinks, report)
    if unmatched and free_old_cards:
        unmatched = _match_edited_front(unmatched, old_cards, existing, claimed, relinks,
                                        report)

    def deck_id_of(draft: CardDraft) -> int:
        key = tuple(draft.deck)
        if key not in deck_ids:
            deck_ids[key] = store.ensure_deck(draft.deck)
        return deck_ids[key]

    # Matched cards: new text and place, same history.
    updates: list[CardRecord] = []
    update_positions: list[int] = []
    for card_id, item in claimed.items():
        old = existing[card_id]
        new = _record(item, card_id, deck_id_of(item.draft), old.state, old.suspended)
        if old.retired:
            report.restored += 1
        elif _text_of(old) != _text_of(new):
            report.updated += 1
        elif (old.source, old.line, old.file_id, old.ordinal) != (
                new.source, new.line, new.file_id, new.ordinal):
            report.moved += 1
        else:
            report.unchanged += 1
            if old.file_id == new.file_id and old.note_id == new.note_id:
                continue
        updates.append(new)
        update_positions.append(position_of(item.file_id, item.draft.line, item.draft.ordinal))

    store.delete_files([record.id for record in removed])
    store.update_cards(updates, update_positions, now_ms)
    store.add_aliases(relinks)

    inserts = [
        _record(item, item.draft.id, deck_id_of(item.draft), _seed(item.draft), False)
        for item in unmatched
    ]
    store.insert_cards(
        inserts,
        [position_of(item.file_id, item.draft.line, item.draft.ordinal) for item in unmatched],
        now_ms,
    )
    report.new += len(inserts)

    gone = [card for card in old_cards.values() if card.id not in claimed and not card.retired]
    store.set_retired(
        [(card.id, front_key(card.kind, card.ordinal, card.front)) for card in gone], now_ms
    )
    report.retired += len(gone)


def _store_file(store: Store, root: Path, is_folder: bool, file: Path, result: ParseResult,
                digests: dict[Path, str], known: dict[str, FileRecord],
                deck_ids: dict[tuple[str, ...], int], report: ImportReport,
                now_ms: int) -> int | None:
    """Record a parsed file (digest, problems, its deck); its id, or None if unreadable."""
    source = result.source or _display(root, file, is_folder)
    if result.error is not None:
        report.file_errors.append(FileProblem(source, 0, "", result.error))
        return None
    report.files_parsed += 1
    problems = _problems(result)
    _report_problems(report, source, problems)
    record = known.get(str(file))
    problems_json = (
        json.dumps({"source": source, **problems}, ensure_ascii=False)
        if any(problems.values()) else "{}"
    )
    if record is None:
        file_id = store.add_file(str(file), digests[file], now_ms, problems_json)
    else:
        file_id = record.id
        store.update_file(file_id, digests[file], now_ms, problems_json)
    if result.deck:
        deck_ids[tuple(result.deck)] = store.ensure_deck(result.deck, result.title)
    return file_id


def _first_of_each_id(result: ParseResult, seen_ids: set[str], report: ImportReport
                      ) -> Iterator[CardDraft]:
    """The file's drafts whose id no earlier draft of the import had."""
    for draft in result.cards:
        if draft.id in seen_ids:
            report.warnings.append(FileProblem(
                draft.source, draft.line, draft.front,
                "the same card appears twice; the first one is kept"))
            continue
        seen_ids.add(draft.id)
        yield draft


# Cards written per statement batch while importing into an empty collection.
WRITE_BATCH = 2000


def _import_into_empty(store: Store, root: Path, is_folder: bool,
                       parsed: Iterable[tuple[Path, ParseResult, Rows | None]],
                       digests: dict[Path, str],
                       known: dict[str, FileRecord], removed: list[FileRecord],
                       report: ImportReport, now_ms: int) -> None:
    """`_reconcile` for a collection without cards: every first draft of an id is a new
    card, written as soon as its file is parsed, from the rows the parsing made (or
    straight from the drafts of a file with schedules in it)."""
    store.delete_files([record.id for record in removed])
    seen_ids: set[str] = set()
    deck_ids: dict[tuple[str, ...], int] = {}
    rows: list[NewCardRow] = []
    last_deck: list[str] | None = None
    deck_id = 0
    for file, result, file_rows in parsed:
        file_id = _store_file(store, root, is_folder, file, result, digests, known, deck_ids,
                              report, now_ms)
        if file_id is None:
            continue
        for deck, group in (file_rows or {}).items():
            group = _first_rows(group, seen_ids, report)
            if deck not in deck_ids:
                deck_ids[deck] = store.ensure_deck(deck)
            store.insert_card_rows(ROW_COLUMNS, group, deck_ids[deck], file_id, now_ms)
            report.new += len(group)
        for draft in _first_of_each_id(result, seen_ids, report):
            if draft.deck is not last_deck:  # the drafts of a file share their deck list
                last_deck = draft.deck
                key = tuple(last_deck)
                if key not in deck_ids:
                    deck_ids[key] = store.ensure_deck(last_deck)
                deck_id = deck_ids[key]
            rows.append((
                draft.id, draft.note_id, draft.kind, deck_id, file_id, draft.source,
                draft.line, draft.ordinal, draft.front, draft.back, draft.context, draft.tags,
                draft.cloze_text,
                _NEW_STATE if draft.imported_schedule is None else _seed(draft),
                position_of(file_id, draft.line, draft.ordinal),
            ))
        if len(rows) >= WRITE_BATCH:
            store.insert_new_cards(rows, now_ms)
            report.new += len(rows)
            rows = []
    store.insert_new_cards(rows, now_ms)
    report.new += len(rows)


_ROW_ID, _ROW_SOURCE, _ROW_LINE, _ROW_FRONT = (
    ROW_COLUMNS.index(name) for name in ("id", "source", "line", "front"))


def _first_rows(rows: list[tuple[Any, ...]], seen_ids: set[str], report: ImportReport
                ) -> list[tuple[Any, ...]]:
    """`_first_of_each_id` for rows."""
    ids = [row[_ROW_ID] for row in rows]
    if seen_ids.isdisjoint(ids) and len(set(ids)) == len(ids):
        seen_ids.update(ids)
        return rows
    kept: list[tuple[Any, ...]] = []
    for row in rows:
        if row[_ROW_ID] in seen_ids:
            report.warnings.append(FileProblem(
                row[_ROW_SOURCE], row[_ROW_LINE], row[_ROW_FRONT],
                "the same card appears twice; the first one is kept"))
            continue
        seen_ids.add(row[_ROW_ID])
        kept.append(row)
    return kept


def _text_of(card: CardRecord) -> tuple[object, ...]:
    return (card.front, card.back, card.context, card.tags, card.deck_id, card.kind,
            card.cloze_text, card.note_id)


def _record(item: _Draft, card_id: str, deck_id: int, state: StateRow,
            suspended: bool) -> CardRecord:
    draft = item.draft
    return CardRecord(
        id=card_id, note_id=draft.note_id, kind=draft.kind, deck_id=deck_id,
        file_id=item.file_id, source=draft.source, line=draft.line, ordinal=draft.ordinal,
        front=draft.front, back=draft.back, context=draft.context,
        tags=draft.tags, cloze_text=draft.cloze_text,
        # Only a retired card needs its front key (set when it retires).
        front_key="",
        retired=False, suspended=suspended, state=state,
    )


def _seed(draft: CardDraft) -> StateRow:
    """A new card's state: new, or the schedule Obsidian's SR plugin wrote in the notes."""
    schedule = draft.imported_schedule
    if schedule is None:
        return _NEW_STATE
    interval = max(1, int(schedule.interval))
    due = schedule.due.toordinal() if isinstance(schedule.due, date) else None
    if due is None:
        return StateRow(queue=QUEUE_NEW)
    return StateRow(
        queue=QUEUE_REVIEW,
        # SM-2 multiplies the interval by the ease only from the third success on.
        repetitions=1 if interval < 6 else 2,
        ease=max(1.3, float(schedule.ease)),
        interval=interval,
        due=due,
        last_review=due - interval,
    )


def _match_same_front(store: Store, unmatched: list[_Draft], old_cards: dict[str, CardRecord],
                      existing: dict[str, CardRecord], claimed: dict[str, _Draft],
                      relinks: list[tuple[str, str]], report: ImportReport) -> list[_Draft]:
    keys = {id(item): item.key for item in unmatched}
    candidates: dict[str, list[CardRecord]] = defaultdict(list)
    for card in old_cards.values():
        if card.id not in claimed and not card.retired:
            candidates[front_key(card.kind, card.ordinal, card.front)].append(card)
    if store.has_retired_cards():
        # Elsewhere in the collection only retired cards are free to take.
        for card in store.retired_cards_by_front_keys(set(keys.values())):
            if card.id not in claimed and card.id not in old_cards:
                candidates[card.front_key].append(card)
    left: list[_Draft] = []
    for item in unmatched:
        pool = [card for card in candidates.get(keys[id(item)], []) if card.id not in claimed]
        if not pool:
            left.append(item)
            continue
        # Prefer a card from the same file, then the nearest line.
        card = min(pool, key=lambda c: (c.file_id != item.file_id, abs(c.line - item.draft.line)))
        existing[card.id] = card
        claimed[card.id] = item
        relinks.append((item.draft.id, card.id))
        if not card.retired:
            report.relinked.append(Relink(card.id, item.draft.id, card.front, item.draft.front,
                                          item.draft.source, item.draft.line, "moved"))
    return left


def _match_edited_front(unmatched: list[_Draft], old_cards: dict[str, CardRecord],
                        existing: dict[str, CardRecord], claimed: dict[str, _Draft],
                        relinks: list[tuple[str, str]], report: ImportReport) -> list[_Draft]:
    by_file: dict[int | None, list[CardRecord]] = defaultdict(list)
    for card in old_cards.values():
        if card.id not in claimed and not card.retired:
            by_file[card.file_id].append(card)
    if not by_file:
        return unmatched
    shifts = _line_shifts(claimed, existing)
    pairs: list[tuple[float, int, _Draft, CardRecord]] = []
    for item in unmatched:
        draft = item.draft
        shift = shifts.get(item.file_id, 0)
        wanted = normalize_front(draft.front)
        for card in by_file.get(item.file_id, []):
            if (card.kind, card.ordinal) != (draft.kind, draft.ordinal):
                continue
            distance = abs(card.line + shift - draft.line)
            if distance > NEARBY_LINES:
                continue
            matcher = difflib.SequenceMatcher(None, normalize_front(card.front), wanted)
            if matcher.real_quick_ratio() < SIMILAR_FRONT or matcher.quick_ratio() < SIMILAR_FRONT:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILAR_FRONT:
                pairs.append((ratio, -distance, item, card))
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    taken: set[int] = set()
    for _ratio, _distance, item, card in pairs:
        if id(item) in taken or card.id in claimed:
            continue
        taken.add(id(item))
        existing[card.id] = card
        claimed[card.id] = item
        relinks.append((item.draft.id, card.id))
        report.relinked.append(Relink(card.id, item.draft.id, card.front, item.draft.front,
                                      item.draft.source, item.draft.line, "edited"))
    return [item for item in unmatched if id(item) not in taken]


def _line_shifts(claimed: dict[str, _Draft], existing: dict[str, CardRecord]
                 ) -> dict[int, int]:
    """Per file, the typical move of its matched cards (lines added or removed above)."""
    moves: dict[int, list[int]] = defaultdict(list)
    for card_id, item in claimed.items():
        old = existing[card_id]
        if old.file_id == item.file_id:
            moves[item.file_id].append(item.draft.line - old.line)
    return {file_id: int(statistics.median(values)) for file_id, values in moves.items()}

