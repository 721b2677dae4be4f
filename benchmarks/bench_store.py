"""Store benchmark: our collection against the real Anki library, same work, same run.

    python3 benchmarks/bench_store.py                # 100,000 cards
    python3 benchmarks/bench_store.py --cards 5000   # quick, while developing

Builds a notes corpus (`Термин N - определение N` lines under headings, 100 cards a file,
100 files a folder), imports it into a fresh collection (ours: `import_path`; Anki: a CSV
of the same cards through `col.import_csv`), gives 60% of the cards a review state due
over the past 30 and next 60 days, then in a fresh process per side opens the collection
and studies: median latency of open, first card after open, next card, answer; peak
memory (VmHWM) of that open-and-study process. Prints each ratio ours/Anki.

The import of all cards is timed `--import-runs` times per side (each a fresh process
and a fresh collection, the sides taking turns) and the median is compared: a single
run on a shared machine varies by a fifth either way.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CARDS_PER_FILE = 100
FILES_PER_FOLDER = 100
REVIEWED_SHARE = 0.6


# -- the corpus -------------------------------------------------------------------------


def write_corpus(folder: Path, cards: int) -> list[tuple[str, str, str]]:
    """Notes files in the learners' style; returns (front, back, deck) of every card."""
    rows: list[tuple[str, str, str]] = []
    number = 0
    file_index = 0
    while number < cards:
        topic = folder / f"topic-{file_index // FILES_PER_FOLDER:03}"
        topic.mkdir(parents=True, exist_ok=True)
        name = f"note-{file_index % FILES_PER_FOLDER:03}"
        lines = [f"# Заметки {file_index}", ""]
        for index in range(min(CARDS_PER_FILE, cards - number)):
            if index % 10 == 0:
                lines += [f"## Раздел {index // 10}", ""]
            front = f"Термин {number}"
            back = f"определение {number}: что это и зачем нужно в работе"
            lines += [f"{front} - {back}", ""]
            rows.append((front, back, f"notes::{topic.name}::{name}"))
            number += 1
        (topic / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
        file_index += 1
    return rows


def review_spread(count: int, seed: int = 42) -> list[tuple[int, int, float, int] | None]:
    """Per card: None (new) or (due offset days, interval, ease, repetitions)."""
    rng = random.Random(seed)
    spread: list[tuple[int, int, float, int] | None] = []
    for _ in range(count):
        if rng.random() < REVIEWED_SHARE:
            interval = rng.choice([1, 3, 6, 15, 40, 100])
            spread.append((rng.randint(-30, 60), interval, rng.uniform(1.5, 2.8),
                           rng.randint(1, 8)))
        else:
            spread.append(None)
    return spread


def peak_mb() -> float:
    """This process's peak resident memory.

    Linux keeps ru_maxrss across exec, so a step started from this (big) benchmark
    process would report the parent's size; VmHWM belongs to the new program alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


# -- our side ---------------------------------------------------------------------------


def ours_import(work: Path, db: Path, cards: int) -> tuple[float, Any]:
    """Seconds to import all cards into a new collection, and the collection (open)."""
    sys.path.insert(0, str(REPO))
    from flashcards.app import Collection

    collection = Collection.open(db)  # as Anki's: the collection is made before the clock
    started = time.perf_counter()
    report = collection.import_path(work / "notes")
    import_s = time.perf_counter() - started
    assert report.new == cards, report
    return import_s, collection


def ours_build(work: Path, cards: int) -> dict[str, Any]:
    from flashcards.store.schema import QUEUE_REVIEW

    notes = work / "notes"
    import_s, collection = ours_import(work, work / "ours.sqlite", cards)
    reimports = []
    for _ in range(3):
        started = time.perf_counter()
        again = collection.import_path(notes)
        reimports.append(time.perf_counter() - started)
        assert again.unchanged == cards and again.new == 0
    today = collection.study_day().toordinal()
    ids = [row[0] for row in collection.store.db.execute(
        "SELECT card_id FROM review_states ORDER BY position")]
    rows = []
    for card_id, state in zip(ids, review_spread(len(ids)), strict=True):
        if state is not None:
            offset, interval, ease, reps = state
            rows.append((QUEUE_REVIEW, reps, ease, interval, today + offset,
                         today + offset - interval, card_id))
    with collection.store.transaction() as db_connection:
        db_connection.executemany(
            "UPDATE review_states SET queue=?, repetitions=?, ease=?, interval=?, due=?, "
            "last_review=? WHERE card_id=?", rows)
    collection.close()
    return {"import_s": import_s, "reimport_s": statistics.median(reimports),
            "build_peak_mb": peak_mb()}


def study_figures(opens: int, answers: int, open_collection: Callable[[], Any],
                  next_card: Callable[[Any], Any], answer: Callable[[Any, Any], None]
                  ) -> dict[str, Any]:
    """The same measurements for both sides: opening, the first card after opening, and
    `answers` rounds of answering the card shown and fetching the next one."""
    open_times = []
    for _ in range(opens):
        started = time.perf_counter()
        collection = open_collection()
        open_times.append(time.perf_counter() - started)
        collection.close()
    started = time.perf_counter()
    collection = open_collection()
    opened = time.perf_counter()
    card = next_card(collection)
    first_card = time.perf_counter() - opened
    open_and_first = time.perf_counter() - started
    next_times, answer_times, both_times = [], [], []
    for _ in range(answers):
        t0 = time.perf_counter()
        answer(collection, card)
        t1 = time.perf_counter()
        card = next_card(collection)
        t2 = time.perf_counter()
        answer_times.append(t1 - t0)
        next_times.append(t2 - t1)
        both_times.append(t2 - t0)
    collection.close()
    return {
        "open_ms": median_ms(open_times),
        "first_card_ms": first_card * 1000,
        "open_and_first_ms": open_and_first * 1000,
        "next_card_ms": median_ms(next_times),
        "answer_ms": median_ms(answer_times),
        "answer_and_next_ms": median_ms(both_times),
        "study_peak_mb": peak_mb(),
    }


def ours_study(work: Path, answers: int, opens: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    from flashcards.app import Collection

    db = work / "ours.sqlite"
    rng = random.Random(3)

    def answer(collection: Any, card: Any) -> None:
        assert card is not None
        collection.answer(card.id, rng.choice([2, 3, 4, 4, 4, 4, 5]), elapsed_ms=4000)

    return study_figures(opens, answers, lambda: Collection.open(db),
                         lambda collection: collection.next_card(), answer)


# -- Anki's side ------------------------------------------------------------------------


def write_csv(work: Path, rows: list[tuple[str, str, str]]) -> None:
    """The cards as the CSV Anki imports (front, back, deck)."""
    with (work / "cards.csv").open("w", encoding="utf-8") as file:
        file.write("#separator:tab\n#html:false\n#notetype:Basic\n#deck column:3\n")
        for front, back, deck in rows:
            file.write(f"{front}\t{back}\t{deck}\n")


def anki_csv_import(work: Path, collection: Any) -> Any:
    from anki.collection import ImportCsvRequest

    csv_path = str(work / "cards.csv")
    metadata = collection.get_csv_metadata(csv_path, None)
    return collection.import_csv(ImportCsvRequest(path=csv_path, metadata=metadata))


def anki_import(work: Path, path: Path, cards: int) -> tuple[float, Any]:
    """Seconds to import all cards into a new collection, and the collection (open)."""
    from anki.collection import Collection

    collection = Collection(str(path))
    started = time.perf_counter()
    log = anki_csv_import(work, collection)
    import_s = time.perf_counter() - started
    assert len(log.log.new) == cards, len(log.log.new)
    return import_s, collection


def anki_build(work: Path, cards: int) -> dict[str, Any]:
    import_s, collection = anki_import(work, work / "anki.anki2", cards)
    reimports = []
    for _ in range(3):
        started = time.perf_counter()
        anki_csv_import(work, collection)
        reimports.append(time.perf_counter() - started)
    today = collection.sched.today
    card_ids = collection.db.list("SELECT id FROM cards ORDER BY nid, ord")
    updates = []
    for card_id, state in zip(card_ids, review_spread(len(card_ids)), strict=True):
        if state is not None:
            offset, interval, ease, reps = state
            updates.append((interval, today + offset, int(ease * 1000), reps, card_id))
    collection.db.executemany(
        "UPDATE cards SET type=2, queue=2, ivl=?, due=?, factor=?, reps=? WHERE id=?", updates)
    # Study the whole tree, as ours does with no deck given.
    collection.decks.select(collection.decks.id("notes"))
    collection.close()
    return {"import_s": import_s, "reimport_s": statistics.median(reimports),
            "build_peak_mb": peak_mb()}


def anki_study(work: Path, answers: int, opens: int) -> dict[str, Any]:
    # anki.cards must come after anki.collection (a circular import inside anki).
    from anki.collection import Collection  # noqa: I001
    from anki.cards import Card
    from anki.scheduler_pb2 import CardAnswer

    path = str(work / "anki.anki2")
    rng = random.Random(3)
    ratings = [CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.GOOD,
               CardAnswer.GOOD, CardAnswer.GOOD, CardAnswer.EASY]

    def fetch(collection: Any) -> tuple[Card, Any]:
        queued = collection.sched.get_queued_cards().cards[0]
        card = Card(collection, backend_card=queued.card)
        card.start_timer()
        return card, queued.states

    def answer(collection: Any, shown: tuple[Card, Any]) -> None:
        card, states = shown
        collection.sched.answer_card(collection.sched.build_answer(
            card=card, states=states, rating=rng.choice(ratings)))

    return study_figures(opens, answers, lambda: Collection(path), fetch, answer)


def timed_import(import_once: Callable[[Path, Path, int], tuple[float, Any]], name: str
                 ) -> Callable[[Path, int], dict[str, Any]]:
    """A step that imports into a collection of its own and throws it away."""
    def step(work: Path, cards: int) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(dir=work) as scratch:
            import_s, collection = import_once(work, Path(scratch) / name, cards)
            collection.close()
        return {"import_s": import_s}
    return step


STEPS = {
    ("ours", "import"): timed_import(ours_import, "ours.sqlite"),
    ("anki", "import"): timed_import(anki_import, "anki.anki2"),
    ("ours", "build"): ours_build,
    ("ours", "study"): ours_study,
    ("anki", "build"): anki_build,
    ("anki", "study"): anki_study,
}


def run_step(side: str, step: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Each step in its own process, so memory and caches are the step's own."""
    command = [sys.executable, __file__, "--step", f"{side}:{step}", "--work", str(work),
               "--cards", str(args.cards), "--answers", str(args.answers),
               "--opens", str(args.opens)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{side} {step} failed:\n{result.stderr}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--import-runs", type=int, default=3,
                        help="timed imports of all cards per side (the median is compared)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        side, step = args.step.split(":")
        studying = step == "study"
        figures = STEPS[(side, step)](args.work, args.answers if studying else args.cards,
                                      *([args.opens] if studying else []))
        print(json.dumps(figures))
        return

    with tempfile.TemporaryDirectory(prefix="bench-store-") as temp:
        work = Path(temp)
        started = time.perf_counter()
        rows = write_corpus(work / "notes", args.cards)
        write_csv(work, rows)
        print(f"corpus: {args.cards} cards in {len(list((work / 'notes').rglob('*.md')))} "
              f"files ({time.perf_counter() - started:.1f} s to write)")
        imports: dict[str, list[float]] = {"ours": [], "anki": []}
        for _ in range(args.import_runs - 1):
            for side in ("ours", "anki"):
                imports[side].append(run_step(side, "import", work, args)["import_s"])
        results = {}
        for side in ("ours", "anki"):
            results[side] = {**run_step(side, "build", work, args),
                             **run_step(side, "study", work, args)}
            imports[side].append(results[side]["import_s"])
            results[side]["import_s"] = statistics.median(imports[side])
            print(f"import runs, {side}: "
                  + ", ".join(f"{seconds:.2f} s" for seconds in imports[side]))
    lines = [
        (f"import all cards (median of {args.import_runs})", "import_s", "s"),
        ("re-import unchanged", "reimport_s", "s"),
        ("open (median)", "open_ms", "ms"),
        ("first card after open", "first_card_ms", "ms"),
        ("open + first card", "open_and_first_ms", "ms"),
        ("next card (median)", "next_card_ms", "ms"),
        ("answer (median)", "answer_ms", "ms"),
        ("answer + next card (median)", "answer_and_next_ms", "ms"),
        ("peak memory, open and study", "study_peak_mb", "MB"),
        ("peak memory, build", "build_peak_mb", "MB"),
    ]
    print(f"{'measure':<30} {'ours':>10} {'anki':>10} {'ours/anki':>10}")
    for label, key, unit in lines:
        ours, anki = results["ours"][key], results["anki"][key]
        ratio = ours / anki if anki else float("inf")
        print(f"{label:<30} {ours:>8.3f}{unit:>2} {anki:>8.3f}{unit:>2} {ratio:>10.2f}")


if __name__ == "__main__":
    main()
