"""The harf service: a new ALIF24 service."""

from fastapi import FastAPI

from alif.app import create_app
from harf.config import HarfSettings
from harf.items.router import router as items_router


def create_harf_app(settings: HarfSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 harf",
        description="a new ALIF24 service",
        routers=[items_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory harf.app:build_app`."""
    return create_harf_app(HarfSettings())
