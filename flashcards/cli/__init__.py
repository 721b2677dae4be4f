"""The `flashcards` command: one click group; each use case lives in its own module.

Subcommands import their heavy dependencies (Qt, genanki, the store) inside the command
body, so `flashcards parse` stays fast and never loads Qt.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from flashcards import __version__

# Command name -> "module:attribute". A command's module is imported only when that
# command runs (or `--help` lists it), so starting the window never loads the parser's
# command line and `flashcards parse` never loads Qt or the store.
LAZY_COMMANDS = {
    "parse": "flashcards.cli.parse_cmd:parse",
    "import": "flashcards.cli.study_cmd:import_command",
    "due": "flashcards.cli.study_cmd:due",
    "stats": "flashcards.cli.study_cmd:stats",
    "review": "flashcards.cli.study_cmd:review",
    "export": "flashcards.cli.export_cmd:export",
    "gui": "flashcards.cli.gui_cmd:gui",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


def _run_self_test(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    # Qt is loaded only by the self-test itself, so `--help` and the other commands stay fast.
    from flashcards.selftest import run_self_test

    ctx.exit(run_self_test())


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
