"""CSV sheets of who is who and what the ledger signs: users, bodies, kept checkpoints and
the command types. No secret or token hash is written, as none is printed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from commands.cli.csv_columns import FISCAL_YEAR, FRAMEWORK, NAME_EN, NAME_TH, STATUS, UNIT
from commands.cli.csv_out import PART, Col, Row, Sheet, joined, part, union
from ledger.domain.identity.principals import Grant
from ledger.integrity.checkpoint import SignedCheckpoint
from projections.identity import BodyEntry, Directory, UserEntry

__all__ = ["BODIES", "BODY", "CHECKPOINTS", "COMMAND_TYPES", "USER", "USERS"]

USER_ID = Col("User", "ผู้ใช้")
ROLES_NOW = Col("Roles in force", "บทบาทที่มีผลอยู่")
CONTACT = Col("Contact", "ช่องทางติดต่อ")
ADDED_AT = Col("Added at", "เพิ่มเมื่อ")
ADDED_BY = Col("Added by", "ผู้เพิ่ม")


def _user(user: UserEntry, now: datetime) -> Row:
    roles = sorted({g.role for g in user.grants if g.in_force(now)})
    return {
        USER_ID: user.user_id,
        NAME_TH: user.name_th,
        NAME_EN: user.name_en,
        ROLES_NOW: ", ".join(roles),
        ADDED_AT: user.added_at,
        ADDED_BY: user.added_by,
    }


def _users_rows(listed: tuple[UserEntry, datetime]) -> Iterator[Row]:
    yield _user(*listed)


USERS: Sheet[tuple[UserEntry, datetime]] = Sheet(
    (USER_ID, NAME_TH, NAME_EN, ROLES_NOW, ADDED_AT, ADDED_BY), _users_rows
)

GRANT = Col("Grant", "สิทธิ์ที่")
ROLE = Col("Role", "บทบาท")
BODY_ID = Col("Body", "คณะ")
VALID_FROM = Col("From", "ตั้งแต่")
VALID_UNTIL = Col("Until", "จนถึง")
IN_FORCE = Col("In force now", "มีผลอยู่")
TOKEN = Col("Token id", "รหัสโทเค็น")
ISSUED_AT = Col("Issued at", "ออกเมื่อ")
EXPIRES_AT = Col("Expires at", "หมดอายุ")
REVOKED_AT = Col("Revoked at", "เพิกถอนเมื่อ")
REVOKED_REASON = Col("Why revoked", "เหตุที่เพิกถอน")
_GRANT = (GRANT, ROLE, UNIT, BODY_ID, FRAMEWORK, FISCAL_YEAR, VALID_FROM, VALID_UNTIL, IN_FORCE)


def _grant(grant: Grant, now: datetime) -> Row:
    return {
        GRANT: grant.number,
        ROLE: grant.role,
        UNIT: grant.unit_id,
        BODY_ID: grant.body_id,
        FRAMEWORK: grant.framework_id,
        FISCAL_YEAR: grant.fiscal_year,
        VALID_FROM: grant.valid_from,
        VALID_UNTIL: grant.valid_until,
        IN_FORCE: grant.in_force(now),
    }


def _user_rows(shown: tuple[UserEntry, datetime]) -> Iterator[Row]:
    """The user's grants and tokens (ids only), a row each, under the user."""
    user, now = shown
    group = {**_user(user, now), CONTACT: user.contact}
    for grant in user.grants:
        yield part("grant", "สิทธิ์", {**group, **_grant(grant, now)})
    for t in user.tokens:
        token: Row = {
            TOKEN: t.token_id,
            ISSUED_AT: t.issued_at,
            EXPIRES_AT: t.expires_at,
            REVOKED_AT: t.revoked_at,
            REVOKED_REASON: t.revoked_reason,
        }
        yield part("token", "โทเค็น", {**group, **token, STATUS: t.state(now)})
    if not user.grants and not user.tokens:
        yield part("user", "ผู้ใช้", group)


