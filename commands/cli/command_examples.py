"""One real example of every command type, for the command reference (docs/COMMANDS.md).

A type the demo sends is shown by the demo's first line of that type, exactly as
``ledger demo --emit`` prints it, so the reference shows what a working year sends. The identity
commands are the demo's cast (``commands.demo.cast``), with made-up tokens in place of the
fresh ones a run draws. What the demo never sends is written in its world (the FY2557 Andaman
year and its joint tourism KPI) or, for a KPI template correction, which only the FY2552
pilot-ministry framework takes, as the tests send it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, NamedTuple, get_args

import msgspec

from commands.authentication import NewToken, secret_sha256
from commands.cli.demo import demo_lines
from commands.demo.cast import ADMINISTRATOR, AUDITOR, before_units, bootstrap, users
from commands.demo.common import APPEAL_BODY, assessed_unit, at
from commands.demo.scenarios import ANDAMAN
from commands.demo.shared_year import HOST, JOINT_ID
from commands.messages import AnyCommand, RevokeGrant, RevokeToken
from ledger.domain.values import Actor

__all__ = ["Example", "examples"]

# The cast's tokens expire a year after a real run; the reference needs one fixed date.
_EXPIRES_AT = datetime.fromisoformat("2027-09-30T23:59:59+07:00")
_APPEAL_ID = "AP-2557-J1"


class Example(NamedTuple):
    line: str  # one JSON line, as ``ledger apply`` reads it
    source: str  # where it comes from, in words


def examples() -> dict[str, Example]:
    """One example per command type, keyed by its ``type``, in the order of ``AnyCommand``;
    the first line of each type wins."""
    found: dict[str, Example] = {}
    sources = (
        ("the demo's first, from `ledger demo --emit`", demo_lines()),
        ("from the demo's cast, with a made-up token", _cast_lines()),
        ("written in the demo's world", _lines(_written())),
    )
    for source, lines in sources:
        for line in lines:
            found.setdefault(json.loads(line)["type"], Example(line, source))
    return {tag: found[tag] for tag in _tags()}


def _tags() -> list[str]:
    return [str(command.__struct_config__.tag) for command in get_args(AnyCommand)]


def _example_token(user_id: str) -> NewToken:
    """A token for ``user_id`` that no store holds: its secret is written in this file."""
    token_id = hashlib.sha256(user_id.encode()).hexdigest()[:16]
    secret = f"example-secret-of-{user_id}"
    return NewToken(token_id, f"al1_{token_id}_{secret}", secret_sha256(secret))


def _cast_lines() -> list[str]:
    tokens = {user_id: _example_token(user_id) for user_id, _, _ in users(ANDAMAN)}
    first = bootstrap(tokens[ADMINISTRATOR[0]], _EXPIRES_AT)
    return _lines([first, *before_units(ANDAMAN, tokens, _EXPIRES_AT), *_revocations()])


def _revocations() -> Iterator[AnyCommand]:
    admin = Actor(id=ADMINISTRATOR[0], role="administrator")
    yield RevokeGrant(
        actor=admin,
        user_id=AUDITOR,
        number=1,
        reason="The State Audit Office has finished its audit of the FY2557 year",
    )
    yield RevokeToken(
        actor=admin,
        token_id=_example_token(AUDITOR).token_id,
        reason="Its holder left the State Audit Office",
    )


def _written() -> Iterator[dict[str, Any]]:
    """The types the demo never sends, as JSON objects a user would write."""
    yield {
        "type": "correct_kpi_wording",
        "actor": {"id": "working-group", "role": "secretariat"},
        "agreement": "DEPT-1/2552",
        "kpi_id": "3a",
        "title_en": "Share of complaints answered within 15 days",
        "audit_ref": "KPI Audit Report 1/2552",
        "reason": "The period was misstated",
    }
    yield {
        "type": "request_shared_appeal",
        "actor": assessed_unit(HOST[0]),
        "effective_at": at("2015-03-27"),
        "joint_id": JOINT_ID,
        "appeal_id": _APPEAL_ID,
        "round_id": "12m",
        "claim": "December's arrivals at Phuket airport were left out of the verified figure",
    }
    appeal_body = ANDAMAN.body_names[APPEAL_BODY["id"]][0]
    yield {
        "type": "decide_shared_appeal",
        "actor": APPEAL_BODY,
        "effective_at": at("2015-04-10"),
        "joint_id": JOINT_ID,
        "appeal_id": _APPEAL_ID,
        "outcome": "upheld",
        "body": appeal_body,
        "rationale": "The airport's December arrival records were confirmed",
    }
    yield {
        "type": "adjust_shared_result",
        "actor": APPEAL_BODY,
        "effective_at": at("2015-04-10"),
        "joint_id": JOINT_ID,
        "appeal_id": _APPEAL_ID,
        "new_value": "108.3",
        "reason": "Tourism revenue recounted with December's arrivals at Phuket airport",
        "authority": appeal_body,
    }


def _lines(commands: Iterable[AnyCommand | dict[str, Any]]) -> list[str]:
    return [json.dumps(_as_sent(c), ensure_ascii=False, separators=(",", ":")) for c in commands]


def _as_sent(command: AnyCommand | dict[str, Any]) -> dict[str, Any]:
    """A command as a user writes it: its type first, then the fields not left at their
    default (msgspec would write every ``null``)."""
    if isinstance(command, dict):
        return command
    sent: dict[str, Any] = {"type": command.__struct_config__.tag}
    for field in msgspec.structs.fields(command):
        value = getattr(command, field.name)
        if value != field.default:
            sent[field.encode_name] = msgspec.to_builtins(value)
    return sent
