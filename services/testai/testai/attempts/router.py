import uuid

from fastapi import APIRouter, status

from alif.auth import ParentUser, StudentUser
from alif.db import SessionDep
from alif.dependencies import RateLimiterDep
from alif.errors import error_responses
from alif.kernel import queries
from testai.attempts import service, views
from testai.attempts.exceptions import ChildNotFound
from testai.attempts.schemas import (
    AnswerIn,
    AnswerRead,
    AssignedTest,
    AttemptRead,
    AttemptStart,
    ResultRow,
    SharedTest,
)
from testai.attempts.service import Policy, StudentResult
from testai.attempts.views import answer_read, attempt_read
from testai.dependencies import SettingsDep
from testai.quizzes import service as quizzes
from testai.quizzes.models import Quiz

router = APIRouter(tags=["taking"])


def _row(result: StudentResult) -> ResultRow:
    return ResultRow(
        test_id=result.quiz.id,
        title=result.quiz.title,
        subject=result.quiz.subject,
        attempts=len(result.attempts),
        last_submitted_at=result.last_submitted_at,
        results_hidden=result.results_hidden,
        grade_percent=result.grade_percent,
        passed=result.passed,
    )


async def _quiz_of(db: SessionDep, test_id: uuid.UUID) -> Quiz:
    quiz = await db.get(Quiz, test_id)
    assert quiz is not None  # an attempt's test is deleted only with the attempt
    return quiz


@router.get("/my/tests", summary="Tests given to me or to my groups")
async def my_tests(
    student: StudentUser, db: SessionDep, settings: SettingsDep
) -> list[AssignedTest]:
    return await views.assigned_tests(db, student.id, Policy.of(settings))


@router.get(
    "/shared/{code}",
    responses=error_responses(404, 429),
    summary="What a share code opens (before starting)",
)
async def shared_test(
    code: str, student: StudentUser, db: SessionDep, limiter: RateLimiterDep
) -> SharedTest:
    quiz = await service.quiz_for_student(db, student.id, test_id=None, code=code, limiter=limiter)
    summary = (await quizzes.summaries(db, [quiz]))[0]
    return SharedTest(
        test_id=quiz.id,
        title=quiz.title,
        subject=quiz.subject,
        description=quiz.description,
        question_count=summary.question_count,
        time_limit_minutes=quiz.time_limit_minutes,
        attempts_allowed=quiz.attempts_allowed,
        opens_at=quiz.opens_at,
        closes_at=quiz.closes_at,
    )


@router.post(
    "/attempts",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 429),
    summary="Start an attempt (or resume the one running); the clock is the server's",
)
async def start_attempt(
    data: AttemptStart,
    student: StudentUser,
    db: SessionDep,
    limiter: RateLimiterDep,
    settings: SettingsDep,
) -> AttemptRead:
    quiz = await service.quiz_for_student(
        db, student.id, test_id=data.test_id, code=data.code, limiter=limiter
    )
    attempt = await service.start(db, student.id, quiz, Policy.of(settings))
    return await attempt_read(db, attempt, quiz, teacher=False)


@router.get("/attempts/{attempt_id}", responses=error_responses(404))
async def get_attempt(
    attempt_id: uuid.UUID, student: StudentUser, db: SessionDep, settings: SettingsDep
) -> AttemptRead:
    attempt = await service.get_own_attempt(db, student.id, attempt_id, for_update=True)
    await service.close_overdue(
        db, Policy.of(settings), quiz_id=attempt.test_id, student_id=student.id
    )
    return await attempt_read(db, attempt, await _quiz_of(db, attempt.test_id), teacher=False)


@router.put(
    "/attempts/{attempt_id}/answers/{question_id}",
    responses=error_responses(404, 409, 422),
    summary="Save one answer; repeating it is harmless",
)
async def save_answer(
    attempt_id: uuid.UUID,
    question_id: uuid.UUID,
    data: AnswerIn,
    student: StudentUser,
    db: SessionDep,
    settings: SettingsDep,
) -> AnswerRead:
    attempt = await service.get_own_attempt(db, student.id, attempt_id, for_update=True)
    answer = await service.save_answer(db, attempt, question_id, data, Policy.of(settings))
    return answer_read(answer)


@router.post(
    "/attempts/{attempt_id}/submit",
    responses=error_responses(404),
    summary="Hand in the attempt; it is graded at once",
)
async def submit_attempt(
    attempt_id: uuid.UUID, student: StudentUser, db: SessionDep, settings: SettingsDep
) -> AttemptRead:
    attempt = await service.get_own_attempt(db, student.id, attempt_id, for_update=True)
    await service.submit(db, attempt, Policy.of(settings))
    return await attempt_read(db, attempt, await _quiz_of(db, attempt.test_id), teacher=False)


@router.get("/my/results", summary="My results, as each test's settings allow")
async def my_results(
    student: StudentUser, db: SessionDep, settings: SettingsDep
) -> list[ResultRow]:
    results = await service.results_of_student(db, student.id, Policy.of(settings))
    return [_row(r) for r in results]


@router.get(
    "/children/{child_id}/results",
    responses=error_responses(404),
    summary="My child's results (parents), as each test's settings allow",
)
async def child_results(
    child_id: uuid.UUID, parent: ParentUser, db: SessionDep, settings: SettingsDep
) -> list[ResultRow]:
    if not await queries.is_guardian(db, parent.id, child_id):
        raise ChildNotFound()
    results = await service.results_of_student(db, child_id, Policy.of(settings))
    return [_row(r) for r in results]
