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
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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
    signed_in_at: datetime | None = None,
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
        signed_in_at=signed_in_at,
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


@contextmanager
def s3_server(bucket: str) -> Iterator[dict[str, str]]:
    """moto's S3-compatible server on a free local port with an empty `bucket`; yields the
    settings that point `alif.storage` at it (moto is a development dependency)."""
    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    values = {
        "s3_bucket": bucket,
        "s3_endpoint_url": endpoint,
        "s3_region": "us-east-1",
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
    }
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=bucket)
    try:
        yield values
    finally:
        server.stop()


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
# date-time without an offset, a number past the column's range each used to be a 500), and
# every 4xx in the error envelope.

HUGE = "x" * 200_000
HOSTILE_VALUES: dict[str, tuple[Any, ...]] = {
    # NUL, a terminal escape, a right-to-left override (spoofing), one character past the
    # field's limit (200,000 where it has none: under the gateway's 256 KB body limit, so the
    # app must refuse it itself), a number and an object where text belongs
    "string": ("a\x00b", "tab\there\x1b[0m", "Ali\u202elin", HUGE, 12, {"a": []}),
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
) -> Iterator[tuple[tuple[str | int, ...], str, int | None]]:
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
        yield path, "integer", None
    elif kind == "string" and "enum" not in schema:
        text = "date-time" if schema.get("format") == "date-time" else "string"
        yield path, text, schema.get("maxLength")


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


def _answer_problem(response: httpx.Response, *, must_refuse: bool) -> str | None:
    """What is wrong with an answer to bad input: a 5xx, a 4xx outside the error envelope, or
    (where the input can only be wrong) an acceptance."""
    if response.status_code >= 500:
        return str(response.status_code)
    if must_refuse and response.status_code < 400:
        return f"accepted with {response.status_code}"
    if response.status_code >= 400:
        try:
            code = response.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return f"{response.status_code} outside the error envelope: {response.text[:80]}"
        if not isinstance(code, str) or not code:
            return f"{response.status_code} without an error code"
    return None


# Whole bodies of the wrong shape: none, not JSON, a list, a string.
_BAD_BODIES: tuple[tuple[str, bytes], ...] = (
    ("no body", b""),
    ("not JSON", b'{"name": "Ali",'),
    ("a list", b"[]"),
    ("a string", b'"Ali"'),
)


async def send_hostile_inputs(
    app: FastAPI,
    client: httpx.AsyncClient,
    actors: Sequence[Actor],
    cache: Cache,
    path_values: dict[str, str] | None = None,
) -> tuple[int, list[str]]:
    """Send each hostile value to each field of every JSON write route of the app's OpenAPI, as
    the first of `actors` the route lets in (routes that load an object by id get real ids from
    `path_values`), then whole bodies of the wrong shape and an unknown field. Returns how many
    requests were sent and what went wrong: a 5xx, a 4xx outside the error envelope, or bad
    input accepted where it can only be bad (hostile text, an unknown field)."""
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
            for field_path, kind, max_length in _bad_fields(schema, components):
                for value in HOSTILE_VALUES[kind]:
                    if value == HUGE:  # one past the field's own limit, if it has one
                        value = "x" * ((max_length or len(HUGE) - 1) + 1)
                    response = await send(_with_value(base, field_path, value), chosen)
                    sent += 1
                    # bad text can only be refused; other values may be read (a date-time without
                    # an offset is Tashkent time) as long as nothing breaks
                    problem = _answer_problem(response, must_refuse=kind == "string")
                    if problem is not None:
                        failures.append(
                            f"{method.upper()} {path} {'.'.join(map(str, field_path))}="
                            f"{str(value)[:20]!r}: {problem}"
                        )
            is_object = _resolve(schema, components).get("type") == "object"
            for name, raw in _BAD_BODIES:
                await cache.clear()
                response = await client.request(
                    method, url, content=raw, headers={**chosen, "Content-Type": "application/json"}
                )
                sent += 1
                wrong = name == "not JSON" or (is_object and name != "no body")
                problem = _answer_problem(response, must_refuse=wrong)
                if problem is not None:
                    failures.append(f"{method.upper()} {path} {name}: {problem}")
            closed = _resolve(schema, components).get("additionalProperties") is False
            if closed and isinstance(base, dict):
                response = await send({**base, "is_admin": True}, chosen)
                sent += 1
                problem = _answer_problem(response, must_refuse=True)
                if problem is not None:
                    failures.append(f"{method.upper()} {path} an unknown field: {problem}")
    return sent, failures


