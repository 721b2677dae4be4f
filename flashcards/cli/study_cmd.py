"""`flashcards import`, `due`, `stats` and `review`: the collection from a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from flashcards.app import AnswerPreview, Card, Collection, DeckNode, ImportReport

# Longer than this, the learner walked away: log the cap (Anki does the same with 60 s).
MAX_ANSWER_MS = 60_000
_ENTER = ("\r", "\n", " ")


@contextmanager
def _collection(ctx: click.Context) -> Iterator[Collection]:
    from flashcards.app import Collection, CollectionError

    db_path = (ctx.obj or {}).get("db_path")
    try:
        collection = Collection.open(db_path)
    except CollectionError as error:
        raise click.ClickException(str(error)) from error
    try:
        yield collection
    finally:
        collection.close()


def _deck_argument(name: str | None) -> list[str] | None:
    if not name:
        return None
    parts = [part.strip() for part in name.replace("::", "/").split("/")]
    return [part for part in parts if part]


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, path: Path) -> None:
    """Import a notes file or folder; review history survives edits of the notes."""
    with _collection(ctx) as collection:
        bar: Any = None  # click's ProgressBar, made once the number of files is known
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal bar, shown
            if bar is None:
                if total < 2:
                    return
                bar = click.progressbar(length=total, label="Reading notes", file=None)
                bar.__enter__()
            bar.update(done - shown)
            shown = done

        try:
            report = collection.import_path(path, progress=progress)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    _print_report(report)


def _print_report(report: ImportReport) -> None:
    click.echo(
        f"{report.new} new, {report.updated} updated, {report.moved} moved, "
        f"{report.unchanged} unchanged, {report.retired} retired, {report.restored} restored"
    )
    click.echo(f"files: {report.files_parsed} read, {report.files_unchanged} unchanged")
    for relink in report.relinked:
        click.echo(
            f"kept history: {relink.source}:{relink.line}: {relink.old_front!r} -> "
            f"{relink.new_front!r} ({relink.reason})"
        )
    for title, problems in (
        ("file errors", report.file_errors),
        ("skipped lines", report.skipped),
        ("empty sections", report.empty_sections),
        ("warnings", report.warnings),
    ):
        if not problems:
            continue
        click.echo(f"{title} ({len(problems)}):")
        for problem in problems:
            where = f"{problem.source}:{problem.line}" if problem.line else problem.source
            text = f" {problem.text!r}" if problem.text else ""
            click.echo(f"  {where}: {problem.reason}{text}")


@click.command()
@click.pass_context
def due(ctx: click.Context) -> None:
    """Cards to study today per deck: new, learning (repeats later today), due."""
    with _collection(ctx) as collection:
        tree = collection.deck_tree()
    if not tree:
        click.echo("No cards yet: flashcards import PATH")
        return
    rows: list[tuple[str, DeckNode]] = []

    def walk(node: DeckNode, depth: int) -> None:
        rows.append(("  " * depth + node.name, node))
        for child in node.children:
            walk(child, depth + 1)

    for node in tree:
        walk(node, 0)
    width = max(len(label) for label, _ in rows)
    click.echo(f"{'deck':<{width}}  {'new':>5} {'learn':>5} {'due':>5}")
    for label, node in rows:
        counts = node.counts
        click.echo(f"{label:<{width}}  {counts.new:>5} {counts.learning:>5} {counts.due:>5}")
    click.echo(
        f"{'total':<{width}}  {sum(n.counts.new for n in tree):>5} "
        f"{sum(n.counts.learning for n in tree):>5} {sum(n.counts.due for n in tree):>5}"
    )


@click.command()
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 3650),
              help="How many study days of the reviews-per-day table to show.")
@click.option("--deck", "deck_name", default=None, help="Only this deck and its children.")
@click.pass_context
def stats(ctx: click.Context, days: int, deck_name: str | None) -> None:
    """The statistics screen's figures: reviews, retention, ease, forecast, cards by state."""
    from flashcards.app.statistics import overview

    with _collection(ctx) as collection:
        figures = overview(collection, _deck_argument(deck_name))
    totals = figures.stats
    click.echo("cards: " + ", ".join(f"{count} {name}"
                                     for name, count in totals.cards_by_state.items()))
    retention = "-" if totals.retention is None else f"{totals.retention:.0%}"
    ease = "-" if figures.average_ease is None else f"{figures.average_ease:.0%}"
    click.echo(
        f"last {totals.days} days: {totals.total_reviews} reviews on {figures.days_studied} "
        f"days, retention {retention}, {totals.time_spent_ms / 60000:.0f} min; "
        f"average ease {ease} over {figures.cards_in_review} cards in review"
    )
    recent = totals.per_day[-days:]
    if recent:
        click.echo(f"\n{'day':<10} {'reviews':>7} {'passed':>6} {'new':>4} {'min':>5}")
        for day in recent:
            click.echo(f"{day.day.isoformat():<10} {day.reviews:>7} {day.passed:>6} "
                       f"{day.new:>4} {day.time_ms / 60000:>5.1f}")
    click.echo(f"\n{'week of':<10} {'reviews':>7} {'retention':>9}")
    for week in figures.weeks[-8:]:
        kept = "-" if week.retention is None else f"{week.retention:.0%}"
        click.echo(f"{week.start.isoformat():<10} {week.reviews:>7} {kept:>9}")
    forecast = " ".join(str(count) for count in figures.forecast)
    click.echo(f"\ndue in the next {len(figures.forecast)} days (today first): {forecast}")


