from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status

from alif.auth import TeachingUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.media import MediaKind
from alif.storage import LocalStorage, MediaLinkInvalid
from lessions.courses.dependencies import AuthoredLessonDep, StorageDep
from lessions.media import service
from lessions.media.models import Upload
from lessions.media.schemas import UploadRead

router = APIRouter(tags=["media"])
# Signed links are the authorisation: <img>, <audio> and <video> send no access token.
public_router = APIRouter(tags=["media"])


def upload_read(storage: StorageDep, row: Upload) -> UploadRead:
    return UploadRead.model_validate(
        {
            **service.link(storage, row).model_dump(),
            "id": row.id,
            "lesson_id": row.lesson_id,
            "kind": row.kind,
            "media_type": row.media_type,
            "size": row.size,
            "name": row.name,
            "created_at": row.created_at,
        }
    )


@router.post(
    "/uploads/lessons/{lesson_id}",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 413, 415, 422),
    summary="Upload a picture, video, sound or file for my lesson; a block then names its id "
    "(413 over the kind's size, 415 not a file of that kind)",
)
async def upload_file(
    lesson: AuthoredLessonDep,
    user: TeachingUser,
    db: SessionDep,
    storage: StorageDep,
    kind: Annotated[MediaKind, Form(description="image, video, audio or file (a download)")],
    file: Annotated[UploadFile, File(description="The file; its type is read from its bytes")],
) -> UploadRead:
    return upload_read(storage, await service.upload(db, storage, user, lesson, kind, file))


@router.get(
    "/uploads/lessons/{lesson_id}",
    responses=error_responses(404),
    summary="The files uploaded for my lesson (with the story pages read aloud)",
)
async def list_uploads(
    lesson: AuthoredLessonDep, db: SessionDep, storage: StorageDep
) -> list[UploadRead]:
    return [upload_read(storage, row) for row in await service.uploads_of(db, lesson.id)]


@public_router.get(
    "/media/{key:path}",
    responses={200: {"description": "Empty: the gateway sends the file"}, **error_responses(404)},
    summary="Public, by signed link only: a file from the data folder, sent by the gateway "
    "(X-Accel-Redirect). Links come with the lesson; with a bucket they point at the bucket.",
)
async def media_file(
    key: str,
    storage: StorageDep,
    expires: Annotated[int, Query(ge=0, le=2**40)],
    signature: Annotated[str, Query(max_length=128)],
    name: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    if not isinstance(storage, LocalStorage):
        raise MediaLinkInvalid()
    return storage.serve(key, expires, signature, name)
