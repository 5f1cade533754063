"""Files of lessons: taken from an author, checked, kept by `alif.storage`, linked for learners.

A file is checked (kind, size, real type) in a temporary folder before it is kept; pictures get
their WebP copies there too. The bytes go to the storage before the row commits: a failed commit
leaves an unreferenced file behind, never a row without its file.
"""

import tempfile
import uuid
from pathlib import Path

import anyio
import structlog
from fastapi import UploadFile
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment.exceptions import FileTooLarge
from alif.auth import TokenUser
from alif.media import SIZE_LIMITS, MediaKind, check, picture_variants
from alif.storage import Storage, storage_of
from lessions.config import LessionsSettings
from lessions.courses.models import Lesson
from lessions.media.exceptions import UploadKindMismatch, UploadNotFound
from lessions.media.models import Upload
from lessions.media.schemas import MediaLink, Variant

MEDIA_ROUTE = "/api/lessions/media/"
_CHUNK = 1024 * 1024
logger = structlog.get_logger("lessions.media")
# Settings objects are frozen but not hashable: keyed by identity, the object kept alive with
# its storage so that its id is never reused by another.
_storages: dict[int, tuple[LessionsSettings, Storage]] = {}


def storage_for(settings: LessionsSettings) -> Storage:
    """One storage (and its S3 clients) per settings object."""
    found = _storages.get(id(settings))
    if found is None or found[0] is not settings:
        found = _storages[id(settings)] = (settings, storage_of(settings, MEDIA_ROUTE))
    return found[1]


def _stem(course_id: uuid.UUID, upload_id: uuid.UUID) -> str:
    return f"lessions/{course_id}/{upload_id}"


def variant_key(upload: Upload, width: int) -> str:
    return f"{_stem(upload.course_id, upload.id)}/w{width}.webp"


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


async def upload(
    db: AsyncSession,
    storage: Storage,
    user: TokenUser,
    lesson: Lesson,
    kind: MediaKind,
    file: UploadFile,
) -> Upload:
    with tempfile.TemporaryDirectory(prefix="lessions-upload-") as folder:
        path = Path(folder) / "upload"
        await _receive(file, path, SIZE_LIMITS[kind], kind)
        found = await anyio.to_thread.run_sync(check, path, kind, file.filename or "")
        row = Upload(
            id=uuid.uuid4(),
            course_id=lesson.course_id,
            lesson_id=lesson.id,
            owner_id=user.id,
            kind=kind,  # a picture uploaded as a download stays a download
            media_type=found.media_type,
            size=path.stat().st_size,
            name=_download_name(file.filename or "", found.extension),
            variants=[],
        )
        row.key = f"{_stem(row.course_id, row.id)}.{found.extension}"
        saved: list[str] = []
        try:
            await storage.save(row.key, path, found.media_type)
            saved.append(row.key)
            if kind is MediaKind.image:
                variants_folder = Path(folder) / "variants"
                variants_folder.mkdir()
                made = await anyio.to_thread.run_sync(picture_variants, path, variants_folder)
                for width, variant in made.items():
                    await storage.save(variant_key(row, width), variant, "image/webp")
                    saved.append(variant_key(row, width))
                row.variants = sorted(made)
        except BaseException:
            # A full disk (a 507, alif.outages) or a failing bucket: the request saves no row, so
            # the files already stored would be orphans nobody can reach. Nothing half-kept.
            with anyio.CancelScope(shield=True):
                try:
                    await storage.delete(saved)
                except Exception:  # the bucket away: the original error is what the author sees
                    logger.warning("upload_cleanup_failed", keys=saved)
            raise
    db.add(row)
    await db.flush()
    return row


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
