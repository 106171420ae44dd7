"""``ledger checkpoint --trust POLICY``: asking the policy's witnesses to cosign the new head,
the table of what each did, and the quorum's verdict."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.table import Table

from commands.cli.tables import column, fit
from commands.cli.terminal import SafeConsole
from commands.keyfiles import load_policy
from ledger.errors import InvalidInput, Unverified
from ledger.integrity.checkpoint import SignedCheckpoint
from ledger.integrity.log import TransparencyLog
from ledger.integrity.policy import TrustPolicy
from ledger.integrity.witness_client import WitnessAnswer, cosign_with_witnesses

__all__ = [
    "WitnessRequest",
    "WitnessRound",
    "ask_and_report",
    "require_quorum",
    "witness_options",
]

F = TypeVar("F", bound=Callable[..., Any])
_URL_RULE = "--witness-url NAME=URL, NAME a witness of the --trust policy"
_QUORUM_RULE = "the policy's quorum cosigns each checkpoint (what came is kept; ask again)"
_WORDS = {
    "cosigned": "cosigned\nลงนามรับรองแล้ว",
    "refused": "refused\nปฏิเสธ",
    "unreachable": "unreachable\nติดต่อไม่ได้",
    "timed-out": "timed out\nหมดเวลา",
}


@dataclass(frozen=True)
class WitnessRequest:
    """The policy (None: ask no witness), each witness's URL by policy name, the budget."""

    policy: TrustPolicy | None
    urls: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 10.0


@dataclass(frozen=True)
class WitnessRound:
    policy: TrustPolicy
    signed: SignedCheckpoint
    answers: list[WitnessAnswer]
    met: bool


def _urls(policy: TrustPolicy, given: tuple[str, ...]) -> dict[str, str]:
    urls = dict(policy.urls)
    for item in given:
        name, _, url = item.partition("=")
        if name not in policy.witnesses or not url.startswith(("http://", "https://")):
            raise InvalidInput(f"cannot use {item!r}", field="--witness-url", rule=_URL_RULE)
        urls[name] = url
    return urls


def witness_options(func: F) -> F:
    """``--trust``, ``--witness-url`` and ``--timeout``, received as one ``asking``."""

    @click.option(
        "--trust",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A trust policy: ask its witnesses (their URLs on their lines) to cosign.",
    )
    @click.option(
        "--witness-url",
        "witness_urls",
        multiple=True,
        metavar="NAME=URL",
        help="The submission URL of the policy's witness NAME (repeatable).",
    )
    @click.option(
        "--timeout",
        type=click.FloatRange(min=0.1, max=600),
        default=10.0,
        show_default=True,
        help="Seconds all the witnesses get to answer, together.",
    )
    @functools.wraps(func)
    def wrapped(
        *args: Any, trust: Path | None, witness_urls: tuple[str, ...], timeout: float, **kw: Any
    ) -> Any:
        if trust is None:
            if witness_urls:
                raise InvalidInput("--witness-url without --trust", field="--trust", rule=_URL_RULE)
            return func(*args, asking=WitnessRequest(None), **kw)
        policy = load_policy(trust)
        asking = WitnessRequest(policy, _urls(policy, witness_urls), timeout)
        return func(*args, asking=asking, **kw)

    return wrapped  # type: ignore[return-value]


def _table(answers: list[WitnessAnswer], narrow: bool) -> Table:
    table = Table(
        column("Witness\nพยาน"),
        column("Result\nผล"),
        column("Detail\nรายละเอียด", prose=True),
        title="Witnesses / พยาน",
        title_justify="left",
    )
    for answer in answers:
        status = f" {answer.status}" if answer.status and answer.outcome != "cosigned" else ""
        detail = answer.reason
        if answer.retried:
            detail = ("after a 409, from the size it held; " + detail).rstrip("; ")
        name = answer.target.name if narrow else f"{answer.target.name}\n{answer.target.url}"
        table.add_row(name, _WORDS[answer.outcome] + status, detail)
    return table


def ask_and_report(
    log: TransparencyLog, signed: SignedCheckpoint, asking: WitnessRequest
) -> WitnessRound:
    """Ask every witness with a URL; print the table of answers on stderr (80 columns)."""
    assert asking.policy is not None
    kept, answers, met = cosign_with_witnesses(
        log, signed, asking.policy, asking.urls, asking.timeout
    )
    console = SafeConsole(stderr=True)
    console.print(fit(console, _table(answers, False), _table(answers, True)))
    return WitnessRound(asking.policy, kept, answers, met)


def require_quorum(answered: WitnessRound) -> None:
    """Unverified (exit 5) naming the quorum and who answered, unless it was met."""
    if answered.met:
        return
    said = "; ".join(
        f"{a.target.name} {a.outcome}" + (f" {a.status}" if a.outcome == "refused" else "")
        for a in answered.answers
    )
    raise Unverified(
        f"the quorum {answered.policy.quorum_name!r} did not cosign the checkpoint of "
        f"{answered.signed.checkpoint.size} ({said or 'no witness has a URL'})",
        field="--trust",
        rule=_QUORUM_RULE,
    )
