"""What a signed-in user may act on, from the grants in force now.

Reading is ``Viewer.reader``'s (``ledger.domain.identity.reading``, the API's rule too):
whole-ledger pages (checkpoints, how to verify) are for every signed-in user; a page outside
the user's grants is refused with 403 whether it was reached by a link or typed by hand.

Acting: a form offers only the actors the user may enter for in that role over the
agreement: the user itself if it holds that role there, and every body the user is the
secretariat of that decides in that role there. The handlers check it all again on record.
"""

from __future__ import annotations

from commands.web.session import Viewer
from ledger.domain.identity.access import Scope, body_covers, grant_covers
from ledger.domain.values import Actor, Role

__all__ = ["actors_for", "scope_of"]


def scope_of(unit_id: str, framework_id: str, fiscal_year: int) -> Scope:
    return Scope(unit_id=unit_id, framework_id=framework_id, fiscal_year=fiscal_year)


def actors_for(viewer: Viewer, role: Role, scope: Scope) -> list[Actor]:
    """Whom the viewer may enter a command of ``role`` for over ``scope``, now: itself, then
    each body it is the secretariat of (empty: the form is not offered)."""
    in_force = viewer.user.grants_in_force(viewer.now)
    found: list[Actor] = []
    if any(g.role == role and grant_covers(g, scope, viewer.body_of) for g in in_force):
        found.append(Actor(id=viewer.user_id, role=role, kind="user"))
    for grant in in_force:
        if grant.role != "secretariat" or grant.body_id is None:
            continue
        body = viewer.body_of(grant.body_id)
        if (
            body is not None
            and role in body.roles
            and body_covers(body, scope)
            and grant_covers(grant, scope, viewer.body_of)
        ):
            actor = Actor(id=body.body_id, role=role, kind="body")
            if actor not in found:
                found.append(actor)
    return found
