"""Parser throughput on ~5 MB of generated notes, next to markdown-it-py's bare parse.

    python3 benchmarks/bench_parse.py [--mb 5] [--repeat 3]

Prints MB/s of our full parse (notes rules + explicit syntax + ids) and of
`MarkdownIt().parse` on the same text in the same run, and the ratio (target <= 2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notes_corpus import notes_corpus  # noqa: E402

from flashcards.parsing import parse_text  # noqa: E402


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    files = notes_corpus(int(args.mb * 1_000_000))
    size_mb = sum(len(text.encode("utf-8")) for text in files) / 1_000_000
    markdown = MarkdownIt()

    cards = sum(len(parse_text(text, deck=["bench"]).cards) for text in files)
    # Interleaved, best of each: a busy machine slows both sides alike.
    ours_runs, bare_runs = [], []
    for _ in range(args.repeat):
        ours_runs.append(_timed(lambda: [parse_text(text, deck=["bench"]) for text in files]))
        bare_runs.append(_timed(lambda: [markdown.parse(text) for text in files]))
    ours, bare = min(ours_runs), min(bare_runs)

    print(f"corpus: {len(files)} files, {size_mb:.2f} MB, {cards} cards")
    print(f"flashcards parse_text:    {ours:7.2f} s  {size_mb / ours:6.2f} MB/s")
    print(f"markdown-it-py parse:     {bare:7.2f} s  {size_mb / bare:6.2f} MB/s")
    print(f"ratio ours / markdown-it: {ours / bare:.2f}  (target <= 2.0; best of {args.repeat})")
    ratios = [o / b for o, b in zip(ours_runs, bare_runs, strict=True)]
    print(f"cards per second: {cards / ours:,.0f}; median ratio {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
