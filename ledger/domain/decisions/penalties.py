"""Penalties for late reports, assessed when the late SAR is filed.

FY2557: a 12-month e-SAR filed after its due date costs a flat 0.0500 of the total score; a
12-month paper SAR delivered late costs 0.0500 per working day late. Each penalty is assessed
once per round (the first late filing through its channel) and the event carries the count.
"""

from __future__ import annotations

from ledger.domain.agreement import Agreement
from ledger.domain.control_events import PenaltyAssessed
from ledger.domain.events import SarFiled
from ledger.domain.stamp import Stamp
from ledger.domain.values import Holiday
from ledger.frameworks.model import Framework, Penalty
from ledger.rules.working_days import working_days_late
from ledger.thaidate import bangkok_date

__all__ = ["late_filing_penalties"]

_CHANNEL = {"late_esar": "e-sar", "late_paper_sar_per_working_day": "paper"}


def _applies(penalty: Penalty, sar: SarFiled, agreement: Agreement) -> bool:
    return (
        penalty.round == sar.round_id
        and _CHANNEL[penalty.kind] == sar.channel
        and penalty.id not in agreement.round(sar.round_id).penalties
    )


def late_filing_penalties(
    agreement: Agreement, framework: Framework, sar: SarFiled, stamp: Stamp
) -> list[PenaltyAssessed]:
    """The penalties a SAR filing incurs; ``agreement`` is the state before the filing."""
    round_ = framework.round(sar.round_id)
    if round_ is None or round_.sar_due is None:
        return []
    delivered = bangkok_date(sar.filed_at)
    if delivered <= round_.sar_due:
        return []
    penalties: list[PenaltyAssessed] = []
    for penalty in framework.penalties:
        if not _applies(penalty, sar, agreement):
            continue
        days = None
        skipped: tuple[Holiday, ...] = ()
        amount = penalty.amount
        if penalty.kind == "late_paper_sar_per_working_day":
            late = working_days_late(round_.sar_due, delivered, framework.working_calendar)
            days, skipped = late.working_days, late.holidays_skipped
            amount = penalty.amount * days
        penalties.append(
            PenaltyAssessed(
                originator_id=agreement.id,
                originator_version=sar.originator_version + 1 + len(penalties),
                penalty_id=penalty.id,
                kind=penalty.kind,
                round_id=sar.round_id,
                channel=sar.channel,
                due=round_.sar_due,
                delivered=delivered,
                working_days_late=days,
                holidays_skipped=skipped,
                rate=penalty.amount,
                amount=amount,
                sar_version=sar.originator_version,
                **stamp.fields(),
            )
        )
    return penalties
