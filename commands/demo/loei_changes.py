"""The Loei year's change requests, in the framework's two windows (seed 004, section 4).

The province's oversight committee (คณะกรรมการกำกับฯ, with the Budget Bureau, OPDC and NESDC
attending) decides and notifies OPDC by the end of February (6-month window) and by the end
of July (12-month window); after that OPDC does not consider a change.

- 6-month window: Loei's poverty KPI (R2) is lowered for reason 1.4 (the project's budget was
  not allocated), with amendments, the what-if in front of the committee. A request to lower
  the border-trade KPI (R1) because the province's own trade fair slipped is internal
  management (guideline 4): the committee rejects it. (It names a listed reason: one not on
  the list is refused before anything is recorded, not kept as an attempt.)
- 12-month window: Loei asks to lower the Interior agenda KPI (I1) for reason 1.2; the
  committee's approval would move a threshold past the 6-month result already verified
  (rule 1): refused and kept as an attempt, and the committee then rejects the request.
- After the window: Nong Bua Lam Phu asks in August: refused and kept as an attempt.

Every number is ILLUSTRATIVE.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo.common import change_decision, change_request
from commands.demo.loei_kpis import NOTE, ref

__all__ = ["REFUSED_ON_PURPOSE", "WHAT_IF", "first_window", "second_window"]

# The committee's approval crossing a known result (July), and a request after the last
# window (August): each refused and recorded as an attempt.
REFUSED_ON_PURPOSE = 2
_LOWERED_R2 = "CR-2568-TH42-01"
WHAT_IF = frozenset({(ref("TH-42"), _LOWERED_R2)})
_BODY = "คณะกรรมการกำกับฯ จังหวัดเลย (Loei's oversight committee)"


def _request(
    unit_id: str, request_id: str, kpi_id: str, on: str, reason: str, why: str, **extra: Any
) -> dict[str, Any]:
    justification = f"{why} ({NOTE})"
    return change_request(
        ref(unit_id), unit_id, request_id, kpi_id, on, reason, justification, **extra
    )


def _decision(
    unit_id: str, request_id: str, on: str, meeting: str, outcome: str, why: str, **extra: Any
) -> dict[str, Any]:
    return change_decision(ref(unit_id), request_id, on, outcome, _BODY, meeting, why, **extra)


def first_window() -> Iterator[dict[str, Any]]:
    """The 6-month window (notified to OPDC by 28 Feb 2025): no result is known yet."""
    yield _request(
        "TH-42",
        _LOWERED_R2,
        "R2",
        "2025-01-20",
        "1.4",
        "The FY2568 provincial development-plan budget for the household livelihood project "
        "was not allocated; the households it was to lift cannot be reached this year",
        proposal={"thresholds": ["700", "850", "1000"]},
    )
    yield _request(
        "TH-42",
        "CR-2568-TH42-02",
        "R1",
        "2025-02-05",
        "1.4",
        "The Loei-Laos border trade fair slipped to FY2569 after the provincial commerce "
        "office reorganised its project team",
        proposal={"thresholds": ["98", "101", "104"]},
    )
    yield _decision(
        "TH-42",
        _LOWERED_R2,
        "2025-02-20",
        "1/2568",
        "approved_with_amendments",
        "Budget Bureau, OPDC and NESDC attending. The Budget Bureau confirms no allocation; "
        "the province's own budget covers part of the project, so the levels fall by 200 "
        "households, not the 300 asked. No result is known yet (the what-if was shown). "
        "Notified to OPDC in February.",
        amendments={"thresholds": ["800", "950", "1100"]},
    )
    yield _decision(
        "TH-42",
        "CR-2568-TH42-02",
        "2025-02-20",
        "1/2568",
        "rejected",
        "Guideline 4: the fair slipped because of the office's own project management, not "
        "an external factor; the budget was allocated on time.",
    )


def second_window() -> Iterator[dict[str, Any]]:
    """The 12-month window (notified by 31 Jul 2025), after the 6-month results were
    verified, and a request after it closed."""
    yield _request(
        "TH-42",
        "CR-2568-TH42-03",
        "I1",
        "2025-07-03",
        "1.2",
        "The government's debt programme of December 2024 widened mediation to formal debts; "
        "registered cases tripled",
        proposal={"thresholds": ["60", "70", "80"]},
    )
    # The 6-month assessment verified 71.0%: level 1 under 70/80/90, level 2 under 60/70/80.
    yield _decision(
        "TH-42",
        "CR-2568-TH42-03",
        "2025-07-24",
        "2/2568",
        "approved",
        "Approved as requested.",
    )
    yield _decision(
        "TH-42",
        "CR-2568-TH42-03",
        "2025-07-24",
        "2/2568",
        "rejected",
        "Rule 1: the new standard target (70%) sits below the 71.0% already verified at six "
        "months; the targets signed in November stand.",
    )
    yield _request(
        "TH-39",
        "CR-2568-TH39-01",
        "R2",
        "2025-08-12",
        "1.1",
        "The June-July 2025 dry spell emptied village ponds across Nong Bua Lam Phu",
        proposal={"thresholds": ["50", "60", "70"]},
    )
