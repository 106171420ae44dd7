"""Securing a PostgreSQL schema: its owner, the write lock, the append-only triggers and the
application role's grants. Every statement is idempotent, so ``ledger db init`` can run again
after an upgrade adds tables.

Append-only tables (events, snapshots, the Merkle log, checkpoints, keys, evidence) refuse
UPDATE, DELETE and TRUNCATE from anyone, owner and superuser included, unless the documented
maintenance switch ``SET LOCAL ledger.maintenance = 'on'`` is set in the same transaction.
The triggers are ``ENABLE ALWAYS``, so ``session_replication_role = replica`` does not skip
them. The application role may SELECT and INSERT those tables and nothing more; it may rewrite
only the read models (projection documents and tracking positions), which are rebuilt from
events anyway.

A table's owner may disable or drop its triggers and replace its trigger function, so the
schema and everything in it belong to a NOLOGIN owner role: nobody logs in as it, and the login
that runs ``ledger db init`` is a member of it only while the command runs. Only a superuser
can act as it afterwards (``SET ROLE``), and a superuser can do anything anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import psycopg
from psycopg.sql import SQL, Composed, Identifier, Literal

from ledger.errors import InvalidInput
from ledger.persistence.postgres import LOCK_FUNCTION

__all__ = [
    "MAINTENANCE_SETTING",
    "REFUSE_FUNCTION",
    "acting_for_owner",
    "secure_schema",
    "transfer_ownership",
]

MAINTENANCE_SETTING = "ledger.maintenance"
REFUSE_FUNCTION = "ledger_refuse_rewrite"
# Serialises concurrent `db init` runs: one's REVOKE must not pull the owner role from another.
_INIT_LOCK = 0x1ED6E2_0001

_LOCK = """
CREATE OR REPLACE FUNCTION {schema}.{lock}() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    LOCK TABLE {schema}.{events} IN EXCLUSIVE MODE;
END
$body$
"""

_REFUSE = """
CREATE OR REPLACE FUNCTION {schema}.{refuse}() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF current_setting({setting}, true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'ledger: % on %.% refused: recorded rows are append-only',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING HINT = 'corrections are new events; maintenance: see docs/OPERATIONS.md';
END
$body$
"""

# Per statement, so a rewrite is refused even when it would touch no row.
_TRIGGERS = (
    "CREATE OR REPLACE TRIGGER ledger_append_only "
    "BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION {schema}.{refuse}()",
    "ALTER TABLE {table} ENABLE ALWAYS TRIGGER ledger_append_only",
)

# A concurrent CREATE ROLE of the same name fails with unique_violation, not duplicate_object.
_CREATE_ROLE = """
DO $body$ BEGIN
    CREATE ROLE {role} {login};
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $body$
"""

# Everything in the schema not yet owned by the owner role, as ALTER statements. Indexes,
# row types and sequences owned by a column follow their table; array types their element.
_TRANSFERS = """
WITH r AS (SELECT oid, rolname FROM pg_roles WHERE rolname = %(owner)s),
     n AS (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
SELECT format('ALTER %%s %%s OWNER TO %%I', CASE c.relkind WHEN 'v' THEN 'VIEW'
    WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
    c.oid::regclass, r.rolname)
FROM pg_class c JOIN n ON c.relnamespace = n.oid, r
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> r.oid
UNION ALL
SELECT format('ALTER SEQUENCE %%s OWNER TO %%I', c.oid::regclass, r.rolname)
FROM pg_class c JOIN n ON c.relnamespace = n.oid, r
WHERE c.relkind = 'S' AND c.relowner <> r.oid
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
UNION ALL
SELECT format('ALTER TYPE %%s OWNER TO %%I', t.oid::regtype, r.rolname)
FROM pg_type t JOIN n ON t.typnamespace = n.oid LEFT JOIN pg_class c ON c.oid = t.typrelid, r
WHERE t.typtype IN ('c', 'd', 'e', 'r') AND (t.typrelid = 0 OR c.relkind = 'c')
  AND t.typowner <> r.oid
UNION ALL
SELECT format('ALTER ROUTINE %%s OWNER TO %%I', p.oid::regprocedure, r.rolname)
FROM pg_proc p JOIN n ON p.pronamespace = n.oid, r
WHERE p.proowner <> r.oid
"""


@contextmanager
def acting_for_owner(
    conn: psycopg.Connection[object], owner_role: str, app_role: str
) -> Iterator[None]:
    """Make ``owner_role`` (NOLOGIN) if missing and let the connected login act for it until
    the block ends; the login then holds no membership in it, even one it held before.

    Requires an autocommit connection of a superuser, or of a login with CREATEROLE (which on
    PostgreSQL 15 may grant itself any non-superuser role). Raises InvalidInput when the owner
    role can log in or is a superuser, when the application role would own the schema (is or
    belongs to the owner role), when the login belongs to the owner role through another role,
    or when any other login that is not a superuser belongs to it.
    """
    conn.execute("SELECT pg_advisory_lock(%s)", (_INIT_LOCK,))
    try:
        _ensure_roles(conn, owner_role, app_role)
        superuser = _ask(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not superuser:
            conn.execute(SQL("GRANT {owner} TO CURRENT_USER").format(owner=Identifier(owner_role)))
        try:
            yield
        finally:
            _leave(conn, owner_role)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (_INIT_LOCK,))


def _ensure_roles(conn: psycopg.Connection[object], owner_role: str, app_role: str) -> None:
    if owner_role == app_role:
        raise InvalidInput(
            f"the schema's owner and the application role are both {owner_role!r}",
            field="--app-role",
            rule="the application role must not own the schema",
        )
    conn.execute(SQL(_CREATE_ROLE).format(role=Identifier(owner_role), login=SQL("NOLOGIN")))
    conn.execute(SQL(_CREATE_ROLE).format(role=Identifier(app_role), login=SQL("LOGIN")))
    row = conn.execute(
        "SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = %s", (owner_role,)
    ).fetchone()
    if row is None or row[0]:  # type: ignore[index]
        raise InvalidInput(
            f"role {owner_role!r} can log in or is a superuser; it would own the schema",
            field="owner role",
            rule="the schema's owner is a NOLOGIN, NOSUPERUSER role nobody logs in as",
        )
    if _ask(conn, "SELECT pg_has_role(%s, %s, 'MEMBER')", (app_role, owner_role)):
        raise InvalidInput(
            f"role {app_role!r} is a member of {owner_role!r}, so it could disable the triggers",
            field="--app-role",
            rule="the application role must not belong to the schema's owner role",
        )
    other_path = (
        "SELECT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles o ON o.oid = m.roleid "
        "JOIN pg_roles x ON x.oid = m.member WHERE o.rolname = %s AND x.rolname <> current_user "
        "AND pg_has_role(current_user, x.oid, 'MEMBER')) "
        "AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
    )
    if _ask(conn, other_path, (owner_role,)):
        raise InvalidInput(
            f"this login belongs to {owner_role!r} through another role and would stay its member",
            field="--db",
            rule="no login belongs to the schema's owner role; revoke that membership first",
        )
    others = conn.execute(
        "SELECT coalesce(string_agg(rolname, ', ' ORDER BY rolname), '') FROM pg_roles "
        "WHERE rolcanlogin AND NOT rolsuper AND rolname <> current_user "
        "AND pg_has_role(oid, %s, 'MEMBER')",
        (owner_role,),
    ).fetchone()
    logins = "" if others is None else str(others[0])  # type: ignore[index]
    if logins:
        raise InvalidInput(
            f"logins {logins} belong to {owner_role!r}, so they could disable the triggers",
            field="owner role",
            rule="no login belongs to the schema's owner role; revoke that membership first",
        )


def _leave(conn: psycopg.Connection[object], owner_role: str) -> None:
    direct = (
        "SELECT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles o ON o.oid = m.roleid "
        "JOIN pg_roles x ON x.oid = m.member WHERE o.rolname = %s AND x.rolname = current_user)"
    )
    if _ask(conn, direct, (owner_role,)):
        conn.execute(SQL("REVOKE {owner} FROM CURRENT_USER").format(owner=Identifier(owner_role)))


def _ask(conn: psycopg.Connection[object], query: str, params: Sequence[object] = ()) -> bool:
    row = conn.execute(query, params).fetchone()
    return bool(row is not None and row[0])  # type: ignore[index]


def transfer_ownership(conn: psycopg.Connection[object], schema: str, owner_role: str) -> None:
    """Give ``owner_role`` the schema and everything in it that another role owns, e.g. the
    tables the login running ``db init`` has just created. Requires being inside
    ``acting_for_owner`` and owning (or being a superuser over) what is transferred."""
    with conn.transaction():
        conn.execute(
            SQL("ALTER SCHEMA {schema} OWNER TO {owner}").format(
                schema=Identifier(schema), owner=Identifier(owner_role)
            )
        )
        rows = conn.execute(_TRANSFERS, {"owner": owner_role, "schema": schema}).fetchall()
        for row in rows:
            conn.execute(str(row[0]))  # type: ignore[index]


def secure_schema(
    conn: psycopg.Connection[object],
    schema: str,
    *,
    owner_role: str,
    events_table: str,
    append_only: Sequence[str],
    rewritable: Sequence[str],
    app_role: str,
    app_password: str | None = None,
) -> None:
    """Install the lock function and triggers and grant ``app_role`` its rights, in one
    transaction on ``conn`` acting as ``owner_role`` (so it owns the functions and the lock
    function runs as it). Requires being inside ``acting_for_owner``."""
    names = {"role": Identifier(app_role), "owner": Identifier(owner_role)}
    with conn.transaction():
        if app_password is not None:
            conn.execute(
                SQL("ALTER ROLE {role} PASSWORD {pw}").format(pw=Literal(app_password), **names)
            )
        conn.execute(SQL("SET LOCAL ROLE {owner}").format(**names))
        for statement in _schema_statements(schema, events_table, append_only):
            conn.execute(statement)
        for statement in _grants(schema, app_role, append_only, rewritable):
            conn.execute(statement)


def _schema_statements(
    schema: str, events_table: str, append_only: Iterable[str]
) -> Iterable[Composed]:
    ids = {
        "schema": Identifier(schema),
        "lock": Identifier(LOCK_FUNCTION),
        "refuse": Identifier(REFUSE_FUNCTION),
        "events": Identifier(events_table),
        "setting": Literal(MAINTENANCE_SETTING),
    }
    yield SQL(_LOCK).format(**ids)
    yield SQL("REVOKE ALL ON FUNCTION {schema}.{lock}() FROM PUBLIC").format(**ids)
    yield SQL(_REFUSE).format(**ids)
    for table in append_only:
        for template in _TRIGGERS:
            yield SQL(template).format(table=Identifier(schema, table), **ids)


def _grants(
    schema: str, role: str, append_only: Sequence[str], rewritable: Sequence[str]
) -> Iterable[Composed]:
    ids = {
        "schema": Identifier(schema),
        "role": Identifier(role),
        "lock": Identifier(LOCK_FUNCTION),
    }
    yield SQL("GRANT USAGE ON SCHEMA {schema} TO {role}").format(**ids)
    yield SQL("REVOKE CREATE ON SCHEMA {schema} FROM {role}").format(**ids)
    for table in append_only:
        name = Identifier(schema, table)
        yield SQL("REVOKE ALL ON {table} FROM {role}").format(table=name, **ids)
        yield SQL("GRANT SELECT, INSERT ON {table} TO {role}").format(table=name, **ids)
    for table in rewritable:
        name = Identifier(schema, table)
        yield SQL("REVOKE ALL ON {table} FROM {role}").format(table=name, **ids)
        # TRUNCATE: a view rebuilt from the log starts from an empty table, not a bloated one.
        yield SQL("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON {table} TO {role}").format(
            table=name, **ids
        )
    yield SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}").format(**ids)
    yield SQL("GRANT EXECUTE ON FUNCTION {schema}.{lock}() TO {role}").format(**ids)
