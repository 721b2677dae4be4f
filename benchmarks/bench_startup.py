"""From launching `flashcards` to the first painted frame of the deck list.

Builds a temp collection with the bundled decks imported, then launches the real app
(`python -m flashcards --db ...`) several times with FLASHCARDS_STARTUP_PROBE set: the app
prints the time of the deck list's first paint and quits. Prints each run and the median.
Target: under 1 second.

    python3 benchmarks/bench_startup.py [--runs 7] [--xvfb]

Offscreen by default; `--xvfb` paints on a real X server (run it under `xvfb-run -a`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 1.0


def prepare_collection(folder: Path) -> tuple[Path, int]:
    sys.path.insert(0, str(REPO))
    from flashcards.app import Collection
    from flashcards.paths import bundled_decks_dir

    db = folder / "collection.sqlite"
    with Collection.open(db) as collection:
        report = collection.import_path(bundled_decks_dir())
    return db, report.total_cards


def launch_once(db: Path, env: dict[str, str]) -> tuple[float, float, dict[str, float]]:
    """(seconds to the first frame, seconds until the process ended, phase -> seconds)."""
    started = time.time()
    process = subprocess.run(
        [sys.executable, "-m", "flashcards", "--db", str(db)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    ended = time.time()
    phases: dict[str, float] = {}
    for line in process.stdout.splitlines():
        if line.startswith("phase "):
            _, moment, name = line.split(" ", 2)
            phases[name] = float(moment) - started
        if line.startswith("first-frame "):
            return float(line.split()[1]) - started, ended - started, phases
    raise RuntimeError(f"no first frame reported (exit {process.returncode}):\n"
                       f"{process.stdout}\n{process.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--xvfb", action="store_true",
                        help="use the X server in DISPLAY instead of the offscreen platform")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="flashcards-startup-") as temp:
        folder = Path(temp)
        db, cards = prepare_collection(folder)
        env = dict(os.environ)
        env["FLASHCARDS_STARTUP_PROBE"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        # The app's settings go to the temp folder, never to the user's.
        env["XDG_CONFIG_HOME"] = str(folder / "config")
        if not args.xvfb:
            env["QT_QPA_PLATFORM"] = "offscreen"
        platform = env.get("QT_QPA_PLATFORM", "xcb")
        print(f"collection: {cards} cards from the bundled decks; platform: {platform}")

        launch_once(db, env)  # warm the file cache: the learner's second start, not the first
        frames: list[float] = []
        all_phases: list[dict[str, float]] = []
        for run in range(1, args.runs + 1):
            first_frame, total, phases = launch_once(db, env)
            frames.append(first_frame)
            all_phases.append(phases)
            print(f"run {run}: first frame of the deck list after {first_frame * 1000:.0f} ms "
                  f"(process ended after {total * 1000:.0f} ms)")
        print("median time from launch to the end of each phase:")
        previous = 0.0
        for name in all_phases[0]:
            at = statistics.median(phases[name] for phases in all_phases)
            print(f"  {name:<24} {at * 1000:6.0f} ms  (+{(at - previous) * 1000:.0f})")
            previous = at
        median = statistics.median(frames)
        print(f"  {'deck list painted':<24} {median * 1000:6.0f} ms  "
              f"(+{(median - previous) * 1000:.0f})")
        verdict = "OK" if median < TARGET_S else "TOO SLOW"
        print(f"median start to first frame: {median * 1000:.0f} ms "
              f"(min {min(frames) * 1000:.0f}, max {max(frames) * 1000:.0f}); "
              f"target < {TARGET_S * 1000:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
