"""``ledger frameworks``: the frameworks agreements can be opened under, read as a reader
needs them (``list``, ``show ID``), and a new framework file checked before it is used.

The frameworks known are the shipped ones and those in ``$LEDGER_FRAMEWORKS_DIR``, the same
registry agreements resolve their framework ids in, so whatever ``show`` prints is what an
agreement under that id is held to.
"""

from __future__ import annotations

from pathlib import Path

import click

from commands.cli.options import csv_option, json_option
from ledger.errors import NotFound
from ledger.frameworks.model import Framework

__all__ = ["find_framework", "frameworks", "known_frameworks"]


def known_frameworks() -> dict[str, Framework]:
    """The shipped frameworks, then the operator's folder's (which win on a shared id, as
    ``framework_by_id`` resolves them), by id."""
    from ledger.frameworks.loader import builtin_frameworks
    from ledger.persistence.settings import Settings

    known = dict(builtin_frameworks())
    folder = Settings.from_environment().frameworks_dir
    if folder:
        from ledger.frameworks.loader import load_framework

        for path in sorted(Path(folder).glob("*.toml")):
            framework = load_framework(str(path), path.read_bytes())
            known[framework.id] = framework
    return known


def find_framework(framework_id: str, known: dict[str, Framework]) -> Framework:
    """The framework ``framework_id`` names; raises NotFound naming the closest known ids
    (``difflib``) and all of them.

    >>> find_framework("fy2557", {"fy2557-provinces": None})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ledger.errors.NotFound: no framework 'fy2557' (did you mean 'fy2557-provinces'?); known: ...
    """
    found = known.get(framework_id)
    if found is not None:
        return found
    from difflib import get_close_matches

    # 0.5 rather than difflib's 0.6: an id's year alone ("fy2557") is worth suggesting.
    close = get_close_matches(framework_id, list(known), n=3, cutoff=0.5)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise NotFound(
        f"no framework {framework_id!r}{hint}; known: {', '.join(sorted(known))}",
        field="framework_id",
        rule="framework must exist",
        actual=framework_id,
        expected=close or sorted(known),
    )


@click.group("frameworks")
def frameworks() -> None:
    """List the frameworks, show one in full, or check a new framework file.

    A framework is what varies by fiscal year and unit level: dimensions and weights,
    mandatory KPIs, rounds, change windows and reasons, penalties, scoring and bands.
    """


@frameworks.command("list")
@json_option
@csv_option
def frameworks_list(as_json: bool, as_csv: bool) -> None:
    """The frameworks agreements can be opened under, one row each.

    Each row: the id (what `open_agreement` names), the Thai and English names, the fiscal
    year (BE), the unit levels and the scoring method with its points per level. The shipped
    frameworks and those in $LEDGER_FRAMEWORKS_DIR.
    """
    from commands.cli.render import print_json
    from commands.cli.render_frameworks import print_framework_list

    known = list(known_frameworks().values())
    if as_csv:
        from commands.cli.csv_frameworks import FRAMEWORKS
        from commands.cli.csv_out import print_csv

        print_csv(FRAMEWORKS, known)
        return
    if as_json:
        print_json(known)
        return
    print_framework_list(known)


@frameworks.command("show")
@click.argument("framework_id", metavar="ID")
@json_option
@csv_option
def frameworks_show(framework_id: str, as_json: bool, as_csv: bool) -> None:
    """One framework in full, in Thai and English.

    Its dimensions and components with their weights (per unit level where they differ),
    mandatory KPIs, rounds, change windows, the reasons a change may give, penalties, the
    scoring method and rating bands. --json prints it as the ledger holds it.
    """
    framework = find_framework(framework_id, known_frameworks())
    from commands.cli.render import console, print_json

    if as_csv:
        from commands.cli.csv_frameworks import FRAMEWORK_PARTS
        from commands.cli.csv_out import print_csv

        print_csv(FRAMEWORK_PARTS, [framework])
        return
    if as_json:
        print_json(framework)
        return
    from commands.cli.render_framework_calendar import (
        print_change_reasons,
        print_change_windows,
        print_penalties,
        print_rating_bands,
        print_rounds,
    )
    from commands.cli.render_frameworks import print_mandatory_kpis, print_overview, print_weights

    for part in (
        print_overview,
        print_weights,
        print_mandatory_kpis,
        print_rounds,
        print_change_windows,
        print_change_reasons,
        print_penalties,
        print_rating_bands,
    ):
        part(framework)
        console.print()


@frameworks.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def frameworks_check(path: Path) -> None:
    """Validate a framework file (TOML); names the field at fault."""
    from ledger.frameworks.loader import load_framework

    framework = load_framework(str(path), path.read_bytes())
    click.echo(f"{path}: framework {framework.id} is valid")
