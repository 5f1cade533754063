"""The gateway's security headers, read from the local and the production renderings (issue 21
§5, ASVS 3.4): a Content-Security-Policy whose scripts are the apps' own files only (inline
scripts only on the API docs and the server-rendered admin pages), frames refused, a strict
Referrer-Policy, a Permissions-Policy, HSTS for a year in production, and no service able to
send its own. The live gateways check the same headers on real answers (test_local_gateway.py,
test_production_gateway.py)."""

import re
from pathlib import Path

import pytest

from tests.gateway.test_render import SERVICES, local, production

GATEWAY_OWNED = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
)
STRICT_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def _files(target: str, tmp_path: Path) -> dict[str, str]:
    return local(tmp_path) if target == "local" else production()


def headers_of(files: dict[str, str]) -> dict[str, str]:
    """Each header alif/security-headers.conf adds, with its value (the CSP is a variable)."""
    found = re.findall(
        r'^add_header ([A-Za-z-]+) "([^"]*)" always;$',
        files["alif/security-headers.conf"],
        flags=re.MULTILINE,
    )
    return dict(found)


def policies_of(files: dict[str, str]) -> dict[str, str]:
    """The CSP map: `default` (every app page and API answer) and each path pattern's policy."""
    block = files["nginx.conf"].split("map $uri $alif_csp {", 1)[1].split("}", 1)[0]
    return dict(re.findall(r'^\s*"?([^"\s]+)"? "([^"]*)";$', block, flags=re.MULTILINE))


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0] not in parsed, f"{words[0]} twice in {policy}"
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize("target", ["local", "production"])
def test_the_apps_csp_runs_only_their_own_scripts_and_refuses_frames(
    target: str, tmp_path: Path
) -> None:
    files = _files(target, tmp_path)
    assert headers_of(files)["Content-Security-Policy"] == "$alif_csp"
    app = directives(policies_of(files)["default"])
    assert app["default-src"] == ["'self'"]
    assert app["script-src"] == ["'self'"]  # no 'unsafe-inline', 'unsafe-eval', data: or hosts
    assert app["object-src"] == ["'none'"]
    assert app["frame-ancestors"] == ["'none'"]
    assert app["base-uri"] in (["'self'"], ["'none'"])
    assert app["form-action"] == ["'self'"]
    assert app["connect-src"] == ["'self'"]  # the APIs are same-origin: no CORS anywhere
    assert ("upgrade-insecure-requests" in app) is (target == "production")


@pytest.mark.parametrize("target", ["local", "production"])
def test_inline_scripts_are_allowed_only_on_the_api_docs_and_the_admin_pages(
    target: str, tmp_path: Path
) -> None:
    policies = policies_of(_files(target, tmp_path))
    admin_paths = {
        service.api_prefix + path for service in SERVICES for path in service.gateway.admin_ui
    }
    assert admin_paths, "main's admin pages are declared in its pyproject"
    relaxed = {pattern for pattern in policies if pattern != "default"}
    assert relaxed == {"~^/api/[a-z0-9]+/docs(/|$)"} | {
        f"~^{re.escape(path)}(/|$)" for path in admin_paths
    }
    for pattern in relaxed:
        policy = directives(policies[pattern])
        assert "'unsafe-eval'" not in policy["script-src"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("target", ["local", "production"])
def test_frames_sniffing_referrers_and_device_features_are_refused(
    target: str, tmp_path: Path
) -> None:
    headers = headers_of(_files(target, tmp_path))
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in STRICT_REFERRERS
    features = dict(item.strip().split("=", 1) for item in headers["Permissions-Policy"].split(","))
    for feature in ("camera", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert features["microphone"] == "(self)"  # reading aloud records the child, on our pages


def test_hsts_is_sent_for_a_year_with_subdomains_in_production_only(tmp_path: Path) -> None:
    hsts = headers_of(production())["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))  # type: ignore[union-attr]
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    assert "Strict-Transport-Security" not in headers_of(local(tmp_path))


@pytest.mark.parametrize("target", ["local", "production"])
def test_no_service_can_send_its_own_security_headers(target: str, tmp_path: Path) -> None:
    proxy = _files(target, tmp_path)["alif/proxy.conf"]
    for header in GATEWAY_OWNED:
        assert f"proxy_hide_header {header};" in proxy, header
