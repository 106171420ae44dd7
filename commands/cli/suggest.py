"""Did you mean: an unknown id is answered with the known ids closest to it.

A read given an id nobody recorded fails with ``NotFound`` (so its exit code comes from the
one table in ``ledger.errors``), and the message says what was asked for, plainly (an
agreement, a unit, a user, a KPI...), with the closest ids the store knows: a typo then
costs one more command, not a search. The candidates are read from the log itself, by
event type, so they are right even when no view has caught up; that read happens only on
the way to an error, never on a read that succeeds.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence

from eventsourcing.utils import get_topic

from commands.wiring import Reads
from ledger.application import LedgerApplication, agreement_uuid
from ledger.domain.events import AgreementOpened, LedgerEvent, UnitRegistered
from ledger.domain.identity.events import BodyFormed, IdentityBootstrapped, UserAdded
from ledger.domain.joint.events import JointKpiDefined
from ledger.errors import NotFound

__all__ = [
    "agreement_not_found",
    "check_subject",
    "close_matches",
    "did_you_mean",
    "hint",
    "not_found",
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
# With no close match, up to this many known ids are listed instead (the KPIs of one
# agreement, its change requests), since seeing them all is then the quickest help.
FEW = 16
# difflib's usual cutoff; and how much less close than the closest a suggestion may be.
CUTOFF = 0.6
NEAR = 0.05


def close_matches(asked: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known ids closest to ``asked``: difflib's similarity of at least 0.6, letter case
    ignored (ids are typed by hand; an id equal but for case is the one answer), at most
    ``limit``, and only those nearly as close as the closest (within ``NEAR``), best first and
    ties in name order, so the answer is the same on every run and names one id when one
    stands out.

    >>> close_matches("th-81/2557", ["TH-82/2557", "TH-81/2557", "GRP-ANDAMAN/2557"])
    ['TH-81/2557']
    >>> close_matches("TH-8/2557", ["TH-83/2557", "TH-81/2557", "TH-82/2557", "TH-85/2557"])
    ['TH-81/2557', 'TH-82/2557', 'TH-83/2557']
    >>> close_matches("nothing-like-it", ["TH-81/2557"])
    []
    """
    by_folded: dict[str, str] = {}
    for name in known:
        by_folded.setdefault(name.casefold(), name)
    if asked.casefold() in by_folded:  # the same id but for letter case: the one answer
        return [by_folded[asked.casefold()]]
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(asked.casefold())
    scored: list[tuple[float, str]] = []
    for folded in by_folded:
        matcher.set_seq1(folded)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= CUTOFF:
            scored.append((-ratio, folded))
    scored.sort()
    best = -scored[0][0] if scored else 0.0
    return [by_folded[folded] for score, folded in scored[:limit] if -score >= best - NEAR]


def did_you_mean(matches: Sequence[str]) -> str:
    """The suggestion to append to a message: empty when there is none.

    >>> did_you_mean(["TH-81/2557"])
    " (did you mean 'TH-81/2557'?)"
    >>> did_you_mean(["G1", "G2", "P1"])
    " (did you mean 'G1', 'G2' or 'P1'?)"
    >>> did_you_mean([])
    ''
    """
    if not matches:
        return ""
    quoted = [repr(match) for match in matches]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f" (did you mean {listed}?)"


def hint(asked: str, known: Iterable[str]) -> str:
    """The closest known ids as a question, else all of them when there are at most ``FEW``,
    else nothing.

    >>> hint("G9", ["G1", "G2", "P1"])
    " (known: 'G1', 'G2', 'P1')"
    >>> hint("TH-8/2557", ["TH-81/2557", "GRP-ANDAMAN/2557"])
    " (did you mean 'TH-81/2557'?)"
    """
    names = sorted(set(known))
    matches = close_matches(asked, names)
    if matches or not names or len(names) > FEW:
        return did_you_mean(matches)
    return f" (known: {', '.join(map(repr, names))})"


def not_found(
    kind: str, asked: str, known: Iterable[str], *, field: str, rule: str, within: str = ""
) -> NotFound:
    """``NotFound`` saying which ``kind`` of thing was asked for (and ``within`` what), with
    the closest of the ``known`` ids (``hint``).

    >>> not_found("user", "opdc-secretary", ["opdc-secretariat"], field="USER_ID", rule="").message
    "user 'opdc-secretary' not found (did you mean 'opdc-secretariat'?)"
    """
    names = list(known)
    place = f" in {within}" if within else ""
    return NotFound(
        f"{kind} {asked!r} not found{place}{hint(asked, names)}",
        field=field,
        rule=rule,
        expected=close_matches(asked, names) or None,
        actual=asked,
    )


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
