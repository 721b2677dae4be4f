"""Export of 10,000 cards to .apkg, next to genanki's own minimal write of the same notes.

    python3 benchmarks/bench_export.py [--cards 10000] [--repeat 5] [--no-store]

The cards are the bundled study decks (real notes: definitions, lists, code blocks, clozes)
copied into as many decks as it takes, about 60% of them with a review state. In one run
it prints:
- our export from card records (Markdown rendering, Pygments, notes, collection, zip),
  with and without progress;
- genanki's minimal write of the same notes: the same note types, fields (already HTML),
  guids and decks through `genanki.Note` and `Package.write_to_file`;
- the ratio ours / genanki (target <= 1.3); runs are interleaved so that load from other
  processes falls on both sides alike;
- how long the real Anki takes to import our package into a fresh collection;
- unless --no-store: `export_collection` from a real store of the same size, with progress
  (reading cards and review history from SQLite included).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flashcards.export import ExportCard, export_cards, export_collection  # noqa: E402
from flashcards.export.note_types import genanki_model, stable_id  # noqa: E402
from flashcards.export.notes import plan_notes  # noqa: E402
from flashcards.parsing import parse_folder  # noqa: E402
from flashcards.paths import bundled_decks_dir  # noqa: E402
from flashcards.scheduler import ReviewState  # noqa: E402


def random_state(rng: random.Random, today: date) -> ReviewState | None:
    if rng.random() >= 0.6:
        return None
    interval = rng.randint(1, 60)
    return ReviewState(
        repetitions=rng.randint(1, 8),
        ease=round(rng.uniform(1.3, 2.8), 2),
        interval=interval,
        due=today + timedelta(days=rng.randint(-30, 60)),
        lapses=rng.randint(0, 3),
        last_review=today - timedelta(days=interval),
    )


def bundled_cards(count: int, seed: int = 7) -> list[ExportCard]:
    """`count` cards: the bundled decks copied into decks copy-1, copy-2, ..."""
    drafts = [draft for result in parse_folder(bundled_decks_dir()) for draft in result.cards]
    if not drafts:
        raise SystemExit("no cards in the bundled decks")
    rng = random.Random(seed)
    today = date.today()
    cards: list[ExportCard] = []
    copy = 0
    while len(cards) < count:
        copy += 1
        for draft in drafts:
            card = ExportCard.from_draft(draft)
            cards.append(replace(
                card,
                id=f"{card.id}-{copy}",
                note_id=f"{card.note_key}-{copy}",
                deck=(f"copy-{copy}", *card.deck),
                state=random_state(rng, today),
            ))
    # Whole notes only: a note cut in two would not be the same notes on both sides.
    last_note = cards[count - 1].note_key
    while count < len(cards) and cards[count].note_key == last_note:
        count += 1
    return cards[:count]


CPU_TIMES: dict[int, float] = {}


def timed(action: Callable[[], object]) -> float:
    """Wall-clock seconds of one call; its CPU seconds go to CPU_TIMES[id(action)]."""
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    CPU_TIMES.setdefault(id(action), 0.0)
    CPU_TIMES[id(action)] += time.process_time() - started_cpu
    return time.perf_counter() - started


def genanki_minimal_write(cards: list[ExportCard], out: Path) -> Callable[[], None]:
    """genanki alone writing the same notes: same note types, fields, guids, decks."""
    import genanki

    plan = plan_notes(cards, None)  # rendered once, outside the timing

    def write() -> None:
        decks: dict[str, genanki.Deck] = {}
        for planned in plan.notes:
            deck = decks.get(planned.deck)
            if deck is None:
                deck = decks[planned.deck] = genanki.Deck(stable_id(planned.deck), planned.deck)
            deck.add_note(genanki.Note(
                model=genanki_model(planned.note_type), fields=planned.fields,
                tags=planned.tags, guid=planned.guid,
            ))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            genanki.Package(list(decks.values())).write_to_file(str(out))

    return write


def anki_import_seconds(package: Path, folder: Path) -> tuple[float, int]:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        started = time.perf_counter()
        col.import_anki_package(request)
        seconds = time.perf_counter() - started
        return seconds, col.card_count()
    finally:
        col.close()


def store_with(cards_count: int, folder: Path) -> Path:
    """A real collection of about `cards_count` cards: the bundled decks, copied."""
    import shutil

    from flashcards.app import Collection

    notes = folder / "notes"
    notes.mkdir(parents=True)
    per_copy = sum(len(result.cards) for result in parse_folder(bundled_decks_dir()))
    for copy in range(1, cards_count // per_copy + 2):
        shutil.copytree(bundled_decks_dir(), notes / f"copy-{copy}")
    path = folder / "collection.sqlite"
    with Collection.open(path) as collection:
        collection.import_path(notes)
        now = datetime.now(UTC)
        for number, card in enumerate(list(collection.cards())):
            if number % 5 < 3:  # about 60% reviewed
                collection.answer(card.id, 4, elapsed_ms=4000, now=now)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-store", action="store_true", help="skip export_collection")
    args = parser.parse_args()

    cards = bundled_cards(args.cards)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ours_out, theirs_out = folder / "ours.apkg", folder / "genanki.apkg"
        baseline = genanki_minimal_write(cards, theirs_out)
        baseline()  # warm-up of both: imports, caches
        export_cards(cards, ours_out, with_progress=True)

        # Interleaved, so that load from other processes falls on both sides alike.
        def ours_with_progress() -> None:
            export_cards(cards, ours_out, with_progress=True)

        def ours_plain() -> None:
            export_cards(cards, ours_out)

        runs: dict[str, list[float]] = {"ours": [], "plain": [], "genanki": []}
        for _ in range(args.repeat):
            runs["genanki"].append(timed(baseline))
            runs["ours"].append(timed(ours_with_progress))
            runs["plain"].append(timed(ours_plain))
        ours, plain, theirs = (statistics.median(runs[key]) for key in ("ours", "plain", "genanki"))
        cpu_ours = CPU_TIMES[id(ours_with_progress)] / args.repeat
        cpu_plain = CPU_TIMES[id(ours_plain)] / args.repeat
        cpu_theirs = CPU_TIMES[id(baseline)] / args.repeat

        report = export_cards(cards, ours_out, with_progress=True)
        import_seconds, imported = anki_import_seconds(ours_out, folder / "anki")
        ours_mb = ours_out.stat().st_size / 1e6
        theirs_mb = theirs_out.stat().st_size / 1e6
        print(f"cards: {report.cards}, notes: {report.notes}, reviewed: {report.reviewed}, "
              f"median of {args.repeat} interleaved runs")
        print(f"our export, with progress:     {ours:6.3f} s  ({ours_mb:.1f} MB)")
        print(f"our export, without progress:  {plain:6.3f} s")
        print(f"genanki minimal write:         {theirs:6.3f} s  ({theirs_mb:.1f} MB)")
        print(f"ratio ours/genanki:            {ours / theirs:6.2f}  with progress, "
              f"{plain / theirs:.2f} without (target <= 1.3)")
        print(f"CPU seconds (mean): ours {cpu_ours:.3f} with progress, {cpu_plain:.3f} without, "
              f"genanki {cpu_theirs:.3f}; ratio {cpu_ours / cpu_theirs:.2f} / "
              f"{cpu_plain / cpu_theirs:.2f} (genanki also waits for fsync, which CPU time "
              "leaves out)")
        print(f"Anki import of our package:    {import_seconds:6.3f} s  ({imported} cards)")

        if args.no_store:
            return
        from flashcards.app import Collection

        store_path = store_with(args.cards, folder / "store")
        with Collection.open(store_path) as collection:
            store_out = folder / "store.apkg"
            from_store = statistics.median(
                timed(lambda: export_collection(collection, store_out, with_progress=True))
                for _ in range(max(1, args.repeat // 2))
            )
            store_report = export_collection(collection, store_out, with_progress=True)
        print(f"export_collection with progress: {from_store:6.3f} s  ({store_report.cards} "
              f"cards, {store_report.reviewed} reviewed, {store_report.review_log} review log "
              "entries, read from the store)")


if __name__ == "__main__":
    main()
