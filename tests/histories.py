"""Random but plausible histories of one agreement's year, for property tests: SARs,
assessments, certifications, change requests and decisions in any order, some refused."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from hypothesis import strategies as st

from commands.handlers import Handling
from ledger.errors import LedgerError
from tests.builders import (
    FIVE_LEVEL,
    FY2557_KPIS,
    assess,
    at,
    decide_change,
    fy2557_signed,
    request_change,
    run,
    sar,
)

__all__ = ["random_year", "record_or_refuse"]

_KPI_IDS = [k[0] for k in FY2557_KPIS]
_DAYS = st.dates(min_value=date(2014, 4, 26), max_value=date(2014, 12, 31))
_VALUES = st.integers(min_value=60, max_value=95).map(str)


@st.composite
def random_year(draw: st.DrawFn) -> list[dict[str, Any]]:
    ref = "TH-81/2557"
    commands: list[dict[str, Any]] = list(fy2557_signed())
    for n in range(draw(st.integers(min_value=1, max_value=12))):
        kind = draw(st.sampled_from(["sar", "assess", "certify", "request", "decide"]))
        day = draw(_DAYS).isoformat()
        round_id = draw(st.sampled_from(["9m", "12m"]))
        kpis = draw(st.lists(st.sampled_from(_KPI_IDS), min_size=1, max_size=4, unique=True))
        values = {k: draw(_VALUES) for k in kpis}
        if kind == "sar":
            commands.append({**sar(ref, round_id, values), "effective_at": at(day)})
        elif kind == "assess":
            commands.append({**assess(ref, round_id, values), "effective_at": at(day)})
        elif kind == "certify":
            commands.append(
                {
                    "type": "certify_scores",
                    "actor": {"id": "opdc-1", "role": "opdc"},
                    "agreement": ref,
                    "round_id": round_id,
                }
            )
        elif kind == "request":
            shift = draw(st.integers(min_value=-8, max_value=8))
            proposal = {"thresholds": [str(int(t) + shift) for t in FIVE_LEVEL]}
            commands.append(request_change(ref, f"CR-{n}", kpis[0], day, proposal=proposal))
        else:
            outcome = draw(st.sampled_from(["approved", "rejected"]))
            target = draw(st.integers(min_value=0, max_value=n))
            commands.append(decide_change(ref, f"CR-{target}", day, outcome))
    return commands


def record_or_refuse(ctx: Handling, command: dict[str, Any]) -> None:
    """Send one command; a refused one records nothing (or, for change control, the refused
    attempt), as it would for a user."""
    with contextlib.suppress(LedgerError):
        run(ctx, command)
