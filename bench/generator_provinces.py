"""A province group's FY2557 year, many times over: the demo's Andaman year (a group, five
provinces and a joint-KPI host; negotiation, signing, a cancelled 6-month round, 9- and
12-month SARs, change requests in and out of windows, a cascade, a joint KPI, a late paper
SAR and its penalty, evaluations, an appeal and certification), each copy with its own unit,
request and appeal ids and its own results drawn from the seed.

The demo refuses three of its lines on purpose (a KPI proposed after signing, a change
approved onto a result already reported, a change requested after the last window); each
copy marks the same three as intended refusals.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from bench.generator_cast import Item, office_lines
from commands.demo.andaman import GROUP, PROVINCES, andaman_commands
from commands.demo.common import APPEAL_BODY, OPDC, assessed_unit, at, evidence_content
from commands.demo.shared_year import HOST, JOINT_ID
from ledger.frameworks.loader import builtin_frameworks

__all__ = ["PROVINCE_GROUP_UNITS", "province_group_year"]

FRAMEWORK = "fy2557-provinces"
# Agreements per copy: the group and its five provinces (the host signs none).
PROVINCE_GROUP_UNITS = 1 + len(PROVINCES)
_UNITS = (GROUP[0], *(p[0] for p in PROVINCES), HOST[0])
_RENAMED = re.compile(
    r"\b("
    + "|".join(re.escape(u) for u in _UNITS)
    + r")\b|CR-2557-|AP-2557-|"
    + re.escape(JOINT_ID)
)
# Results the demo's rules depend on (rule 1 on Phuket's P3, Trang's appeal on P1) and
# milestone levels stay as the demo has them; the rest move a little per copy.
_KEPT = {("TH-83", "P3"), ("TH-92", "P1")}
_MILESTONES = {"K5", "K6"}


@cache
def _demo() -> tuple[tuple[dict[str, Any], bool], ...]:
    """The demo year once, with its three refusals marked (see the module's docstring)."""
    framework = builtin_frameworks()[FRAMEWORK]
    titles = {m.code: (m.title_th, m.title_en, str(m.weight)) for m in framework.mandatory_kpis}
    return tuple((command, _refused(command)) for command in andaman_commands(titles))


def _refused(command: dict[str, Any]) -> bool:
    kind: str = command["type"]
    return (
        (kind == "propose_kpi" and command["kpi_id"] == "P5")
        or (
            kind == "decide_change"
            and command["request_id"] == "CR-2557-03"
            and command["outcome"] == "approved"
        )
        or (kind == "request_change" and command["request_id"] == "CR-2557-04")
    ) is True


def province_group_year(seed: int, copy: int) -> Iterator[Item]:
    """Copy number ``copy`` of the demo year, renamed, with its units' office users.
    The framework's 6-month round is cancelled by the first copy only."""
    tag = f"{copy:05d}"

    def rename(match: re.Match[str]) -> str:
        found = match.group(0)
        if found in ("CR-2557-", "AP-2557-"):
            return f"{found}{tag}-"
        return f"{found}-{tag}"

    for command, refused in _demo():
        kind = command["type"]
        if kind == "cancel_round" and copy:
            continue
        renamed = _renamed(command, rename)
        if kind == "register_unit":
            renamed["name_en"] = f"{renamed['name_en']} ({tag})"
        yield _varied(renamed, command, seed, copy), refused
        if kind == "register_unit" and command["unit_id"] == HOST[0]:
            yield from office_lines([f"{u}-{tag}" for u in _UNITS])
    yield from _shared_appeal(tag)


def _shared_appeal(tag: str) -> Iterator[Item]:
    """Phang Nga appeals the joint tourism result; upheld in part, the value is adjusted and
    every participant's 12-month round is certified again."""
    joint, appeal = f"{JOINT_ID}-{tag}", f"AP-{tag}-J"
    body = {"id": APPEAL_BODY["id"], "role": "appeal_body", "kind": "body"}
    yield (
        _at(
            "request_shared_appeal",
            assessed_unit(f"TH-82-{tag}"),
            "2015-04-20",
            joint_id=joint,
            appeal_id=appeal,
            round_id="12m",
            claim="TAT left out December's cruise arrivals",
            agreement=f"TH-82-{tag}/2557",
        ),
        False,
    )
    yield (
        _at(
            "decide_shared_appeal",
            body,
            "2015-05-08",
            joint_id=joint,
            appeal_id=appeal,
            outcome="partly_upheld",
            body="Appeals sub-committee",
            rationale="Cruise arrivals count; transit passengers do not",
        ),
        False,
    )
    yield (
        _at(
            "adjust_shared_result",
            body,
            "2015-05-08",
            joint_id=joint,
            appeal_id=appeal,
            new_value="108.3",
            reason="Recount with cruise arrivals",
            authority="Appeals sub-committee",
        ),
        False,
    )
    for unit_id in ("TH-81", "TH-82", "TH-83"):
        yield (
            _at(
                "certify_scores",
                OPDC,
                "2015-05-15",
                agreement=f"{unit_id}-{tag}/2557",
                round_id="12m",
            ),
            False,
        )


def _at(kind: str, actor: dict[str, Any], date: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "actor": actor, "effective_at": at(date), **fields}


def _renamed(value: Any, rename: Any) -> Any:
    if isinstance(value, str):
        return _RENAMED.sub(rename, value)
    if isinstance(value, dict):
        renamed = {key: _renamed(item, rename) for key, item in value.items()}
        if "sha256" in renamed and "file_name" in renamed:
            # An evidence file renamed is another stand-in file: its digest follows its name,
            # so a harness can store the bytes behind every digest (evidence_content).
            content = evidence_content(renamed["file_name"])
            renamed["sha256"] = hashlib.sha256(content).hexdigest()
        return renamed
    if isinstance(value, list):
        return [_renamed(item, rename) for item in value]
    return value


def _varied(renamed: dict[str, Any], original: dict[str, Any], seed: int, copy: int) -> Any:
    """Results moved by up to ±5 % (the same for a KPI's SAR and its assessment)."""
    kind = original["type"]
    if kind not in ("file_sar", "record_assessment"):
        return renamed
    unit = original["agreement"].split("/")[0]
    rows, field = (
        ("results", "actual") if kind == "file_sar" else ("assessments", "verified_actual")
    )
    for row in renamed[rows]:
        if (unit, row["kpi_id"]) in _KEPT or row["kpi_id"] in _MILESTONES:
            continue
        key = f"{seed}:{copy}:{unit}:{row['kpi_id']}:{original['round_id']}".encode()
        step = Decimal(zlib.crc32(key) % 101 - 50) / 1000
        row[field] = str((Decimal(row[field]) * (1 + step)).quantize(Decimal("0.1")))
    return renamed
