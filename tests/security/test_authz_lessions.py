"""lessions: every operation × every role answers as its table says (issue 21 §1)."""

import io
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import TestKeys, authorization_mismatches, make_authz_world
from lessions.app import create_lessions_app
from lessions.config import LessionsSettings
from lessions.testing import API, build_course, key, lesson

# operationId → the answer for each role (alif.testing.parse_expectation). A course is its
# author's to change (staff included: they read courses, they do not write them); a published
# course is open to every signed-in account, its progress is the learner's, a group's table its
# teacher's and their school's. Certificates are verified by anyone with the code; a media link
# carries its own signature.
EXPECTED: dict[str, str] = {
    "courses-list_courses": "anonymous:401 *:ok",
    "courses-read_course": "anonymous:401 *:ok",
    "courses-create_course": "anonymous:401 student,other_child,parent,other_parent:403 *:ok",
    "courses-list_authored_courses": (
        "anonymous:401 student,other_child,parent,other_parent:403 *:ok"
    ),
    **dict.fromkeys(
        (
            "courses-update_course",
            "courses-publish_course",
            "courses-archive_course",
            "courses-add_module",
            "courses-reorder_course",
            "courses-create_lesson",
            "courses-update_lesson",
            "courses-publish_lesson",
            "courses-lesson_source",
            "media-upload_file",
            "media-list_uploads",
            "media-delete_upload",
            "media-upload_cover",
            "media-remove_cover",
        ),
        "anonymous:401 teacher:ok other_teacher,organization,moderator,admin:404 *:403",
    ),
    "media-media_file": "*:ok",
    "progress-read_lesson": "anonymous:401 *:ok",
    "progress-record_progress": "anonymous:401 student,other_child:ok *:403",
    "progress-answer_lesson": "anonymous:401 student,other_child:ok *:403",
    "progress-my_course_progress": "anonymous:401 *:ok",
    "progress-group_progress": (
        "anonymous:401 teacher,organization:ok other_teacher,moderator,admin:404 *:403"
    ),
    "progress-group_progress_csv": (
        "anonymous:401 teacher,organization:ok other_teacher,moderator,admin:404 *:403"
    ),
    "progress-child_progress": "anonymous:401 parent:ok other_parent:404 *:403",
    "certificates-my_certificate": "anonymous:401 student:ok *:404",
    "certificates-my_badges": "anonymous:401 *:ok",
    "certificates-verify_certificate": "*:ok",
    "certificates-certificate_pdf": "*:ok",
}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (250, 180, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_lessions_app(LessionsSettings(**settings_values))


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    teacher, student = world.actors["teacher"], world.actors["student"]
    course = await build_course(teacher, lesson("Bir"), title="Ertaklar")
    lesson_id = course["lessons"][0]["id"]
    done = {"idempotency_key": key(), "position": 0, "seconds": 30}
    assert (await student.post(f"{API}/lessons/{lesson_id}/progress", json=done)).status_code == 200
    certificate = (await student.get(f"{API}/courses/{course['id']}/certificate")).json()
    upload = await teacher.post(
        f"{API}/uploads/lessons/{lesson_id}",
        data={"kind": "image"},
        files={"file": ("rasm.png", _png(), "application/octet-stream")},
    )
    link = urlsplit(upload.json()["url"])
    world.ids |= {
        "course_id": course["id"],
        "lesson_id": lesson_id,
        "code": certificate["code"],
        "key": link.path.removeprefix(f"{API}/media/"),
        "upload_id": upload.json()["id"],
    }
    requests = {
        "media-upload_file": {
            "data": {"kind": "image"},
            "files": {"file": ("rasm.png", _png(), "application/octet-stream")},
        },
        "media-media_file": {"params": dict(pair.split("=", 1) for pair in link.query.split("&"))},
        "courses-update_course": {"json": {"title": "Ertaklar 2"}},
        "courses-update_lesson": {"json": lesson("Bir bir")},
        "progress-record_progress": {"json": done},
        "courses-create_lesson": {"json": lesson("Ikki", module_id=course["modules"][0]["id"])},
    }
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
