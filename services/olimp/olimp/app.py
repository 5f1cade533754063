"""The olimp service: a new ALIF24 service."""

from fastapi import FastAPI

from alif.app import create_app
from olimp.config import OlimpSettings
from olimp.items.router import router as items_router


def create_olimp_app(settings: OlimpSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 olimp",
        description="a new ALIF24 service",
        routers=[items_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory olimp.app:build_app`."""
    return create_olimp_app(OlimpSettings())
