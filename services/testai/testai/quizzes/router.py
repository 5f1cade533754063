import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.assessment.schemas import QuestionIn
from alif.assessment.types import QuestionSource
from alif.db import SessionDep
from alif.errors import error_responses
from alif.kernel import queries
from alif.schemas import Found, Page, PageParams, page_of
from testai.access import Staff, StaffDep
from testai.attempts import service as attempts
from testai.questions import service as questions
from testai.questions.schemas import QuestionIds, QuestionRead
from testai.quizzes import service
from testai.quizzes.dependencies import EditableQuiz, ReadableQuiz
from testai.quizzes.exceptions import StudentNotFound
from testai.quizzes.models import Assignment, ExtraTime, Quiz, QuizStatus
from testai.quizzes.schemas import (
    AssignmentCreate,
    AssignmentRead,
    ExtraTimeRead,
    ExtraTimeSet,
    QuestionOrder,
    QuestionsAdd,
    QuizCreate,
    QuizDetail,
    QuizRead,
    QuizUpdate,
    ShareCode,
)
from testai.quizzes.service import QuizSummary

router = APIRouter(prefix="/tests", tags=["tests"])


def quiz_read(summary: QuizSummary, staff: Staff) -> QuizRead:
    quiz = summary.quiz
    return QuizRead.model_validate(
        {
            **{c.key: getattr(quiz, c.key) for c in Quiz.__table__.columns},
            "question_count": summary.question_count,
            "total_points": summary.total_points,
            "needs_key_count": summary.needs_key_count,
            "review_count": summary.review_count,
            "can_edit": staff.can_edit(quiz.owner_id, quiz.organization_id),
        }
    )


async def detail(db: SessionDep, quiz: Quiz, staff: Staff) -> QuizDetail:
    items = await service.questions_of(db, quiz.id)
    summary = service.summarize(quiz, items)
    return QuizDetail(
        **quiz_read(summary, staff).model_dump(), questions=[questions.read(q) for q in items]
    )


def _assignment(assignment: Assignment) -> AssignmentRead:
    return AssignmentRead.model_validate(assignment, from_attributes=True)


def _extra(extra: ExtraTime) -> ExtraTimeRead:
    return ExtraTimeRead.model_validate(extra, from_attributes=True)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Create a test (a draft)",
)
async def create_test(data: QuizCreate, staff: StaffDep, db: SessionDep) -> QuizDetail:
    return await detail(db, await service.create_quiz(db, staff, data), staff)


@router.get("", summary="My tests and my organization's")
async def list_tests(
    staff: StaffDep,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    status: QuizStatus | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    mine: bool = False,
) -> Page[QuizRead]:
    found = await service.list_quizzes(db, staff, page, status=status, query=q, mine_only=mine)
    summaries = Found(await service.summaries(db, found.items), found.total)
    return page_of(summaries, page, lambda summary: quiz_read(summary, staff))


@router.get("/{test_id}", responses=error_responses(404), summary="A test with its answer key")
async def get_test(quiz: ReadableQuiz, staff: StaffDep, db: SessionDep) -> QuizDetail:
    return await detail(db, quiz, staff)


@router.patch("/{test_id}", responses=error_responses(403, 404, 422))
async def update_test(
    quiz: EditableQuiz, data: QuizUpdate, staff: StaffDep, db: SessionDep
) -> QuizDetail:
    return await detail(db, await service.update_quiz(db, quiz, data), staff)


@router.post(
    "/{test_id}/duplicate",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404),
    summary="Copy a test (and its questions) into a new draft of my own",
)
async def duplicate_test(quiz: ReadableQuiz, staff: StaffDep, db: SessionDep) -> QuizDetail:
    return await detail(db, await service.duplicate(db, staff, quiz), staff)


@router.post(
    "/{test_id}/publish",
    responses=error_responses(403, 404, 409, 422),
    summary="Publish: every question needs a key and every AI question a review",
)
async def publish_test(quiz: EditableQuiz, staff: StaffDep, db: SessionDep) -> QuizDetail:
    return await detail(db, await service.publish(db, quiz), staff)


@router.post("/{test_id}/archive", responses=error_responses(403, 404))
async def archive_test(quiz: EditableQuiz, staff: StaffDep, db: SessionDep) -> QuizDetail:
    return await detail(db, await service.archive(db, quiz), staff)


# --- questions ----------------------------------------------------------------------------


@router.post(
    "/{test_id}/questions",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
)
async def add_question(
    quiz: EditableQuiz, data: QuestionIn, staff: StaffDep, db: SessionDep
) -> QuestionRead:
    added = await service.add_questions(db, staff, quiz, [data], source=QuestionSource.manual)
    return questions.read(added[0])


@router.post(
    "/{test_id}/questions/bulk",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Add several questions: how a teacher confirms an import preview",
)
async def add_questions(
    quiz: EditableQuiz, data: QuestionsAdd, staff: StaffDep, db: SessionDep
) -> list[QuestionRead]:
    added = await service.add_questions(db, staff, quiz, data.questions, source=data.source)
    return [questions.read(q) for q in added]


