"""The verifier's trust policy: which checkpoints it trusts, and every malformed line named."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from ledger.errors import InvalidInput
from ledger.integrity.checkpoint import Checkpoint, SignedCheckpoint, cosign, sign
from ledger.integrity.keys import Signer, generate
from ledger.integrity.policy import parse_policy, policy_from_keys

LOG = generate("ledger.example.go.th/fy2568", "log")
W1, W2, W3 = (generate(f"witness{n}.example.org", "witness") for n in (1, 2, 3))
HEAD = sign(Checkpoint(LOG.name, 10, b"\x01" * 32), LOG)
AT = datetime(2025, 3, 1, tzinfo=UTC)


def policy_text(*lines: str) -> str:
    return "\n".join(
        [
            "# a policy",
            f"log {LOG.verifier.text()}",
            f"witness w1 {W1.verifier.text()}  # the first witness",
            f"witness w2 {W2.verifier.text()}",
            f"witness w3 {W3.verifier.text()}",
            *lines,
        ]
    )


def cosigned(*witnesses: Signer) -> SignedCheckpoint:
    signed = HEAD
    for witness in witnesses:
        signed = cosign(signed, witness, AT)
    return signed


@pytest.mark.parametrize(
    ("quorum", "cosigners", "trusted"),
    [
        ("quorum none", (), True),
        ("quorum w2", (W1,), False),
        ("quorum w2", (W2,), True),
        ("group two 2 w1 w2 w3\nquorum two", (W3,), False),
        ("group two 2 w1 w2 w3\nquorum two", (W1, W3), True),
        ("group all all w1 w2\nquorum all", (W1,), False),
        ("group any any w1 w2\nquorum any", (W2,), True),
        ("group a any w1 w2\ngroup b all a w3\nquorum b", (W1, W3), True),
        ("group a any w1 w2\ngroup b all a w3\nquorum b", (W3,), False),
    ],
)
def test_the_quorum_decides_which_checkpoints_are_trusted(
    quorum: str, cosigners: tuple[Signer, ...], trusted: bool
) -> None:
    policy = parse_policy(policy_text(quorum))
    assert policy.trusts(cosigned(*cosigners)) == (trusted, [])


def test_without_a_quorum_line_the_logs_signature_is_enough() -> None:
    assert parse_policy(policy_text()).trusts(HEAD) == (True, [])


def test_a_checkpoint_signed_by_another_key_of_the_same_name_is_not_trusted() -> None:
    impostor = generate(LOG.name, "log")
    forged = sign(HEAD.checkpoint, impostor)
    ok, problems = parse_policy(policy_text()).trusts(forged)
    assert not ok
    assert "no signature by" in problems[0]


def test_a_checkpoint_of_another_log_is_not_trusted() -> None:
    other = generate("other.example/log", "log")
    ok, problems = parse_policy(policy_text()).trusts(
        sign(Checkpoint(other.name, 1, b"\0" * 32), other)
    )
    assert not ok
    assert "no trusted log key is named 'other.example/log'" in problems[0]


def test_keys_on_the_command_line_require_every_witness_given() -> None:
    policy = policy_from_keys(LOG.verifier, [W1.verifier, W2.verifier])
    assert policy.trusts(cosigned(W1)) == (False, [])
    assert policy.trusts(cosigned(W1, W2)) == (True, [])


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        (("quorum nobody",), "line 6: unknown quorum 'nobody'"),
        (("group g 4 w1 w2 w3",), "line 6: a group needs 'any', 'all' or 1 to 3, not '4'"),
        (("group g any w1 ghost",), "line 6: unknown member 'ghost'"),
        (("witness w1 " + W1.verifier.text(),), "line 6: the name 'w1' is already used"),
        (("witness w4 " + LOG.verifier.text(),), "is not a witness key"),
        (("log " + W1.verifier.text(),), "is not a log key"),
        (("log not-a-key",), "line 6: a verifier key reads NAME+KEYID+BASE64"),
        (("quorum w1", "quorum w2"), "line 7: the quorum is set once"),
        (("trust everyone",), "line 6: cannot read 'trust everyone'"),
    ],
)
def test_a_malformed_policy_is_refused_naming_the_line(lines: tuple[str, ...], named: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(named)) as refused:
        parse_policy(policy_text(*lines))
    assert refused.value.field == "--trust"


def test_a_policy_without_a_log_key_is_refused() -> None:
    with pytest.raises(InvalidInput, match="names no log key"):
        parse_policy(f"witness w1 {W1.verifier.text()}\n")
