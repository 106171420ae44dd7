"""tlog-policy lets a log or witness line end with a URL: a witness's is its submission prefix,
which ``ledger checkpoint --trust`` asks; any other trailing word is refused."""

from __future__ import annotations

import pytest

from ledger.errors import InvalidInput
from ledger.integrity.keys import generate
from ledger.integrity.policy import parse_policy

LOG = generate("ledger.example/urls", "log")
W1, W2 = (generate(f"witness.example/u{n}", "witness") for n in (1, 2))


def test_witness_urls_are_kept_by_policy_name() -> None:
    policy = parse_policy(
        f"log {LOG.verifier.text()} https://log.example/\n"
        f"witness w1 {W1.verifier.text()} https://w1.example/sub\n"
        f"witness w2 {W2.verifier.text()}\n"
        "group both all w1 w2\nquorum both\n"
    )
    assert dict(policy.urls) == {"w1": "https://w1.example/sub"}
    assert set(policy.witnesses) == {"w1", "w2"}


@pytest.mark.parametrize(
    "line",
    [
        f"witness w1 {W1.verifier.text()} ftp://w1.example",
        f"witness w1 {W1.verifier.text()} https://a https://b",
        f"log {LOG.verifier.text()} w1.example",
    ],
    # Named, not by the keys, which differ in every process (pytest-xdist compares ids).
    ids=["not-http", "two-urls", "no-scheme"],
)
def test_a_trailing_word_that_is_no_url_is_refused(line: str) -> None:
    with pytest.raises(InvalidInput, match="line 2"):
        parse_policy(f"log {LOG.verifier.text()}\n{line}\n")
