"""``ledger what-if``: what approving an open change request would do, recording nothing."""

from __future__ import annotations

import click
import msgspec
from rich.table import Table

from commands.cli.csv_integrity import WHAT_IF
from commands.cli.csv_out import print_csv
from commands.cli.demo_note import note_if_demo
from commands.cli.numbers import (
    format_actual,
    format_composite,
    format_number,
    format_score,
    format_weight,
)
from commands.cli.options import csv_option, db_option, json_option
from commands.cli.render import console, print_json, print_table
from commands.cli.suggest import require_agreement
from commands.cli.tables import column
from commands.decoding import decode_command
from commands.handlers.change import what_if_for
from commands.messages import DecideChange, KpiAmendments
from commands.wiring import build_context
from ledger.application import LedgerApplication
from ledger.domain.decisions.what_if import WhatIf, what_if_digest
from ledger.domain.values import KpiTerms
from ledger.errors import InvalidInput, NotFound
from ledger.persistence.settings import Settings
from ledger.suggestions import not_found

__all__ = ["what_if"]

_VERDICTS = {
    "clear": "clear: no known result is crossed, nothing scores higher / ผ่าน",
    "favourable_after_results": (
        "favourable after results were known: scores rise on results already held / เป็นคุณหลังทราบผล"
    ),
    "crosses_known_result": (
        "crosses a known result (rule 1): recorded with a violation flag / ข้ามผลที่ทราบแล้ว"
    ),
    "refused": "the approval would be refused / จะถูกปฏิเสธ",
}


def _request(reference: str) -> tuple[str, str]:
    ref, hash_sign, request_id = reference.rpartition("#")
    if not hash_sign or not ref or not request_id:
        raise InvalidInput(
            f"{reference!r} names no change request",
            field="REQUEST",
            rule="a request is AGREEMENT#REQUEST_ID, e.g. TH-81/2557#CR-1",
        )
    return ref, request_id


def _require_request(app: LedgerApplication, ref: str, request_id: str) -> None:
    """Return when ``ref`` is opened and holds ``request_id``; NotFound naming which of the
    two is unknown (with the closest known) otherwise."""
    require_agreement(app, ref)
    requests = app.agreement(ref).requests
    if request_id not in requests:
        rule = "a request is AGREEMENT#REQUEST_ID (`ledger requests AGREEMENT` lists them)"
        raise not_found(
            "change request", request_id, requests, field="REQUEST", rule=rule, within=ref
        )


def _amendments(ref: str, request_id: str, text: str | None) -> KpiAmendments | None:
    """The --amendments JSON, checked like a decision's amendments (same fields and bounds)."""
    if text is None:
        return None
    try:
        raw = msgspec.json.decode(text)
    except msgspec.DecodeError as error:
        raise InvalidInput(
            f"not JSON: {error}", field="--amendments", rule="amendments are a JSON object"
        ) from None
    decision = {
        "type": "decide_change",
        "actor": {"id": "what-if", "role": "change_committee"},
        "agreement": ref,
        "request_id": request_id,
        "outcome": "approved_with_amendments",
        "body": "what-if",
        "meeting_ref": "what-if",
        "amendments": raw,
    }
    try:
        command = decode_command(msgspec.json.encode(decision))
    except InvalidInput as error:
        # Name the option the user typed, not the decision wrapped around it.
        where = (error.field or "").replace("$.amendments", "").lstrip(".")
        raise InvalidInput(
            f"{error.message}" + (f" (at {where})" if where else ""),
            field="--amendments",
            rule=error.rule or "amendments as in decide_change",
        ) from None
    assert isinstance(command, DecideChange)
    return command.amendments


def _terms(terms: KpiTerms | None) -> list[str]:
    if terms is None:
        return ["cancelled / ยกเลิก", "", "", "", ""]
    return [
        f"{terms.title_th}\n{terms.title_en}",
        terms.unit_of_measure,
        terms.direction,
        format_weight(terms.weight),
        " / ".join(format_number(t) for t in terms.thresholds) or "-",
    ]


