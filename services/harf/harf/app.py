"""The harf service: the letters of Uzbek (Latin and Cyrillic), Russian and English."""

from fastapi import FastAPI

from alif.app import create_app
from harf.alphabets.router import router as alphabets_router
from harf.audio.router import router as audio_router
from harf.config import HarfSettings
from harf.exercises.router import router as exercises_router


def create_harf_app(settings: HarfSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 harf",
        description="The letters of Uzbek (Latin and Cyrillic), Russian and English: sound, "
        "exercises and mastery.",
        routers=[exercises_router],
        public_routers=[alphabets_router, audio_router],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory harf.app:build_app`."""
    return create_harf_app(HarfSettings())
