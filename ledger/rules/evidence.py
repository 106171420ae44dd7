"""Evidence is named by the SHA-256 of its bytes, so it can be checked later."""

from __future__ import annotations

from collections.abc import Sequence

from ledger.domain.values import Evidence
from ledger.errors import InvalidInput

__all__ = ["check_evidence"]

_HEX = set("0123456789abcdef")


def check_evidence(evidence: Sequence[Evidence]) -> None:
    """Raise InvalidInput naming the first item not named by a lowercase hex SHA-256."""
    for i, item in enumerate(evidence):
        if len(item.sha256) != 64 or not set(item.sha256) <= _HEX:
            raise InvalidInput(
                "evidence must be named by a lowercase hex SHA-256 (64 digits)",
                field=f"evidence[{i}].sha256",
                rule="content hash is SHA-256",
                actual=item.sha256,
            )