@router.put(
    "/{test_id}/questions/order",
    responses=error_responses(403, 404, 409, 422),
    summary="Reorder the questions",
)
async def reorder_questions(
    quiz: EditableQuiz, data: QuestionOrder, db: SessionDep
) -> list[QuestionRead]:
    return [questions.read(q) for q in await service.reorder(db, quiz, data.question_ids)]


@router.post(
    "/{test_id}/questions/approve",
    responses=error_responses(403, 404, 409),
    summary="Accept reviewed AI questions as they are",
)
async def approve_questions(
    quiz: EditableQuiz, data: QuestionIds, db: SessionDep
) -> list[QuestionRead]:
    return [questions.read(q) for q in await service.approve(db, quiz, data.question_ids)]


@router.post(
    "/{test_id}/questions/from-bank",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Copy questions from my (or my organization's) bank into the test",
)
async def add_from_bank(
    quiz: EditableQuiz, data: QuestionIds, staff: StaffDep, db: SessionDep
) -> list[QuestionRead]:
    return [
        questions.read(q) for q in await service.add_from_bank(db, staff, quiz, data.question_ids)
    ]


@router.put(
    "/{test_id}/questions/{question_id}",
    responses=error_responses(403, 404, 409, 422),
    summary="Replace a question (fix a flagged one, edit a generated one)",
)
async def replace_question(
    quiz: EditableQuiz, question_id: uuid.UUID, data: QuestionIn, db: SessionDep
) -> QuestionRead:
    question = await service.get_question(db, quiz, question_id)
    return questions.read(await service.replace_question(db, quiz, question, data))


@router.delete(
    "/{test_id}/questions/{question_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404, 409),
)
async def delete_question(quiz: EditableQuiz, question_id: uuid.UUID, db: SessionDep) -> None:
    question = await service.get_question(db, quiz, question_id)
    await service.delete_question(db, quiz, question)


@router.post(
    "/{test_id}/questions/{question_id}/to-bank",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404),
    summary="Keep a copy of the question in my bank",
)
async def save_to_bank(
    quiz: ReadableQuiz, question_id: uuid.UUID, staff: StaffDep, db: SessionDep
) -> QuestionRead:
    question = await service.get_question(db, quiz, question_id)
    return questions.read(await questions.copy_to_bank(db, staff, question))


# --- assigning, sharing, extra time -------------------------------------------------------


@router.post(
    "/{test_id}/assignments",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Give the test to a group, or to chosen students of my groups",
)
async def assign_test(
    quiz: EditableQuiz, data: AssignmentCreate, staff: StaffDep, db: SessionDep
) -> list[AssignmentRead]:
    return [_assignment(a) for a in await service.assign(db, staff, quiz, data)]


@router.get("/{test_id}/assignments", responses=error_responses(404))
async def list_assignments(quiz: ReadableQuiz, db: SessionDep) -> list[AssignmentRead]:
    return [_assignment(a) for a in await service.list_assignments(db, quiz)]


@router.delete(
    "/{test_id}/assignments/{assignment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404),
)
async def remove_assignment(quiz: EditableQuiz, assignment_id: uuid.UUID, db: SessionDep) -> None:
    await service.remove_assignment(db, quiz, assignment_id)


@router.post(
    "/{test_id}/share",
    responses=error_responses(403, 404, 409),
    summary="A code (or link) that opens the test to any student who has it",
)
async def share_test(quiz: EditableQuiz, db: SessionDep) -> ShareCode:
    return ShareCode(code=await service.new_share_code(db, quiz))


@router.delete(
    "/{test_id}/share", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(403, 404)
)
async def stop_sharing(quiz: EditableQuiz, db: SessionDep) -> None:
    await service.stop_sharing(db, quiz)


@router.get("/{test_id}/extra-time", responses=error_responses(404))
async def list_extra_time(quiz: ReadableQuiz, db: SessionDep) -> list[ExtraTimeRead]:
    return [_extra(e) for e in await attempts.list_extra_time(db, quiz)]


@router.put(
    "/{test_id}/extra-time/{student_id}",
    responses=error_responses(403, 404, 422),
    summary="Give a student extra time (×1.5...); a running attempt is re-timed at once",
)
async def set_extra_time(
    quiz: EditableQuiz, student_id: uuid.UUID, data: ExtraTimeSet, staff: StaffDep, db: SessionDep
) -> ExtraTimeRead:
    if student_id not in await queries.taught_students(db, staff.id, [student_id]):
        raise StudentNotFound()
    return _extra(await attempts.set_extra_time(db, quiz, student_id, data.factor))


@router.delete(
    "/{test_id}/extra-time/{student_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404),
)
async def remove_extra_time(quiz: EditableQuiz, student_id: uuid.UUID, db: SessionDep) -> None:
    await attempts.remove_extra_time(db, quiz, student_id)
