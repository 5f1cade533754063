"""docker-compose.yml: valid against the Compose Specification, and one API per service folder.

No Docker engine runs here or in this machine's CI, so the file is checked with the compose-spec
JSON schema (check-jsonschema's vendored copy); where `docker compose` exists, it checks too.
"""

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tools import new_service
from tools.catalog import discover

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
INFRASTRUCTURE = {"minio", "minio-bucket", "postgres", "redis", "migrate", "gateway", "certbot"}


def load(path: Path = COMPOSE) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text())
    return data


def check_schema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_compose_file_follows_the_compose_specification() -> None:
    result = check_schema(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_api_per_service_folder_each_built_from_the_one_dockerfile() -> None:
    services = load()["services"]
    apis = {name for name in set(services) - INFRASTRUCTURE if not name.endswith("-worker")}
    names = {s.name for s in discover(ROOT)}
    assert apis == names, "run tools/new_service.py, or add the entries it would add"
    for name in names:
        api = services[name]
        assert api["build"] == {
            "context": ".",
            "dockerfile": "services/Dockerfile",
            "args": {"SERVICE": name},
        }
        assert api["env_file"] == [".env", {"path": f".env.{name}", "required": False}]
        assert api["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert api["environment"]["ENVIRONMENT"] == "production"
        assert api["deploy"]["resources"]["limits"]["memory"]
        assert api["deploy"]["resources"]["limits"]["cpus"]
        assert api["read_only"] is True
        assert "ports" not in api


def test_each_service_with_jobs_has_a_worker_on_its_own_image() -> None:
    services = load()["services"]
    workers = {name.removesuffix("-worker") for name in services if name.endswith("-worker")}
    assert workers == {s.name for s in discover(ROOT) if s.jobs}
    for name in workers:
        worker = services[f"{name}-worker"]
        assert worker["image"] == services[name]["image"]
        assert worker["env_file"] == services[name]["env_file"]
        assert worker["command"][-1] == f"exec python /app/tools/catalog.py work {name}"
        assert worker["read_only"] is True
        assert "ports" not in worker


def test_only_the_gateway_is_published() -> None:
    services = load()["services"]
    published = {name for name, service in services.items() if "ports" in service}
    assert published == {"gateway"}
    assert services["gateway"]["ports"] == ["80:80", "443:443"]
    for service in services.values():
        assert "network_mode" not in service


def test_the_apis_trust_forwarded_headers_only_from_the_gateways_address() -> None:
    services = load()["services"]
    gateway_address = services["gateway"]["networks"]["alif"]["ipv4_address"]
    assert services["main"]["environment"]["FORWARDED_ALLOW_IPS"] == gateway_address
    subnet = load()["networks"]["alif"]["ipam"]["config"][0]["subnet"]
    assert subnet.startswith("${ALIF_SUBNET:-172.30.24.")
    assert gateway_address.startswith("${GATEWAY_IP:-172.30.24.")


def test_startup_order_and_healthchecks() -> None:
    services = load()["services"]
    assert services["migrate"]["command"] == ["alembic", "upgrade", "head"]
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"][1]
    assert "redis-cli ping" in services["redis"]["healthcheck"]["test"][1]
    assert services["certbot"]["profiles"] == ["certbot"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]


def test_every_api_can_run_as_replicas_and_updates_without_a_gap() -> None:
    # docker compose --scale and Docker Swarm read `deploy:` (issue 20 §2).
    services = load()["services"]
    for name in {s.name for s in discover(ROOT)}:
        deploy = services[name]["deploy"]
        assert (deploy["mode"], deploy["replicas"]) == ("replicated", 1), name
        assert deploy["resources"]["limits"]["memory"] and deploy["resources"]["reservations"]
        assert deploy["update_config"]["order"] == "start-first"  # new up before old down
        assert deploy["update_config"]["failure_action"] == "rollback"
        assert "container_name" not in services[name]  # a fixed name allows one replica only


def test_no_secret_is_written_in_the_compose_file() -> None:
    text = COMPOSE.read_text()
    for variable in ("POSTGRES_PASSWORD", "REDIS_PASSWORD"):
        for line in text.splitlines():
            if f"{variable}:" in line and "${" not in line:
                pytest.fail(f"{variable} has a value in docker-compose.yml: {line.strip()}")
    settings = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in settings if "JWT_PRIVATE_KEY" in line]  # main's, in .env.main


def test_new_service_adds_its_compose_entry(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    new_service.create("quiz", 8090, "a quiz", root=tmp_path)
    new_service.add_to_compose(tmp_path, "quiz")  # twice changes nothing
    services = load(tmp_path / "docker-compose.yml")["services"]
    assert services["quiz"]["build"]["args"] == {"SERVICE": "quiz"}
    assert services["quiz"]["image"] == "alif24-quiz:${RELEASE:-latest}"
    assert services["quiz"]["networks"] == ["alif"]
    assert (tmp_path / "docker-compose.yml").read_text().count("\n  quiz:\n") == 1
    assert check_schema(tmp_path / "docker-compose.yml").returncode == 0
    assert {s.name for s in discover(tmp_path)} == {"quiz"}


def test_docker_compose_accepts_it_where_docker_compose_exists(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run(  # noqa: S603
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("docker compose is not installed here (CI's image job runs it)")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    (tmp_path / ".env").write_text(
        "DOMAIN=alif24.uz\nPOSTGRES_USER=alif\nPOSTGRES_PASSWORD=x\nPOSTGRES_DB=alif\n"
        "REDIS_PASSWORD=x\n"
    )
    result = subprocess.run(  # noqa: S603
        [docker, "compose", "config", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
