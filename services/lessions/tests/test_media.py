"""Uploads: type read from the bytes, a size limit per kind, picture copies, links signed for a
while and served by the gateway (the data folder) or straight from an S3-compatible bucket
(moto's server, started here); who may upload, and who may get the links."""

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.media import SIZE_LIMITS, MediaKind
from alif.testing import Actor, LoginAs
from lessions.config import LessionsSettings
from lessions.testing import API, build_course, lesson, text
from tests.media_files import HTML, PDF, S3_TEST_BUCKET, png, wav

BUCKET = S3_TEST_BUCKET


async def _upload(
    author: Actor, lesson_id: str, kind: str, content: bytes, name: str = "rasm.png"
) -> httpx.Response:
    return await author.post(
        f"{API}/uploads/lessons/{lesson_id}",
        data={"kind": kind},
        files={"file": (name, content, "application/octet-stream")},
    )


async def _draft(teacher: Actor) -> tuple[dict[str, Any], str]:
    course = await build_course(teacher, lesson(), publish=False)
    return course, course["lessons"][0]["id"]


async def test_a_picture_is_kept_with_smaller_copies_and_served_by_the_gateway(
    login_as: LoginAs, settings_values: dict[str, Any], client: httpx.AsyncClient
) -> None:
    teacher = await login_as(Role.teacher)
    _course, lesson_id = await _draft(teacher)
    made = await _upload(teacher, lesson_id, "image", png())
    assert made.status_code == 201, made.text
    upload = made.json()
    assert (upload["kind"], upload["media_type"]) == ("image", "image/png")
    assert [v["width"] for v in upload["variants"]] == [480, 960]

    link = urlsplit(upload["url"])
    assert link.path.startswith(f"{API}/media/lessions/")
    key = link.path.removeprefix(f"{API}/media/")
    assert (Path(settings_values["data_dir"]) / "media" / key).read_bytes() == png()

    served = await client.get(upload["url"])  # no token: the signed link is the permission
    assert served.status_code == 200
    assert served.headers["x-accel-redirect"] == f"/_media/{key}"
    assert served.content == b""  # the gateway sends the bytes, not Python

    query = parse_qs(link.query)
    forged = f"{link.path}?expires={query['expires'][0]}&signature={'0' * 64}"
    assert (await client.get(forged)).json()["error"]["code"] == "media_link_invalid"
    # A signature in any script is a forgery like another, not a server error (schemathesis).
    odd = f"{link.path}?expires={query['expires'][0]}&signature=%F0%9D%95%8B%C3%B4"
    assert (await client.get(odd)).json()["error"]["code"] == "media_link_invalid"
    other = f"{API}/media/lessions/other.png?{link.query}"
    assert (await client.get(other)).status_code == 404


@pytest.mark.parametrize(
    ("kind", "content", "name"),
    [
        ("image", HTML, "rasm.png"),  # a web page called a picture
        ("image", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "rasm.png"),  # only starts like a PNG
        ("audio", png(40, 40), "ovoz.mp3"),  # a picture sent as a sound
        ("video", PDF, "video.mp4"),
        ("file", HTML, "sheet.pdf"),  # a download is never a page a browser would run
    ],
)
async def test_a_file_of_another_type_is_refused_whatever_its_name(
    login_as: LoginAs, kind: str, content: bytes, name: str
) -> None:
    teacher = await login_as(Role.teacher)
    _course, lesson_id = await _draft(teacher)
    refused = await _upload(teacher, lesson_id, kind, content, name)
    assert refused.status_code == 415, refused.text
    assert refused.json()["error"]["code"] == "file_type_not_allowed"


