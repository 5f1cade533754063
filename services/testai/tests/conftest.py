from typing import Any

import pytest
from fastapi import FastAPI

from testai.app import create_testai_app
from testai.config import TestaiSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_testai_app(TestaiSettings(**settings_values))
