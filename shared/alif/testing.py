"""The pytest plugin every service's tests use (`-p alif.testing`, set in the root pyproject).

- one test database per run, built by `alembic upgrade head` (so the migrations are tested too):
  SQLite in a temporary folder by default, a fresh PostgreSQL database when `DATABASE_URL` is set;
- the cache: in-process by default, Redis under a run-unique prefix when `REDIS_URL` is set;
- `db_session`: every test runs inside a transaction that is rolled back, and the app under test
  shares it, so requests see the test's rows and nothing survives the test;
- `client`, `login_as(role)` and small factories.

A service's `tests/conftest.py` only provides the `app` fixture built from `settings_values`.
"""

import asyncio
import os
import re
import secrets
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from alembic.config import Config
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alembic import command
from alif.auth import AccountStatus, Role, sign_access_token
from alif.cache import Cache
from alif.config import CommonSettings
from alif.db import Database, ReadOnlySession, utcnow
from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
    StudentProfile,
    StudyGroup,
    StudyGroupMember,
    User,
)
from alif.keys import private_key_to_pem, public_key_to_pem
from alif.subscriptions.models import PlanAudience, Subscription, SubscriptionPlan

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def runs_on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgresql")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.postgres` tests need a real PostgreSQL; on SQLite they are skipped."""
    if item.get_closest_marker("postgres") is not None and not runs_on_postgres():
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@dataclass(frozen=True)
class TestKeys:
    __test__ = False  # not a test class, whatever its name says

    private_key: Ed25519PrivateKey
    private_pem: str
    public_pem: str


@pytest.fixture(scope="session")
def test_keys() -> TestKeys:
    key = Ed25519PrivateKey.generate()
    return TestKeys(key, private_key_to_pem(key), public_key_to_pem(key.public_key()))


async def _create_postgres_database(server_url: str) -> str:
    url = make_url(server_url)
    name = f"alif_test_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return url.set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(server_url: str, test_url: str) -> None:
    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(
            f'DROP DATABASE IF EXISTS "{make_url(test_url).database}" WITH (FORCE)'
        )
    finally:
        await connection.close()


