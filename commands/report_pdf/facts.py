"""What the report of one agreement shows, read from the views ``ledger`` and the web pages
read: the agreement, its unit and its score tables (``scores``, as ``ledger scores``), the
rule-1 audit (``integrity``, as ``ledger audit``), the recorded results (``trail``, as
``ledger history``) and the checkpoint that seals its last event (the Merkle log's records).

Nothing here scores, judges or signs: the report puts the views' own values side by side,
so it says what ``ledger scores`` and ``ledger audit`` say, to the digit.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from commands.report_pdf.results import ResultLine, result_lines
from commands.report_pdf.seal import Seal, find_seal
from ledger.application import agreement_uuid
from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.unit import Unit
from ledger.errors import NotFound
from ledger.frameworks.model import Component, Framework, Penalty
from ledger.integrity.log import TransparencyLog
from projections.audit import AgreementAudit, TargetVersion
from projections.current_scores import read_scores
from projections.documents import Documents
from projections.integrity import read_integrity
from projections.scores import RoundScores
from projections.trail import read_trail

__all__ = ["KpiTimeline", "ReportFacts", "ViewOpener", "gather_report"]

# Opens one view, caught up to the log's head, for reading: the CLI's and the web's own way.
ViewOpener = Callable[[str], AbstractContextManager[Documents]]


@dataclass(frozen=True)
class KpiTimeline:
    """One KPI: its terms in force, every version of its target (each with the results known
    when it was set), and every result recorded for it."""

    kpi: KpiState
    component: Component | None
    versions: tuple[TargetVersion, ...]
    results: tuple[ResultLine, ...]


@dataclass(frozen=True)
class ReportFacts:
    state: Agreement
    unit: Unit | None
    framework: Framework
    tables: list[RoundScores]
    audit: AgreementAudit | None
    timelines: list[KpiTimeline]
    seal: Seal
    head: int
    demo_scenario: str | None
    produced_at: datetime

    @property
    def ref(self) -> str:
        return self.state.agreement_ref

    def left_out(self) -> list[KpiState]:
        """KPIs proposed and rejected, or cancelled during the year."""
        return [k for k in self.state.kpis.values() if not k.in_agreement]

    def penalty(self, penalty_id: str) -> Penalty | None:
        return next((p for p in self.framework.penalties if p.id == penalty_id), None)


def _state(views: ViewOpener, ref: str) -> tuple[Agreement, Unit | None, list[RoundScores]]:
    with views("scores") as docs:
        state = docs.get("agreement", str(agreement_uuid(ref)), Agreement)
        if state is None:
            raise NotFound(
                f"no agreement {ref!r}", field="agreement", rule="agreement must be opened first"
            )
        return state, docs.get("unit", state.unit_id, Unit), read_scores(docs, agreement=ref)


def gather_report(
    ref: str,
    views: ViewOpener,
    framework_of: Callable[[str], Framework],
    log: TransparencyLog,
    *,
    demo_scenario: str | None,
    produced_at: datetime,
) -> ReportFacts:
    """Everything the report of agreement ``ref`` shows. Requires the caller to have checked
    that the reader may see it; raises NotFound when the ``scores`` view does not hold it."""
    state, unit, tables = _state(views, ref)
    with views("integrity") as docs:
        reports = read_integrity(docs, ref)
    joint_ids = sorted({k.terms.joint_id for k in state.kpis.values() if k.terms.joint_id})
    with views("trail") as docs:
        rows = read_trail(docs, ref)
        joints = {joint_id: read_trail(docs, f"joint:{joint_id}") for joint_id in joint_ids}
    audit = reports[0] if reports else None
    versions = {k.kpi_id: k.versions for k in audit.kpis} if audit else {}
    framework = framework_of(state.framework_id)
    timelines = [
        KpiTimeline(
            kpi=kpi,
            component=framework.component(kpi.terms.component),
            versions=versions.get(kpi.kpi_id, ()),
            results=result_lines(kpi.kpi_id, rows, joints.get(kpi.terms.joint_id or "", ())),
        )
        for kpi in state.kpis_in_agreement()
    ]
    return ReportFacts(
        state=state,
        unit=unit,
        framework=framework,
        tables=tables,
        audit=audit,
        timelines=timelines,
        seal=find_seal(log, rows[-1].position if rows else None),
        head=log.app.head(),
        demo_scenario=demo_scenario,
        produced_at=produced_at,
    )
