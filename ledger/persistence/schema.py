"""Securing a PostgreSQL schema once its tables exist: the write lock, the append-only triggers,
and the application role's grants. Every statement is idempotent, so ``ledger db init`` can run
again after an upgrade adds tables.

Append-only tables (events, snapshots, the Merkle log, checkpoints, keys, evidence) refuse
UPDATE, DELETE and TRUNCATE from anyone, owner and superuser included, unless the documented
maintenance switch ``SET LOCAL ledger.maintenance = 'on'`` is set in the same transaction.
The triggers are ``ENABLE ALWAYS``, so ``session_replication_role = replica`` does not skip
them. The application role may SELECT and INSERT those tables and nothing more; it may rewrite
only the read models (projection documents and tracking positions), which are rebuilt from
events anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg
from psycopg.sql import SQL, Composed, Identifier, Literal

from ledger.persistence.postgres import LOCK_FUNCTION

__all__ = ["MAINTENANCE_SETTING", "REFUSE_FUNCTION", "secure_schema"]

MAINTENANCE_SETTING = "ledger.maintenance"
REFUSE_FUNCTION = "ledger_refuse_rewrite"

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

_CREATE_ROLE = """
DO $body$ BEGIN
    CREATE ROLE {role} LOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $body$
"""


def secure_schema(
    conn: psycopg.Connection[object],
    schema: str,
    *,
    events_table: str,
    append_only: Sequence[str],
    rewritable: Sequence[str],
    app_role: str,
    app_password: str | None = None,
) -> None:
    """Install the lock function and triggers and grant ``app_role`` its rights, in one
    transaction on ``conn`` (a connection of the schema's owner)."""
    names = {"schema": Identifier(schema), "role": Identifier(app_role)}
    with conn.transaction():
        for statement in _schema_statements(schema, events_table, append_only):
            conn.execute(statement)
        conn.execute(SQL(_CREATE_ROLE).format(**names))
        if app_password is not None:
            conn.execute(
                SQL("ALTER ROLE {role} PASSWORD {pw}").format(pw=Literal(app_password), **names)
            )
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
        yield SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}").format(
            table=name, **ids
        )
    yield SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}").format(**ids)
    yield SQL("GRANT EXECUTE ON FUNCTION {schema}.{lock}() TO {role}").format(**ids)
