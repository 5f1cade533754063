"""What docker compose makes of docker-compose.yml and `.env`, without Docker.

Compose's rules as far as this project's files use them: `${VAR}`, `${VAR:-default}`,
`${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+other}` (defaults may nest), `$VAR` and
`$$`; a container's environment is its image's `ENV`, then its `env_file`s in order, then its
`environment:`, each later one winning. `.env` files are read with python-dotenv, whose syntax is
Compose's for the forms used here (unquoted, and single-quoted values taken literally).
"""

import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dotenv import dotenv_values
from ruamel.yaml import YAML

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EXPRESSION = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?", re.DOTALL)


class MissingVariable(ValueError):
    """A `${VAR:?message}` whose variable is not set: compose refuses to start."""


def read_env_file(path: Path) -> dict[str, str]:
    return {k: v or "" for k, v in dotenv_values(path, interpolate=False).items()}


def interpolate(text: str, env: Mapping[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "$":
            out.append(text[i])
            i += 1
        elif text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            end = _closing_brace(text, i + 1)
            out.append(_expression(text[i + 2 : end], env))
            i = end + 1
        elif match := _NAME.match(text, i + 1):
            out.append(env.get(match.group(), ""))
            i = match.end()
        else:
            out.append("$")
            i += 1
    return "".join(out)


def _closing_brace(text: str, opening: int) -> int:
    depth = 0
    for position in range(opening, len(text)):
        if text[position] == "{":
            depth += 1
        elif text[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    raise ValueError(f"unclosed ${{ in {text!r}")


def _expression(body: str, env: Mapping[str, str]) -> str:
    match = _EXPRESSION.fullmatch(body)
    if match is None:
        raise ValueError(f"not a compose variable: ${{{body}}}")
    name, operator, argument = match.groups()
    value = env.get(name)
    if operator is None:
        return value or ""
    unset = value is None or (operator.startswith(":") and value == "")
    if operator.endswith("-"):
        return interpolate(argument, env) if unset else str(value)
    if operator.endswith("?"):
        if unset:
            raise MissingVariable(f"{name}: {interpolate(argument, env)}")
        return str(value)
    return "" if unset else interpolate(argument, env)


def resolve(node: Any, env: Mapping[str, str]) -> Any:
    """The compose file with every string interpolated."""
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, dict):
        return {key: resolve(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(value, env) for value in node]
    return node


def load_project(compose: Path, project_dir: Path) -> dict[str, Any]:
    """docker-compose.yml as compose sees it in `project_dir` (its `.env` interpolated)."""
    data: dict[str, Any] = YAML(typ="safe").load(compose.read_text())
    resolved: dict[str, Any] = resolve(data, read_env_file(project_dir / ".env"))
    return resolved


def image_environment(dockerfile: Path, build_args: Mapping[str, str]) -> dict[str, str]:
    """The `ENV` of a Dockerfile's last stage (variables that extend another, like PATH, left
    out: the settings read none of them)."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    last_stage = re.split(r"^FROM ", text, flags=re.MULTILINE)[-1]
    env: dict[str, str] = {}
    for line in last_stage.splitlines():
        if not line.startswith("ENV "):
            continue
        for pair in shlex.split(line[4:]):
            name, _, value = pair.partition("=")
            extends_itself = f"${name}" in value or f"${{{name}}}" in value
            if extends_itself and name not in build_args:
                continue
            env[name] = interpolate(value, build_args)
    return env


def container_environment(
    service: Mapping[str, Any], project_dir: Path, image_env: Mapping[str, str]
) -> dict[str, str]:
    env = dict(image_env)
    env_files = service.get("env_file", [])
    for entry in [env_files] if isinstance(env_files, str) else env_files:
        path, required = (
            (entry, True)
            if isinstance(entry, str)
            else (
                entry["path"],
                entry.get("required", True),
            )
        )
        if (project_dir / path).exists():
            env.update(read_env_file(project_dir / path))
        elif required:
            raise FileNotFoundError(f"env file {path} not found: compose refuses to start")
    env.update({name: str(value) for name, value in service.get("environment", {}).items()})
    return env
