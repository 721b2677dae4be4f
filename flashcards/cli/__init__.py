"""The `flashcards` command: one click group; each use case lives in its own module.

Subcommands import their heavy dependencies (Qt, genanki, the store) inside the command
body, so `flashcards parse` stays fast and never loads Qt.
"""

from __future__ import annotations

from pathlib import Path

import click

from flashcards import __version__


def _run_self_test(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    # Qt is loaded only by the self-test itself, so `--help` and the other commands stay fast.
    from flashcards.selftest import run_self_test

    ctx.exit(run_self_test())


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="FLASHCARDS_DB",
    default=None,
    help="Database file (default: in the user data folder; env FLASHCARDS_DB).",
)
@click.version_option(__version__, prog_name="flashcards")
@click.option(
    "--self-test",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_run_self_test,
    help="Check this install end to end on a throw-away database (offscreen), then exit.",
)
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Markdown notes become flashcards. Without a command, opens the desktop app."""
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    if ctx.invoked_subcommand is None:
        from flashcards.cli.gui_cmd import gui

        ctx.invoke(gui)


def gui_main() -> None:
    main(args=["gui"])


def _register() -> None:
    from flashcards.cli import parse_cmd

    main.add_command(parse_cmd.parse)
    # Other use cases register themselves here as they arrive (see their modules).
    for module_name in ("study_cmd", "export_cmd", "gui_cmd"):
        try:
            module = __import__(f"flashcards.cli.{module_name}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as error:
            if error.name != f"flashcards.cli.{module_name}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register()
