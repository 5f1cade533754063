"""`make new-service`: what it writes, checked in a temporary copy of the repository's skeleton.

The tools it runs afterwards (uv lock, the OpenAPI export, npm) are not run here; the generated
files are checked for what `make lint`, `make typecheck` and alembic need from them.
"""

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import new_service
from tools.catalog import PLANNED, discover, web_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The parts of the repository the tool reads and writes; the services by their pyproject
    (without harf: the tests make `kelajak`, a planned service that does not exist yet, on harf's
    planned port)."""
    monkeypatch.setitem(PLANNED, "kelajak", PLANNED["harf"])
    monkeypatch.delitem(PLANNED, "harf")
    for name in ("pyproject.toml", "docker-compose.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "alembic", tmp_path / "alembic", ignore=shutil.ignore_patterns("__py*"))
    # The shared library, where ruff finds `alif.*` to be first-party.
    shutil.copytree(
        ROOT / "shared" / "alif",
        tmp_path / "shared" / "alif",
        ignore=shutil.ignore_patterns("__py*"),
    )
    for pyproject in ROOT.glob("services/*/pyproject.toml"):
        if pyproject.parent.name == "harf":
            continue  # its port is lent to the tests' example, kelajak
        (tmp_path / "services" / pyproject.parent.name).mkdir(parents=True)
        shutil.copy(pyproject, tmp_path / "services" / pyproject.parent.name / "pyproject.toml")
    return tmp_path


def port_of(repo: Path, name: str) -> int:
    return next(s.port for s in discover(repo) if s.name == name)


def test_a_planned_service_takes_its_planned_port(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo)
    assert port_of(repo, "kelajak") == PLANNED["kelajak"] == 8001


def test_any_other_name_takes_the_port_after_the_planned_and_used_ones(repo: Path) -> None:
    highest = max([*PLANNED.values(), *(s.port for s in discover(repo))])
    new_service.create("quiz", None, "a quiz", root=repo)
    assert port_of(repo, "quiz") == highest + 1 >= 8007
    new_service.create("quiz2", None, "another quiz", root=repo)
    assert port_of(repo, "quiz2") == highest + 2


def test_a_planned_port_another_service_took_is_refused(repo: Path) -> None:
    new_service.create("quiz", 8001, "a quiz", root=repo)
    with pytest.raises(SystemExit, match="port 8001 is taken"):
        new_service.create("kelajak", None, "letters", root=repo)
    assert not (repo / "services" / "kelajak").exists()


def test_a_taken_port_or_an_existing_service_is_refused(repo: Path) -> None:
    with pytest.raises(SystemExit, match="taken"):
        new_service.create("quiz", 8004, "a quiz", root=repo)
    with pytest.raises(SystemExit, match="exists already"):
        new_service.create("games", None, "again", root=repo)
    assert not (repo / "services" / "quiz").exists()


@pytest.mark.parametrize("name", ["json", "alif", "tools", "fastapi", "Quiz", "q", "9lives"])
def test_a_name_that_is_not_a_new_package_is_refused(repo: Path, name: str) -> None:
    with pytest.raises(SystemExit):
        new_service.create(name, None, "nope", root=repo)


# Any name after "alif" in the alphabet; for an earlier one the tool lets ruff sort the imports.
@pytest.mark.parametrize("name", ["kelajak", "kutubxona", "zamonaviyolimpiadalar"[:20]])
def test_the_generated_python_passes_the_linter(repo: Path, name: str) -> None:
    new_service.create(name, None, "letters", root=repo)
    migration = next((repo / "alembic" / "versions").glob(f"*_{name}_items.py"))
    paths = [f"services/{name}", str(migration.relative_to(repo))]
    for command in (["check", "--no-cache", *paths], ["format", "--check", "--no-cache", *paths]):
        result = subprocess.run(  # noqa: S603 - ruff with fixed arguments
            [sys.executable, "-m", "ruff", *command],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_generated_function_is_fully_typed(repo: Path) -> None:
    """mypy --strict refuses an unannotated function; the template must never bring one."""
    new_service.create("kelajak", None, "letters", root=repo)
    package = repo / "services" / "kelajak" / "kelajak"
    assert (package / "py.typed").exists()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                assert node.returns is not None, f"{path.name}: {node.name} has no return type"
                assert all(a.annotation is not None for a in arguments), f"{path.name}: {node.name}"


def test_the_sample_domain_has_every_part_and_a_test_through_http(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo)
    service = repo / "services" / "kelajak"
    parts = {p.name for p in (service / "kelajak" / "items").iterdir()}
    assert {"router.py", "schemas.py", "models.py", "service.py", "dependencies.py"} <= parts
    assert "exceptions.py" in parts
    assert (
        "from kelajak.items.models import Item" in (service / "kelajak" / "models.py").read_text()
    )
    pyproject = (service / "pyproject.toml").read_text()
    assert 'kelajak = "kelajak.models"' in pyproject  # the alif.models entry point alembic reads
    tests = (service / "tests" / "test_items.py").read_text()
    assert "login_as" in tests
    assert '"/api/kelajak/items"' in tests


def test_the_migration_continues_the_one_history(repo: Path) -> None:
    versions = repo / "alembic" / "versions"
    head = new_service.alembic_head(versions)
    new_service.create("kelajak", None, "letters", root=repo)
    migration = next(versions.glob("*_kelajak_items.py"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d-\d{4}_kelajak_items\.py", migration.name)
    text = migration.read_text()
    assert f'down_revision: str | None = "{head}"' in text
    assert new_service.alembic_head(versions) in text  # the new head is this migration


# Runs in its own interpreter: importing the generated models must not add a table to the test
# session's metadata.
MODELS_MATCH_MIGRATION = """
import importlib.util, sys
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
sys.path.insert(0, sys.argv[1])
import alif.kernel.models
from alif.db import Base
import kelajak.models
spec = importlib.util.spec_from_file_location("migration", sys.argv[2])
migration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(migration)
engine = create_engine("sqlite://")
with engine.begin() as connection:
    Base.metadata.create_all(
        connection, tables=[t for t in Base.metadata.sorted_tables if t.name != "kelajak_item"]
    )
    def only_the_new_table(obj, name, kind, reflected, compare_to):
        table = obj if kind == "table" else getattr(obj, "table", None)
        return table is None or table.name == "kelajak_item"
    context = MigrationContext.configure(
        connection, opts={"include_object": only_the_new_table}
    )
    with Operations.context(context):
        migration.upgrade()
    differences = compare_metadata(context, Base.metadata)
