"""Courses, their modules and lessons: who may author them, who may see them, and versions.

An author edits only their own courses (moderators: the platform catalogue); anyone else gets
"not found", the same as for a course that does not exist. A learner sees a published course
that is public, of an organization they belong to, or shared with a group they are in.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, String, case, cast, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from alif.assessment.questions import stored_form
from alif.assessment.types import QuestionSource
from alif.auth import Role, TokenUser
from alif.db import find_page, utcnow
from alif.kernel import queries
from alif.schemas import Found, PageParams
from lessions.courses.content import media_references, stored_block
from lessions.courses.exceptions import (
    CourseArchived,
    CourseHasNoLessons,
    CourseNotFound,
    GroupNotFound,
    LessonNotFound,
    ModuleNotFound,
    OrderIncomplete,
    OrganizationNotFound,
    QuestionWithoutKey,
    VisibilityNeedsTarget,
)
from lessions.courses.models import (
    Course,
    CourseGroup,
    CourseModule,
    CourseStatus,
    Lesson,
    LessonVersion,
    Question,
    Visibility,
)
from lessions.courses.schemas import (
    Block,
    CourseCreate,
    CourseFields,
    CourseOrder,
    LessonCreate,
    LessonFields,
    QuizBlock,
    StoryBlock,
)
from lessions.media import read_aloud
from lessions.media import service as media


def can_edit(user: TokenUser, course: Course) -> bool:
    return course.owner_id == user.id or (course.catalogue and user.is_staff)


async def group_ids_of(db: AsyncSession, course_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await db.scalars(select(CourseGroup.group_id).where(CourseGroup.course_id == course_id))
    )


async def _viewer_groups(db: AsyncSession, user: TokenUser) -> list[uuid.UUID]:
    if user.role is Role.student:
        return await queries.groups_of_student(db, user.id)
    return await queries.groups_taught_by(db, user.id)


async def can_view(db: AsyncSession, user: TokenUser, course: Course) -> bool:
    """The author always; others a published course that is visible to them."""
    if can_edit(user, course) or (user.is_staff and course.status is CourseStatus.published):
        return True
    if course.status is not CourseStatus.published:
        return False
    match course.visibility:
        case Visibility.public:
            return True
        case Visibility.organization:
            return course.organization_id in await queries.organizations_of(db, user.id)
        case Visibility.groups:
            shared = set(await group_ids_of(db, course.id))
            return bool(shared & set(await _viewer_groups(db, user)))


async def course_for_viewer(db: AsyncSession, user: TokenUser, course_id: uuid.UUID) -> Course:
    course = await db.get(Course, course_id)
    if course is None or not await can_view(db, user, course):
        raise CourseNotFound()
    return course


async def course_for_author(db: AsyncSession, user: TokenUser, course_id: uuid.UUID) -> Course:
    course = await db.get(Course, course_id)
    if course is None or not can_edit(user, course):
        raise CourseNotFound()
    return course


async def list_visible(
    db: AsyncSession, user: TokenUser, page: PageParams, subject: str | None, grade: int | None
) -> Found[Course]:
    """Published courses the user may see: those shared with the user's groups first, then the
    catalogue, then by title."""
    organizations = await queries.organizations_of(db, user.id)
    groups = await _viewer_groups(db, user)
    shared = select(CourseGroup.course_id).where(CourseGroup.group_id.in_(groups))
    visible = or_(
        Course.visibility == Visibility.public,
        (Course.visibility == Visibility.organization) & Course.organization_id.in_(organizations),
        (Course.visibility == Visibility.groups) & Course.id.in_(shared),
    )
    query = select(Course).where(Course.status == CourseStatus.published)
    if not user.is_staff:
        query = query.where(visible)
    if subject:
        query = query.where(func.lower(Course.subject) == subject.strip().lower())
    if grade is not None:
        query = query.where(_has_grade(grade))
    mine_first = case((Course.id.in_(shared), 0), else_=1)
    return await find_page(
        db, query, page, mine_first, Course.catalogue.desc(), Course.title, Course.id
    )


def _has_grade(grade: int) -> ColumnElement[bool]:
    # `grades` is a short JSON list of integers, written by json.dumps ("[1, 2]") on SQLite and
    # PostgreSQL alike; its text is matched whole-number-wise, which needs no JSON functions that
    # differ between the two databases.
    text = cast(Course.grades, String)
    return or_(
        text == f"[{grade}]",
        text.like(f"[{grade},%"),
        text.like(f"%, {grade}]"),
        text.like(f"%, {grade},%"),
    )


async def list_authored(db: AsyncSession, user: TokenUser, page: PageParams) -> Found[Course]:
    mine = Course.owner_id == user.id
    query = select(Course).where(or_(mine, Course.catalogue) if user.is_staff else mine)
    return await _page(db, query, page)


async def _page(db: AsyncSession, query: Select[Course], page: PageParams) -> Found[Course]:
    return await find_page(db, query, page, Course.catalogue.desc(), Course.title, Course.id)


async def _author_organization(
    db: AsyncSession, user: TokenUser, requested: uuid.UUID | None
) -> uuid.UUID | None:
    """An organization account authors for the organization it runs; a teacher may name one of
    theirs; the platform catalogue belongs to none."""
    if user.is_staff:
        return None
    mine = await queries.organizations_of(db, user.id)
    if requested is not None:
        if requested not in mine:
            raise OrganizationNotFound()
        return requested
    return mine[0] if user.role is Role.organization and mine else None


async def _check_groups(db: AsyncSession, user: TokenUser, group_ids: Sequence[uuid.UUID]) -> None:
    for group_id in set(group_ids):
        if user.is_staff:
            if not await queries.get_groups(db, [group_id]):
                raise GroupNotFound()
        elif not await queries.can_teach_group(db, user.id, group_id):
            raise GroupNotFound()


def _check_target(course: Course, group_ids: Sequence[uuid.UUID]) -> None:
    if course.visibility is Visibility.organization and course.organization_id is None:
        raise VisibilityNeedsTarget()
    if course.visibility is Visibility.groups and not group_ids:
        raise VisibilityNeedsTarget()


async def _set_groups(db: AsyncSession, course: Course, group_ids: Sequence[uuid.UUID]) -> None:
    await db.execute(delete(CourseGroup).where(CourseGroup.course_id == course.id))
    wanted = list(dict.fromkeys(group_ids)) if course.visibility is Visibility.groups else []
    db.add_all(CourseGroup(course_id=course.id, group_id=g) for g in wanted)
    await db.flush()


def _apply_fields(course: Course, data: CourseFields) -> None:
    course.title = data.title
    course.description = data.description.strip()
    course.subject = data.subject.strip()
    course.grades = sorted(set(data.grades))
    course.language = data.language
    if data.cover_url is not None:  # an address replaces an uploaded cover (collected later)
        course.cover_key, course.cover_variants = None, []
    course.cover_url = data.cover_url
    course.visibility = data.visibility
    course.access = data.access
    course.reward_coins = data.reward_coins
    course.badge = data.badge.strip()


async def create_course(db: AsyncSession, user: TokenUser, data: CourseCreate) -> Course:
    course = Course(
        owner_id=user.id,
        organization_id=await _author_organization(db, user, data.organization_id),
        catalogue=user.is_staff,
    )
    _apply_fields(course, data)
    _check_target(course, data.group_ids)
    await _check_groups(db, user, data.group_ids)
    db.add(course)
    await db.flush()
    await _set_groups(db, course, data.group_ids)
    return course


async def update_course(
    db: AsyncSession,
    user: TokenUser,
    course: Course,
    data: CourseFields,
    group_ids: list[uuid.UUID],
) -> Course:
    _apply_fields(course, data)
    _check_target(course, group_ids)
    await _check_groups(db, user, group_ids)
    await _set_groups(db, course, group_ids)
    return course


async def publish_course(db: AsyncSession, course: Course) -> Course:
    published = await db.scalar(
        select(func.count()).where(Lesson.course_id == course.id, Lesson.published.is_(True))
    )
    if not published:
        raise CourseHasNoLessons()
    course.status = CourseStatus.published
    course.published_at = course.published_at or utcnow()
    await db.flush()
    return course


async def archive_course(db: AsyncSession, course: Course) -> Course:
    course.status = CourseStatus.archived
    await db.flush()
    return course


async def modules_of(db: AsyncSession, course_id: uuid.UUID) -> list[CourseModule]:
    return list(
        await db.scalars(
            select(CourseModule)
            .where(CourseModule.course_id == course_id)
            .order_by(CourseModule.position, CourseModule.id)
        )
    )


async def add_module(db: AsyncSession, course: Course, title: str) -> CourseModule:
    _check_not_archived(course)
    last = await db.scalar(
        select(func.max(CourseModule.position)).where(CourseModule.course_id == course.id)
    )
    module = CourseModule(course_id=course.id, title=title, position=(last or 0) + 1)
    db.add(module)
    await db.flush()
    return module


async def lessons_of(
    db: AsyncSession, course_id: uuid.UUID, *, published_only: bool = False
) -> list[Lesson]:
    """The course's lessons in reading order: by module, then within the module."""
    query = (
        select(Lesson)
        .join(CourseModule, CourseModule.id == Lesson.module_id)
        .where(Lesson.course_id == course_id)
        .order_by(CourseModule.position, CourseModule.id, Lesson.position, Lesson.id)
    )
    if published_only:
        query = query.where(Lesson.published.is_(True))
    return list(await db.scalars(query))


