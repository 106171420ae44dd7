"""What every form that records a command (an act) shares: the agreement the form is about,
read exactly as its handler will load it and checked against the viewer's grants; the actors
the viewer may enter the act for; one encoding of an actor as a form's value and one decoding
that takes only an actor the form offered; the head every command has; and where the browser
goes once it is recorded.

A form reads the agreement through ``HandlerContext.load`` (the agreement with its joint KPIs'
shared results in place, its framework and its unit), so it offers what the handler would
take. Nothing here decides a rule of the ledger: the handler judges everything on record and
checks the actor's grants again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from commands.handlers.context import Loaded
from commands.http.read_params import agreement_ref, known_agreement
from commands.web.access import actors_for
from commands.web.forms import Outcome, effective_at, fresh_command_id, text
from commands.web.refusals import Refusal
from commands.web.session import Viewer
from ledger.domain.identity.access import Scope
from ledger.domain.values import Actor, Role
from ledger.errors import InvalidInput, NotAllowed
from ledger.frameworks.model import Round

__all__ = [
    "ACT_RULE",
    "Act",
    "Choice",
    "Form",
    "MultipartForm",
    "Opened",
    "actor_choices",
    "actor_value",
    "chosen_actor",
    "command",
    "kept",
    "offered_actors",
    "open_agreement",
    "recorded",
    "respond",
]

# A form's fields as posted (a file input makes it multipart; its files are UploadFiles).
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
MultipartForm = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]

ACT_RULE = "a form is offered to users whose grants let them act in its role on the agreement"
_ACTOR_RULE = "the actor is one the form offers"


@dataclass(frozen=True)
class Act:
    """What a form records: the command's type, the roles that may enter it (a body's
    decisions by its secretariat), and the step in words, for a refusal."""

    command_type: str
    roles: tuple[Role, ...]
    step: str


@dataclass(frozen=True)
class Opened:
    """An agreement a form is about, as its handler loads it."""

    unit_id: str
    fiscal_year: int
    ref: str
    loaded: Loaded

    @property
    def scope(self) -> Scope:
        return self.loaded.scope

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The framework's rounds for the unit's level, in the framework's order."""
        return self.loaded.framework.rounds_for(self.loaded.unit.level)

    @property
    def back(self) -> str:
        """The agreement's page."""
        return f"/agreements/{self.unit_id}/{self.fiscal_year}"


def open_agreement(viewer: Viewer, unit_id: str, fiscal_year: int) -> Opened:
    """The agreement at ``unit_id``/``fiscal_year``; NotFound (404) when never opened,
    NotAllowed (403) unless the viewer may read it."""
    ref = known_agreement(viewer.api, agreement_ref(unit_id, fiscal_year))
    loaded = viewer.api.context.load(ref)
    viewer.reader.require_read(loaded.scope)
    return Opened(unit_id=unit_id, fiscal_year=fiscal_year, ref=ref, loaded=loaded)


def offered_actors(viewer: Viewer, opened: Opened, act: Act) -> list[Actor]:
    """Whom the viewer may enter ``act`` for, in any of its roles, in that order; NotAllowed
    (403) when nobody, so a form outside the viewer's grants is neither shown nor taken."""
    found: list[Actor] = []
    for role in act.roles:
        found += [a for a in actors_for(viewer, role, opened.scope) if a not in found]
    if not found:
        raise NotAllowed(
            f"user {viewer.user_id!r} may not {act.step} on {opened.ref}",
            field="actor",
            rule=ACT_RULE,
            expected=" or ".join(act.roles),
        )
    return found


@dataclass(frozen=True)
class Choice:
    """One option of the actor select: its value and its label in both languages."""

    value: str
    label_th: str
    label_en: str


def actor_value(actor: Actor) -> str:
    """An actor as a form's value: ``kind:role:id`` (kinds and roles hold no ``:``)."""
    return f"{actor.kind}:{actor.role}:{actor.id}"


def actor_choices(viewer: Viewer, actors: Iterable[Actor]) -> list[Choice]:
    """The actors as options, a body by its name and the user by theirs."""
    choices = []
    for actor in actors:
        body = viewer.body_of(actor.id) if actor.kind == "body" else None
        if body is not None:
            th, en = body.name_th, body.name_en
        else:
            th, en = viewer.user.name_th, viewer.user.name_en
        choices.append(Choice(actor_value(actor), f"{th} ({actor.id})", f"{en} ({actor.id})"))
    return choices


def chosen_actor(form: Mapping[str, Any], offered: Sequence[Actor]) -> dict[str, str]:
    """The actor the form names, as the command's JSON, if it is one the form offers:
    InvalidInput (400) when none is named, NotAllowed (403) for one typed by hand."""
    given = text(form, "actor")
    if not given:
        raise InvalidInput("choose whom you act for", field="actor", rule=_ACTOR_RULE)
    actor = next((a for a in offered if actor_value(a) == given), None)
    if actor is None:
        raise NotAllowed(
            f"the form does not offer {given[:120]!r} as its actor",
            field="actor",
            rule=_ACTOR_RULE,
            expected=", ".join(actor_value(a) for a in offered),
        )
    return {"id": actor.id, "role": actor.role, "kind": actor.kind}


def command(
    act: Act, form: Mapping[str, Any], opened: Opened, offered: Sequence[Actor], **fields: Any
) -> dict[str, Any]:
    """The command the form describes, as its JSON: what every act has (its type, the actor
    chosen, the agreement, the effective time and the form's command id) and ``fields``."""
    return {
        "type": act.command_type,
        "actor": chosen_actor(form, offered),
        "agreement": opened.ref,
        "effective_at": effective_at(form),
        "command_id": text(form, "command_id") or None,
        **fields,
    }


def kept(form: Mapping[str, Any]) -> dict[str, str]:
    """What was typed, to show a refused form again (text fields only, not the CSRF token),
    with a new command id: a kept refusal used the old one, so the corrected form is a new
    command."""
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "_csrf_token"}
    values["command_id"] = fresh_command_id()
    return values


def recorded(opened: Opened, act: Act) -> Redirect:
    """After a write: the agreement page, saying what was recorded (Post/Redirect/Get)."""
    return Redirect(f"{opened.back}?recorded={act.command_type}", status_code=303)


def respond(
    outcome: Outcome,
    opened: Opened,
    act: Act,
    form: Mapping[str, Any],
    again: Callable[[dict[str, str], Refusal], Template],
) -> Redirect | Template:
    """The answer to a form's post: the agreement page once recorded, else ``again`` (the
    form shown again) with what was typed and the refusal."""
    if outcome.refused is None:
        return recorded(opened, act)
    return again(kept(form), outcome.refused)
