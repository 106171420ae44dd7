"""What the agreement page shows, gathered from the same views the API and ``ledger`` read:
the agreement and its unit and the score tables (``scores``, as ``GET .../scores`` and
``ledger scores``), the rule-1 audit (``integrity``, as ``ledger audit``), the KPIs off track
(``warnings``), the joint KPIs it joins (``joints``) and its cascade links (``cascades``).
Nothing here computes a score or a verdict; it only reads what the views keep, so the page
costs a few document reads however long the log grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from commands.http.read_views import caught_up
from commands.http.state import Api
from ledger.application import agreement_uuid
from ledger.domain.agreement import Agreement, KpiState
from ledger.domain.decisions.reporting import assessed_in_round
from ledger.domain.unit import Unit
from ledger.errors import NotFound
from ledger.frameworks.model import Framework, Round
from ledger.scoring.levels import level_points
from projections.audit import AgreementAudit
from projections.cascades import CascadeNode, read_node
from projections.current_scores import read_scores
from projections.early_warning import KpiTrend, read_trends
from projections.integrity import read_integrity
from projections.joints import JointView, read_joint
from projections.scores import KpiScoreRow, RoundScores

__all__ = ["AgreementFacts", "KpiFlags", "gather", "read_agreement_state"]


@dataclass(frozen=True)
class KpiFlags:
    """What the audit and the watch lists say of one KPI (each a reason to look closer)."""

    violation: bool = False
    favourable: bool = False
    refused: int = 0
    off_track: KpiTrend | None = None
    drifting: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.violation or self.favourable or self.refused or self.off_track or self.drifting
        )


@dataclass(frozen=True)
class AgreementFacts:
    """One agreement as the views hold it now."""

    state: Agreement
    unit: Unit | None
    framework: Framework
    tables: list[RoundScores]
    audit: AgreementAudit | None
    warnings: list[KpiTrend]
    joints: dict[str, JointView]
    nodes: dict[str, CascadeNode]
    flags: dict[str, KpiFlags] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return self.state.agreement_ref

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The rounds of the framework that apply to the unit's level, in its order."""
        if self.unit is None:
            return self.framework.rounds
        return self.framework.rounds_for(self.unit.level)

    def kpis(self) -> list[KpiState]:
        return self.state.kpis_in_agreement()

    def left_out(self) -> list[KpiState]:
        """KPIs proposed and rejected, or cancelled during the year."""
        return [k for k in self.state.kpis.values() if not k.in_agreement]

    def levels(self, kpi: KpiState) -> tuple[Decimal, ...]:
        """The criteria in force as level values, lowest level first: the thresholds, or a
        milestone KPI's level numbers (it is scored as if they were its thresholds)."""
        if kpi.terms.direction == "milestone":
            count = len(level_points(self.framework.scoring))
            return tuple(Decimal(n) for n in range(1, count + 1))
        return kpi.terms.thresholds

    def results(self, kpi: KpiState) -> list[tuple[Round, KpiScoreRow | None]]:
        """Each round that assesses the KPI, in the framework's order, with its row of the
        score table (None while the round has nothing filed)."""
        by_round = {
            table.round_id: {row.kpi_id: row for row in table.kpis} for table in self.tables
        }
        return [
            (round_, by_round.get(round_.id, {}).get(kpi.kpi_id))
            for round_ in self.rounds
            if assessed_in_round(self.framework, round_, kpi)
        ]

    def penalty_label(self, penalty_id: str) -> tuple[str, str]:
        found = next((p for p in self.framework.penalties if p.id == penalty_id), None)
        return (found.label_th, found.label_en) if found else (penalty_id, penalty_id)


def read_agreement_state(api: Api, ref: str) -> tuple[Agreement, Unit | None]:
    """The agreement (as the ``scores`` view folded it) and its unit; NotFound when the view
    has not got it (the caller checked that the ledger opened it)."""
    with caught_up(api, "scores").view.reading() as docs:
        state = docs.get("agreement", str(agreement_uuid(ref)), Agreement)
        unit = docs.get("unit", state.unit_id, Unit) if state else None
    if state is None:
        raise NotFound(
            f"no agreement {ref!r}", field="agreement", rule="agreement must be opened first"
        )
    return state, unit


def gather(api: Api, state: Agreement, unit: Unit | None) -> AgreementFacts:
    """Everything the page shows of ``state``, from each view caught up to the log's head."""
    ref = state.agreement_ref
    with caught_up(api, "scores").view.reading() as docs:
        tables = read_scores(docs, agreement=ref)
    with caught_up(api, "integrity").view.reading() as docs:
        reports = read_integrity(docs, ref)
    with caught_up(api, "warnings").view.reading() as docs:
        warnings = read_trends(docs, agreement=ref, only_off_track=True)
    wanted = sorted({k.terms.joint_id for k in state.kpis.values() if k.terms.joint_id})
    with caught_up(api, "joints").view.reading() as docs:
        joints = {j: view for j in wanted if (view := read_joint(docs, j)) is not None}
    with caught_up(api, "cascades").view.reading() as docs:
        nodes = {
            kpi_id: node
            for kpi_id in state.kpis
            if (node := read_node(docs, f"{ref}#{kpi_id}")) is not None
        }
    audit = reports[0] if reports else None
    return AgreementFacts(
        state=state,
        unit=unit,
        framework=api.context.framework(state.framework_id),
        tables=tables,
        audit=audit,
        warnings=warnings,
        joints=joints,
        nodes=nodes,
        flags=_flags(state, audit, warnings, nodes),
    )


def _flags(
    state: Agreement,
    audit: AgreementAudit | None,
    warnings: list[KpiTrend],
    nodes: dict[str, CascadeNode],
) -> dict[str, KpiFlags]:
    versions = {k.kpi_id: k.versions for k in audit.kpis} if audit else {}
    attempts = audit.refused_attempts if audit else ()
    off_track = {w.kpi_id: w for w in warnings}
    return {
        kpi_id: KpiFlags(
            violation=any(v.violation for v in versions.get(kpi_id, ())),
            favourable=any(v.favourable_after_results for v in versions.get(kpi_id, ())),
            refused=sum(1 for a in attempts if a.kpi_id == kpi_id),
            off_track=off_track.get(kpi_id),
            drifting=kpi_id in nodes and nodes[kpi_id].drifting,
        )
        for kpi_id in state.kpis
    }