def _print(shown: WhatIf, digest: str) -> None:
    console.print(
        f"What-if / ผลที่จะเกิดขึ้น: {shown.agreement} request {shown.request_id} "
        f"({shown.kind}) on KPI {shown.kpi_id}"
    )
    terms = Table(
        column(""),
        column("before / เดิม", prose=True),
        column("after / ใหม่", prose=True),
        show_lines=True,
    )
    for label, before, after in zip(
        ("titles / ชื่อ", "unit / หน่วย", "direction / ทิศทาง", "weight / น้ำหนัก", "thresholds / เกณฑ์"),
        _terms(shown.terms_before),
        _terms(shown.terms_after),
        strict=True,
    ):
        terms.add_row(label, before, after)
    print_table(terms)
    if shown.results:
        results = Table(
            column("round / รอบ"),
            column("source / ที่มา"),
            column("value / ค่า", right=True),
            column("score before\nคะแนนเดิม", right=True),
            column("score after\nคะแนนใหม่", right=True),
        )
        for r in shown.results:
            source = "SAR" if r.source == "sar" else "verified / ตรวจแล้ว"
            results.add_row(
                r.round_id,
                source,
                format_actual(r.value),
                format_score(r.score_before),
                format_score(r.score_after),
            )
        console.print("Known results / ผลที่ทราบแล้ว")
        print_table(results)
    else:
        console.print("No result of this KPI is known yet / ยังไม่มีผลของตัวชี้วัดนี้")
    if shown.rounds:
        rounds = Table(
            column("round / รอบ"),
            column("composite before\nคะแนนรวมเดิม", right=True),
            column("composite after\nคะแนนรวมใหม่", right=True),
        )
        for c in shown.rounds:
            rounds.add_row(
                c.round_id,
                format_composite(c.composite_before),
                format_composite(c.composite_after),
            )
        print_table(rounds)
    for move in shown.weight_moves:
        delta = move.after - move.before
        console.print(
            f"weight of {move.kpi_id}: {format_weight(move.before)} -> "
            f"{format_weight(move.after)} ({'+' if delta > 0 else ''}{format_weight(delta)})"
        )
    console.print(f"rule 1 / หลักเกณฑ์ข้อ 1: {_VERDICTS[shown.verdict]}")
    if shown.refusal:
        console.print(f"  {shown.refusal}")
    console.print(f"what-if sha256:{digest}")
    console.print(
        'Committee: send it as "what_if_sha256" in your decide_change command, so the '
        "decision records that you were shown these numbers (a stale digest is refused)."
    )


@click.command("what-if")
@click.argument("request")
@click.option(
    "--amendments",
    metavar="JSON",
    help="The committee's amendments to consider, as in decide_change, e.g. "
    '\'{"thresholds": ["70", "75", "80", "85", "90"]}\'.',
)
@db_option()
@json_option
@csv_option
def what_if(
    request: str, amendments: str | None, database: str | None, as_json: bool, as_csv: bool
) -> None:
    """What approving the open change REQUEST (AGREEMENT#REQUEST_ID, e.g. TH-81/2557#CR-1)
    would do, recording nothing: the KPI's terms before and after, every known result scored
    under both, each round's composite under both, the weight moved, and rule 1's verdict.

    It ends with the what-if's digest: send it as "what_if_sha256" with the decision, so the
    decision records that the committee was shown these numbers (and is refused if they have
    changed since).
    """
    ref, request_id = _request(request)
    ctx = build_context(Settings.from_environment(database, access="read"))
    note_if_demo(ctx.app)
    try:
        shown = what_if_for(ctx, ref, request_id, _amendments(ref, request_id, amendments))
    except NotFound:
        _require_request(ctx.app, ref, request_id)
        raise
    digest = what_if_digest(shown)
    if as_csv:
        print_csv(WHAT_IF, [(shown, digest)])
        return
    if as_json:
        # The what-if's own members and its digest beside them, as the HTTP API answers.
        print_json({**msgspec.to_builtins(shown), "what_if_sha256": digest})
        return
    _print(shown, digest)
