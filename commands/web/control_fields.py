"""What the change and appeal forms share: the agreement a form is about (read as the handlers
read it, checked against the viewer's grants), the actors a form may offer, and the fields
that need shaping before they become a command's JSON (a textarea's line ends, a list of
thresholds, evidence named by hash, a suggested id).

Nothing here decides a rule: a field typed wrong is passed on as typed wherever the command's
own decoding names the problem better, and the handlers check every actor again.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from commands.handlers.context import Loaded
from commands.http.read_params import agreement_ref, checked, known_agreement
from commands.web.access import actors_for, require_read
from commands.web.forms import text
from commands.web.session import Viewer
from ledger.bounds import ID
from ledger.domain.identity.access import Scope
from ledger.domain.values import Actor, Role
from ledger.errors import InvalidInput, NotAllowed

__all__ = [
    "Choice",
    "actor_choices",
    "chosen_actor",
    "evidence_lines",
    "kpi_changes",
    "loaded_for",
    "numbers",
    "offered_actors",
    "suggested_id",
]

_EVIDENCE_RULE = "one file a line: its SHA-256 (64 lowercase hex digits), a space, its file name"


@dataclass(frozen=True)
class Choice:
    """One option of a select: its value and its label in both languages."""

    value: str
    label_th: str
    label_en: str


def loaded_for(viewer: Viewer, unit_id: str, fiscal_year: int) -> Loaded:
    """The agreement named by the path, with its framework and unit, as the handlers load it;
    NotFound (404) if never opened, NotAllowed (403) outside the viewer's grants."""
    api = viewer.api
    loaded = api.context.load(known_agreement(api, agreement_ref(unit_id, fiscal_year)))
    require_read(viewer, loaded.scope)
    return loaded


def checked_id(value: str, name: str) -> str:
    """A path's request or appeal id, if it has an id's form; InvalidInput (400) otherwise."""
    return checked(value, ID, name)


def offered_actors(viewer: Viewer, roles: Iterable[Role], scope: Scope, step: str) -> list[Actor]:
    """Whom the viewer may enter ``step`` for, in any of ``roles``; NotAllowed (403) when
    nobody, so a form outside the viewer's grants is neither shown nor taken."""
    wanted = tuple(roles)
    found: list[Actor] = []
    for role in wanted:
        found += [a for a in actors_for(viewer, role, scope) if a not in found]
    if not found:
        raise NotAllowed(
            f"user {viewer.user_id!r} may not {step} for {scope.describe()}",
            field="actor",
            rule=f"{step} is entered by a user holding {' or '.join(wanted)} for the agreement, "
            "or by the secretariat of a body deciding in that role",
            expected=" or ".join(wanted),
        )
    return found


def actor_value(actor: Actor) -> str:
    return f"{actor.kind}:{actor.role}:{actor.id}"


def actor_choices(viewer: Viewer, actors: Iterable[Actor]) -> list[Choice]:
    """The actors as options, a body by its name and a user by theirs."""
    choices = []
    for actor in actors:
        body = viewer.body_of(actor.id) if actor.kind == "body" else None
        if body is not None:
            th, en = body.name_th, body.name_en
        else:
            th, en = viewer.user.name_th, viewer.user.name_en
        choices.append(Choice(actor_value(actor), f"{th} ({actor.id})", f"{en} ({actor.id})"))
    return choices


def chosen_actor(form: Mapping[str, Any], offered: list[Actor]) -> dict[str, str]:
    """The actor the form names, as the command's JSON: the one offered when only one is;
    a value typed by hand is passed on as typed, for the handler to refuse."""
    given = text(form, "actor")
    if not given and len(offered) == 1:
        given = actor_value(offered[0])
    parts = given.split(":", 2)
    if len(parts) != 3:
        raise InvalidInput(
            "choose who acts", field="actor", rule="the actor is one of those the form offers"
        )
    kind, role, actor_id = parts
    return {"id": actor_id, "role": role, "kind": kind}


def numbers(form: Mapping[str, Any], name: str) -> list[str] | None:
    """A list of numbers typed with spaces, commas or slashes between them, as text (the
    command's decoding reads them exactly and names a bad one); None when left empty."""
    given = text(form, name)
    return [part for part in re.split(r"[\s,/]+", given) if part] if given else None


def kpi_changes(form: Mapping[str, Any]) -> dict[str, Any]:
    """The KPI values a form changes (a request's proposal, a committee's amendments): only
    those typed. Titles, unit and direction are not offered: changing what a KPI measures
    makes it a replacement, which rule 3 refuses (the handler says so if one is posted)."""
    typed = {
        "thresholds": numbers(form, "thresholds"),
        "weight": text(form, "weight") or None,
        "baseline": text(form, "baseline") or None,
    }
    return {name: value for name, value in typed.items() if value is not None}


def evidence_lines(form: Mapping[str, Any], name: str = "evidence") -> list[dict[str, str]]:
    """Evidence named by hash, one file a line (``SHA256 file-name``; the name defaults to the
    hash); its media type is guessed from the name."""
    found = []
    for number, line in enumerate(text(form, name).split("\n")):
        parts = line.strip().split(maxsplit=1)
        if not parts:
            continue
        digest = parts[0].lower()
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise InvalidInput(
                f"line {number + 1} does not start with a SHA-256",
                field=name,
                rule=_EVIDENCE_RULE,
                actual=parts[0][:80],
            )
        file_name = parts[1].strip() if len(parts) > 1 else digest
        media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        found.append({"sha256": digest, "file_name": file_name, "media_type": media_type})
    return found


def suggested_id(prefix: str, fiscal_year: int, taken: Iterable[str]) -> str:
    """The first ``PREFIX-FY-NN`` not yet used in the agreement (the user may type another).

    >>> suggested_id("CR", 2557, ["CR-2557-01"])
    'CR-2557-02'
    """
    used = set(taken)
    number = len(used) + 1
    while f"{prefix}-{fiscal_year}-{number:02d}" in used:
        number += 1
    return f"{prefix}-{fiscal_year}-{number:02d}"