# --- The authorisation matrix (issue 21 §1): every operation × every role -----------------------

# The roles every service's matrix is written for. "A" is the world's first family and
# organization, whose objects the path carries; the "other_" roles belong to the second one.
AUTHZ_ROLES = (
    "anonymous",
    "student",  # A's child, a student in A's teacher's class
    "other_child",  # the second family's child, in the second organization's class
    "parent",  # A's parent
    "other_parent",
    "teacher",  # A's teacher, a member of A's school, teaching the student
    "other_teacher",  # a teacher of the second school
    "organization",  # the director (owner) of A's school
    "moderator",
    "admin",
)
_ANSWERS = frozenset({"ok", "401", "403", "404"})


def parse_expectation(spec: str) -> dict[str, str]:
    """`"anonymous:401 parent,admin:ok other_parent:404 *:403"` → an answer for each role.

    Answers: 401, 403, 404 (another's object is not found) or ok (let in: any other status,
    a 422 for a body the route found wrong included). `*` stands for the roles not named."""
    answers: dict[str, str] = {}
    rest: str | None = None
    for part in spec.split():
        roles, _, answer = part.partition(":")
        if answer not in _ANSWERS:
            raise ValueError(f"unknown answer {answer!r} in {spec!r}")
        for role in roles.split(","):
            if role == "*":
                rest = answer
            elif role not in AUTHZ_ROLES or role in answers:
                raise ValueError(f"unknown or repeated role {role!r} in {spec!r}")
            else:
                answers[role] = answer
    for role in AUTHZ_ROLES:
        if role not in answers:
            if rest is None:
                raise ValueError(f"no answer for {role} in {spec!r}")
            answers[role] = rest
    return answers


def _answer(status: int) -> str:
    return str(status) if status in (401, 403, 404) else "ok"


@dataclass
class AuthzWorld:
    """Two families and two schools, signed in once for a whole matrix.

    `ids` holds the path values of A's objects (`child_id` is A's child, `group_id` A's
    teacher's class...); a service adds its own objects to it."""

    actors: dict[str, Actor]
    ids: dict[str, str]
    client: httpx.AsyncClient

    def user(self, role: str) -> User:
        return self.actors[role].user


async def make_authz_world(
    db: AsyncSession, client: httpx.AsyncClient, keys: TestKeys
) -> AuthzWorld:
    """Families A and B (a parent and a child each), schools A and B (an owner, a teacher and
    a class with the family's child each), a moderator and an admin, every one signed in."""
    users: dict[str, User] = {}
    for role, kind in (
        ("parent", Role.parent),
        ("other_parent", Role.parent),
        ("teacher", Role.teacher),
        ("other_teacher", Role.teacher),
        ("organization", Role.organization),
        ("moderator", Role.moderator),
        ("admin", Role.admin),
    ):
        users[role] = await make_user(db, role=kind, first_name=role.replace("_", " ").title())
    users["student"] = await make_child(db, users["parent"], first_name="Ali")
    users["other_child"] = await make_child(db, users["other_parent"], first_name="Laylo")
    school = await make_school(db, users["organization"], "A maktabi")
    other_director = await make_user(db, role=Role.organization)
    other_school = await make_school(db, other_director, "B maktabi")
    group = await make_study_group(db, users["teacher"], [users["student"]], organization=school)
    other_group = await make_study_group(
        db, users["other_teacher"], [users["other_child"]], organization=other_school
    )
    actors = {
        role: Actor(user=user, token=token_for(keys, user), client=client)
        for role, user in users.items()
    }
    ids = {
        "child_id": str(users["student"].id),
        "student_id": str(users["student"].id),
        "user_id": str(users["student"].id),
        "group_id": str(group.id),
        "organization_id": str(school.id),
        "other_group_id": str(other_group.id),
        "other_organization_id": str(other_school.id),
    }
    return AuthzWorld(actors=actors, ids=ids, client=client)


