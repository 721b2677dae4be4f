"""`flashcards parse`: what the notes give, without touching the database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from flashcards.parsing import ParseResult, deck_for, note_files, parse_file


def _results_for(path: Path) -> list[ParseResult]:
    if path.is_dir():
        return [parse_file(file, deck=deck_for(file, path)) for file in note_files(path)]
    return [parse_file(path)]


def _report(result: ParseResult) -> str:
    lines = [click.style(result.source, bold=True)]
    if result.error:
        lines.append(f"  error: {result.error}")
        return "\n".join(lines)
    counts = ", ".join(f"{kind} {count}" for kind, count in result.counts_by_kind().items()
                       if count)
    lines.append(f"  cards: {len(result.cards)}" + (f" ({counts})" if counts else ""))
    if result.empty_sections:
        lines.append(f"  empty sections: {len(result.empty_sections)}")
        lines.extend(f"    {section.line}: {section.title}" for section in result.empty_sections)
    if result.skipped:
        lines.append(f"  skipped lines: {len(result.skipped)}")
        lines.extend(f"    {skipped.line}: {skipped.reason}\n        {skipped.text[:100]}"
                     for skipped in result.skipped)
    if result.warnings:
        lines.append(f"  warnings: {len(result.warnings)}")
        lines.extend(f"    {warning.line}: {warning.reason}" for warning in result.warnings)
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of cards.")
def parse(paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse notes files or folders and report the cards they give."""
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    results = [result for path in paths for result in _results_for(path)]
    for result in results:
        if result.error:
            click.echo(f"{result.source}: {result.error}", err=True)
    if as_json:
        cards = [card.to_json() for result in results for card in result.cards]
        click.echo(json.dumps(cards, ensure_ascii=False, indent=2))
        return
    click.echo("\n\n".join(_report(result) for result in results))
    total = sum(len(result.cards) for result in results)
    click.echo(f"\n{total} cards from {len(results)} files")
