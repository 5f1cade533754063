"""A learner working through a course: which lessons are open to them, what they did in each,
when a lesson and the course are complete, and the coins for completing a course (once).

Progress is kept per lesson, never per version, so a lesson edited after publishing keeps what
its learners did. Writes a phone may repeat carry a key that is unique in the database.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.assessment import grading
from alif.assessment.questions import response
from alif.auth import Role, TokenUser
from alif.db import insert_if_absent, utcnow
from alif.kernel import queries
from alif.subscriptions.access import has_feature
from alif.subscriptions.features import Feature
from lessions.certificates import service as certificates
from lessions.certificates.models import CourseCertificate
from lessions.config import LessionsSettings
from lessions.courses import service as courses
from lessions.courses.exceptions import CourseNotFound, GroupNotFound, LessonNotFound
from lessions.courses.models import Access, CompletionRule, Course, Lesson
from lessions.progress.exceptions import ChildNotFound, LessonLocked, LessonNotAvailable
from lessions.progress.models import CourseCompletion, LessonProgress, ProgressWrite
from lessions.progress.schemas import AnswerIn, ProgressIn

COIN_SOURCE = "lessons"


@dataclass(frozen=True, slots=True)
class Graded:
    score: int
    passed: bool
    fractions: list[tuple[uuid.UUID, float]]
    progress: LessonProgress


async def _entitled(db: AsyncSession, user: TokenUser, settings: LessionsSettings) -> bool:
    return (
        user.is_staff
        or Feature.premium_courses in settings.free_features
        or await has_feature(db, user.id, Feature.premium_courses)
    )


async def progress_of(
    db: AsyncSession, learner_id: uuid.UUID, lesson_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, LessonProgress]:
    if not lesson_ids:
        return {}
    rows = await db.scalars(
        select(LessonProgress).where(
            LessonProgress.learner_id == learner_id, LessonProgress.lesson_id.in_(lesson_ids)
        )
    )
    return {row.lesson_id: row for row in rows}


def _locked(lesson: Lesson, previous: Lesson | None, done: set[uuid.UUID], now: datetime) -> bool:
    if lesson.available_from is not None and lesson.available_from > now:
        return True
    return lesson.after_previous and previous is not None and previous.id not in done


async def _lock_states(
    db: AsyncSession, learner_id: uuid.UUID, lessons: list[Lesson]
) -> dict[uuid.UUID, bool]:
    found = await progress_of(db, learner_id, [lesson.id for lesson in lessons])
    done = {lesson_id for lesson_id, p in found.items() if p.completed_at is not None}
    now = utcnow()
    previous: list[Lesson | None] = [None, *lessons[:-1]]
    return {
        lesson.id: _locked(lesson, before, done, now)
        for lesson, before in zip(lessons, previous, strict=True)
    }


async def lesson_for_learner(
    db: AsyncSession, user: TokenUser, lesson_id: uuid.UUID, settings: LessionsSettings
) -> tuple[Course, Lesson]:
    """The lesson if this user may open it now. Its author always may; a learner needs the
    course visible, the lesson published, paid content covered by a plan and its release rule
    met. Every route that shows or records a lesson goes through here."""
    lesson = await db.get(Lesson, lesson_id)
    if lesson is None:
        raise LessonNotFound()
    try:
        course = await courses.course_for_viewer(db, user, lesson.course_id)
    except CourseNotFound as error:
        raise LessonNotFound() from error
    if courses.can_edit(user, course):
        return course, lesson
    if not lesson.published:
        raise LessonNotFound()
    if (
        course.access is Access.premium
        and not lesson.free_preview
        and not await _entitled(db, user, settings)
    ):
        raise LessonNotAvailable()
    lessons = await courses.lessons_of(db, course.id, published_only=True)
    if (await _lock_states(db, user.id, lessons)).get(lesson.id):
        opens = lesson.available_from.isoformat() if lesson.available_from else None
        raise LessonLocked(
            details={"available_from": opens, "after_previous": lesson.after_previous}
        )
    return course, lesson


async def _progress_row(db: AsyncSession, learner_id: uuid.UUID, lesson: Lesson) -> LessonProgress:
    """The learner's row for the lesson, made on first touch (two first touches make one)."""
    await insert_if_absent(
        db,
        LessonProgress,
        {
            "id": uuid.uuid4(),
            "key": f"{learner_id}:{lesson.id}",
            "learner_id": learner_id,
            "lesson_id": lesson.id,
            "course_id": lesson.course_id,
            "version": lesson.version,
            "opened_at": utcnow(),
            "position": 0,
            "reached_end": False,
            "seconds_spent": 0,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        },
        unique="key",
    )
    row = await db.scalar(
        select(LessonProgress)
        .where(LessonProgress.key == f"{learner_id}:{lesson.id}")
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def record(
    db: AsyncSession,
    user: TokenUser,
    course: Course,
    lesson: Lesson,
    data: ProgressIn,
    settings: LessionsSettings,
) -> LessonProgress:
    """Opened, where they stopped, time spent, reached the end; a repeated write (same key)
    answers with the progress as it is and adds nothing."""
    write_id, key = uuid.uuid4(), f"{user.id}:{data.idempotency_key}"
    now = utcnow()
    await insert_if_absent(
        db,
        ProgressWrite,
        {"id": write_id, "key": key, "learner_id": user.id, "created_at": now, "updated_at": now},
        unique="key",
    )
    if await db.scalar(select(ProgressWrite.id).where(ProgressWrite.key == key)) != write_id:
        return await _progress_row(db, user.id, lesson)
    row = await _progress_row(db, user.id, lesson)
    version = await courses.current_version(db, lesson)
    row.version = lesson.version
    row.position = min(data.position, max(len(version.blocks) - 1, 0))
    row.seconds_spent += data.seconds
    row.reached_end = row.reached_end or data.reached_end
    await _complete_if_done(db, user, course, lesson, row, settings)
    return row


async def grade(
    db: AsyncSession,
    user: TokenUser,
    course: Course,
    lesson: Lesson,
    answers: list[AnswerIn],
    settings: LessionsSettings,
) -> Graded:
    """Grade the answers to the current version's questions on the server; the best score is
    kept, so sending the same answers again changes nothing."""
    version = await courses.current_version(db, lesson)
    questions = await courses.questions_of(db, version)
    given = {a.question_id: a.answer for a in answers}
    total = sum(q.points for q in questions)
    earned = 0.0
    fractions: list[tuple[uuid.UUID, float]] = []
    for question in questions:
        answer = given.get(question.id)
        share = 0.0
        if answer is not None:
            option_ids = [o["id"] for o in question.options]
            share = grading.fraction(
                question.type, question.answer_key, response(question, answer), option_ids
            )
        fractions.append((question.id, share))
        earned += share * question.points
    score = round(100 * earned / total) if total else 0
    row = await _progress_row(db, user.id, lesson)
    row.version = lesson.version
    row.quiz_score = max(row.quiz_score or 0, score)
    await _complete_if_done(db, user, course, lesson, row, settings)
    return Graded(score=score, passed=score >= lesson.pass_mark, fractions=fractions, progress=row)


def _meets_rule(lesson: Lesson, row: LessonProgress) -> bool:
    match lesson.completion:
        case CompletionRule.opened:
            return True
        case CompletionRule.end:
            return row.reached_end
        case CompletionRule.quiz:
            return row.quiz_score is not None and row.quiz_score >= lesson.pass_mark


async def _complete_if_done(
    db: AsyncSession,
    user: TokenUser,
    course: Course,
    lesson: Lesson,
    row: LessonProgress,
    settings: LessionsSettings,
) -> None:
    if row.completed_at is None and _meets_rule(lesson, row):
        row.completed_at = utcnow()
    await db.flush()
    if row.completed_at is not None and not courses.can_edit(user, course):
        await _complete_course_if_done(db, user, course, settings)


async def _complete_course_if_done(
    db: AsyncSession, user: TokenUser, course: Course, settings: LessionsSettings
) -> None:
    """When every required lesson is complete: the completion row, the certificate and the
    badge once, and the course's coins once, under the ledger's key and the daily cap (a repeat
    or a race pays nothing more)."""
    required = [
        lesson.id
        for lesson in await courses.lessons_of(db, course.id, published_only=True)
        if lesson.required
    ]
    done = await progress_of(db, user.id, required)
    if not required or any(done[i].completed_at is None for i in required if i in done):
        return
    if len(done) < len(required):
        return
    key = f"{course.id}:{user.id}"
    await insert_if_absent(
        db,
        CourseCompletion,
        {
            "id": uuid.uuid4(),
            "key": key,
            "learner_id": user.id,
            "course_id": course.id,
            "coins": 0,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        },
        unique="key",
    )
    completion = await db.scalar(
        select(CourseCompletion)
        .where(CourseCompletion.key == key)
        .execution_options(populate_existing=True)
    )
    assert completion is not None
    await certificates.issue(db, user.id, course)
    if user.role is not Role.student or course.reward_coins <= 0:
        return
    paid = await ledger.reward(
        db,
        user_id=user.id,
        source=COIN_SOURCE,
        amount=course.reward_coins,
        idempotency_key=f"lessions:course:{key}",
        daily_cap=settings.coin_daily_cap(COIN_SOURCE),
        reference=f"course:{course.id}",
        description=f"Course completed: {course.title}"[:200],
    )
    completion.coins = paid.amount
    await db.flush()


async def completion_of(
    db: AsyncSession, learner_id: uuid.UUID, course_id: uuid.UUID
) -> CourseCompletion | None:
    return await db.scalar(
        select(CourseCompletion).where(CourseCompletion.key == f"{course_id}:{learner_id}")
    )


@dataclass(frozen=True, slots=True)
class LearnerCourse:
    course: Course
    lessons: list[Lesson]
    progress: dict[uuid.UUID, LessonProgress]
    locked: dict[uuid.UUID, bool]
    completion: CourseCompletion | None
    certificate: CourseCertificate | None

    @property
    def required(self) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.required]

    @property
    def completed(self) -> int:
        return sum(
            1
            for lesson in self.required
            if (p := self.progress.get(lesson.id)) is not None and p.completed_at is not None
        )

    @property
    def percent(self) -> int:
        return percent(self.completed, len(self.required))


