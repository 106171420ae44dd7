"""Turning a command's partial amendments into a KPI's full terms."""

from __future__ import annotations

import msgspec

from commands.messages import KpiAmendments
from ledger.domain.values import KpiTerms

__all__ = ["amended_terms"]


def amended_terms(terms: KpiTerms, amendments: KpiAmendments) -> KpiTerms:
    """``terms`` with every value the amendments set; anything left out stays as it was."""
    changes = {
        name: getattr(amendments, name)
        for name in amendments.__struct_fields__
        if getattr(amendments, name) is not None
    }
    return msgspec.structs.replace(terms, **changes)
