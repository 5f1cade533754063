"""The lessions service: a new ALIF24 service."""

from fastapi import FastAPI

from alif.app import create_app
from lessions.config import LessionsSettings
from lessions.items.router import router as items_router


def create_lessions_app(settings: LessionsSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 lessions",
        description="a new ALIF24 service",
        routers=[items_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory lessions.app:build_app`."""
    return create_lessions_app(LessionsSettings())