USER: Sheet[tuple[UserEntry, datetime]] = Sheet(
    union(
        (PART, USER_ID, NAME_TH, NAME_EN, CONTACT, ROLES_NOW, ADDED_AT, ADDED_BY),
        _GRANT,
        (TOKEN, ISSUED_AT, EXPIRES_AT, REVOKED_AT, REVOKED_REASON, STATUS),
    ),
    _user_rows,
)

ROLES = Col("Decides as", "บทบาทในการพิจารณา")
UNITS = Col("For units", "สำหรับหน่วยงาน")
FORMED_AT = Col("Formed at", "จัดตั้งเมื่อ")
_BODY = (BODY_ID, NAME_TH, NAME_EN, ROLES, UNITS, FRAMEWORK, FISCAL_YEAR, FORMED_AT)


def _body(body: BodyEntry) -> Row:
    return {
        BODY_ID: body.body_id,
        NAME_TH: body.name_th,
        NAME_EN: body.name_en,
        ROLES: ", ".join(body.roles),
        # Empty: any unit, framework or year, as the body was formed.
        UNITS: ", ".join(body.units),
        FRAMEWORK: body.framework_id,
        FISCAL_YEAR: body.fiscal_year,
        FORMED_AT: body.formed_at,
    }


def _bodies_rows(body: BodyEntry) -> Iterator[Row]:
    yield _body(body)


BODIES: Sheet[BodyEntry] = Sheet(_BODY, _bodies_rows)

MEMBER = Col("Member", "สมาชิก")
MEMBER_TH = Col("Member's name, Thai", "ชื่อสมาชิก ภาษาไทย")
MEMBER_EN = Col("Member's name, English", "ชื่อสมาชิก ภาษาอังกฤษ")


def _body_rows(shown: tuple[BodyEntry, Directory, datetime]) -> Iterator[Row]:
    """The body, then a row per grant held in it (its members, in force or ended)."""
    body, directory, now = shown
    group = _body(body)
    yield part("body", "คณะ", group)
    for user, grant in directory.members(body.body_id):
        # The grant's number, role and period; its scope is the body's, in the body's columns.
        member: Row = {
            MEMBER: user.user_id,
            MEMBER_TH: user.name_th,
            MEMBER_EN: user.name_en,
            GRANT: grant.number,
            ROLE: grant.role,
            VALID_FROM: grant.valid_from,
            VALID_UNTIL: grant.valid_until,
            IN_FORCE: grant.in_force(now),
        }
        yield part("member", "สมาชิก", {**group, **member})


BODY: Sheet[tuple[BodyEntry, Directory, datetime]] = Sheet(
    union(
        (PART,),
        _BODY,
        (MEMBER, MEMBER_TH, MEMBER_EN, GRANT, ROLE, VALID_FROM, VALID_UNTIL, IN_FORCE),
    ),
    _body_rows,
)

ORIGIN = Col("Log origin", "ชื่อบันทึก")
SIZE = Col("Tree size", "ขนาด")
ROOT = Col("Root hash (base64)", "แฮชราก")
SIGNED_BY = Col("Signed by", "ผู้ลงนาม")


def _checkpoint_rows(signed: SignedCheckpoint) -> Iterator[Row]:
    yield {
        ORIGIN: signed.checkpoint.origin,
        SIZE: signed.checkpoint.size,
        ROOT: signed.checkpoint.root_base64,
        SIGNED_BY: joined((signed.signer_of(line) for line in signed.signature_lines), "; "),
    }


CHECKPOINTS: Sheet[SignedCheckpoint] = Sheet((ORIGIN, SIZE, ROOT, SIGNED_BY), _checkpoint_rows)

TYPE = Col("Type", "ประเภท")
WHAT = Col("What it does", "ใช้ทำอะไร")


def _type_rows(named: tuple[str, str]) -> Iterator[Row]:
    yield {TYPE: named[0], WHAT: named[1]}


COMMAND_TYPES: Sheet[tuple[str, str]] = Sheet((TYPE, WHAT), _type_rows)