async def test_each_kind_has_its_size_limit(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    _course, lesson_id = await _draft(teacher)
    too_big = png(40, 40) + b"\0" * SIZE_LIMITS[MediaKind.image]
    refused = await _upload(teacher, lesson_id, "image", too_big)
    assert refused.status_code == 413
    assert refused.json()["error"]["details"]["limit_bytes"] == SIZE_LIMITS[MediaKind.image]
    empty = await _upload(teacher, lesson_id, "file", b"", "bo'sh.pdf")
    assert empty.json()["error"]["code"] == "file_empty"
    # The same bytes fit as a download (a larger limit) and keep the name the author gave.
    sheet = await _upload(teacher, lesson_id, "file", PDF, "Ish varagʻi.doc")
    assert sheet.status_code == 201
    assert (sheet.json()["kind"], sheet.json()["name"]) == ("file", "Ish varagʻi.pdf")
    assert "name=" in sheet.json()["url"]  # downloaded under that name


async def test_only_the_author_uploads_and_blocks_name_only_their_lessons_files(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    other_teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    _course, lesson_id = await _draft(teacher)
    assert (await _upload(student, lesson_id, "image", png(40, 40))).status_code == 403
    assert (await _upload(other_teacher, lesson_id, "image", png(40, 40))).status_code == 404
    assert (await other_teacher.get(f"{API}/uploads/lessons/{lesson_id}")).status_code == 404

    picture = (await _upload(teacher, lesson_id, "image", png(40, 40))).json()
    sound = (await _upload(teacher, lesson_id, "audio", wav())).json()
    _elsewhere, elsewhere_lesson = await _draft(other_teacher)
    theirs = (await _upload(other_teacher, elsewhere_lesson, "image", png(40, 40))).json()

    def edit(*blocks: dict[str, Any]) -> dict[str, Any]:
        return lesson(blocks=list(blocks))

    stolen = await teacher.put(
        f"{API}/lessons/{lesson_id}", json=edit({"type": "image", "upload_id": theirs["id"]})
    )
    assert stolen.json()["error"]["code"] == "upload_not_found"
    wrong = await teacher.put(
        f"{API}/lessons/{lesson_id}", json=edit({"type": "image", "upload_id": sound["id"]})
    )
    assert wrong.json()["error"]["code"] == "upload_kind_mismatch"
    saved = await teacher.put(
        f"{API}/lessons/{lesson_id}",
        json=edit(
            text(),
            {"type": "image", "upload_id": picture["id"], "caption": "Olma"},
            {"type": "audio", "upload_id": sound["id"]},
            {"type": "file", "upload_id": picture["id"], "name": "Rasm"},
        ),
    )
    assert saved.status_code == 200, saved.text
    blocks = saved.json()["blocks"]
    assert blocks[1]["url"].startswith(f"{API}/media/") and blocks[1]["caption"] == "Olma"
    assert blocks[2]["url"].startswith(f"{API}/media/")


async def test_a_free_learner_gets_no_link_to_a_paid_lessons_files(
    login_as: LoginAs, client: httpx.AsyncClient
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(
        teacher, lesson("Ochiq", free_preview=True), lesson("Pullik"), access="premium"
    )
    paid = course["lessons"][1]["id"]
    sound = (await _upload(teacher, paid, "audio", wav())).json()
    edited = await teacher.put(
        f"{API}/lessons/{paid}",
        json=lesson("Pullik", blocks=[{"type": "audio", "upload_id": sound["id"]}]),
    )
    assert edited.status_code == 200

    for refused in (
        await student.get(f"{API}/lessons/{paid}"),
        await student.get(f"{API}/uploads/lessons/{paid}"),
        await _upload(student, paid, "audio", wav()),
    ):
        assert refused.status_code in {403, 404}
        assert "media/" not in refused.text  # no link leaks in any answer
    assert (await student.get(f"{API}/lessons/{paid}")).json()["error"]["code"] == (
        "lesson_not_available"
    )
    # The link the author got does not open a different file, and an old one has run out.
    link = urlsplit(sound["url"])
    query = parse_qs(link.query)
    expired = f"{link.path}?expires=1&signature={query['signature'][0]}"
    assert (await client.get(expired)).status_code == 404


async def test_with_a_bucket_files_go_to_it_and_links_are_presigned_urls(
    login_as: LoginAs,
    s3_endpoint: str,
    change_settings: Callable[..., LessionsSettings],
    db_session: AsyncSession,
) -> None:
    change_settings(
        s3_bucket=BUCKET,
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )
    teacher = await login_as(Role.teacher)
    _course, lesson_id = await _draft(teacher)
    made = await _upload(teacher, lesson_id, "image", png())
    assert made.status_code == 201, made.text
    upload = made.json()
    assert upload["url"].startswith(f"{s3_endpoint}/{BUCKET}/lessions/")
    assert "X-Amz-Signature=" in upload["url"]
    async with httpx.AsyncClient() as browser:
        fetched = await browser.get(upload["url"])
        assert fetched.status_code == 200
        assert fetched.content == png()
        assert fetched.headers["content-type"] == "image/png"
        small = await browser.get(upload["variants"][0]["url"])
        assert small.status_code == 200 and small.content.startswith(b"RIFF")
    # A download from the bucket keeps its name.
    sheet = (await _upload(teacher, lesson_id, "file", PDF, "Varaq.pdf")).json()
    async with httpx.AsyncClient() as browser:
        got = await browser.get(sheet["url"])
    assert got.content == PDF
    assert 'filename="Varaq.pdf"' in got.headers["content-disposition"]