async def reorder(db: AsyncSession, course: Course, order: CourseOrder) -> None:
    """Modules and lessons placed as listed; the list must name each of them exactly once, so
    a client working from an old copy of the course cannot lose a lesson."""
    _check_not_archived(course)
    modules = {m.id: m for m in await modules_of(db, course.id)}
    lessons = {lesson.id: lesson for lesson in await lessons_of(db, course.id)}
    named_modules = [m.id for m in order.modules]
    named_lessons = [lesson_id for m in order.modules for lesson_id in m.lesson_ids]
    if sorted(named_modules) != sorted(modules) or sorted(named_lessons) != sorted(lessons):
        raise OrderIncomplete()
    for module_position, module_order in enumerate(order.modules, start=1):
        modules[module_order.id].position = module_position
        for position, lesson_id in enumerate(module_order.lesson_ids, start=1):
            lessons[lesson_id].module_id = module_order.id
            lessons[lesson_id].position = position
    await db.flush()


def _check_not_archived(course: Course) -> None:
    if course.status is CourseStatus.archived:
        raise CourseArchived()


async def _write_version(
    db: AsyncSession, version: LessonVersion, blocks: Sequence[Block], hosts: frozenset[str]
) -> None:
    await media.check_references(db, version.lesson_id, media_references(blocks))
    version.blocks = [stored_block(block, hosts) for block in blocks]
    await db.flush()
    await read_aloud.request(db, version)
    for index, block in enumerate(blocks):
        if isinstance(block, QuizBlock | StoryBlock):
            db.add_all(
                Question(
                    **stored_form(question),
                    source=QuestionSource.manual,
                    version_id=version.id,
                    block=index,
                    position=position,
                )
                for position, question in enumerate(block.questions)
            )
    await db.flush()


