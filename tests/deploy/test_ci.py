"""The GitHub Actions workflow and .ci/run."""

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
CI_RUN = ROOT / ".ci" / "run"


def test_the_workflow_follows_the_github_workflow_schema() -> None:
    result = subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_runs_every_check_and_builds_every_image() -> None:
    workflow: dict[str, Any] = YAML(typ="safe").load(WORKFLOW.read_text())
    jobs = workflow["jobs"]
    runs = "\n".join(step.get("run", "") for job in jobs.values() for step in job.get("steps", []))
    for command in ("make lint", "make typecheck", "make test", "npm ci", "npm test", "make e2e"):
        assert command in runs, command
    assert set(jobs["test"]["services"]) == {"postgres", "redis"}
    # The image matrix comes from the one list of services, not from a list in the workflow.
    assert "tools/catalog.py json" in runs
    assert jobs["images"]["strategy"]["matrix"]["service"].startswith("${{ fromJSON(")
    built = [
        s["with"]["file"]
        for j in jobs.values()
        for s in j["steps"]
        if "with" in s and "file" in s["with"]
    ]
    assert sorted(built) == ["nginx/Dockerfile", "services/Dockerfile"]


def test_ci_run_is_strict_bash_that_runs_both_databases() -> None:
    text = CI_RUN.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert CI_RUN.stat().st_mode & 0o111
    subprocess.run(["bash", "-n", str(CI_RUN)], check=True)  # noqa: S603, S607
    for command in ("make lint", "make typecheck", "make test", "make e2e", "npm test"):
        assert command in text
    # Issue 21 §4: secrets and known vulnerabilities are checked on every run.
    for command in ("tools.secrets_scan", "tools.audit python", "tools.audit npm"):
        assert command in text
    assert "DATABASE_URL=postgresql+asyncpg://" in text
    assert "REDIS_URL=redis://127.0.0.1:6379/0" in text


def test_every_action_is_pinned_by_commit() -> None:
    """A tag can be moved to other code; a commit cannot. The tag stays in a comment."""
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", WORKFLOW.read_text(), flags=re.MULTILINE)
    assert len(uses) > 10
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+(\.\d+)?", comment), (action, comment)


def test_both_databases_and_the_compose_stack_run_in_the_workflow() -> None:
    jobs = YAML(typ="safe").load(WORKFLOW.read_text())["jobs"]
    sqlite = jobs["test-sqlite"]
    assert "services" not in sqlite
    assert "DATABASE_URL" not in repr(sqlite.get("env", {}))
    assert any("make test" in step.get("run", "") for step in sqlite["steps"])
    assert jobs["test"]["env"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    stack = "\n".join(step.get("run", "") for step in jobs["stack"]["steps"])
    # The stack starts from .env files the operators' guide makes, not from a CI-only one.
    assert "python -m tests.deploy.guide ." in stack
    assert "docker compose build" in stack
    assert "docker compose up -d" in stack
    assert "Health" in stack and "migrate" in stack
