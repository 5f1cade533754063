"""A plan may only sell what is built: the live features are exactly those a service gates."""

import re
from pathlib import Path

from alif.subscriptions import LIVE_FEATURES, Feature

ROOT = Path(__file__).resolve().parents[2]
GATE = re.compile(r"require_feature\(Feature\.(\w+)\)")


def test_the_live_features_are_the_ones_services_gate() -> None:
    gated = {
        Feature[name]
        for path in (ROOT / "services").glob("*/*/**/*.py")
        if "tests" not in path.parts
        for name in GATE.findall(path.read_text())
    }
    assert gated == LIVE_FEATURES
