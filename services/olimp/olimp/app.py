"""The olimp service: olympiads with registration, a paper on the server's clock and a board."""

from fastapi import FastAPI

from alif.app import create_app
from olimp.config import OlimpSettings
from olimp.olympiads.router import router as olympiads_router
from olimp.papers.live import router as live_router
from olimp.papers.router import router as papers_router
from olimp.results.router import certificates_router
from olimp.results.router import router as results_router


def create_olimp_app(settings: OlimpSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 olimp",
        description="Olympiads: registration, a paper on the server's clock, a leaderboard, "
        "results, appeals and certificates",
        routers=[olympiads_router, papers_router, results_router],
        # The live board signs its watchers in with their first message (papers/live.py); a
        # certificate's code is its own proof (decision 51).
        public_routers=[live_router, certificates_router(settings)],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory olimp.app:build_app`."""
    return create_olimp_app(OlimpSettings())
