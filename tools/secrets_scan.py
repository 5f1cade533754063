"""Look for secrets in the repository: every tracked file, and every line that a commit of the
checked-out history added.

`python -m tools.secrets_scan` (CI runs it). The patterns are detect-secrets' own (its detectors
for known kinds of keys: private keys, AWS, GitHub, Telegram bot, OpenAI, Stripe, JWTs, URLs
with a password, ...), run over whole texts at once so the history is read in seconds. Its
entropy and keyword detectors are left out: on this code they flag every test token and
migration id, and a list that cries wolf is soon ignored (decision 66).

A finding reviewed as harmless (a test key, CI's local database password) is listed in
tools/secrets-allowed.toml by its SHA-1, as detect-secrets hashes it, with the reason; anything
else fails the run. A secret found in the history stays found after it is deleted from the tree:
rotate it, then list it with "rotated on <date>" as the reason.
"""

import hashlib
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import RegexBasedDetector

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ROOT / "tools" / "secrets-allowed.toml"
# Public addresses are no secret (the docs list Payme's and Click's networks).
SKIPPED_TYPES = frozenset({"Public IP (ipv4)"})
# Lock files are package names and checksums; their hashes would only be noise.
SKIPPED_FILES = re.compile(r"(^|/)(uv\.lock|package-lock\.json)$")


@dataclass(frozen=True)
class Finding:
    where: str  # a path, or "<commit> <path>" in the history
    line: int
    kind: str
    hashed: str


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    mapping: dict[str, type[Any]] = get_mapping_from_secret_type_to_class()
    for kind, detector in mapping.items():
        if kind in SKIPPED_TYPES or not issubclass(detector, RegexBasedDetector):
            continue
        plugin = detector()
        found += [(kind, pattern) for pattern in plugin.denylist]
    return found


def _secret(match: re.Match[str]) -> str:
    # As detect-secrets reports it: the first non-empty group, else the whole match.
    return next((group for group in match.groups() if group), match.group(0))


def scan_text(where: str, text: str, rules: list[tuple[str, re.Pattern[str]]]) -> Iterator[Finding]:
    for kind, pattern in rules:
        for match in pattern.finditer(text):
            secret = _secret(match)
            line = text.count("\n", 0, match.start()) + 1
            yield Finding(where, line, kind, hashlib.sha1(secret.encode()).hexdigest())  # noqa: S324 - detect-secrets' hash


def _git(*args: str) -> str:
    return subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["git", *args],  # noqa: S607 - git from PATH, as CI has it
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        errors="replace",
    ).stdout


def tree() -> Iterator[tuple[str, str]]:
    for path in _git("ls-files", "-z").split("\0"):
        if not path or SKIPPED_FILES.search(path):
            continue
        try:
            yield path, (ROOT / path).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (images, fonts) and submodules


def history() -> Iterator[tuple[str, str]]:
    """The lines each commit added, by commit and file (what `git log -p` shows with a +)."""
    log = _git("log", "HEAD", "-p", "-U0", "--no-color", "--no-renames", "--format=commit %H")
    commit, path = "", ""
    added: list[str] = []
    for line in log.splitlines():
        if line.startswith("commit ") and len(line) == 47:
            if added:
                yield f"{commit[:12]} {path}", "\n".join(added)
            commit, path, added = line[7:], "", []
        elif line.startswith("+++ "):
            if added:
                yield f"{commit[:12]} {path}", "\n".join(added)
            path, added = line[6:] if line.startswith("+++ b/") else line[4:], []
        elif line.startswith("+") and not SKIPPED_FILES.search(path):
            added.append(line[1:])
    if added:
        yield f"{commit[:12]} {path}", "\n".join(added)


def allowed() -> dict[str, str]:
    entries = tomllib.loads(ALLOWED.read_text(encoding="utf-8")).get("allowed", [])
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise SystemExit(f"{ALLOWED.name}: {entry.get('hash')} has no reason")
    return {str(entry["hash"]): str(entry["reason"]) for entry in entries}


def scan(texts: Iterable[tuple[str, str]]) -> list[Finding]:
    rules = patterns()
    return [finding for where, text in texts for finding in scan_text(where, text, rules)]


def main() -> int:
    known = allowed()
    findings = [f for f in scan([*tree(), *history()]) if f.hashed not in known]
    for finding in sorted(set(findings), key=lambda f: (f.where, f.line)):
        print(f"{finding.where}:{finding.line}: {finding.kind} (sha1 {finding.hashed})")
    if findings:
        print(
            f"{len(findings)} possible secret(s). Remove and rotate a real one; list a harmless "
            f"one in {ALLOWED.relative_to(ROOT)} with its hash and the reason."
        )
        return 1
    print("No secrets found in the tree or the history.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