def _example_query(
    operation: dict[str, Any], components: dict[str, Any], ids: dict[str, str]
) -> dict[str, Any]:
    """The operation's required query parameters, with plausible values (ids from the world)."""
    params: dict[str, Any] = {}
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query" or not parameter.get("required"):
            continue
        name = parameter["name"]
        params[name] = ids.get(name) or _plausible(parameter.get("schema", {}), components)
    return params


def format_expectation(answers: dict[str, str]) -> str:
    """The shortest `parse_expectation` spec for these answers: the commonest answer as `*`."""
    counts: dict[str, int] = {}
    for answer in answers.values():
        counts[answer] = counts.get(answer, 0) + 1
    common = max(sorted(counts), key=lambda answer: counts[answer])
    groups: dict[str, list[str]] = {}
    for role in AUTHZ_ROLES:
        if answers[role] != common:
            groups.setdefault(answers[role], []).append(role)
    parts = [f"{','.join(roles)}:{answer}" for answer, roles in groups.items()]
    return " ".join([*parts, f"*:{common}"])


async def authorization_mismatches(
    app: FastAPI,
    world: AuthzWorld,
    expected: dict[str, str],
    db: AsyncSession,
    cache: Cache,
    requests: dict[str, dict[str, Any]] | None = None,
) -> list[str]:
    """Every operation of the app's OpenAPI as every role: the answers that differ from
    `expected` (operationId → `parse_expectation` spec), every operation without an entry (with
    what it answers now, to review before copying) and every entry without an operation, so a
    new route is never forgotten.

    `requests` gives an operation's httpx arguments (json, files, params) where a plausible body
    built from the schema would not reach the route's checks, and under "ids" the path values
    that differ from the world's for it (an object in another state, say). Each request runs in
    a savepoint that is rolled back, so every role meets the same world; the cache (rate limits)
    and the client's cookies are cleared after each."""
    document = app.openapi()
    components = document.get("components", {}).get("schemas", {})
    operations = {
        operation["operationId"]: (method.upper(), path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    problems = [
        f"{op}: in the table but no such operation"
        for op in sorted(set(expected) - set(operations))
    ]
    connection = await db.connection()
    for operation_id in sorted(operations):
        method, path, operation = operations[operation_id]
        arguments = dict((requests or {}).get(operation_id, {}))
        ids = {**world.ids, **arguments.pop("ids", {})}
        missing = [name for name in re.findall(r"\{([^}]+)\}", path) if name not in ids]
        if missing:
            problems.append(f"{operation_id}: no value for {missing} in the world's ids")
            continue
        url = path.format(**ids)
        if not arguments:
            schema = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            if schema is not None:
                arguments["json"] = _plausible(schema, components)
            query = _example_query(operation, components, ids)
            if query:
                arguments["params"] = query
        observed: dict[str, str] = {}
        details: dict[str, str] = {}
        for role in AUTHZ_ROLES:
            headers = world.actors[role].headers if role != "anonymous" else {}
            savepoint = await connection.begin_nested()
            try:
                response = await world.client.request(method, url, headers=headers, **arguments)
            finally:
                await savepoint.rollback()
                world.client.cookies.clear()
                await cache.clear()
            observed[role] = _answer(response.status_code)
            details[role] = f"{response.status_code} {response.text[:160]}"
        if operation_id not in expected:
            problems.append(
                f"{operation_id} ({method} {path}): no entry in the table; "
                f"it answers {format_expectation(observed)!r}"
            )
            continue
        answers = parse_expectation(expected[operation_id])
        problems += [
            f"{operation_id} ({method} {path}) as {role}: expected {answers[role]}, "
            f"got {details[role]}"
            for role in AUTHZ_ROLES
            if observed[role] != answers[role]
        ]
    return problems
