"""The disk fills up while an author uploads: a clear 507 `storage_full`, no upload row, and no
file left behind (no half-copied file, no original without its row)."""

import errno
import shutil
from pathlib import Path
from typing import Any

import pytest
from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError, EndpointConnectionError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import storage
from alif.auth import Role
from alif.errors import AppError
from alif.testing import LoginAs
from lessions.media.models import Upload
from lessions.testing import API, build_course, lesson
from tests.media_files import png

pytestmark = pytest.mark.postgres


def disk_full_after(copies: int) -> Any:
    """`shutil.copyfile` as on a disk with room for `copies` files: the next one is cut off
    halfway and fails with ENOSPC, as a real full disk does."""
    done = 0
    copyfile = shutil.copyfile

    def copy(source: Path, target: Path) -> Path:
        nonlocal done
        if done < copies:
            done += 1
            return Path(copyfile(source, target))
        data = Path(source).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    return copy


@pytest.mark.parametrize(
    "room_for", [0, 1], ids=["the picture itself", "its smaller copy after the picture"]
)
async def test_a_full_disk_refuses_the_upload_and_keeps_nothing_of_it(
    login_as: LoginAs,
    db_session: AsyncSession,
    settings_values: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    room_for: int,
) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(), publish=False)
    lesson_id = course["lessons"][0]["id"]
    media = Path(settings_values["data_dir"]) / "media" / "lessions" / course["id"]

    monkeypatch.setattr(storage.shutil, "copyfile", disk_full_after(room_for))
    refused = await teacher.post(
        f"{API}/uploads/lessons/{lesson_id}",
        data={"kind": "image"},
        files={"file": ("rasm.png", png(), "application/octet-stream")},
    )
    assert refused.status_code == 507, refused.text
    assert refused.json()["error"]["code"] == "storage_full"
    assert "No space left" not in refused.text
    kept = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert kept == []
    assert await db_session.scalar(select(func.count()).select_from(Upload)) == 0

    monkeypatch.undo()  # room again: the same upload goes through
    made = await teacher.post(
        f"{API}/uploads/lessons/{lesson_id}",
        data={"kind": "image"},
        files={"file": ("rasm.png", png(), "application/octet-stream")},
    )
    assert made.status_code == 201, made.text


class _FullBucket:
    """boto3's client as a full (or away) S3-compatible server makes it fail."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def upload_file(self, *_: object, **__: object) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (
            S3UploadFailedError(
                "Failed to upload: An error occurred (XMinioStorageFull) when calling the "
                "PutObject operation: Storage backend has reached its minimum free drive threshold."
            ),
            "storage_full",
        ),
        (
            ClientError({"Error": {"Code": "SlowDown", "Message": "busy"}}, "PutObject"),
            "storage_unavailable",
        ),
        (EndpointConnectionError(endpoint_url="http://minio:9000"), "storage_unavailable"),
    ],
)
async def test_a_full_or_unreachable_bucket_is_a_clear_answer(
    error: Exception, code: str, tmp_path: Path
) -> None:
    source = tmp_path / "rasm.png"
    source.write_bytes(png())
    bucket = storage.BucketStorage(bucket="alif-media", client=_FullBucket(error), signer=None)
    with pytest.raises(AppError) as raised:
        await bucket.save("lessions/x/rasm.png", source, "image/png")
    assert raised.value.code == code
    assert raised.value.status_code == (507 if code == "storage_full" else 503)
