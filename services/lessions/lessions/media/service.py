"""Files of lessons: taken from an author, checked, kept by `alif.storage`, linked for learners.

A file is checked (kind, size, real type) in a temporary folder before it is kept; pictures get
their WebP copies there too. The bytes go to the storage before the row commits: a failed commit
leaves an unreferenced file behind, never a row without its file. Files go away after their row:
a deleted upload's files by a job enqueued in the same transaction (`lessions.delete_files`),
and whatever no row names (a failed commit, a replaced cover) by the nightly
`lessions.collect_files` (decision 61).
"""

import tempfile
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import anyio
import structlog
from fastapi import UploadFile
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment.exceptions import FileTooLarge
from alif.auth import TokenUser
from alif.jobs import enqueue
from alif.media import SIZE_LIMITS, MediaKind, MediaType, check, picture_variants
from alif.storage import Storage
from alif.storage import storage_for as shared_storage_for
from lessions.config import LessionsSettings
from lessions.courses.models import Course, Lesson, LessonVersion
from lessions.media.exceptions import (
    UploadInUse,
    UploadKindMismatch,
    UploadNotFound,
)
from lessions.media.models import Upload
from lessions.media.schemas import MediaLink, Variant

MEDIA_ROUTE = "/api/lessions/media/"
PREFIX = "lessions/"  # every key of this service starts here
DELETE_FILES_JOB = "lessions.delete_files"
# A file younger than this may belong to an upload whose row is not committed yet.
COLLECT_GRACE = timedelta(days=1)
_CHUNK = 1024 * 1024
logger = structlog.get_logger("lessions.media")


def storage_for(settings: LessionsSettings) -> Storage:
    """lessions' one storage (and its S3 clients) for these settings."""
    return shared_storage_for(settings, MEDIA_ROUTE)


def _stem(course_id: uuid.UUID, upload_id: uuid.UUID) -> str:
    return f"lessions/{course_id}/{upload_id}"


def variant_keys(key: str, widths: Iterable[int]) -> list[str]:
    """A picture's WebP copies, kept beside it: <key without extension>/w<width>.webp."""
    stem = key.rsplit(".", 1)[0]
    return [f"{stem}/w{width}.webp" for width in widths]


def variant_key(upload: Upload, width: int) -> str:
    return variant_keys(upload.key, [width])[0]


async def _receive(file: UploadFile, target: Path, limit: int, kind: MediaKind) -> None:
    """The upload copied to `target`, stopped as soon as it passes the kind's limit."""
    size = 0
    async with await anyio.open_file(target, "wb") as out:
        while chunk := await file.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(details={"kind": kind.value, "limit_bytes": limit})
            await out.write(chunk)


def _download_name(filename: str, extension: str) -> str:
    """The author's name for the file, with the extension of what it really is."""
    stem = Path(filename).stem.strip()[:120] or "file"
    return f"{stem}.{extension}"


async def _keep(
    storage: Storage, file: UploadFile, kind: MediaKind, stem: str, folder: Path
) -> tuple[MediaType, str, int, list[int]]:
    """The file checked and kept under <stem>.<its real extension> (a picture with its WebP
    copies): its type, key, size and the copies' widths."""
    path = folder / "upload"
    await _receive(file, path, SIZE_LIMITS[kind], kind)
    found = await anyio.to_thread.run_sync(check, path, kind, file.filename or "")
    key = f"{stem}.{found.extension}"
    widths: list[int] = []
    saved: list[str] = []
    try:
        await storage.save(key, path, found.media_type)
        saved.append(key)
        if kind is MediaKind.image:
            variants_folder = folder / "variants"
            variants_folder.mkdir()
            made = await anyio.to_thread.run_sync(picture_variants, path, variants_folder)
            widths = sorted(made)
            for width, variant_name in zip(widths, variant_keys(key, widths), strict=True):
                await storage.save(variant_name, made[width], "image/webp")
                saved.append(variant_name)
    except BaseException:
        # A full disk (a 507, alif.outages) or a failing bucket: the request saves no row, so
        # the files already stored would be orphans nobody can reach. Nothing half-kept.
        with anyio.CancelScope(shield=True):
            try:
                await storage.delete(saved)
            except Exception:  # the bucket away: the original error is what the author sees
                logger.warning("upload_cleanup_failed", keys=saved)
        raise
    return found, key, path.stat().st_size, widths


async def upload(
    db: AsyncSession,
    storage: Storage,
    user: TokenUser,
    lesson: Lesson,
    kind: MediaKind,
    file: UploadFile,
) -> Upload:
    upload_id = uuid.uuid4()
    with tempfile.TemporaryDirectory(prefix="lessions-upload-") as folder:
        found, key, size, widths = await _keep(
            storage, file, kind, _stem(lesson.course_id, upload_id), Path(folder)
        )
    row = Upload(
        id=upload_id,
        course_id=lesson.course_id,
        lesson_id=lesson.id,
        owner_id=user.id,
        kind=kind,  # a picture uploaded as a download stays a download
        media_type=found.media_type,
        size=size,
        key=key,
        name=_download_name(file.filename or "", found.extension),
        variants=widths,
    )
    db.add(row)
    await db.flush()
    return row


async def set_cover(db: AsyncSession, storage: Storage, course: Course, file: UploadFile) -> Course:
    """The course's cover: an uploaded picture with its copies, instead of an https address.
    Each cover gets a new key (a browser never shows the old one from its cache); the one it
    replaces is collected later, since it is named by the row until this commits."""
    stem = f"{PREFIX}{course.id}/cover-{uuid.uuid4()}"
    with tempfile.TemporaryDirectory(prefix="lessions-cover-") as folder:
        _found, key, _size, widths = await _keep(storage, file, MediaKind.image, stem, Path(folder))
    course.cover_key, course.cover_variants, course.cover_url = key, widths, None
    await db.flush()
    return course


