"""The crm service: a new ALIF24 service."""

from fastapi import FastAPI

from alif.app import create_app
from crm.config import CrmSettings
from crm.items.router import router as items_router


def create_crm_app(settings: CrmSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 crm",
        description="a new ALIF24 service",
        routers=[items_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory crm.app:build_app`."""
    return create_crm_app(CrmSettings())
