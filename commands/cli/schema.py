"""``ledger schema``: the command types, each one's JSON Schema, and the command reference."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from commands.cli.command_reference import (
    COMMAND_TYPES,
    all_schemas,
    markdown,
    schema_of,
    summary,
)
from commands.cli.options import csv_option, json_option
from commands.cli.render import console, print_json

__all__ = ["schema"]


@click.command()
@click.argument("type_name", metavar="[TYPE]", required=False)
@json_option
@csv_option
@click.option(
    "--markdown",
    "as_markdown",
    is_flag=True,
    help="Print the command reference (docs/COMMANDS.md): every type's fields and an example.",
)
def schema(type_name: str | None, as_json: bool, as_csv: bool, as_markdown: bool) -> None:
    """The command types `ledger apply` and the HTTP API take, or the JSON Schema of TYPE.

    With no TYPE, a table of every command type and what it does (--json: the JSON Schema of
    any command). The schemas come from the command types themselves, so they say exactly
    what decoding checks: fields, types, which are required, and their bounds.
    """
    if as_markdown:
        if type_name is not None:
            raise click.UsageError("--markdown prints the whole reference: give no TYPE")
        sys.stdout.write(markdown())
    elif as_csv:
        if type_name is not None:
            raise click.UsageError("--csv lists every command type: give no TYPE")
        from commands.cli.csv_directory import COMMAND_TYPES as TYPES_SHEET
        from commands.cli.csv_out import print_csv

        print_csv(TYPES_SHEET, ((name, summary(c)) for name, c in COMMAND_TYPES.items()))
    elif type_name is not None:
        print_json(schema_of(type_name))
    elif as_json:
        print_json(all_schemas())
    else:
        _print_types()


def _print_types() -> None:
    table = Table(
        title="Command types / ประเภทคำสั่ง",
        title_justify="left",
        caption="`ledger schema TYPE`: its JSON Schema / แสดง JSON Schema ของคำสั่ง",
        caption_justify="left",
    )
    table.add_column("Type / ประเภท", no_wrap=True)
    table.add_column("What it does / ใช้ทำอะไร", ratio=1)
    for name, command in COMMAND_TYPES.items():
        table.add_row(name, summary(command))
    console.print(table)