async def remove_cover(db: AsyncSession, course: Course) -> Course:
    course.cover_key, course.cover_variants, course.cover_url = None, [], None
    await db.flush()
    return course


def cover_link(storage: Storage, course: Course) -> MediaLink | None:
    """What to show as the course's picture: the uploaded cover, or the author's address."""
    if course.cover_key:
        return MediaLink(
            url=storage.link(course.cover_key),
            variants=[
                Variant(width=width, url=storage.link(key))
                for width, key in zip(
                    course.cover_variants,
                    variant_keys(course.cover_key, course.cover_variants),
                    strict=True,
                )
            ],
        )
    return MediaLink(url=course.cover_url) if course.cover_url else None


def named_uploads(blocks: list[dict[str, Any]]) -> set[str]:
    """The ids of the uploads a version's blocks show (as stored: strings)."""
    named: set[str] = set()
    for block in blocks:
        for field in ("upload_id", "audio_upload_id"):
            if block.get(field):
                named.add(str(block[field]))
        for page in block.get("pages", []):
            for field in ("image_upload_id", "audio_upload_id"):
                if page.get(field):
                    named.add(str(page[field]))
    return named


async def delete_upload(db: AsyncSession, row: Upload) -> None:
    """The upload gone if the lesson no longer shows it (409 `upload_in_use`); its files are
    deleted by a job enqueued in this transaction, so a failed commit deletes nothing. Older
    versions may still name it: learners only ever get the newest."""
    lesson = await db.get(Lesson, row.lesson_id)
    assert lesson is not None
    version = await db.scalar(
        select(LessonVersion).where(
            LessonVersion.lesson_id == lesson.id, LessonVersion.number == lesson.version
        )
    )
    if version is not None and str(row.id) in named_uploads(version.blocks):
        raise UploadInUse(details={"upload_id": str(row.id)})
    keys = [row.key, *variant_keys(row.key, row.variants)]
    await db.execute(delete(Upload).where(Upload.id == row.id))
    await enqueue(db, DELETE_FILES_JOB, {"keys": keys}, key=f"{DELETE_FILES_JOB}:{row.id}")


async def _named_keys(db: AsyncSession, keys: list[str] | None = None) -> set[str]:
    """The keys rows still name (of `keys`, or all): uploads, their copies, course covers."""
    uploads = select(Upload.key, Upload.variants)
    covers = select(Course.cover_key, Course.cover_variants).where(Course.cover_key.is_not(None))
    if keys is not None:  # a picture's copies go with it: finding its key is enough
        uploads = uploads.where(Upload.key.in_(keys))
        covers = covers.where(Course.cover_key.in_(keys))
    named: set[str] = set()
    for key, widths in [*(await db.execute(uploads)).all(), *(await db.execute(covers)).all()]:
        if key:
            named.add(key)
            named.update(variant_keys(key, widths or []))
    return named if keys is None else named & set(keys)


async def delete_files(db: AsyncSession, storage: Storage, keys: list[str]) -> list[str]:
    """The files of a deleted upload, except those another row names (a spoken page's file
    is shared by every lesson that says the same words); the keys deleted."""
    named = await _named_keys(db, keys)
    gone = [key for key in keys if key not in named]
    await storage.delete(gone)
    return gone


async def collect_files(db: AsyncSession, storage: Storage, now: datetime) -> list[str]:
    """Every file of this service that no row names and that is older than the grace time
    (an upload in flight has its file before its row); the keys deleted."""
    named = await _named_keys(db)
    orphans = [
        key
        async for key, modified in storage.listing(PREFIX)
        if key not in named and modified < now - COLLECT_GRACE
    ]
    for start in range(0, len(orphans), 1000):  # S3 deletes at most 1000 keys a request
        await storage.delete(orphans[start : start + 1000])
    return orphans


async def uploads_of(db: AsyncSession, lesson_id: uuid.UUID) -> list[Upload]:
    return list(
        await db.scalars(
            select(Upload).where(Upload.lesson_id == lesson_id).order_by(Upload.created_at)
        )
    )


def link(storage: Storage, row: Upload) -> MediaLink:
    # Only downloads are named: a picture or a sound is shown in the page, not saved.
    download = row.name if row.kind is MediaKind.file else None
    return MediaLink(
        url=storage.link(row.key, download_name=download),
        variants=[
            Variant(width=width, url=storage.link(variant_key(row, width)))
            for width in row.variants
        ],
    )


async def links_of(
    db: AsyncSession, storage: Storage, lesson_id: uuid.UUID
) -> dict[str, MediaLink]:
    """Links to every file of the lesson, by upload id (as blocks name them)."""
    return {str(row.id): link(storage, row) for row in await uploads_of(db, lesson_id)}


async def check_references(
    db: AsyncSession, lesson_id: uuid.UUID, wanted: dict[uuid.UUID, MediaKind | None]
) -> None:
    """Blocks may name only files uploaded to this lesson, of the kind the block shows
    (None: any kind, a download)."""
    if not wanted:
        return
    found = {
        row.id: row
        for row in await db.scalars(
            select(Upload).where(Upload.lesson_id == lesson_id, Upload.id.in_(wanted))
        )
    }
    for upload_id, kind in wanted.items():
        row = found.get(upload_id)
        if row is None:
            raise UploadNotFound(details={"upload_id": str(upload_id)})
        if kind is not None and row.kind is not kind:
            raise UploadKindMismatch(details={"upload_id": str(upload_id), "expected": kind.value})
