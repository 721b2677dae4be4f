"""`flashcards parse`: what the notes give, without touching the database."""

from __future__ import annotations

import click


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of cards.")
def parse(paths: tuple[str, ...], as_json: bool) -> None:
    """Parse notes files or folders and report the cards they give."""
    raise click.ClickException("not implemented yet")
