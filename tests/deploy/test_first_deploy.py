"""A first deploy as docs/operations.md tells it, checked without a Docker engine.

The `.env` files are made by running the guide's own commands (section 1.4) with a domain that is
not the default one, and filling its template the way the guide says (chosen passwords single
quoted). docker-compose.yml is then read as compose reads it, and every container that runs
Python gets exactly the environment compose would give it: each service's settings must build
from it, in production mode, with values that work together.
"""

import importlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from alif.config import CommonSettings
from alif.keys import key_id, verification_keys
from tests.deploy.compose_env import (
    MissingVariable,
    container_environment,
    image_environment,
    load_project,
    read_env_file,
)
from tests.deploy.guide import GUIDE, TYPED, code_blocks, follow_the_guide, guide_section
from tools.catalog import Service, discover

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOMAIN = "maktab.example.org"  # not alif24.uz: whatever names the public address must follow it


@dataclass(frozen=True)
class Deployment:
    directory: Path
    project: dict[str, Any]  # docker-compose.yml, interpolated from .env
    env: dict[str, str]  # .env

    def container(self, name: str) -> dict[str, str]:
        service = self.project["services"][name]
        image = image_environment(ROOT / "services" / "Dockerfile", service["build"]["args"])
        return container_environment(service, self.directory, image)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    directory = tmp_path_factory.mktemp("srv-alif24")
    follow_the_guide(directory, DOMAIN)
    return Deployment(
        directory, load_project(COMPOSE, directory), read_env_file(directory / ".env")
    )


def settings_class(service: Service) -> type[CommonSettings]:
    package = service.app.split(".")[0].split(":")[0]
    module = importlib.import_module(f"{package}.config")
    [found] = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, CommonSettings)
        and value.service_name == service.name
    ]
    return found


def build(cls: type[CommonSettings], env: dict[str, str]) -> CommonSettings:
    """The settings as the container's process builds them: from its environment alone (the
    image's working directory has no .env)."""
    with mock.patch.dict(os.environ, env, clear=True):
        return cls(_env_file=None)


def test_the_guide_makes_the_files_it_promises(deployment: Deployment) -> None:
    directory = deployment.directory
    assert (directory / ".env").stat().st_mode & 0o777 == 0o600
    assert (directory / ".env.main").stat().st_mode & 0o777 == 0o600
    assert not (directory / "jwt-private.pem").exists()
    assert deployment.env["DOMAIN"] == DOMAIN
    for secret in ("POSTGRES_PASSWORD", "REDIS_PASSWORD"):
        assert re.fullmatch(r"[0-9a-f]{48}", deployment.env[secret])
    assert deployment.env["LOG_JSON"] == ""  # left as .env.example has it


@pytest.mark.parametrize("name", [s.name for s in discover(ROOT)])
def test_every_api_starts_from_the_environment_compose_gives_it(
    deployment: Deployment, name: str
) -> None:
    service = next(s for s in discover(ROOT) if s.name == name)
    settings = build(settings_class(service), deployment.container(name))
    env = deployment.env
    assert settings.is_deployed
    assert settings.database_url == (
        f"postgresql+asyncpg://{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}"
        f"@postgres:5432/{env['POSTGRES_DB']}"
    )
    assert settings.redis_url == f"redis://:{env['REDIS_PASSWORD']}@redis:6379/0"
    assert settings.json_logs
    assert settings.cookie_secure
    assert settings.cookie_domain == DOMAIN
    assert settings.jwt_issuer == f"https://{DOMAIN}"
    assert settings.release == env["RELEASE"] != "dev"
    assert len(verification_keys(settings)) == 1