def migrate(database_url: str) -> None:
    config = Config(str(REPOSITORY_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPOSITORY_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    command.upgrade(config, "head")


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        url = await _create_postgres_database(server_url)
        try:
            yield url
        finally:
            await _drop_postgres_database(server_url, url)
    else:
        yield f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def migrated_database_url(database_url: str) -> str:
    migrate(database_url)
    return database_url


@pytest.fixture
async def committing(migrated_database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions that really commit, from a pool of their own, as concurrent requests would have
    (the concurrency tests; a test's usual session is rolled back)."""
    settings = CommonSettings(
        database_url=migrated_database_url,
        database_pool_size=16,
        database_max_overflow=0,
        _env_file=None,
    )
    database = Database.from_settings(settings)
    try:
        yield database.sessionmaker
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def settings_values(
    migrated_database_url: str, test_keys: TestKeys, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The settings every service's test app is built with."""
    return {
        "environment": "test",
        "database_url": migrated_database_url,
        "redis_url": os.environ.get("REDIS_URL") or None,
        "cache_prefix": f"alif-test-{secrets.token_hex(4)}",
        "jwt_public_keys": test_keys.public_pem,
        "data_dir": tmp_path_factory.mktemp("data"),
        "log_level": "WARNING",
        "_env_file": None,
    }


@pytest.fixture(scope="module")
async def started_app(app: FastAPI) -> AsyncIterator[FastAPI]:
    """The service's app with its lifespan run; per module, because each service's tests bring
    their own `app` and a session-wide fixture would keep the first one."""
    async with LifespanManager(app):
        yield app


@pytest.fixture
async def db_session(started_app: FastAPI) -> AsyncIterator[AsyncSession]:
    """The test's session; the app's requests join the same outer transaction."""
    database: Database = started_app.state.db
    async with database.engine.connect() as connection:
        transaction = await connection.begin()
        sessionmaker = async_sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        original = database.sessionmaker, database.read_sessionmaker
        database.sessionmaker = sessionmaker
        # Read-only requests join it too (in a savepoint, not autocommit: the test's rows are
        # not committed); the bench and the gateway tests run them as production does.
        database.read_sessionmaker = async_sessionmaker(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            sync_session_class=ReadOnlySession,
        )
        try:
            async with sessionmaker() as session:
                yield session
        finally:
            database.sessionmaker, database.read_sessionmaker = original
            await transaction.rollback()


@pytest.fixture
async def cache(started_app: FastAPI) -> AsyncIterator[Cache]:
    cache: Cache = started_app.state.cache
    yield cache
    await cache.clear()


@pytest.fixture
async def client(
    started_app: FastAPI, db_session: AsyncSession, cache: Cache
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=started_app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@dataclass
class Actor:
    """A logged-in user and the requests they make."""

    user: User
    token: str
    client: httpx.AsyncClient
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.headers = {"Authorization": f"Bearer {self.token}"}

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(url, headers=self.headers, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.post(url, headers=self.headers, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.put(url, headers=self.headers, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.patch(url, headers=self.headers, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.delete(url, headers=self.headers, **kwargs)


def token_for(
    keys: TestKeys,
    user: User,
    *,
    session_id: uuid.UUID | None = None,
    ttl: timedelta = timedelta(minutes=15),
    issuer: str = "https://alif24.uz",
    audience: str = "alif24",
) -> str:
    return sign_access_token(
        keys.private_key,
        user_id=user.id,
        role=user.role,
        status=user.status,
        session_id=session_id or uuid.uuid4(),
        ttl=ttl,
        issuer=issuer,
        audience=audience,
    )


LoginAs = Callable[..., Awaitable[Actor]]


@pytest.fixture
def login_as(db_session: AsyncSession, client: httpx.AsyncClient, test_keys: TestKeys) -> LoginAs:
    """`parent = await login_as(Role.parent)`, then `await parent.get(url)`.

    `login_as(user=existing)` signs in a user the test made already (a parent's child, say).
    """

    async def login(role: Role = Role.student, user: User | None = None, **fields: Any) -> Actor:
        if user is None:
            user = await make_user(db_session, role=role, **fields)
        return Actor(user=user, token=token_for(test_keys, user), client=client)

    return login


async def make_user(db: AsyncSession, *, role: Role = Role.student, **fields: Any) -> User:
    number = secrets.randbelow(10**9)
    values: dict[str, Any] = {
        "role": role,
        "status": AccountStatus.active,
        "first_name": fields.pop("first_name", "Test"),
        "last_name": fields.pop("last_name", role.value.title()),
    }
    if role is Role.student:
        values["username"] = f"child{number}"
    else:
        values["phone"] = f"+99890{number:07d}"[:13]
        values["phone_verified_at"] = utcnow()
    values.update(fields)
    if values["status"] is AccountStatus.active:
        values.setdefault("approved_at", utcnow())
    user = User(**values)
    db.add(user)
    await db.flush()
    if role is Role.student:
        db.add(StudentProfile(user_id=user.id))
        await db.flush()
    return user


async def subscribe(db: AsyncSession, user: User, *features: str, days: int = 30) -> Subscription:
    """Give `user` (a parent, or any account) an active plan with these features."""
    plan = SubscriptionPlan(
        code=f"test-{secrets.token_hex(4)}",
        name="Test plan",
        audience=PlanAudience.family,
        price=0,
        duration_days=days,
        features=list(features),
        max_children=3,
    )
    db.add(plan)
    await db.flush()
    now = utcnow()
    subscription = Subscription(
        owner_user_id=user.id, plan_id=plan.id, starts_at=now, ends_at=now + timedelta(days=days)
    )
    db.add(subscription)
    await db.flush()
    return subscription


async def make_child(db: AsyncSession, parent: User, **fields: Any) -> User:
    child = await make_user(db, role=Role.student, created_by_id=parent.id, **fields)
    db.add(FamilyLink(parent_id=parent.id, child_id=child.id))
    await db.flush()
    return child


async def make_study_group(
    db: AsyncSession,
    teacher: User,
    students: Sequence[User] = (),
    *,
    organization: Organization | None = None,
    name: str = "5-B",
    teacher_is_member: bool = True,
) -> StudyGroup:
    """A class or group (kernel rows main would write), with its students. In an organization the
    teacher is made an active member of it too (a teacher runs its classes only while one)."""
    if organization is not None and teacher_is_member and teacher.id != organization.owner_id:
        member_of = select(OrganizationMember.id).where(
            OrganizationMember.organization_id == organization.id,
            OrganizationMember.user_id == teacher.id,
        )
        if await db.scalar(member_of) is None:
            db.add(
                OrganizationMember(
                    organization_id=organization.id,
                    user_id=teacher.id,
                    role=MemberRole.teacher,
                    status=MembershipStatus.active,
                )
            )
    group = StudyGroup(
        teacher_id=teacher.id,
        organization_id=organization.id if organization else None,
        name=name,
        join_code=secrets.token_hex(6),
    )
    db.add(group)
    await db.flush()
    db.add_all(StudyGroupMember(group_id=group.id, student_id=s.id) for s in students)
    await db.flush()
    return group


async def make_school(db: AsyncSession, owner: User, name: str = "12-maktab") -> Organization:
    """An organization (a school) owned by `owner`, an `organization` user."""
    school = Organization(owner_id=owner.id, name=name, kind=OrganizationKind.school)
    db.add(school)
    await db.flush()
    return school


@contextmanager
def serve_asgi(app: Any, host: str = "127.0.0.1", *, lifespan: bool = False) -> Iterator[str]:
    """Run an ASGI app on a free port in a background thread; yields its base URL.

    Tests use it for local servers that speak a provider's protocol (Eskiz, OpenAI, Payme...),
    so the real client code runs over real HTTP, and to serve a whole service (`lifespan=True`).
    """
    config = uvicorn.Config(
        app, host=host, port=0, log_level="warning", lifespan="on" if lifespan else "off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the test server did not start")
        threading.Event().wait(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@asynccontextmanager
async def serve_here(app: Any, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve an ASGI app over real HTTP on a free port, from the test's own event loop.

    Unlike `serve_asgi` (a thread with its own loop, for fake providers), the app keeps using the
    test's database connection, so a test can drive the app under test exactly as a provider's
    servers would (Payme, Click) and still see and roll back what the requests wrote.
    """
    config = uvicorn.Config(app, host=host, port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            await task
            raise RuntimeError("the test server did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task


def fresh_database(folder: Path) -> str:
    """A migrated SQLite database of its own, for a service served whole on a real port (its
    commits must not meet the rolled-back tests' data)."""
    url = f"sqlite+aiosqlite:///{folder / 'service.db'}"
    migrate(url)
    return url


def fuzz_openapi(
    base_url: str,
    service: str,
    token: str,
    *,
    public_paths: frozenset[str] = frozenset(),
    skip_paths: frozenset[str] = frozenset(),
    max_examples: int = 25,
) -> int:
    """Schemathesis over a running service's OpenAPI document, as the signed-in user of `token`:
    no generated request may cause a 5xx, every answer must match its documented schema, and no
    route but `public_paths` may work without a token. Returns how many operations ran."""
    import schemathesis
    from schemathesis.checks import ignored_auth, not_a_server_error, response_schema_conformance

    schema: Any = schemathesis.openapi.from_url(f"{base_url}/api/{service}/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [operation for operation in operations if operation.path not in skip_paths]
    for operation in operations:
        checks = [not_a_server_error, response_schema_conformance]
        if operation.path not in public_paths:
            checks.append(ignored_auth)
        _fuzz_operation(operation, base_url, headers, checks, max_examples)
    return len(operations)


def _fuzz_operation(
    operation: Any, base_url: str, headers: dict[str, str], checks: list[Any], max_examples: int
) -> None:
    from hypothesis import HealthCheck, given, settings

    @given(case=operation.as_strategy())
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        case.call_and_validate(base_url=base_url, headers=headers, checks=checks)

    call()


# Bad input for every write route: each must answer 4xx, never 5xx (issue: a NUL in a name, a
# date-time without an offset, a number past the column's range each used to be a 500).

HOSTILE_VALUES: dict[str, tuple[Any, ...]] = {
    "string": ("a\x00b", "tab\there\x1b[0m"),
    "date-time": ("2026-12-20T10:00:00", "2026-12-20T10:00"),
    "integer": (2**31, 2**63, -(2**63) - 1, 10**30),
}
_CANDIDATES = ("abc", "abc_123", "ABC-123", "1234", "123456", "a1", "x" * 8, "abcdefgh12")


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [_resolve(s, components) for s in schema[key]]
            return next((s for s in options if s.get("type") != "null"), options[0])
    if "allOf" in schema:
        return _resolve(schema["allOf"][0], components)
    return schema


def _plausible(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A value that passes the schema where that is easy, so the bad field is what is tested."""
    schema = _resolve(schema, components)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("default") is not None:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: _plausible(sub, components)
            for name, sub in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
    if kind == "array":
        return [_plausible(schema.get("items", {}), components)] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return max(1, int(schema.get("minimum", 1)))
    if kind == "boolean":
        return False
    formats = {"uuid": str(uuid.uuid4()), "date-time": utcnow().isoformat(), "date": "2015-05-01"}
    if schema.get("format") in formats:
        return formats[schema["format"]]
    if schema.get("format") == "email":
        return "someone@example.com"
    pattern = schema.get("pattern")
    for candidate in _CANDIDATES:
        text = candidate.ljust(schema.get("minLength", 0), "a")[: schema.get("maxLength", 10_000)]
        if pattern is None or re.search(pattern, text):
            return text
    return "abc"


def _bad_fields(
    schema: dict[str, Any], components: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text, date-time and integer field of a body, nested ones too."""
    schema = _resolve(schema, components)
    kind = schema.get("type")
    if len(path) > 4:
        return
    if kind == "object":
        for name, sub in schema.get("properties", {}).items():
            yield from _bad_fields(sub, components, (*path, name))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            yield from _bad_fields(extra, components, (*path, "key"))
    elif kind == "array":
        yield from _bad_fields(schema.get("items", {}), components, (*path, 0))
    elif kind == "integer":
        yield path, "integer"
    elif kind == "string" and "enum" not in schema:
        yield path, "date-time" if schema.get("format") == "date-time" else "string"


def _with_value(body: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(body) if isinstance(body, list) and body else [None]
        items[0] = _with_value(items[0], rest, value)
        return items
    container = dict(body) if isinstance(body, dict) else {}
    container[head] = _with_value(container.get(head), rest, value)
    return container


async def send_hostile_inputs(
    app: FastAPI,
    client: httpx.AsyncClient,
    actors: Sequence[Actor],
    cache: Cache,
    path_values: dict[str, str] | None = None,
) -> tuple[int, list[str]]:
    """Send each hostile value to each field of every JSON write route of the app's OpenAPI, as
    the first of `actors` the route lets in (routes that load an object by id get real ids from
    `path_values`). Returns how many requests were sent and the ones answered with a 5xx."""
    document = app.openapi()
    components = document.get("components", {}).get("schemas", {})
    sent, failures = 0, []
    for path, operations in document["paths"].items():
        url = path
        for name, value in (path_values or {}).items():
            url = url.replace(f"{{{name}}}", value)
        url = re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), url)
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if method not in ("post", "put", "patch", "delete") or schema is None:
                continue
            base = _plausible(schema, components)

            async def send(
                body: Any, headers: dict[str, str], method: str = method, url: str = url
            ) -> httpx.Response:
                await cache.clear()  # rate limits would stop the requests before the database
                return await client.request(method, url, json=body, headers=headers)

            # The first actor the route lets in and finds the object for; else the first let in.
            answers = [(await send(base, actor.headers)).status_code for actor in actors]
            preferred = [i for i, code in enumerate(answers) if code not in (401, 403, 404)]
            allowed = [i for i, code in enumerate(answers) if code not in (401, 403)]
            chosen = actors[(preferred or allowed or [0])[0]].headers
            for field_path, kind in _bad_fields(schema, components):
                for value in HOSTILE_VALUES[kind]:
                    response = await send(_with_value(base, field_path, value), chosen)
                    sent += 1
                    if response.status_code >= 500:
                        failures.append(
                            f"{method.upper()} {path} {'.'.join(map(str, field_path))}="
                            f"{value!r}: {response.status_code}"
                        )
    return sent, failures
