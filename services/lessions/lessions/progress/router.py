import csv
import io
import uuid

from fastapi import APIRouter, Response

from alif.auth import CurrentUser, ParentUser, StudentUser, TeachingUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.storage import Storage
from lessions.courses.dependencies import SettingsDep, StorageDep, VisibleCourseDep
from lessions.courses.router import course_read, lesson_read
from lessions.progress import service
from lessions.progress.dependencies import OpenLessonDep
from lessions.progress.schemas import (
    AnswersIn,
    AnswersResult,
    CourseProgress,
    GroupProgress,
    LearnerLesson,
    LearnerRow,
    LessonColumn,
    LessonState,
    ProgressCell,
    ProgressIn,
    ProgressRead,
    QuestionResult,
)

router = APIRouter(tags=["progress"])


def course_progress_read(found: service.LearnerCourse, storage: Storage) -> CourseProgress:
    return CourseProgress(
        course=course_read(found.course, storage),
        required_lessons=len(found.required),
        completed_lessons=found.completed,
        percent=found.percent,
        completed_at=found.completion.created_at if found.completion else None,
        coins=found.completion.coins if found.completion else 0,
        badge=found.course.badge if found.completion else None,
        certificate_code=found.certificate.code if found.certificate else None,
        lessons=[
            LessonState(
                lesson_id=lesson.id,
                title=lesson.title,
                required=lesson.required,
                locked=found.locked.get(lesson.id, False),
                progress=ProgressRead.model_validate(p)
                if (p := found.progress.get(lesson.id))
                else None,
            )
            for lesson in found.lessons
        ],
    )


@router.get(
    "/lessons/{lesson_id}",
    responses=error_responses(403, 404),
    summary="A lesson to work through, with where I stopped",
)
async def read_lesson(
    opened: OpenLessonDep, user: CurrentUser, db: SessionDep, storage: StorageDep
) -> LearnerLesson:
    _course, lesson = opened
    mine = await service.progress_of(db, user.id, [lesson.id])
    return LearnerLesson(
        lesson=await lesson_read(db, lesson, storage),
        progress=ProgressRead.model_validate(mine[lesson.id]) if lesson.id in mine else None,
    )


@router.post(
    "/lessons/{lesson_id}/progress",
    responses=error_responses(403, 404),
    summary="Record that I opened a lesson, where I stopped and the time spent (safe to repeat)",
)
async def record_progress(
    data: ProgressIn,
    opened: OpenLessonDep,
    user: StudentUser,
    db: SessionDep,
    settings: SettingsDep,
) -> ProgressRead:
    course, lesson = opened
    row = await service.record(db, user, course, lesson, data, settings)
    return ProgressRead.model_validate(row)


@router.post(
    "/lessons/{lesson_id}/answers",
    responses=error_responses(403, 404, 422),
    summary="Send my answers to the lesson's questions; graded on the server, the best score kept",
)
async def answer_lesson(
    data: AnswersIn,
    opened: OpenLessonDep,
    user: StudentUser,
    db: SessionDep,
    settings: SettingsDep,
) -> AnswersResult:
    course, lesson = opened
    graded = await service.grade(db, user, course, lesson, data.answers, settings)
    return AnswersResult(
        score=graded.score,
        passed=graded.passed,
        questions=[QuestionResult(question_id=i, fraction=f) for i, f in graded.fractions],
        progress=ProgressRead.model_validate(graded.progress),
    )


@router.get(
    "/courses/{course_id}/progress",
    responses=error_responses(404),
    summary="My progress in a course",
)
async def my_course_progress(
    course: VisibleCourseDep, user: CurrentUser, db: SessionDep, storage: StorageDep
) -> CourseProgress:
    return course_progress_read(await service.course_progress(db, user.id, course), storage)


async def _group_progress(
    db: SessionDep, user: TeachingUser, course: VisibleCourseDep, group_id: uuid.UUID
) -> GroupProgress:
    table = await service.group_table(db, user, course, group_id)
    required = [lesson for lesson in table.lessons if lesson.required]
    learners: list[LearnerRow] = []
    for learner in table.learners:
        cells = []
        for lesson in table.lessons:
            p = table.progress.get((learner, lesson.id))
            cells.append(
                ProgressCell(
                    lesson_id=lesson.id,
                    opened=p is not None,
                    completed=p is not None and p.completed_at is not None,
                    quiz_score=p.quiz_score if p else None,
                    seconds_spent=p.seconds_spent if p else 0,
                )
            )
        done = sum(
            1
            for lesson in required
            if (p := table.progress.get((learner, lesson.id))) and p.completed_at is not None
        )
        learners.append(
            LearnerRow(
                learner_id=learner,
                name=table.names.get(learner, ""),
                percent=service.percent(done, len(required)),
                cells=cells,
            )
        )
    return GroupProgress(
        course_id=course.id,
        group_id=group_id,
        lessons=[LessonColumn(lesson_id=lesson.id, title=lesson.title) for lesson in table.lessons],
        learners=learners,
    )


@router.get(
    "/courses/{course_id}/groups/{group_id}/progress",
    responses=error_responses(403, 404),
    summary="A group's progress in a course: learners × lessons (the group's teacher or school)",
)
async def group_progress(
    group_id: uuid.UUID, course: VisibleCourseDep, user: TeachingUser, db: SessionDep
) -> GroupProgress:
    return await _group_progress(db, user, course, group_id)


@router.get(
    "/courses/{course_id}/groups/{group_id}/progress.csv",
    responses={**error_responses(403, 404), 200: {"content": {"text/csv": {}}}},
    response_class=Response,
    summary="The same table as a CSV file for a spreadsheet",
)
async def group_progress_csv(
    group_id: uuid.UUID, course: VisibleCourseDep, user: TeachingUser, db: SessionDep
) -> Response:
    table = await _group_progress(db, user, course, group_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", "percent", *(lesson.title for lesson in table.lessons)])
    for row in table.learners:
        marks = ["done" if c.completed else "opened" if c.opened else "" for c in row.cells]
        scores = [
            f"{m} {c.quiz_score}%" if c.quiz_score is not None else m
            for m, c in zip(marks, row.cells, strict=True)
        ]
        writer.writerow([_cell(row.name), row.percent, *scores])
    return Response(
        content="\ufeff" + out.getvalue(),  # the BOM makes Excel read Uzbek letters as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="progress-{group_id}.csv"'},
    )


def _cell(text: str) -> str:
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@router.get(
    "/children/{child_id}/progress",
    responses=error_responses(403, 404),
    summary="The courses my child has started and their progress",
)
async def child_progress(
    child_id: uuid.UUID, user: ParentUser, db: SessionDep, storage: StorageDep
) -> list[CourseProgress]:
    return [
        course_progress_read(c, storage) for c in await service.child_courses(db, user.id, child_id)
    ]
