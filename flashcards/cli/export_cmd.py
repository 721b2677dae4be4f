"""`flashcards export`: the collection (or one deck) as an Anki package."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


class _ProgressBar:
    """A click progress bar created once the exporter says how many cards there are."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="Exporting", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@click.command("export")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The Anki package to write (FILE.apkg); replaced only when complete.",
)
@click.option(
    "--deck",
    default=None,
    help="Export one deck and its children (e.g. docker or kubernetes::helm).",
)
@click.option(
    "--with-progress",
    is_flag=True,
    help="Include review state: reviewed cards arrive in Anki as reviews with their due date.",
)
@click.option(
    "--notes",
    "notes_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Notes folder images may come from (default: the folder holding all imported notes).",
)
@click.pass_context
def export(
    ctx: click.Context, out: Path, deck: str | None, with_progress: bool, notes_root: Path | None
) -> None:
    """Export cards to an Anki package that Anki imports and later updates in place."""
    from flashcards.app import Collection, CollectionError, default_db_path
    from flashcards.export import ExportError, export_collection

    db_path = (ctx.find_root().obj or {}).get("db_path") or default_db_path()
    if not Path(db_path).exists():
        # Opening would create an empty collection: say what is missing instead.
        raise click.ClickException(
            f"no collection at {db_path}; import notes first (flashcards import PATH)"
        )
    bar = _ProgressBar()
    try:
        with Collection.open(db_path) as collection:
            report = export_collection(
                collection, out, deck=deck, with_progress=with_progress, progress=bar,
                notes_root=notes_root,
            )
    except (ExportError, CollectionError) as error:
        bar.close()
        raise click.ClickException(str(error)) from error
    bar.close()

    click.echo(f"Exported {report.cards} cards ({report.notes} notes) to {report.path}")
    for name, count in sorted(report.cards_per_deck.items()):
        click.echo(f"  {name}: {count}")
    if report.media:
        click.echo(f"Images packed: {report.media}")
    if with_progress:
        click.echo(
            f"Progress: {report.reviewed} reviewed, {report.suspended} suspended, "
            f"{report.review_log} review log entries. In Anki's import dialog tick "
            "\"Import any learning progress\" (older Anki: \"Include reviews\"), "
            "or every card arrives as new."
        )
    for image in report.refused_images:
        click.echo(f"warning: {image}", err=True)