def _show_front(card: Card, position: str) -> None:
    click.echo()
    click.secho(" / ".join([*card.deck, *card.context]) + f"   {position}", dim=True)
    click.secho(card.front, bold=True)


@click.command()
@click.option("--deck", "deck_name", default=None,
              help="Study one deck and its children, e.g. k8s or k8s/helm.")
@click.pass_context
def review(ctx: click.Context, deck_name: str | None) -> None:
    """Review due cards in the terminal: Enter shows the answer, digits grade, u undo, q quit."""

    deck = _deck_argument(deck_name)
    with _collection(ctx) as collection:
        if deck is not None and deck not in collection.decks():
            names = ", ".join("/".join(names) for names in collection.decks()) or "none"
            raise click.ClickException(f"no deck {deck_name!r}; decks: {names}")
        buttons = collection.answer_buttons()
        # Four buttons answer with keys 1-4; six grades with the grade itself, 0-5.
        keys = {str(index + 1): grade for index, (_, grade) in enumerate(buttons)}
        if len(buttons) == 6:
            keys = {str(grade): grade for _, grade in buttons}
        answered = 0
        while True:
            card = collection.next_card(deck=deck)
            if card is None:
                click.echo(f"\nNothing more to study now. {_answered(answered)}")
                return
            counts = _session_counts(collection, deck)
            _show_front(card, counts)
            shown_at = time.monotonic()
            click.secho("[Enter] show answer   [u] undo   [q] quit", dim=True)
            key = _read_key(("q", "u", *_ENTER))
            if key == "q":
                click.echo(f"Stopped. {_answered(answered)}")
                return
            if key == "u":
                _undo(collection)
                answered = max(0, answered - 1)
                continue
            click.echo(card.back)
            previews = collection.answer_preview(card.id)
            click.echo("   ".join(
                f"[{key}] {label} ({_when(previews[grade])})"
                for key, (label, grade) in zip(keys, buttons, strict=True)
            ) + "   [u] undo   [q] quit")
            key = _read_key(("q", "u", *keys))
            if key == "q":
                click.echo(f"Stopped. {_answered(answered)}")
                return
            if key == "u":
                _undo(collection)
                answered = max(0, answered - 1)
                continue
            elapsed = min(MAX_ANSWER_MS, int((time.monotonic() - shown_at) * 1000))
            collection.answer(card.id, keys[key], elapsed_ms=elapsed)
            answered += 1


def _when(preview: AnswerPreview) -> str:
    """When the card comes back: `<1m` for a same-day repeat, else the days (`6d`)."""
    from flashcards.scheduler import format_interval

    if preview.again_in is not None:
        return f"<{max(1, round(preview.again_in.total_seconds() / 60))}m"
    return format_interval(preview.days)


def _answered(count: int) -> str:
    return f"Answered {count} card{'' if count == 1 else 's'}."


def _session_counts(collection: Collection, deck: list[str] | None) -> str:
    nodes = collection.deck_tree()
    total = [0, 0, 0]

    def visit(node: DeckNode) -> None:
        if deck is None or node.deck == deck:
            total[0] += node.counts.new
            total[1] += node.counts.learning
            total[2] += node.counts.due
            return
        if node.deck == deck[: len(node.deck)]:
            for child in node.children:
                visit(child)

    for node in nodes:
        visit(node)
    return f"new {total[0]} · learning {total[1]} · due {total[2]}"


def _undo(collection: Collection) -> None:
    restored = collection.undo()
    if restored is None:
        click.echo("Nothing to undo.")
    else:
        click.echo("Undone: the last answer was taken back.")


def _getchar() -> str:
    # Piped input (scripts, tests) has no terminal to switch to raw mode.
    if not sys.stdin.isatty():
        return sys.stdin.read(1)
    return click.getchar()


def _read_key(allowed: tuple[str, ...]) -> str:
    while True:
        key = _getchar()
        if key in allowed:
            return key
        if key in ("", "\x03", "\x04"):  # end of input, Ctrl-C, Ctrl-D
            return "q"

