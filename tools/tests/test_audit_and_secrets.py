"""The dependency audit and the secret scan fail on what they find, and say so plainly when the
advisory service cannot answer, without hiding a vulnerability it did report."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from alif.keys import private_key_to_pem
from tools import audit, secrets_scan

ROOT = Path(__file__).resolve().parents[2]


def _pip_report(*dependencies: dict[str, object]) -> dict[str, object]:
    return {"dependencies": list(dependencies), "fixes": []}


VULNERABLE = {
    "name": "jinja2",
    "version": "2.10",
    "vulns": [{"id": "PYSEC-2019-217", "aliases": ["GHSA-462w-v97r-4m45"], "description": "x"}],
}
SKIPPED = {"name": "alembic", "version": "1.20.1", "skip_reason": "Dependency not found on PyPI"}


def test_a_python_vulnerability_fails_unless_accepted_with_a_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = audit.read_pip_audit(_pip_report(VULNERABLE, {"name": "idna", "version": "3.10"}))
    assert audit.verdict(report, {}, "python") == 1
    assert "NEW PYSEC-2019-217 / GHSA-462w-v97r-4m45 in jinja2" in capsys.readouterr().out
    # Accepted under any of its names.
    assert audit.verdict(report, {"GHSA-462w-v97r-4m45": "not reachable"}, "python") == 0


def test_an_unreachable_service_is_said_plainly_but_never_hides_a_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    nothing_checked = audit.read_pip_audit(_pip_report(SKIPPED, SKIPPED))
    assert audit.verdict(nothing_checked, {}, "python") == 0
    assert "advisory service unreachable" in capsys.readouterr().out

    partly = audit.read_pip_audit(_pip_report(SKIPPED, VULNERABLE))
    assert audit.verdict(partly, {}, "python") == 1


def test_npm_audit_findings_and_outages() -> None:
    outage = audit.read_npm_audit({"message": "405 Method Not Allowed - POST .../bulk"})
    assert outage.unreachable.startswith("advisory service unreachable")
    assert audit.verdict(outage, {}, "npm") == 0

    found = audit.read_npm_audit(
        {
            "vulnerabilities": {
                "lodash": {
                    "range": "<4.17.21",
                    "via": [
                        {
                            "source": 1106913,
                            "url": "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
                            "severity": "high",
                            "title": "Command Injection in lodash",
                            "range": "<4.17.21",
                        }
                    ],
                },
                "app": {"via": ["lodash"]},  # only through lodash: the same advisory
            },
            "metadata": {"dependencies": {"total": 400}},
        }
    )
    assert [(v.id, v.package) for v in found.vulnerabilities] == [("GHSA-35jh-r3h4-6jhm", "lodash")]
    assert audit.verdict(found, {}, "npm") == 1
    assert audit.verdict(found, {"GHSA-35jh-r3h4-6jhm": "dev only"}, "npm") == 0


def test_every_accepted_entry_has_a_reason() -> None:
    for ecosystem in ("python", "npm"):
        audit.accepted(ecosystem)  # raises on an entry without a reason
    assert all(reason.strip() for reason in secrets_scan.allowed().values())


def test_the_secret_scan_finds_the_kinds_of_keys_this_platform_holds() -> None:
    rules = secrets_scan.patterns()
    token_key = private_key_to_pem(Ed25519PrivateKey.generate())  # like JWT_PRIVATE_KEY
    bot = "TELEGRAM_BOT_TOKEN=" + "123456789:" + "AAE" + "x" * 32  # like the bot's token
    text = f"ok = 1\n{bot}\nJWT_PRIVATE_KEY='{token_key}'\n"
    kinds = {(f.kind, f.line) for f in secrets_scan.scan_text("leak.env", text, rules)}
    assert ("Telegram Bot Token", 2) in kinds
    assert ("Private Key", 3) in kinds
    assert list(secrets_scan.scan_text("clean.py", "password = settings.payme_key\n", rules)) == []
