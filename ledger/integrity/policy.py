"""The verifier's trust policy: which keys it trusts, held by the verifier, never by the store.

In the spirit of C2SP tlog witness policies (and Sigsum's policy file), one directive a line::

    # FY2568 ledger, as published by OPDC and the witnesses
    log ledger.example.go.th/fy2568+8c5a2b1f+AQ...      the log's verifier key (one or more)
    witness nacc  witness.nacc.go.th+1b2c3d4e+BA... https://witness.nacc.go.th/tlog
                                                         a witness: a name for this file, its
                                                         key, its submission URL (optional)
    witness oag   witness.oag.go.th+5f6a7b8c+BA...
    group either any nacc oag                            K, any or all of its members
    quorum either                                        a witness or group name, or none

A checkpoint is trusted when one of the log keys signed it and the quorum cosigned it. Without
a ``quorum`` line the quorum is ``none`` (the log's signature alone). ``--key`` and ``--witness``
on the command line make the same policy with every given witness required.
A log or witness line may end with a URL (C2SP tlog-policy); a witness's is the submission
prefix ``ledger checkpoint --trust`` posts add-checkpoint requests to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ledger.errors import InvalidInput
from ledger.integrity.checkpoint import CheckpointError, SignedCheckpoint
from ledger.integrity.keys import KeyFileError, KeyKind, Verifier, parse_verifier

__all__ = ["Quorum", "TrustPolicy", "parse_policy", "policy_from_keys"]

# A quorum is a predicate over the names (in the policy) of the witnesses that cosigned.
Quorum = Callable[[frozenset[str]], bool]
_RULE = "a trust policy: log, witness, group and quorum lines (docs/PROOFS.md)"


def _no_witness(_: frozenset[str]) -> bool:
    return True


@dataclass(frozen=True)
class TrustPolicy:
    logs: tuple[Verifier, ...]
    witnesses: Mapping[str, Verifier] = field(default_factory=dict)
    quorum: Quorum = _no_witness
    quorum_name: str = "none"
    # The submission prefix of each witness (by policy name) whose line gives a URL.
    urls: Mapping[str, str] = field(default_factory=dict)

    def log_key(self, origin: str) -> Verifier | None:
        return next((k for k in self.logs if k.name == origin), None)

    def cosigners(self, signed: SignedCheckpoint) -> tuple[frozenset[str], list[str]]:
        """The policy names of the witnesses whose cosignature on ``signed`` verifies, and a
        problem for each cosignature by a policy witness that does not."""
        good: set[str] = set()
        problems: list[str] = []
        for name, key in self.witnesses.items():
            if not signed.signed_by(key.name):
                continue
            try:
                signed.verify_cosignature(key)
            except CheckpointError as error:
                problems.append(f"witness {name}: {error}")
                continue
            good.add(name)
        return frozenset(good), problems

    def trusts(self, signed: SignedCheckpoint) -> tuple[bool, list[str]]:
        """Whether the checkpoint is signed by a trusted log key and cosigned by the quorum,
        with what is wrong with it (a bad signature is a problem; a missing one is not)."""
        key = self.log_key(signed.checkpoint.origin)
        if key is None:
            return False, [f"no trusted log key is named {signed.checkpoint.origin!r}"]
        try:
            signed.verify_log(key)
        except CheckpointError as error:
            return False, [str(error)]
        cosigned, problems = self.cosigners(signed)
        return not problems and self.quorum(cosigned), problems


def policy_from_keys(log: Verifier, witnesses: Sequence[Verifier]) -> TrustPolicy:
    """``--key`` and ``--witness``: this log key, and every one of these witnesses required."""
    named = {w.name: w for w in witnesses}
    required = frozenset(named)
    return TrustPolicy(
        logs=(log,),
        witnesses=named,
        quorum=lambda cosigned: required <= cosigned,
        quorum_name="all of " + ", ".join(sorted(named)) if named else "none",
    )


def _invalid(number: int, message: str) -> InvalidInput:
    return InvalidInput(f"line {number}: {message}", field="--trust", rule=_RULE)


def _threshold(number: int, word: str, size: int) -> int:
    if word == "any":
        return 1
    if word == "all":
        return size
    if not word.isdigit() or not 1 <= int(word) <= size:
        raise _invalid(number, f"a group needs 'any', 'all' or 1 to {size}, not {word!r}")
    return int(word)


def _key(number: int, text: str, kind: KeyKind) -> Verifier:
    try:
        verifier = parse_verifier(text)
    except KeyFileError as error:
        raise _invalid(number, str(error)) from error
    if verifier.kind != kind:  # a witness key is Ed25519 (0x04) or ML-DSA-44 (0x06)
        raise _invalid(number, f"{verifier.name} is not a {kind} key")
    return verifier


def _url(number: int, given: list[str]) -> str:
    """The optional URL ending a log or witness line (tlog-policy): http or https."""
    url = given[0] if given else ""
    if given and not url.startswith(("https://", "http://")):
        raise _invalid(number, f"a log or witness URL starts with https:// or http://, not {url!r}")
    return url


def _member(name: str) -> Quorum:
    return lambda cosigned: name in cosigned


def _at_least(need: int, parts: list[Quorum]) -> Quorum:
    return lambda cosigned: sum(part(cosigned) for part in parts) >= need


def parse_policy(text: str) -> TrustPolicy:
    """Read a trust policy; InvalidInput naming the line that is wrong."""
    logs: list[Verifier] = []
    witnesses: dict[str, Verifier] = {}
    urls: dict[str, str] = {}
    quorums: dict[str, Quorum] = {"none": _no_witness}
    chosen: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        keyword, args = words[0], words[1:]
        if keyword == "log" and len(args) in (1, 2):
            logs.append(_key(number, args[0], "log"))
            _url(number, args[1:])
        elif keyword == "witness" and len(args) in (2, 3):
            name = args[0]
            if name in quorums:
                raise _invalid(number, f"the name {name!r} is already used")
            witnesses[name] = _key(number, args[1], "witness")
            quorums[name] = _member(name)
            if args[2:]:
                urls[name] = _url(number, args[2:])
        elif keyword == "group" and len(args) >= 3:
            name, members = args[0], args[2:]
            if name in quorums:
                raise _invalid(number, f"the name {name!r} is already used")
            unknown = [m for m in members if m not in quorums or m == "none"]
            if unknown:
                raise _invalid(number, f"unknown member {unknown[0]!r} (define it above)")
            need = _threshold(number, args[1], len(members))
            quorums[name] = _at_least(need, [quorums[m] for m in members])
        elif keyword == "quorum" and len(args) == 1:
            if chosen is not None:
                raise _invalid(number, "the quorum is set once")
            if args[0] not in quorums:
                raise _invalid(number, f"unknown quorum {args[0]!r} (define it above)")
            chosen = args[0]
        else:
            raise _invalid(number, f"cannot read {raw.strip()!r}")
    if not logs:
        raise InvalidInput("the policy names no log key", field="--trust", rule=_RULE)
    name = chosen or "none"
    return TrustPolicy(
        logs=tuple(logs), witnesses=witnesses, quorum=quorums[name], quorum_name=name, urls=urls
    )
