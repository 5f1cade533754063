"""A story read aloud: saving it asks for the job, the job says each page with the shared voice
(espeak-ng here) once, the pages then have links to their sound; a learner without the plan gets
neither the lesson nor its sound."""

import shutil
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.jobs import Job, Worker
from alif.testing import LoginAs
from lessions.jobs import jobs
from lessions.media.models import Upload
from lessions.testing import API, build_course, lesson

pytestmark = pytest.mark.skipif(not shutil.which("espeak-ng"), reason="needs espeak-ng")


async def run_jobs(app: FastAPI) -> int:
    worker = Worker(
        jobs, app.state.settings, app.state.db, clock=lambda: utcnow() + timedelta(seconds=1)
    )
    ran = 0
    while await worker.tick():
        ran += 1
    return ran


def story(*texts: str) -> dict[str, Any]:
    return {
        "type": "story",
        "title": "Quyoncha",
        "pages": [{"text": text, "picture": "🐰"} for text in texts],
    }


async def test_a_saved_story_is_read_aloud_once_by_a_job(
    login_as: LoginAs, started_app: FastAPI, db_session: AsyncSession, client: AsyncClient
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    pages = ("Quyoncha bogʻga bordi.", "U sabzi topdi.")
    course = await build_course(teacher, lesson(blocks=[story(*pages)]))
    lesson_id = course["lessons"][0]["id"]
    before = (await student.get(f"{API}/lessons/{lesson_id}")).json()
    assert [p["audio_url"] for p in before["lesson"]["blocks"][0]["pages"]] == [None, None]

    assert await run_jobs(started_app) >= 1
    shown = (await student.get(f"{API}/lessons/{lesson_id}")).json()["lesson"]["blocks"][0]
    links = [page["audio_url"] for page in shown["pages"]]
    assert all(link and link.startswith(f"{API}/media/lessions/speech/") for link in links)
    assert len(set(links)) == 2
    served = await client.get(links[0])
    assert served.headers["x-accel-redirect"].startswith("/_media/lessions/speech/")
    assert served.headers["x-accel-redirect"].endswith(".mp3")  # compressed, as harf's letters

    # The same text again (a published edit: a new version) is said from the cache.
    await teacher.put(f"{API}/lessons/{lesson_id}", json=lesson(blocks=[story(pages[0])]))
    await run_jobs(started_app)
    spoken = select(func.count(func.distinct(Upload.key))).where(
        Upload.lesson_id == uuid.UUID(lesson_id)
    )
    assert await db_session.scalar(spoken) == 2
    assert (
        await db_session.scalar(
            select(func.count()).select_from(Job).where(Job.name == "lessions.read_aloud")
        )
        or 0
    ) >= 2


async def test_a_learner_without_the_plan_gets_no_sound_of_a_paid_story(
    login_as: LoginAs, started_app: FastAPI
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(
        teacher,
        lesson("Ochiq", free_preview=True),
        lesson("Pullik", blocks=[story("Bir kuni tulki keldi.")]),
        access="premium",
    )
    await run_jobs(started_app)
    paid = course["lessons"][1]["id"]
    author_view = (await teacher.get(f"{API}/lessons/{paid}")).json()
    assert author_view["lesson"]["blocks"][0]["pages"][0]["audio_url"]
    refused = await student.get(f"{API}/lessons/{paid}")
    assert refused.status_code == 403
    assert "media/" not in refused.text
    listed = await student.get(f"{API}/uploads/lessons/{paid}")
    assert listed.status_code == 403 and "media/" not in listed.text
