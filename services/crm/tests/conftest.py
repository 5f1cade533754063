from typing import Any

import pytest
from fastapi import FastAPI

from crm.app import create_crm_app
from crm.config import CrmSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_crm_app(CrmSettings(**settings_values))
