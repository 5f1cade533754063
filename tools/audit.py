"""Known vulnerabilities in the packages the lock files pin: `python -m tools.audit python|npm`.

- python: pip-audit over `uv export` of uv.lock (every service's packages and the tools'),
  asking PyPI's vulnerability data;
- npm: `npm audit` over frontends/package-lock.json, asking the npm registry's advisories.

A vulnerability fails the run unless tools/audit-accepted.toml lists it (its id, the package and
the reason it is accepted: not reachable in our use, no fix yet and why that is tolerable...).
When the advisory service cannot be reached or cannot answer for the packages, the run says so
in one clear line and passes: an outage of theirs must not stop every merge, and the line is in
every CI log until it is reachable again (decision 66). A vulnerability that *was* reported
always fails, even when part of the service was unreachable.
"""

import json
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ACCEPTED = ROOT / "tools" / "audit-accepted.toml"
UNREACHABLE = "advisory service unreachable"


@dataclass(frozen=True)
class Vulnerability:
    id: str
    package: str
    version: str
    summary: str


@dataclass
class Report:
    vulnerabilities: list[Vulnerability]
    audited: int
    not_audited: list[str]  # packages the service could not answer for
    unreachable: str = ""  # why, when nothing could be asked at all


def accepted(ecosystem: str) -> dict[str, str]:
    entries = tomllib.loads(ACCEPTED.read_text(encoding="utf-8")).get(ecosystem, [])
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise SystemExit(f"{ACCEPTED.name}: {entry.get('id')} has no reason")
    return {str(entry["id"]): str(entry["reason"]) for entry in entries}


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed commands, no shell
        command, cwd=cwd, capture_output=True, text=True, check=False
    )


def read_pip_audit(report: dict[str, Any]) -> Report:
    found, skipped, audited = [], [], 0
    for dependency in report.get("dependencies", []):
        if dependency.get("skip_reason"):
            skipped.append(f"{dependency['name']} {dependency.get('version', '')}".strip())
            continue
        audited += 1
        for vulnerability in dependency.get("vulns", []):
            ids = [vulnerability["id"], *vulnerability.get("aliases", [])]
            found.append(
                Vulnerability(
                    id=" / ".join(ids),
                    package=dependency["name"],
                    version=dependency["version"],
                    summary=str(vulnerability.get("description", ""))[:160],
                )
            )
    return Report(found, audited, skipped)


def python_report() -> Report:
    exported = _run(
        [
            "uv",
            "export",
            "--frozen",
            "--all-packages",
            "--no-hashes",
            "--no-emit-workspace",
            "--format",
            "requirements-txt",
        ],
        ROOT,
    )
    if exported.returncode != 0:
        raise SystemExit(f"uv export failed: {exported.stderr}")
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "requirements.txt"
        requirements.write_text(exported.stdout, encoding="utf-8")
        output = Path(folder) / "audit.json"
        result = _run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                str(requirements),
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "--timeout",
                "10",
                "--format",
                "json",
                "--output",
                str(output),
            ],
            ROOT,
        )
        if not output.exists():
            return Report([], 0, [], f"{UNREACHABLE}: {result.stderr.strip()[-300:]}")
        return read_pip_audit(json.loads(output.read_text(encoding="utf-8")))


def read_npm_audit(report: dict[str, Any]) -> Report:
    if "vulnerabilities" not in report:
        # npm's answer when the registry's advisory endpoint failed: its error, no findings.
        reason = report.get("message") or report.get("error", {}).get("summary") or "no answer"
        return Report([], 0, [], f"{UNREACHABLE}: {reason}")
    found = []
    for name, entry in report["vulnerabilities"].items():
        for via in entry.get("via", []):
            if isinstance(via, dict):  # an advisory (a string names the dependency it came by)
                advisory = str(via.get("url", "")).rsplit("/", 1)[-1] or str(via.get("source"))
                found.append(
                    Vulnerability(
                        id=advisory,
                        package=name,
                        version=str(via.get("range", entry.get("range", ""))),
                        summary=f"{via.get('severity', '')}: {via.get('title', '')}",
                    )
                )
    total = report.get("metadata", {}).get("dependencies", {}).get("total", 0)
    return Report(found, int(total), [])


def npm_report() -> Report:
    result = _run(["npm", "audit", "--json", "--package-lock-only"], ROOT / "frontends")
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        return Report([], 0, [], f"{UNREACHABLE}: {result.stderr.strip()[-300:]}")
    return read_npm_audit(report)


def verdict(report: Report, known: dict[str, str], ecosystem: str) -> int:
    """Print what was found and return the exit code: 1 for a vulnerability nobody accepted."""
    new = [v for v in report.vulnerabilities if not any(i in known for i in v.id.split(" / "))]
    for vulnerability in report.vulnerabilities:
        state = "NEW" if vulnerability in new else "accepted"
        print(
            f"{ecosystem}: {state} {vulnerability.id} in {vulnerability.package} "
            f"{vulnerability.version}: {vulnerability.summary}"
        )
    if report.unreachable:
        print(f"{ecosystem}: {report.unreachable}; no package could be checked.")
    elif report.not_audited and report.audited == 0:
        print(
            f"{ecosystem}: {UNREACHABLE}: it answered for none of the "
            f"{len(report.not_audited)} packages; no package could be checked."
        )
    elif report.not_audited:
        print(f"{ecosystem}: not checked (unknown to the service): {', '.join(report.not_audited)}")
    if new:
        print(f"{ecosystem}: {len(new)} vulnerability(ies) not in {ACCEPTED.name}: upgrade, or")
        print("accept each there with the reason it is tolerable.")
        return 1
    if report.audited:
        print(f"{ecosystem}: {report.audited} packages checked, nothing unaccepted found.")
    return 0


def main(argv: list[str]) -> int:
    if argv not in (["python"], ["npm"]):
        print("usage: python -m tools.audit python|npm", file=sys.stderr)
        return 2
    ecosystem = argv[0]
    report = python_report() if ecosystem == "python" else npm_report()
    return verdict(report, accepted(ecosystem), ecosystem)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