def test_main_signs_with_the_key_the_others_verify_and_reads_the_typed_secrets(
    deployment: Deployment,
) -> None:
    from alif_main.auth.tokens import signing_key
    from alif_main.config import MainSettings

    main = build(MainSettings, deployment.container("main"))
    assert isinstance(main, MainSettings)
    assert key_id(signing_key(main).public_key()) in verification_keys(main)
    assert main.payment_return_url == f"https://{DOMAIN}/payments/return"
    assert main.sms_sender == "eskiz"
    assert main.eskiz_password == TYPED["<Eskiz password>"]
    assert main.smtp_password == TYPED["<password>"]
    assert main.smtp_from == f"ALIF24 <no-reply@{DOMAIN}>"
    assert len(main.admin_session_secret) >= 32
    # Only main holds the private key.
    for other in set(deployment.project["services"]) & {s.name for s in discover(ROOT)} - {"main"}:
        assert "JWT_PRIVATE_KEY" not in {k for k, v in deployment.container(other).items() if v}, (
            other
        )


def test_the_migration_job_starts_from_its_environment(deployment: Deployment) -> None:
    # alembic/env.py builds CommonSettings() from the job's environment.
    settings = build(CommonSettings, deployment.container("migrate"))
    assert settings.is_deployed
    assert settings.database_url.startswith("postgresql+asyncpg://")


def test_compose_refuses_an_env_without_the_secrets(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text().replace("DOMAIN=", "#"))
    with pytest.raises(MissingVariable, match="DOMAIN"):
        load_project(COMPOSE, tmp_path)


def test_no_password_is_in_what_docker_inspect_shows_of_postgres_and_redis(
    deployment: Deployment,
) -> None:
    """Their passwords reach them as compose secrets (files under /run/secrets), never as an
    argument, a variable or a health check command."""
    services, env = deployment.project["services"], deployment.env
    for name, variable in (("postgres", "POSTGRES_PASSWORD"), ("redis", "REDIS_PASSWORD")):
        secret = f"{name}-password"
        assert deployment.project["secrets"][secret] == {"environment": variable}
        assert services[name]["secrets"] == [secret]
        visible = repr(
            {k: services[name].get(k) for k in ("environment", "command", "healthcheck")}
        )
        assert env[variable] not in visible, name
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == (
        "/run/secrets/postgres-password"
    )


def test_redis_runs_with_the_password_from_its_secret(
    deployment: Deployment, tmp_path: Path
) -> None:
    """The compose command and health check, run with this machine's redis-server."""
    import shutil

    from tests.gateway.support import free_port

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    redis = deployment.project["services"]["redis"]
    password = deployment.env["REDIS_PASSWORD"]
    (tmp_path / "secret").write_text(password)
    port = free_port()

    def here(command: str) -> str:
        return (
            command.replace("/run/secrets/redis-password", str(tmp_path / "secret"))
            .replace("exec redis-server -", f"exec redis-server - --port {port} --dir {tmp_path}")
            .replace("redis-cli ping", f"redis-cli -p {port} ping")
        )

    shell, flag, script = redis["command"]
    server = subprocess.Popen([shell, flag, here(script)], stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        health = here(redis["healthcheck"]["test"][1])
        for _ in range(100):
            if subprocess.run(["sh", "-c", health], check=False).returncode == 0:  # noqa: S603, S607
                break
            subprocess.run(["sleep", "0.1"], check=True)  # noqa: S607
        else:
            pytest.fail("the health check never passed")
        anonymous = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(port), "ping"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert "NOAUTH" in anonymous.stdout + anonymous.stderr
        assert password not in Path(f"/proc/{server.pid}/cmdline").read_bytes().decode()
        policy = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(port), "config", "get", "maxmemory-policy"],  # noqa: S607
            env={**os.environ, "REDISCLI_AUTH": password},
            capture_output=True,
            text=True,
            check=True,
        )
        assert policy.stdout.split() == ["maxmemory-policy", "noeviction"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_postgres_applies_init_sql_on_its_first_start(deployment: Deployment) -> None:
    postgres = deployment.project["services"]["postgres"]
    assert "./init.sql:/docker-entrypoint-initdb.d/init.sql:ro" in postgres["volumes"]
    assert (ROOT / "init.sql").is_file()


@pytest.mark.postgres
async def test_init_sql_sets_utc_and_the_timeouts() -> None:
    import asyncpg
    from sqlalchemy import make_url

    from alif.testing import _create_postgres_database, _drop_postgres_database

    server_url = os.environ["DATABASE_URL"]
    database_url = await _create_postgres_database(server_url)
    url = make_url(database_url)

    async def connect() -> asyncpg.Connection:
        return await asyncpg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            database=url.database,
        )

    try:
        # The image's entrypoint runs it with psql in the new database, as the owner.
        connection = await connect()
        await connection.execute((ROOT / "init.sql").read_text())
        await connection.close()
        connection = await connect()  # ALTER DATABASE ... SET applies to new sessions
        try:
            assert await connection.fetchval("SHOW timezone") == "UTC"
            assert await connection.fetchval("SHOW statement_timeout") == "30s"
            assert await connection.fetchval("SHOW idle_in_transaction_session_timeout") == "1min"
        finally:
            await connection.close()
    finally:
        await _drop_postgres_database(server_url, database_url)


