"""The $name service: $description."""

from fastapi import FastAPI

from alif.app import create_app
from $package.config import ${Name}Settings
from $package.items.router import router as items_router


def create_${name}_app(settings: ${Name}Settings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 $name",
        description="$description",
        routers=[items_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory $package.app:build_app`."""
    return create_${name}_app(${Name}Settings())
