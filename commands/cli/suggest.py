"""Did you mean: an unknown id is answered with the known ids closest to it.

A read given an id nobody recorded fails with ``NotFound`` (so its exit code comes from the
one table in ``ledger.errors``), and the message says what was asked for, plainly (an
agreement, a unit, a user, a KPI...), with the closest ids the store knows: a typo then
costs one more command, not a search. The candidates are read from the log itself, by
event type, so they are right even when no view has caught up; that read happens only on
the way to an error, never on a read that succeeds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from eventsourcing.utils import get_topic

from commands.wiring import Reads
from ledger.application import LedgerApplication, agreement_uuid
from ledger.domain.events import AgreementOpened, LedgerEvent, UnitRegistered
from ledger.domain.identity.events import BodyFormed, IdentityBootstrapped, UserAdded
from ledger.domain.joint.events import JointKpiDefined
from ledger.errors import NotFound
from ledger.suggestions import not_found

__all__ = [
    "agreement_not_found",
    "check_subject",
    "recorded_ids",
    "require_agreement",
    "require_kpi",
    "require_round",
]

AGREEMENT_RULE = "an agreement is UNIT/FISCAL_YEAR (e.g. TH-81/2557), known once it is opened"
ROUND_RULE = "--round is a round id of the framework (`ledger frameworks show ID` lists them)"
KPI_RULE = "--kpi is a KPI id of the agreement (`ledger show AGREEMENT` lists them)"

# Where the log names each kind of id: the events that create one, and the attribute.
_SOURCES: Mapping[str, tuple[tuple[type[LedgerEvent], str], ...]] = {
    "agreement": ((AgreementOpened, "agreement_ref"),),
    "unit": ((UnitRegistered, "unit_id"),),
    "user": ((IdentityBootstrapped, "administrator"), (UserAdded, "user_id")),
    "body": ((BodyFormed, "body_id"),),
    "joint": ((JointKpiDefined, "joint_id"),),
}
_PAGE = 1000


def recorded_ids(app: LedgerApplication, kind: str) -> Iterator[str]:
    """Every id of ``kind`` (a key of ``_SOURCES``) the log records, read by event type a
    page at a time. It reads each such event, so it is for the way to an error only."""
    for event_type, attribute in _SOURCES[kind]:
        topic = get_topic(event_type)
        after = 0
        while page := app.recorder.select_notifications(
            start=after, limit=_PAGE, topics=[topic], inclusive_of_start=False
        ):
            for notification in page:
                yield str(getattr(app.mapper.to_domain_event(notification), attribute))
            after = page[-1].id


def agreement_not_found(app: LedgerApplication, ref: str) -> NotFound:
    """``NotFound`` for an agreement reference the log never opened, with the closest."""
    return not_found(
        "agreement", ref, recorded_ids(app, "agreement"), field="AGREEMENT", rule=AGREEMENT_RULE
    )


def require_agreement(app: LedgerApplication, ref: str | None) -> None:
    """Return when ``ref`` is None (every agreement) or an agreement the log opened; raises
    ``agreement_not_found`` otherwise. One indexed read of at most one event."""
    if ref is not None and not app.exists(agreement_uuid(ref)):
        raise agreement_not_found(app, ref)


def check_subject(ctx: Reads, subject: str) -> None:
    """For ``ledger history SUBJECT`` that found no event: return when the subject exists
    and simply has none (a framework with no cancelled round), raise ``NotFound`` naming
    what was asked otherwise (``unit:NOPE`` is an unknown unit, not an agreement)."""
    kind, colon, asked = subject.partition(":")
    if not colon:
        require_agreement(ctx.app, subject)
        return
    rule = "SUBJECT is UNIT/FISCAL_YEAR or KIND:ID (unit, framework, user, body, joint, ...)"
    if kind == "framework":
        ctx.framework(asked)  # NotFound listing the known frameworks when it is none of them
    elif kind in _SOURCES:
        known = list(recorded_ids(ctx.app, kind))
        if asked not in known:
            raise not_found(kind, asked, known, field="AGREEMENT", rule=rule)
    else:
        raise NotFound(f"no event about {kind} {asked!r} is recorded", field="AGREEMENT", rule=rule)


def require_round(ctx: Reads, round_id: str, agreement: str | None = None) -> None:
    """For a read limited to ``--round`` that found nothing: return when ``round_id`` is a
    round of ``agreement``'s framework (of any known framework, with no agreement), which
    simply has no scores yet; raise ``NotFound`` with the closest round ids otherwise (``7m``,
    ``12M``). The agreement must exist (``require_agreement`` first)."""
    if agreement is not None:
        framework = ctx.framework(ctx.app.agreement(agreement).framework_id)
        known = [r.id for r in framework.rounds]
        within = f"{agreement}'s framework {framework.id}"
    else:
        from commands.cli.frameworks import known_frameworks

        known = list(dict.fromkeys(r.id for f in known_frameworks().values() for r in f.rounds))
        within = "the known frameworks"
    if round_id not in known:
        raise not_found("round", round_id, known, field="--round", rule=ROUND_RULE, within=within)


def require_kpi(app: LedgerApplication, agreement: str, kpi_id: str) -> None:
    """For ``ledger history AGREEMENT --kpi KPI`` that found no event: return when the
    agreement has (or had) that KPI; raise ``NotFound`` with the closest KPI ids of the
    agreement otherwise. The agreement must exist (``require_agreement`` first)."""
    kpis = app.agreement(agreement).kpis
    if kpi_id not in kpis:
        raise not_found("KPI", kpi_id, kpis, field="--kpi", rule=KPI_RULE, within=agreement)
