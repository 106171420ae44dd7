"""Path and query parameters of the read routes: each checked against the same bounds the
commands carry (``ledger.bounds``), so a bad one is a 400 naming the parameter and the rule.

Litestar checks types and lengths first (and documents them in the OpenAPI schema); these
checks add the form, in the ledger's words.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import Parameter, QueryParameter

from commands.http.state import Api
from commands.http.writes import Sealer
from ledger.application import agreement_uuid
from ledger.bounds import AGREEMENT_REF, ID, TextBound, check_text
from ledger.errors import InvalidInput, NotFound
from ledger.thaidate import bangkok_date, parse_moment, utc_now

__all__ = [
    "AgreementQuery",
    "ApiDep",
    "FiscalYear",
    "FromQuery",
    "IdQuery",
    "MomentQuery",
    "SealerDep",
    "ToQuery",
    "UnitId",
    "agreement_ref",
    "checked",
    "judged_on",
    "known_agreement",
    "moment",
    "optional_agreement",
]

_MOMENT_LENGTH = 64
_MOMENT_RULE = (
    "ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) or a Buddhist-Era date (2557-04-30, "
    "30/04/2557); a date alone means the end of that day, Bangkok time"
)

# The app's dependencies, named explicitly (Litestar 3 stops inferring them).
ApiDep = NamedDependency[Api]
SealerDep = NamedDependency[Sealer]
UnitId = Annotated[str, Parameter(description=ID.rule, min_length=1, max_length=ID.max_length)]
FiscalYear = Annotated[
    int, Parameter(description="the fiscal year, Buddhist Era (2557)", ge=2400, le=2999)
]
AgreementQuery = Annotated[
    str | None,
    QueryParameter(
        description=AGREEMENT_REF.rule,
        max_length=AGREEMENT_REF.max_length,
        required=False,
    ),
]
IdQuery = Annotated[str | None, Parameter(description=ID.rule, max_length=ID.max_length)]
MomentQuery = Annotated[str, Parameter(description=_MOMENT_RULE)]
# Checked by ``moment`` (not by Litestar, whose errors name the Python argument: ``from`` and
# ``to`` cannot be one).
FromQuery = Annotated[str, QueryParameter(name="from", description=_MOMENT_RULE)]
ToQuery = Annotated[str, QueryParameter(name="to", description=_MOMENT_RULE)]


def checked(value: str, bound: TextBound, name: str) -> str:
    """``value`` if it has the bound's form; InvalidInput naming the parameter otherwise."""
    check_text(bound, value, name)
    return value


def agreement_ref(unit_id: str, fiscal_year: int) -> str:
    """The reference ``UNIT/FY`` of an agreement named by its path."""
    return f"{checked(unit_id, ID, 'unit_id')}/{fiscal_year:04d}"


def known_agreement(api: Api, ref: str, name: str = "agreement") -> str:
    """``ref`` if the ledger has opened that agreement; NotFound (404) otherwise."""
    if not api.context.app.exists(agreement_uuid(ref)):
        raise NotFound(f"no agreement {ref!r}", field=name, rule="agreement must be opened first")
    return ref


def optional_agreement(api: Api, ref: str | None) -> str | None:
    """A query's ``agreement``: None, or the reference of an agreement the ledger knows."""
    if ref is None:
        return None
    return known_agreement(api, checked(ref, AGREEMENT_REF, "agreement"))


def moment(text: str, name: str) -> datetime:
    """A moment as ``ledger as-of`` reads it; InvalidInput naming the parameter otherwise."""
    if len(text) > _MOMENT_LENGTH:
        raise InvalidInput(
            f"{name} holds {len(text)} characters, more than {_MOMENT_LENGTH}",
            field=name,
            rule=_MOMENT_RULE,
        )
    return parse_moment(text, field=name)


def judged_on(text: str | None) -> date:
    """The Bangkok date a register is judged on: the parameter's, or today's."""
    return bangkok_date(moment(text, "today") if text is not None else utc_now())
