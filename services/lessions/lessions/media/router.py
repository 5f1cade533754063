import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status

from alif.auth import TeachingUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.media import MediaKind
from alif.storage import LocalStorage, MediaLinkInvalid
from lessions.courses import service as courses
from lessions.courses.dependencies import AuthoredCourseDep, AuthoredLessonDep, StorageDep
from lessions.courses.models import Course
from lessions.courses.router import course_read
from lessions.courses.schemas import CourseRead
from lessions.media import service
from lessions.media.exceptions import FileNotFound
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
            "spoken": row.speech is not None,
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


async def valid_authored_upload(upload_id: uuid.UUID, user: TeachingUser, db: SessionDep) -> Upload:
    """An upload of a course the user authors; another's is not found."""
    row = await db.get(Upload, upload_id)
    course = await db.get(Course, row.course_id) if row else None
    if row is None or course is None or not courses.can_edit(user, course):
        raise FileNotFound()
    return row


@router.delete(
    "/uploads/{upload_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 409),
    summary="Delete a file of my lesson that the lesson no longer shows (409 `upload_in_use`); "
    "its links stop working once the files are gone",
)
async def delete_upload(
    row: Annotated[Upload, Depends(valid_authored_upload)], db: SessionDep
) -> None:
    await service.delete_upload(db, row)


@router.put(
    "/uploads/courses/{course_id}/cover",
    responses=error_responses(404, 413, 415, 422),
    summary="Upload a picture as my course's cover (PNG, JPEG, GIF or WebP up to 10 MB; smaller "
    "copies are made); it replaces the cover address. Under /uploads/: the gateway's upload limit",
)
async def upload_cover(
    course: AuthoredCourseDep,
    db: SessionDep,
    storage: StorageDep,
    file: Annotated[UploadFile, File(description="The picture; its type is read from its bytes")],
) -> CourseRead:
    return course_read(await service.set_cover(db, storage, course, file), storage)


@router.delete(
    "/uploads/courses/{course_id}/cover",
    responses=error_responses(404),
    summary="Take my course's cover away (an uploaded picture or an address)",
)
async def remove_cover(
    course: AuthoredCourseDep, db: SessionDep, storage: StorageDep
) -> CourseRead:
    return course_read(await service.remove_cover(db, course), storage)


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
