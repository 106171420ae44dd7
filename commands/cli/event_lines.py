"""An event of the trail in a few lines: its name, the ids it concerns, and what a reader
needs of it besides (for the events issue 15 added), as ``ledger history`` and ``ledger
diff`` print it."""

from __future__ import annotations

from typing import Any

from projections.trail import TrailRow

__all__ = ["event_summary"]


def event_summary(row: TrailRow) -> str:
    keys = (
        "kpi_id",
        "request_id",
        "appeal_id",
        "kind",
        "outcome",
        "round_id",
        "amount",
        "new_score",
        "composite",
        "agreement_ref",
        "unit_id",
    )
    found = [f"{k}={row.details[k]}" for k in keys if row.details.get(k) is not None]
    lines = [row.event, *([" ".join(found)] if found else []), *_notes(row.event, row.details)]
    return "\n".join(lines)


def _notes(event: str, d: dict[str, Any]) -> list[str]:
    """What a reader needs of the events issue 15 added, besides their ids."""
    if event == "ChangeDecided":
        digest = d.get("what_if_sha256")
        if d.get("what_if_shown") and digest:
            return [f"what-if shown: sha256:{digest[:8]}"]
        return ["decided without the what-if being shown"] if digest else []
    if event == "KpiWordingCorrected":
        return [
            f"{d['title_th_before']} -> {d['title_th']}",
            f"{d['title_en_before']} -> {d['title_en']}",
            f"audit ref {d['audit_ref']}",
        ]
    if event == "CascadeDriftKept":
        return [f"kept against {d['parent']} revision {d['parent_revision']}: {d['reason']}"]
    if event == "ChangeAttemptRefused":
        # The rule first: in a narrow column it is what a reader scans for.
        return [f"refused under {d['rule']}" if d.get("rule") else "refused", d["message"]]
    if event in ("KpiProposed", "NegotiationDecisionRecorded"):
        terms = d.get("terms") or {}
        if terms.get("joint_id"):
            return [f"joint KPI {terms['joint_id']} hosted by {terms.get('joint_host')}"]
        if terms.get("cascaded_from"):
            return [f"cascaded from {terms['cascaded_from']}"]
    if event == "ScoresCertified":
        return [
            f"shared {s['kpi_id']} = {s['value']} (joint {s['joint_id']} v{s['joint_version']})"
            for s in d.get("shared") or ()
        ]
    if event == "JointKpiDefined":
        return [f"hosted by {d['host_unit_id']}"]
    return []