print(differences)
sys.exit(1 if differences else 0)
"""


def test_the_migration_creates_what_the_models_declare(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo)
    migration = next((repo / "alembic" / "versions").glob("*_kelajak_items.py"))
    result = subprocess.run(  # noqa: S603 - our own script
        [
            sys.executable,
            "-c",
            MODELS_MATCH_MIGRATION,
            str(repo / "services" / "kelajak"),
            migration,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_web_app_is_wired_to_the_shared_packages(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo, web=True)
    app = repo / "frontends" / "apps" / "kelajak"
    package = json.loads((app / "package.json").read_text())
    assert package["name"] == "@alif/app-kelajak"
    shared = {"@alif/ui", "@alif/auth", "@alif/i18n", "@alif/api", "@alif/app"}
    assert shared <= set(package["dependencies"])
    main = (app / "src" / "main.tsx").read_text()
    assert "mountApp(App, appTranslations)" in main
    assert 'from "@alif/auth/guard"' in (app / "src" / "App.tsx").read_text()
    assert {"build", "test", "typecheck"} <= set(package["scripts"])
    assert 'appConfig({ app: "kelajak" })' in (app / "vite.config.ts").read_text()
    assert list(app.glob("test/*.test.tsx"))
    for path in app.rglob("*"):
        if path.is_file():
            assert not re.search(r"__[a-z]+__", path.read_text()), f"{path.name} has a placeholder"
    locales = {
        language: json.loads((app / "src" / "locales" / f"{language}.json").read_text())
        for language in ("uz", "ru", "en")
    }
    assert locales["uz"].keys() == locales["ru"].keys() == locales["en"].keys()
    assert web_catalog(repo)["kelajak"] == {
        "port": 8001,
        "subdomain": "kelajak",
        "api": True,
        "web": True,
    }


def test_without_web_no_app_is_written(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo)
    assert not (repo / "frontends" / "apps" / "kelajak").exists()
    assert web_catalog(repo)["kelajak"]["web"] is False


def test_web_only_adds_the_app_of_an_existing_service(repo: Path) -> None:
    new_service.create("kelajak", None, "letters", root=repo)
    app = new_service.create_web("kelajak", "letters", root=repo)
    assert 'appConfig({ app: "kelajak" })' in (app / "vite.config.ts").read_text()
    assert web_catalog(repo)["kelajak"]["web"] is True
    with pytest.raises(SystemExit, match="exists already"):
        new_service.create_web("kelajak", "letters", root=repo)


def test_web_only_needs_the_service(repo: Path) -> None:
    with pytest.raises(SystemExit, match="does not exist"):
        new_service.create_web("kutubxona", "books", root=repo)
    assert not (repo / "frontends" / "apps" / "kutubxona").exists()
