from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.auth import CurrentUser, TeachingUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from alif.storage import Storage
from lessions.courses import service
from lessions.courses.content import read_blocks, source_blocks
from lessions.courses.dependencies import (
    AuthoredCourseDep,
    AuthoredLessonDep,
    SettingsDep,
    StorageDep,
    VisibleCourseDep,
)
from lessions.courses.models import Course, Lesson
from lessions.courses.schemas import (
    CourseCreate,
    CourseDetail,
    CourseOrder,
    CourseRead,
    CourseUpdate,
    LessonCreate,
    LessonFields,
    LessonRead,
    LessonSource,
    LessonSummary,
    ModuleCreate,
    ModuleRead,
)
from lessions.media import service as media

router = APIRouter(tags=["courses"])


def course_read(course: Course, storage: Storage) -> CourseRead:
    """The course with a link to its cover (whoever sees the course may see its cover)."""
    read = CourseRead.model_validate(course)
    read.cover = media.cover_link(storage, course)
    return read


async def course_detail(
    db: SessionDep, course: Course, storage: Storage, *, authoring: bool
) -> CourseDetail:
    lessons = await service.lessons_of(db, course.id, published_only=not authoring)
    return CourseDetail.model_validate(
        {
            **course_read(course, storage).model_dump(),
            "group_ids": await service.group_ids_of(db, course.id),
            "modules": [
                ModuleRead.model_validate(m) for m in await service.modules_of(db, course.id)
            ],
            "lessons": [LessonSummary.model_validate(lesson) for lesson in lessons],
        }
    )


async def lesson_read(db: SessionDep, lesson: Lesson, storage: Storage) -> LessonRead:
    version = await service.current_version(db, lesson)
    links = await media.links_of(db, storage, lesson.id)
    blocks = read_blocks(version.blocks, await service.questions_of(db, version), links)
    return LessonRead.model_validate(
        {
            **LessonSummary.model_validate(lesson).model_dump(),
            "course_id": lesson.course_id,
            "blocks": blocks,
        }
    )


@router.get(
    "/courses",
    summary="Published courses I may take: my groups' first, then the platform catalogue",
)
async def list_courses(
    user: CurrentUser,
    db: SessionDep,
    storage: StorageDep,
    page: Annotated[PageParams, Query()],
    subject: Annotated[str | None, Query(max_length=60)] = None,
    grade: Annotated[int | None, Query(ge=0, le=11)] = None,
) -> Page[CourseRead]:
    return page_of(
        await service.list_visible(db, user, page, subject, grade),
        page,
        lambda course: course_read(course, storage),
    )


@router.get("/courses/authored", summary="Courses I author (a moderator: and the catalogue)")
async def list_authored_courses(
    user: TeachingUser, db: SessionDep, storage: StorageDep, page: Annotated[PageParams, Query()]
) -> Page[CourseRead]:
    return page_of(
        await service.list_authored(db, user, page), page, lambda c: course_read(c, storage)
    )


@router.post(
    "/courses",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 422),
    summary="Start a course (a draft)",
)
async def create_course(
    data: CourseCreate, user: TeachingUser, db: SessionDep, storage: StorageDep
) -> CourseDetail:
    course = await service.create_course(db, user, data)
    return await course_detail(db, course, storage, authoring=True)


@router.get(
    "/courses/{course_id}",
    responses=error_responses(404),
    summary="A course with its modules and lessons (its author also sees drafts)",
)
async def read_course(
    course: VisibleCourseDep, user: CurrentUser, db: SessionDep, storage: StorageDep
) -> CourseDetail:
    return await course_detail(db, course, storage, authoring=service.can_edit(user, course))


@router.put("/courses/{course_id}", responses=error_responses(404, 422), summary="Edit my course")
async def update_course(
    data: CourseUpdate,
    course: AuthoredCourseDep,
    user: TeachingUser,
    db: SessionDep,
    storage: StorageDep,
) -> CourseDetail:
    await service.update_course(db, user, course, data, data.group_ids)
    return await course_detail(db, course, storage, authoring=True)


@router.post(
    "/courses/{course_id}/publish",
    responses=error_responses(404, 409),
    summary="Publish my course: its published lessons become visible",
)
async def publish_course(
    course: AuthoredCourseDep, db: SessionDep, storage: StorageDep
) -> CourseRead:
    return course_read(await service.publish_course(db, course), storage)


@router.post(
    "/courses/{course_id}/archive",
    responses=error_responses(404),
    summary="Archive my course: nobody but its author sees it any more",
)
async def archive_course(
    course: AuthoredCourseDep, db: SessionDep, storage: StorageDep
) -> CourseRead:
    return course_read(await service.archive_course(db, course), storage)


@router.post(
    "/courses/{course_id}/modules",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409),
    summary="Add a module at the end of my course",
)
async def add_module(data: ModuleCreate, course: AuthoredCourseDep, db: SessionDep) -> ModuleRead:
    return ModuleRead.model_validate(await service.add_module(db, course, data.title))


@router.put(
    "/courses/{course_id}/order",
    responses=error_responses(404, 409, 422),
    summary="Reorder my course: every module in order, each with its lessons in order",
)
async def reorder_course(
    data: CourseOrder, course: AuthoredCourseDep, db: SessionDep, storage: StorageDep
) -> CourseDetail:
    await service.reorder(db, course, data)
    return await course_detail(db, course, storage, authoring=True)


@router.post(
    "/courses/{course_id}/lessons",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 422),
    summary="Add a lesson (a draft) at the end of one of my course's modules",
)
async def create_lesson(
    data: LessonCreate,
    course: AuthoredCourseDep,
    db: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
) -> LessonRead:
    lesson = await service.create_lesson(db, course, data, settings.lessions_embed_hosts)
    return await lesson_read(db, lesson, storage)


@router.put(
    "/lessons/{lesson_id}",
    responses=error_responses(404, 409, 422),
    summary="Edit my lesson; a published one gets a new version and learners keep their progress",
)
async def update_lesson(
    data: LessonFields,
    lesson: AuthoredLessonDep,
    db: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
) -> LessonRead:
    course = await db.get(Course, lesson.course_id)
    assert course is not None
    await service.update_lesson(db, course, lesson, data, settings.lessions_embed_hosts)
    return await lesson_read(db, lesson, storage)


@router.post(
    "/lessons/{lesson_id}/publish",
    responses=error_responses(404, 409),
    summary="Publish my lesson (every question needs its answer)",
)
async def publish_lesson(lesson: AuthoredLessonDep, db: SessionDep) -> LessonSummary:
    course = await db.get(Course, lesson.course_id)
    assert course is not None
    return LessonSummary.model_validate(await service.publish_lesson(db, course, lesson))


@router.get(
    "/lessons/{lesson_id}/source",
    responses=error_responses(404),
    summary="My lesson as I wrote it (Markdown, questions with their answers), to edit it",
)
async def lesson_source(lesson: AuthoredLessonDep, db: SessionDep) -> LessonSource:
    version = await service.current_version(db, lesson)
    return LessonSource.model_validate(
        {
            **LessonSummary.model_validate(lesson).model_dump(),
            "course_id": lesson.course_id,
            "blocks": source_blocks(version.blocks, await service.questions_of(db, version)),
        }
    )
