"""The typed web client is generated from the committed OpenAPI documents: keep them current."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_documents_match_the_backend() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.export_openapi", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
