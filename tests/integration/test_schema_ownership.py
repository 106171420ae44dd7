"""Who could switch the append-only triggers off, after ``ledger db init`` on PostgreSQL.

A table's owner may disable or drop its triggers and replace their function, so the schema
belongs to a NOLOGIN owner role. The application role cannot touch the triggers, nobody can
log in as the owner, and the login that ran ``db init`` is left outside the owner role. A
superuser can still do anything; the Merkle log and outside checkpoints are what catch that
(docs/OPERATIONS.md, docs/PROOFS.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors
from psycopg.sql import SQL, Composed, Identifier

from commands.database import DEFAULT_APP_ROLE, DEFAULT_OWNER_ROLE, initialise_database
from commands.wiring import build_context
from ledger.errors import InvalidInput, RuleRefused
from ledger.integrity import records, tree_store
from ledger.integrity.keys import generate
from ledger.integrity.log import TransparencyLog
from ledger.persistence.schema import REFUSE_FUNCTION
from ledger.persistence.settings import Settings
from tests.builders import fy2568_signed, run, ticking_clock
from tests.stores import BASE_URL, app_url, owner_url, require_postgres

EVENTS = "assessmentledger_events"
RECORDED = (
    EVENTS,
    "assessmentledger_snapshots",
    *tree_store.TABLES.values(),
    *records.TABLES.values(),
)
# Each way a table's owner could let a rewrite through; the application role is refused each.
ON_EACH_TABLE = (
    "ALTER TABLE {table} DISABLE TRIGGER ledger_append_only",
    "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "ALTER TABLE {table} ENABLE REPLICA TRIGGER ledger_append_only",
    "DROP TRIGGER ledger_append_only ON {table}",
    "ALTER TABLE {table} OWNER TO {app}",
)
ON_THE_SCHEMA = (
    "CREATE OR REPLACE FUNCTION {schema}.{refuse}() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
    "ALTER FUNCTION {schema}.{refuse}() OWNER TO {app}",
    "DROP FUNCTION {schema}.{refuse}() CASCADE",
    "SET session_replication_role = replica",
    "SET ROLE {owner}",
)


@pytest.fixture
def recorded(pg_settings: Settings) -> str:
    """A store the application role has written: a signed agreement, its Merkle log, a
    checkpoint and a piece of evidence, each appended through the lock function."""
    ctx = build_context(pg_settings, clock=ticking_clock())
    for command in fy2568_signed():
        run(ctx, command)
    log = TransparencyLog(ctx.app)
    log.sign_head(generate("ownership.test/log", "log"))
    log.records.add_evidence(b"minutes of the meeting")
    ctx.app.close()
    return pg_settings.postgres_schema


def _statements(schema: str) -> Iterator[Composed]:
    ids = {
        "schema": Identifier(schema),
        "refuse": Identifier(REFUSE_FUNCTION),
        "app": Identifier(DEFAULT_APP_ROLE),
        "owner": Identifier(DEFAULT_OWNER_ROLE),
    }
    for table in RECORDED:
        for template in ON_EACH_TABLE:
            yield SQL(template).format(table=Identifier(schema, table), **ids)
    for template in ON_THE_SCHEMA:
        yield SQL(template).format(**ids)


def _owners(conn: psycopg.Connection[object], schema: str) -> set[str]:
    """Every role owning the schema or anything in it (relations, routines, types)."""
    rows = conn.execute(
        "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %(s)s "
        "UNION SELECT relowner::regrole::text FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = %(s)s "
        "UNION SELECT proowner::regrole::text FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = %(s)s "
        "UNION SELECT typowner::regrole::text FROM pg_type t JOIN pg_namespace n "
        "ON n.oid = t.typnamespace WHERE n.nspname = %(s)s",
        {"s": schema},
    ).fetchall()
    return {str(row[0]) for row in rows}  # type: ignore[index]


def _is_member(conn: psycopg.Connection[object], member: str, role: str) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT FROM pg_auth_members WHERE roleid = %s::regrole "
        "AND member = %s::regrole), pg_has_role(%s, %s, 'MEMBER')",
        (role, member, member, role),
    ).fetchone()
    assert row is not None
    return bool(row[0] or row[1])  # type: ignore[index]


def test_the_app_role_cannot_disable_drop_or_redefine_the_triggers(recorded: str) -> None:
    refused = []
    with psycopg.connect(app_url(recorded).split("?")[0], autocommit=True) as conn:
        for statement in _statements(recorded):
            with pytest.raises(errors.InsufficientPrivilege) as denied:
                conn.execute(statement)
            assert "must be owner" in str(denied.value) or "permission denied" in str(denied.value)
            refused.append(statement.as_string(conn))
        assert conn.execute("SHOW session_replication_role").fetchone() == ("origin",)
    assert len(refused) == len(RECORDED) * len(ON_EACH_TABLE) + len(ON_THE_SCHEMA)
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        enabled = admin.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = %s::regnamespace AND t.tgname = 'ledger_append_only' "
            "AND t.tgenabled = 'A'",
            (recorded,),
        ).fetchone()
    assert enabled == (len(RECORDED),)


def test_the_owner_role_cannot_log_in(recorded: str) -> None:
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(app_url(recorded, user=DEFAULT_OWNER_ROLE).split("?")[0]).close()


def test_everything_in_the_schema_belongs_to_the_owner_role_alone(recorded: str) -> None:
    with psycopg.connect(BASE_URL, autocommit=True) as conn:
        assert _owners(conn, recorded) == {DEFAULT_OWNER_ROLE}
        assert not _is_member(conn, DEFAULT_APP_ROLE, DEFAULT_OWNER_ROLE)
        superuser = conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert superuser is not None
        if superuser[0]:
            # The suite runs init as the superuser: it is given no membership, and needs none
            # (a superuser passes every check, pg_has_role included).
            direct = conn.execute(
                "SELECT count(*) FROM pg_auth_members WHERE roleid = %s::regrole "
                "AND member = current_user::text::regrole",
                (DEFAULT_OWNER_ROLE,),
            ).fetchone()
            assert direct == (0,)
        else:
            member = "SELECT pg_has_role(current_user, %s, 'MEMBER')"
            assert conn.execute(member, (DEFAULT_OWNER_ROLE,)).fetchone() == (False,)


@pytest.fixture
def createrole_login() -> Iterator[str]:
    """A login that is not a superuser but may create roles and schemas: enough for db init."""
    require_postgres()
    name = f"lt_init_{uuid4().hex[:10]}"
    role = Identifier(name)
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(SQL("CREATE ROLE {} LOGIN CREATEROLE").format(role))
        database = admin.execute("SELECT current_database()").fetchone()
        assert database is not None
        on = Identifier(str(database[0]))
        admin.execute(SQL("GRANT CREATE ON DATABASE {} TO {}").format(on, role))
    yield name
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(SQL("DROP OWNED BY {}").format(role))  # its grant on the database
        admin.execute(SQL("DROP ROLE {}").format(role))


def test_a_createrole_login_that_ran_init_is_left_outside_the_owner_role(
    createrole_login: str,
) -> None:
    schema = f"lt_owner_{uuid4().hex[:10]}"
    as_login = app_url(schema, user=createrole_login)
    try:
        for _ in range(2):  # a second run finds the schema owned by the owner role
            report = initialise_database(Settings(database=as_login))
            assert report.owner_role == DEFAULT_OWNER_ROLE
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            assert _owners(admin, schema) == {DEFAULT_OWNER_ROLE}
            assert not _is_member(admin, createrole_login, DEFAULT_OWNER_ROLE)
        with psycopg.connect(as_login.split("?")[0], autocommit=True) as conn:
            table = Identifier(schema, EVENTS)
            with pytest.raises(errors.InsufficientPrivilege, match=r"must be owner|denied"):
                conn.execute(SQL("ALTER TABLE {} DISABLE TRIGGER ALL").format(table))
    finally:
        with psycopg.connect(BASE_URL, autocommit=True) as admin:
            admin.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(Identifier(schema)))


@pytest.mark.parametrize(
    ("owner_role", "field"), [(DEFAULT_APP_ROLE, "--app-role"), ("postgres", "owner role")]
)
def test_db_init_refuses_an_owner_role_someone_logs_in_as(owner_role: str, field: str) -> None:
    require_postgres()
    schema = f"lt_refused_{uuid4().hex[:10]}"
    with pytest.raises(InvalidInput) as refused:
        initialise_database(Settings(database=owner_url(schema)), owner_role=owner_role)
    assert refused.value.field == field
    with psycopg.connect(BASE_URL) as admin:
        found = admin.execute("SELECT to_regnamespace(%s)", (schema,)).fetchone()
    assert found == (None,)


def test_db_init_refuses_an_owner_role_a_login_belongs_to(createrole_login: str) -> None:
    owner = f"lt_owner_{uuid4().hex[:10]}"
    schema = f"lt_refused_{uuid4().hex[:10]}"
    with psycopg.connect(BASE_URL, autocommit=True) as admin:
        admin.execute(SQL("CREATE ROLE {} NOLOGIN").format(Identifier(owner)))
        admin.execute(SQL("GRANT {} TO {}").format(Identifier(owner), Identifier(createrole_login)))
        try:
            with pytest.raises(InvalidInput, match=createrole_login) as refused:
                initialise_database(Settings(database=owner_url(schema)), owner_role=owner)
            assert refused.value.field == "owner role"
            found = admin.execute("SELECT to_regnamespace(%s)", (schema,)).fetchone()
            assert found == (None,)
        finally:
            admin.execute(SQL("DROP ROLE {}").format(Identifier(owner)))


def test_the_app_role_cannot_run_db_init(recorded: str) -> None:
    with pytest.raises(RuleRefused, match="permission denied") as refused:
        initialise_database(Settings(database=app_url(recorded)))
    assert refused.value.field == "--db"
    assert "\n" not in refused.value.describe()


def test_the_app_role_still_appends_through_the_owners_lock_function(
    recorded: str, pg_settings: Settings
) -> None:
    count = SQL("SELECT count(*) FROM {}").format(Identifier(recorded, EVENTS))
    with psycopg.connect(app_url(recorded).split("?")[0]) as conn:
        before = conn.execute(count).fetchone()
        ctx = build_context(pg_settings, clock=ticking_clock())
        for command in fy2568_signed("TH-43"):
            run(ctx, command)
        ctx.app.close()
        after = conn.execute(count).fetchone()
    assert before is not None
    assert after is not None
    assert after[0] > before[0] > 0