def _keyless(blocks: Sequence[Block]) -> bool:
    return any(
        not question.has_key
        for block in blocks
        if isinstance(block, QuizBlock | StoryBlock)
        for question in block.questions
    )


def _apply_lesson_fields(lesson: Lesson, data: LessonFields) -> None:
    lesson.title = data.title
    lesson.free_preview = data.free_preview
    lesson.required = data.required
    lesson.completion = data.completion
    lesson.pass_mark = data.pass_mark
    lesson.available_from = data.available_from
    lesson.after_previous = data.after_previous


async def create_lesson(
    db: AsyncSession, course: Course, data: LessonCreate, hosts: frozenset[str]
) -> Lesson:
    _check_not_archived(course)
    module = await db.get(CourseModule, data.module_id)
    if module is None or module.course_id != course.id:
        raise ModuleNotFound()
    last = await db.scalar(select(func.max(Lesson.position)).where(Lesson.module_id == module.id))
    lesson = Lesson(course_id=course.id, module_id=module.id, position=(last or 0) + 1, version=1)
    _apply_lesson_fields(lesson, data)
    db.add(lesson)
    await db.flush()
    version = LessonVersion(lesson_id=lesson.id, number=1)
    db.add(version)
    await _write_version(db, version, data.blocks, hosts)
    return lesson


async def current_version(db: AsyncSession, lesson: Lesson) -> LessonVersion:
    version = await db.scalar(
        select(LessonVersion).where(
            LessonVersion.lesson_id == lesson.id, LessonVersion.number == lesson.version
        )
    )
    assert version is not None, "every lesson has its current version"
    return version


async def update_lesson(
    db: AsyncSession, course: Course, lesson: Lesson, data: LessonFields, hosts: frozenset[str]
) -> Lesson:
    """A draft is edited in place; a published lesson gets a new version, so what learners
    already did (kept per lesson, not per version) stays theirs."""
    _check_not_archived(course)
    if lesson.published and _keyless(data.blocks):
        raise QuestionWithoutKey()
    _apply_lesson_fields(lesson, data)
    if lesson.published:
        lesson.version += 1
        version = LessonVersion(lesson_id=lesson.id, number=lesson.version)
        db.add(version)
    else:
        version = await current_version(db, lesson)
        await db.execute(delete(Question).where(Question.version_id == version.id))
    await db.flush()
    await _write_version(db, version, data.blocks, hosts)
    return lesson


async def questions_of(db: AsyncSession, version: LessonVersion) -> list[Question]:
    return list(
        await db.scalars(
            select(Question)
            .where(Question.version_id == version.id)
            .order_by(Question.block, Question.position)
        )
    )


async def publish_lesson(db: AsyncSession, course: Course, lesson: Lesson) -> Lesson:
    _check_not_archived(course)
    version = await current_version(db, lesson)
    if any(not q.has_key for q in await questions_of(db, version)):
        raise QuestionWithoutKey()
    lesson.published = True
    await db.flush()
    return lesson


async def lesson_for_author(db: AsyncSession, user: TokenUser, lesson_id: uuid.UUID) -> Lesson:
    lesson = await db.get(Lesson, lesson_id)
    if lesson is None:
        raise LessonNotFound()
    course = await db.get(Course, lesson.course_id)
    if course is None or not can_edit(user, course):
        raise LessonNotFound()
    return lesson
