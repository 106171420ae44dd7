"""Did you mean: the known ids closest to one nobody recorded, for a ``NotFound`` that
helps (the command line's reads, the exports' choices). Plain functions over names, no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from ledger.errors import NotFound

__all__ = ["close_matches", "did_you_mean", "hint", "not_found"]

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