def percent(done: int, of: int) -> int:
    return round(100 * done / of) if of else 0


async def course_progress(db: AsyncSession, learner_id: uuid.UUID, course: Course) -> LearnerCourse:
    lessons = await courses.lessons_of(db, course.id, published_only=True)
    return LearnerCourse(
        course=course,
        lessons=lessons,
        progress=await progress_of(db, learner_id, [lesson.id for lesson in lessons]),
        locked=await _lock_states(db, learner_id, lessons),
        completion=await completion_of(db, learner_id, course.id),
        certificate=await certificates.certificate_of(db, learner_id, course.id),
    )


@dataclass(frozen=True, slots=True)
class GroupTable:
    lessons: list[Lesson]
    names: dict[uuid.UUID, str]
    learners: list[uuid.UUID]
    progress: dict[tuple[uuid.UUID, uuid.UUID], LessonProgress]


async def group_table(
    db: AsyncSession, user: TokenUser, course: Course, group_id: uuid.UUID
) -> GroupTable:
    """Learners × lessons for a group the user teaches (or whose organization they run)."""
    if not await queries.can_teach_group(db, user.id, group_id):
        raise GroupNotFound()
    lessons = await courses.lessons_of(db, course.id, published_only=True)
    students = await queries.students_of_group(db, group_id)
    users = await queries.users_by_id(db, students)
    names = {i: f"{u.first_name} {u.last_name}".strip() for i, u in users.items()}
    learners = sorted(students, key=lambda i: (names.get(i, "").casefold(), i))
    rows = await db.scalars(
        select(LessonProgress).where(
            LessonProgress.course_id == course.id, LessonProgress.learner_id.in_(students)
        )
    )
    return GroupTable(
        lessons=lessons,
        names=names,
        learners=learners,
        progress={(row.learner_id, row.lesson_id): row for row in rows},
    )


async def child_courses(
    db: AsyncSession, parent_id: uuid.UUID, child_id: uuid.UUID
) -> list[LearnerCourse]:
    """The courses a parent's child has started, most recent first."""
    if not await queries.is_guardian(db, parent_id, child_id):
        raise ChildNotFound()
    started = await db.execute(
        select(LessonProgress.course_id, func.max(LessonProgress.updated_at))
        .where(LessonProgress.learner_id == child_id)
        .group_by(LessonProgress.course_id)
        .order_by(func.max(LessonProgress.updated_at).desc())
    )
    found: list[LearnerCourse] = []
    for course_id, _last in started:
        course = await db.get(Course, course_id)
        if course is not None:
            found.append(await course_progress(db, child_id, course))
    return found
