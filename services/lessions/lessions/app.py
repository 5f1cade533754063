"""The lessions service: courses and lessons, learners' progress and completion rewards."""

from fastapi import FastAPI

from alif.app import create_app
from alif.certificates import verification_router
from lessions.certificates.models import CourseCertificate
from lessions.certificates.router import router as certificates_router
from lessions.config import LessionsSettings
from lessions.courses.router import router as courses_router
from lessions.media.router import public_router as media_public_router
from lessions.media.router import router as media_router
from lessions.progress.router import router as progress_router


def create_lessions_app(settings: LessionsSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 lessions",
        description="Courses and lessons: blocks, uploads, stories read aloud, quizzes, progress, "
        "rewards",
        routers=[courses_router, progress_router, media_router, certificates_router],
        public_routers=[
            media_public_router,
            verification_router(CourseCertificate, settings.lessions_public_url),
        ],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory lessions.app:build_app`."""
    return create_lessions_app(LessionsSettings())