def test_every_container_has_resource_limits_one_shot_jobs_too(deployment: Deployment) -> None:
    for name, service in deployment.project["services"].items():
        limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
        assert limits.get("memory") and limits.get("cpus"), name


def test_the_network_is_dual_stack_like_the_guide_says(deployment: Deployment) -> None:
    network = deployment.project["networks"]["alif"]
    assert network["enable_ipv6"] is True
    subnets = [entry["subnet"] for entry in network["ipam"]["config"]]
    assert subnets == ["172.30.24.0/24", "fd00:a1f:24::/64"]
    assert '"userland-proxy": false' in guide_section("1.1")


@pytest.mark.parametrize("name", [s.name for s in discover(ROOT)])
def test_data_dir_is_writable_in_the_read_only_container(deployment: Deployment, name: str) -> None:
    """`.env` says DATA_DIR=.data (for `make run`): in a container that is /app, read-only. Compose
    must set the image's tmpfs; harf's sounds, like uploads, are kept in the bucket."""
    service = next(s for s in discover(ROOT) if s.name == name)
    settings = build(settings_class(service), deployment.container(name))
    assert deployment.project["services"][name]["read_only"] is True
    assert "/tmp" in deployment.project["services"][name]["tmpfs"]  # noqa: S108 - the container's
    assert Path(settings.data_dir) == Path("/tmp/alif")  # noqa: S108 - the image's own tmpfs
    if name == "harf":
        assert settings.s3_bucket  # not the container's tmpfs, which harf-worker does not share
        assert "minio-bucket" in deployment.project["services"]["harf"]["depends_on"]


def _guide_part(heading: str) -> str:
    text = GUIDE.read_text()
    start = text.index(heading)
    following = text.find("\n## ", start + 1)
    return text[start : following if following > 0 else None]


def test_the_guides_backups_are_private_and_leave_the_server_encrypted() -> None:
    [script, *_] = code_blocks(_guide_part("### 2.1 "), "sh")
    assert "umask 077" in script.split("pg_dump")[0]  # before the first dump is written
    assert "age -R " in script  # encrypted to a key whose private half is elsewhere (2.2)
    assert subprocess.run(["bash", "-n"], input=script, text=True, check=False).returncode == 0  # noqa: S607


def test_the_guide_sets_up_monitoring_of_what_breaks_a_deployment() -> None:
    section = _guide_part("## 5. Monitoring")
    [check, *_] = [block for block in code_blocks(section, "sh") if "problems" in block]
    for watched in ("docker compose ps", "migrate", "df ", "-checkend", "certbot", "alif24-*.dump"):
        assert watched in check, watched
    assert "uptime" in section.lower()  # and a check from outside the server
    assert subprocess.run(["bash", "-n"], input=check, text=True, check=False).returncode == 0  # noqa: S607
