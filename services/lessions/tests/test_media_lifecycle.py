"""Files leave with their rows: an author deletes an upload the lesson no longer shows (its files
go by a job, a spoken page's shared file stays while another lesson says it), the nightly job
collects files no row names (in the data folder and in an S3-compatible bucket), and a course's
cover is an uploaded picture with smaller copies."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.jobs import Worker
from alif.testing import Actor, LoginAs
from lessions.config import LessionsSettings
from lessions.jobs import jobs
from lessions.media import service as media
from lessions.testing import API, build_course, lesson, text
from tests.media_files import PDF, S3_TEST_BUCKET, png

BUCKET = S3_TEST_BUCKET


async def run_jobs(app: FastAPI) -> None:
    worker = Worker(
        jobs, app.state.settings, app.state.db, clock=lambda: utcnow() + timedelta(seconds=1)
    )
    while await worker.tick():
        pass


async def _upload(author: Actor, lesson_id: str, kind: str, content: bytes) -> dict[str, Any]:
    made = await author.post(
        f"{API}/uploads/lessons/{lesson_id}",
        data={"kind": kind},
        files={"file": ("rasm.png", content, "application/octet-stream")},
    )
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


def _key(link: str) -> str:
    return urlsplit(link).path.removeprefix(f"{API}/media/")


async def test_an_upload_the_lesson_still_shows_is_kept_and_one_taken_out_is_deleted(
    login_as: LoginAs, started_app: FastAPI, settings_values: dict[str, Any]
) -> None:
    teacher = await login_as(Role.teacher)
    other_teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(), publish=False)
    lesson_id = course["lessons"][0]["id"]
    picture = await _upload(teacher, lesson_id, "image", png())
    media_folder = Path(settings_values["data_dir"]) / "media"
    files = [media_folder / _key(picture["url"])]
    files += [media_folder / _key(v["url"]) for v in picture["variants"]]
    assert len(files) == 3 and all(f.is_file() for f in files)

    shown = lesson(blocks=[text(), {"type": "image", "upload_id": picture["id"]}])
    assert (await teacher.put(f"{API}/lessons/{lesson_id}", json=shown)).status_code == 200
    in_use = await teacher.delete(f"{API}/uploads/{picture['id']}")
    assert in_use.status_code == 409
    assert in_use.json()["error"]["code"] == "upload_in_use"
    # Another author's file looks like one that does not exist.
    theirs = await other_teacher.delete(f"{API}/uploads/{picture['id']}")
    assert theirs.json()["error"]["code"] == "file_not_found"

    assert (await teacher.put(f"{API}/lessons/{lesson_id}", json=lesson())).status_code == 200
    assert (await teacher.delete(f"{API}/uploads/{picture['id']}")).status_code == 204
    listed = (await teacher.get(f"{API}/uploads/lessons/{lesson_id}")).json()
    assert picture["id"] not in [u["id"] for u in listed]
    await run_jobs(started_app)
    assert not any(f.exists() for f in files)
    assert (await teacher.delete(f"{API}/uploads/{picture['id']}")).status_code == 404


async def test_deleting_files_spares_a_file_another_row_still_names(
    login_as: LoginAs, started_app: FastAPI, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(), publish=False)
    sheet = await _upload(teacher, course["lessons"][0]["id"], "file", PDF)
    storage = media.storage_for(started_app.state.settings)
    key = _key(sheet["url"])
    # As a spoken page's file is shared: the job of another deleted row must leave it.
    assert await media.delete_files(db_session, storage, [key]) == []
    assert await storage.exists(key)


async def test_files_no_row_names_are_collected_once_old_enough(
    login_as: LoginAs, started_app: FastAPI, db_session: AsyncSession, tmp_path: Path
) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(), publish=False)
    kept = await _upload(teacher, course["lessons"][0]["id"], "image", png(40, 40))
    storage = media.storage_for(started_app.state.settings)
    stray = tmp_path / "stray.png"
    stray.write_bytes(png(40, 40))
    orphan = f"lessions/{course['id']}/never-committed.png"
    await storage.save(orphan, stray, "image/png")

    # An upload in flight has its file before its row: a young file is left alone.
    assert orphan not in await media.collect_files(db_session, storage, utcnow())
    assert await storage.exists(orphan)
    collected = await media.collect_files(db_session, storage, utcnow() + timedelta(days=2))
    assert orphan in collected
    assert not await storage.exists(orphan)
    assert await storage.exists(_key(kept["url"]))


async def test_a_course_cover_is_an_uploaded_picture_with_copies(
    login_as: LoginAs,
    started_app: FastAPI,
    db_session: AsyncSession,
    client: httpx.AsyncClient,
) -> None:
    teacher = await login_as(Role.teacher)
    other_teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(teacher, lesson())
    cover_route = f"{API}/uploads/courses/{course['id']}/cover"

    def picture(content: bytes) -> dict[str, Any]:
        return {"file": ("muqova.png", content, "application/octet-stream")}

    assert (await other_teacher.put(cover_route, files=picture(png()))).status_code == 404
    assert (await student.put(cover_route, files=picture(png()))).status_code == 403
    refused = await teacher.put(cover_route, files=picture(PDF))
    assert refused.status_code == 415

    made = await teacher.put(cover_route, files=picture(png()))
    assert made.status_code == 200, made.text
    cover = made.json()["cover"]
    assert [v["width"] for v in cover["variants"]] == [480, 960]
    assert made.json()["cover_url"] is None
    # A learner who sees the course sees its cover, by a signed link the gateway serves.
    listed = (await student.get(f"{API}/courses")).json()["items"]
    seen = next(c for c in listed if c["id"] == course["id"])
    assert seen["cover"]["url"].startswith(f"{API}/media/lessions/")
    assert (await client.get(seen["cover"]["url"])).headers["x-accel-redirect"]

    # A new cover replaces the old one, whose files no row names any more.
    first_key = _key(cover["url"])
    second = (await teacher.put(cover_route, files=picture(png(600, 400)))).json()["cover"]
    assert _key(second["url"]) != first_key
    storage = media.storage_for(started_app.state.settings)
    collected = await media.collect_files(db_session, storage, utcnow() + timedelta(days=2))
    assert first_key in collected and _key(second["url"]) not in collected

    # An address set in the course form replaces the uploaded picture; removing clears both.
    fields = {"title": course["title"], "cover_url": "https://example.org/muqova.png"}
    edited = (await teacher.put(f"{API}/courses/{course['id']}", json=fields)).json()
    assert edited["cover"] == {"url": "https://example.org/muqova.png", "variants": []}
    removed = (await teacher.delete(cover_route)).json()
    assert (removed["cover"], removed["cover_url"]) == (None, None)


async def test_with_a_bucket_stray_files_are_collected_there_too(
    login_as: LoginAs,
    s3_endpoint: str,
    change_settings: Callable[..., LessionsSettings],
    db_session: AsyncSession,
    tmp_path: Path,
) -> None:
    settings = change_settings(
        s3_bucket=BUCKET,
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson())
    cover = await teacher.put(
        f"{API}/uploads/courses/{course['id']}/cover",
        files={"file": ("muqova.png", png(), "application/octet-stream")},
    )
    assert cover.json()["cover"]["url"].startswith(f"{s3_endpoint}/{BUCKET}/lessions/")
    storage = media.storage_for(settings)
    stray = tmp_path / "stray.png"
    stray.write_bytes(png(40, 40))
    orphan = f"lessions/{course['id']}/never-committed.png"
    await storage.save(orphan, stray, "image/png")

    collected = await media.collect_files(db_session, storage, utcnow() + timedelta(days=2))
    assert orphan in collected
    assert not await storage.exists(orphan)
    cover_key = urlsplit(cover.json()["cover"]["url"]).path.removeprefix(f"/{BUCKET}/")
    assert cover_key not in collected and await storage.exists(cover_key)
