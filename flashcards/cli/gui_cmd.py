"""`flashcards gui` (and `flashcards` alone): the desktop app."""

from __future__ import annotations

import click


@click.command()
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Open the desktop app (deck list, review sessions, import, export)."""
    # Qt is loaded only here, so the other commands never pay for it.
    from flashcards.gui import run_app

    obj = ctx.find_root().obj or {}
    code = run_app(obj.get("db_path"))
    ctx.exit(code)


