"""A command past any bound is refused naming the field and the bound, and records nothing:
not the command, not a refused attempt, not a receipt."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from commands.decoding import decode_command
from commands.handlers import HandlerContext, handle
from ledger.bounds import ARRAYS, ID, MAX_KPIS, MAX_LINE_BYTES, NAME, NARRATIVE
from ledger.errors import InvalidInput
from tests.builders import (
    FY2568_KPIS,
    accept,
    entered,
    fy2568_drafts,
    fy2568_signed,
    kpi,
    request_change,
    run,
    sar,
)

REF = "TH-42/2568"
EVIDENCE = {"sha256": "a" * 64, "file_name": "report.pdf", "media_type": "application/pdf"}


def refused_recording_nothing(ctx: HandlerContext, raw: bytes) -> InvalidInput:
    before = list(ctx.app.all_events())
    try:
        command = decode_command(raw)
    except InvalidInput as error:
        assert list(ctx.app.all_events()) == before
        return error
    who = entered(ctx, command)  # its actor admitted first: the refusal is the bound's
    before = list(ctx.app.all_events())
    with pytest.raises(InvalidInput) as refused:
        handle(who, command)
    assert list(ctx.app.all_events()) == before, "an out-of-bounds command recorded something"
    return refused.value


def encoded(command: dict[str, Any]) -> bytes:
    return json.dumps(command, ensure_ascii=False).encode()


def signed(ctx: HandlerContext) -> None:
    for command in fy2568_signed():
        run(ctx, command)


RESULTS = {k: "1" for k, *_ in FY2568_KPIS}

# (command on a signed FY2568 agreement, field, words in the message, words in the rule)
CASES = [
    (sar(REF, "6m", RESULTS, narrative="ก" * 4001), "$.narrative", "4001", NARRATIVE.rule),
    (sar(REF, "6m", {"A1": "1e1000000"}), "$.results[0].actual", "10^1000000", "10^15"),
    (sar(REF, "6m", {"A1": "1" * 29}), "$.results[0].actual", "29 significant", "28 signif"),
    (sar(REF, "6m", {"A1": "1e-29"}), "$.results[0].actual", "29 decimal places", "28 dec"),
    (sar(REF, "6m", {"A1": str(10**15)}), "$.results[0].actual", "10^15", "below 10^15"),
    (
        sar(REF, "6m", {f"K{i}": "1" for i in range(MAX_KPIS + 1)}),
        "$.results",
        f"{MAX_KPIS + 1} items",
        ARRAYS["results"].rule,
    ),
    (
        sar(REF, "6m", RESULTS, evidence=[EVIDENCE] * 21),
        "$.evidence",
        "21 items",
        ARRAYS["evidence"].rule,
    ),
    (
        sar(REF, "6m", RESULTS, evidence=[{**EVIDENCE, "file_name": "a\u202egpj.exe"}]),
        "$.evidence[0].file_name",
        "U+202E",
        NAME.rule,
    ),
    (
        {**sar(REF, "6m", RESULTS), "actor": {"id": "[/]bold", "role": "assessed_unit"}},
        "$.actor.id",
        "'['",
        ID.rule,
    ),
    (
        # Refused by a bound before the change-control rules could record it as an attempt.
        request_change(REF, "../../etc", "A1", "2025-01-01"),
        "$.request_id",
        "'/'",
        ID.rule,
    ),
    (
        request_change(REF, "CR-1", "A1", "2025-01-01", justification="x\x1b[2J"),
        "$.justification",
        "U+001B",
        "control",
    ),
    (
        kpi(REF, "Z1", "1.1", "5", thresholds=["1"] * 11),
        "$.thresholds",
        "11 items",
        ARRAYS["thresholds"].rule,
    ),
]


@pytest.mark.parametrize(("command", "field", "words", "rule"), CASES)
def test_a_command_past_a_bound_records_nothing(
    ctx: HandlerContext, command: dict[str, Any], field: str, words: str, rule: str
) -> None:
    signed(ctx)
    error = refused_recording_nothing(ctx, encoded(command))
    assert error.field == field
    assert words in error.message
    assert rule in (error.rule or "")


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (
            encoded(sar(REF, "6m", RESULTS)).replace(b"12m", b"6m")[:-1] + b', "round_id": "12m"}',
            "each key appears once",
        ),
        (
            encoded(sar(REF, "6m", RESULTS)).replace(
                b'"kpi_id": "A2"', b'"kpi_id": "A2", "kpi_id": "A3"'
            ),
            "each key appears once",
        ),
        (encoded(sar(REF, "6m", RESULTS)).replace(b'"6m"', b'"6\xc0m"'), "UTF-8"),
        (encoded(sar(REF, "6m", RESULTS)) + b" " * MAX_LINE_BYTES, "1 MiB"),
    ],
)
def test_a_malformed_line_records_nothing(ctx: HandlerContext, raw: bytes, rule: str) -> None:
    signed(ctx)
    error = refused_recording_nothing(ctx, raw)
    assert rule in (error.rule or "")


def test_an_agreement_holds_at_most_sixty_proposed_kpis(ctx: HandlerContext) -> None:
    for command in fy2568_drafts():
        run(ctx, command)
    for i in range(MAX_KPIS - len(FY2568_KPIS)):
        run(ctx, kpi(REF, f"K{i}", "1.1", "1"))
    error = refused_recording_nothing(ctx, msgspec.json.encode(kpi(REF, "K99", "1.1", "1")))
    assert error.field == "kpi_id"
    assert error.rule == f"at most {MAX_KPIS} KPIs proposed per agreement"
    # A rejected proposal still counts: the limit is on proposals, not on the agreement.
    run(ctx, accept(REF, "K0", outcome="rejected"))
    refused_recording_nothing(ctx, msgspec.json.encode(kpi(REF, "K98", "1.1", "1")))
