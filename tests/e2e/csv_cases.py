"""Each read ``--csv`` is tested on (``test_csv_reads``): the store it reads, its
arguments, the CSV columns compared, and the same values taken from its ``--json``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["CASES", "NO_STORE", "SORTED"]

Expected = Callable[[Any], list[tuple[Any, ...]]]


def _scores(tables: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (t["agreement"], t["round_id"], k["kpi_id"], k["score"], t["composite"])
        for t in tables
        for k in t["kpis"]
    ]


def _targets(state: Any) -> list[tuple[Any, ...]]:
    return [
        (k["kpi_id"], k["terms"]["title_th"], k["terms"]["weight"], _joined(k["terms"]))
        for k in state["kpis"].values()
    ]


def _joined(terms: Any) -> str:
    return " / ".join(terms["thresholds"])


def _audit(reports: list[Any]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for r in reports:
        a = r["agreement"]
        rows += [("finding", a, None, None, None, None) for _ in r["findings"]]
        rows += [
            ("target version", a, k["kpi_id"], v["number"], v["position"], v["request_id"])
            for k in r["kpis"]
            for v in k["versions"]
        ]
        rows += [
            ("change request", a, q["kpi_id"], None, q["requested_position"], q["request_id"])
            for q in r["requests"]
        ]
        rows += [
            ("refused attempt", a, t["kpi_id"], None, t["position"], t["request_id"])
            for t in r["refused_attempts"]
        ]
    return rows


def _positions(request: Any) -> tuple[Any, Any]:
    return request["requested_position"], request["decided_position"]


def _warnings(found: Any) -> list[tuple[Any, ...]]:
    return [
        (t["check"]["status"], t["agreement"], t["kpi_id"], t["check"]["gap"])
        for t in found["trends"]
    ] + [("drifting", d["agreement"], d["kpi_id"], None) for d in found["drifting"]]


def _tree(tree: Any, depth: int = 0) -> Iterator[tuple[Any, ...]]:
    node = tree["node"]
    yield (depth, node["ref"], node["target"], node["drifting"])
    for child in tree["children"]:
        yield from _tree(child, depth + 1)


def _joint(view: Any) -> list[tuple[Any, ...]]:
    joint = view["joint"]
    return (
        [("shared result", r["round_id"], r["verified"], None, None) for r in joint["rounds"]]
        + [("appeal", a["round_id"], None, a["appeal_id"], None) for a in joint["appeals"]]
        + [("participant", None, None, None, p["agreement"]) for p in view["participants"]]
    )


def _framework(fw: Any) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [("setting", None)] * 6
    for kind, parts in (("dimension", fw["dimensions"]), ("component", fw["components"])):
        for p in parts:
            levels = (p.get("levels") or fw["levels"]) if p.get("weight_by_level") else [0]
            rows += [(kind, p["id"])] * len(levels)
    rows += [("mandatory KPI", k["code"]) for k in fw["mandatory_kpis"]]
    limits = len(fw["kpi_count_limits"]) + len(fw["weight_comparisons"])
    rows += [("limit", None)] * limits
    rows += [("round", r["id"]) for r in fw["rounds"]]
    rows += [("head evaluation", h["number"]) for h in fw["head_evaluation_rounds"]]
    rows += [("early warning", None)] if fw["early_warning"] else []
    rows += [("change window", w["id"]) for w in fw["change_windows"]]
    rows += [("change reason", r["code"]) for r in fw["change_reasons"]]
    rows += [("penalty", p["id"]) for p in fw["penalties"]]
    return rows + [("rating band", None)] * len(fw["rating_bands"])


TERMS = ("title_th", "title_en", "unit_of_measure", "direction", "weight", "thresholds", "monitor")


def _what_if(w: Any) -> list[tuple[Any, ...]]:
    digest = w["what_if_sha256"]
    before, after = w["terms_before"], w["terms_after"]
    terms = [
        ("terms", None, " / ".join(before[f]), " / ".join(after[f]), digest)
        if f == "thresholds"
        else ("terms", None, before[f], after[f], digest)
        for f in TERMS
    ]
    scores = [
        ("score of a known result", r["round_id"], r["score_before"], r["score_after"], digest)
        for r in w["results"]
    ]
    composites = [
        ("composite", c["round_id"], c["composite_before"], c["composite_after"], digest)
        for c in w["rounds"]
    ]
    moved = [("weight moved", None, m["before"], m["after"], digest) for m in w["weight_moves"]]
    return terms + scores + composites + moved


# name: (store, the read's arguments, the CSV columns compared, the same from its JSON).
CASES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], Expected]] = {
    "scores": (
        "andaman",
        ("scores", "TH-81/2557"),
        ("Agreement", "Round", "KPI", "Score", "Composite"),
        _scores,
    ),
    "scores, every agreement": (
        "andaman",
        ("scores",),
        ("Agreement", "Round", "KPI", "Score", "Composite"),
        _scores,
    ),
    "show": (
        "andaman",
        ("show", "TH-81/2557"),
        ("KPI", "Title, Thai", "Weight", "Criteria"),
        _targets,
    ),
    "history": (
        "andaman",
        ("history", "TH-81/2557"),
        ("Log position", "Event", "Recorded at", "Effective at"),
        lambda rows: [
            (r["position"], r["event"], r["recorded_at"], r["effective_at"]) for r in rows
        ],
    ),
    "as-of": (
        "andaman",
        ("as-of", "TH-81/2557", "2557-11-01"),
        ("Part", "KPI", "Title, Thai", "Weight", "Criteria", "Round", "Score"),
        lambda view: (
            [("target", *row, None, None) for row in _targets(view["state"])]
            + [
                ("score", k["kpi_id"], k["title_th"], k["weight"], None, t["round_id"], k["score"])
                for t in view["scores"]
                for k in t["kpis"]
            ]
        ),
    ),
    "diff": (
        "andaman",
        ("diff", "TH-81/2557", "2557-04-01", "2557-11-01"),
        ("Part", "Subject", "Field", "Log position"),
        lambda d: (
            [("change", c["subject"], c["field"], None) for c in d["changes"]]
            + [("event", None, None, e["position"]) for e in d["events_between"]]
        ),
    ),
    "audit": (
        "andaman",
        ("audit", "TH-81/2557"),
        ("Part", "Agreement", "KPI", "Version", "Log position", "Request"),
        _audit,
    ),
    "audit, every agreement": (
        "andaman",
        ("audit",),
        ("Part", "Agreement", "KPI", "Version", "Log position", "Request"),
        _audit,
    ),
    "requests": (
        "andaman",
        ("requests",),
        ("Agreement", "Request", "KPI", "Status", "Log position", "Decision log position"),
        lambda rows: [
            (r["agreement"], r["request_id"], r["kpi_id"], r["status"], *_positions(r))
            for r in rows
        ],
    ),
    "sar": (
        "andaman",
        ("sar", "--today", "2557-12-31"),
        ("Agreement", "Round", "Status", "Due"),
        lambda rows: [
            (r["entry"]["agreement"], r["entry"]["round_id"], r["status"], r["entry"]["due"])
            for r in rows
        ],
    ),
    "governor": (
        "loei",
        ("governor",),
        ("Agreement", "Evaluation", "Score (0-100)", "Points", "Band, Thai"),
        lambda rows: [
            (r["agreement"], r["number"], r["score"], r["points"], r["band_th"]) for r in rows
        ],
    ),
    "warnings": (
        "andaman",
        ("warnings", "--all"),
        ("Warning", "Agreement", "KPI", "Gap"),
        _warnings,
    ),
    "warnings of one agreement": (
        "andaman",
        ("warnings", "TH-81/2557"),
        ("Warning", "Agreement", "KPI", "Gap"),
        _warnings,
    ),
    "cascade": (
        "andaman",
        ("cascade", "TH-81/2557#G1"),
        ("Depth (0: root)", "KPI reference", "Target", "Drifting"),
        lambda tree: list(_tree(tree)),
    ),
    "joint list": (
        "andaman",
        ("joint", "list"),
        ("Joint KPI", "Host", "Participants"),
        lambda rows: [
            (r["joint"]["joint_id"], r["joint"]["host_unit_id"], r["participants"]) for r in rows
        ],
    ),
    "joint show": (
        "andaman",
        ("joint", "show", "J-2557-TOURISM"),
        ("Part", "Round", "Verified", "Appeal", "Agreement"),
        _joint,
    ),
    "users list": (
        "andaman",
        ("users", "list"),
        ("User", "Name, Thai"),
        lambda rows: sorted((u["user_id"], u["name_th"]) for u in rows),
    ),
    "users show": (
        "andaman",
        ("users", "show", "change-secretary"),
        ("Part", "Grant", "Token id"),
        lambda u: (
            [("grant", g["number"], None) for g in u["grants"]]
            + [("token", None, t["token_id"]) for t in u["tokens"]]
        ),
    ),
    "bodies list": (
        "andaman",
        ("bodies", "list"),
        ("Body", "Name, English"),
        lambda rows: sorted((b["body_id"], b["name_en"]) for b in rows),
    ),
    "bodies show": (
        "andaman",
        ("bodies", "show", "change-committee"),
        ("Part", "Body", "Member", "Grant"),
        lambda b: (
            [("body", b["body"]["body_id"], None, None)]
            + [
                ("member", b["body"]["body_id"], m["user_id"], m["grant"]["number"])
                for m in b["members"]
            ]
        ),
    ),
    "checkpoint list": (
        "andaman",
        ("checkpoint", "list"),
        ("Log origin", "Tree size", "Root hash (base64)"),
        lambda rows: [(c["origin"], c["size"], c["root"]) for c in rows],
    ),
    "schema": (
        "andaman",
        ("schema",),
        ("Type",),
        lambda schema: sorted((name,) for name in schema["discriminator"]["mapping"]),
    ),
    "frameworks list": (
        "andaman",
        ("frameworks", "list"),
        ("Framework", "Fiscal year (BE)", "Name, Thai"),
        lambda rows: [(f["id"], f["fiscal_year"], f["name_th"]) for f in rows],
    ),
    "frameworks show": (
        "andaman",
        ("frameworks", "show", "fy2568-provinces"),
        ("Part", "Id or code"),
        _framework,
    ),
    "what-if": (
        "hostile",
        ("what-if", "TH-81/2557#CR-1"),
        ("Part", "Round", "Before", "After", "What-if sha256"),
        _what_if,
    ),
}
# The reads whose rows are not in --json's order (the table sorts them).
SORTED = {"users list", "bodies list", "schema"}
# The reads that take no store.
NO_STORE = {"schema", "frameworks list", "frameworks show"}
