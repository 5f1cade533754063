"""Every service has its authorisation matrix (docs/security.md §1): here, or in its own tests
as `make new-service` writes it, so a ninth service cannot arrive without one."""

from pathlib import Path

from tools.catalog import discover

ROOT = Path(__file__).resolve().parents[2]


def test_every_service_has_an_authorisation_matrix() -> None:
    services = discover(ROOT)
    assert len(services) >= 7
    for service in services:
        here = Path(__file__).parent / f"test_authz_{service.name}.py"
        own = (ROOT / "services" / service.name / "tests").glob("test_*.py")
        assert here.exists() or any(
            "authorization_mismatches" in path.read_text() for path in own
        ), f"{service.name} has no authorisation matrix"
