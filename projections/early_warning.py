"""Projection ``warnings``: each KPI's latest result against its target (FY2568's June early
warning), pro-rated to the result's round or compared as is as ledger.rules.early_warning
decides, flagging the ones off track."""

from __future__ import annotations

from typing import Literal

import msgspec

from ledger.domain.agreement import Agreement
from ledger.frameworks.model import Framework
from ledger.rules.early_warning import TrendCheck, check_trend
from projections.derived import DerivedPerAgreement
from projections.documents import Documents

__all__ = ["EarlyWarnings", "KpiTrend", "read_trends", "trends_of"]


class KpiTrend(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    kpi_id: str
    title_th: str
    title_en: str
    direction: str
    round_id: str
    source: Literal["sar", "assessment"]
    check: TrendCheck

    @property
    def off_track(self) -> bool:
        return self.check.status == "off track"


class EarlyWarnings(DerivedPerAgreement):
    """A shared result is each participant's latest result too: a joint KPI's event checks
    every participating agreement again."""

    name = "warnings"
    summary = "early warning: each KPI's latest result against its target (pro-rated or as is)"

    def derive(self, docs: Documents, state: Agreement) -> None:
        prefix = f"{state.agreement_ref}|"
        docs.delete_prefix("trend", prefix)
        for trend in trends_of(state, self.frameworks(state.framework_id)):
            docs.put("trend", f"{prefix}{trend.kpi_id}", trend)


def trends_of(state: Agreement, framework: Framework) -> list[KpiTrend]:
    """Each scored KPI's latest known result in ``state`` against its target: the view's
    documents now, and what ``ledger as-of`` shows at a past moment (the June warning)."""
    found = []
    for kpi in state.kpis_in_agreement():
        known = state.known_results.get(kpi.kpi_id)
        round_ = framework.round(known.round_id) if known else None
        if known is None or round_ is None or kpi.terms.monitor:
            continue
        check = check_trend(framework.scoring, kpi.terms, round_, known.value)
        if check is not None:
            found.append(
                KpiTrend(
                    agreement=state.agreement_ref,
                    kpi_id=kpi.kpi_id,
                    title_th=kpi.terms.title_th,
                    title_en=kpi.terms.title_en,
                    direction=kpi.terms.direction,
                    round_id=known.round_id,
                    source=known.source,
                    check=check,
                )
            )
    return found


def read_trends(
    docs: Documents, *, agreement: str | None = None, only_off_track: bool = True
) -> list[KpiTrend]:
    prefix = f"{agreement}|" if agreement is not None else ""
    return [
        trend
        for _, trend in docs.scan("trend", KpiTrend, prefix)
        if trend.off_track or not only_off_track
    ]
