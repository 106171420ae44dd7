"""The audit table names a KPI's past results beside its first target version, the past
performance the target was set against."""

from __future__ import annotations

from decimal import Decimal

from commands.cli.render_audit import _links
from ledger.domain.values import PriorResult
from projections.audit import KpiAudit


def test_past_results_are_listed_oldest_first_with_their_years() -> None:
    kpi = KpiAudit(
        kpi_id="A1",
        title_th="t",
        title_en="t",
        versions=(),
        prior_results=(
            PriorResult(fiscal_year=2565, value=Decimal("70.50")),
            PriorResult(fiscal_year=2567, value=Decimal(72)),
        ),
    )
    assert _links(kpi) == "\npast results (FY, BE) / ผลย้อนหลัง 2565: 70.50, 2567: 72"


def test_a_kpi_without_past_results_or_links_adds_nothing() -> None:
    assert _links(KpiAudit(kpi_id="A1", title_th="t", title_en="t", versions=())) == ""
