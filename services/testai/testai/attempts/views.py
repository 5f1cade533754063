"""Shaping attempts for whoever looks at them: the student (as the test's settings allow) or a
teacher (everything), and the student's list of assigned tests."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment import questions as assessment
from alif.db import utcnow
from testai.attempts import service
from testai.attempts.models import Answer, Attempt, AttemptStatus
from testai.attempts.schemas import AnswerRead, AssignedTest, AttemptRead, ReviewItem
from testai.attempts.service import Policy, answers_of, attempt_questions, shown
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.models import Quiz


def answer_read(answer: Answer) -> AnswerRead:
    response = answer.response
    return AnswerRead(
        question_id=answer.question_id,
        choice=response.get("choice"),
        truth=response.get("truth"),
        text=response.get("text"),
        revision=answer.revision,
        saved_at=answer.saved_at,
    )


def _review(question: Question, answer: Answer | None) -> ReviewItem:
    earned = answer.score if answer is not None and answer.score is not None else 0.0
    return ReviewItem(
        question_id=question.id,
        earned=earned,
        points=question.points,
        correct=earned >= question.points,
        correct_option_ids=assessment.correct_ids(question.answer_key),
        **assessment.key_fields(question.answer_key),
        explanation=question.explanation,
    )


async def attempt_read(
    db: AsyncSession, attempt: Attempt, quiz: Quiz, *, teacher: bool
) -> AttemptRead:
    now = utcnow()
    items = await attempt_questions(db, attempt)
    answers = {a.question_id: a for a in await answers_of(db, attempt.id)}
    finished = attempt.status is AttemptStatus.finished
    show_score = finished and (teacher or shown(quiz.results_shown, quiz, now))
    show_key = finished and (teacher or shown(quiz.answers_shown, quiz, now))
    percent = attempt.percent if show_score else None
    return AttemptRead(
        id=attempt.id,
        test_id=quiz.id,
        test_title=quiz.title,
        student_id=attempt.student_id,
        number=attempt.number,
        status=attempt.status,
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        submitted_at=attempt.submitted_at,
        closed_by_server=attempt.closed_by_server,
        time_limit_minutes=quiz.time_limit_minutes,
        time_factor=attempt.time_factor,
        server_time=now,
        questions=[
            assessment.student_view(q.id, q, attempt.option_order.get(str(q.id))) for q in items
        ],
        answers=[answer_read(answers[q.id]) for q in items if q.id in answers],
        score=attempt.score if show_score else None,
        max_score=attempt.max_score if show_score else None,
        percent=percent,
        passed=percent >= quiz.pass_percent if percent is not None else None,
        review=[_review(q, answers.get(q.id)) for q in items] if show_key else None,
    )


async def assigned_tests(
    db: AsyncSession, student_id: uuid.UUID, policy: Policy
) -> list[AssignedTest]:
    """The student's list: every test given to them or to their groups, with their attempts,
    their own time limit and their grade so far (overdue attempts are closed first)."""
    await service.close_overdue(db, policy, student_id=student_id)
    assigned = await service.assigned_quizzes(db, student_id)
    attempts = await service.attempts_for_assigned(db, student_id, [q.id for q, _ in assigned])
    summaries = await quizzes.summaries(db, [q for q, _ in assigned])
    now = utcnow()
    tests = []
    for (quiz, due_at), summary in zip(assigned, summaries, strict=True):
        mine = attempts[quiz.id]
        factor = await service.time_factor(db, quiz.id, student_id)
        running = [a.id for a in mine if a.status is AttemptStatus.in_progress]
        tests.append(
            AssignedTest(
                test_id=quiz.id,
                title=quiz.title,
                subject=quiz.subject,
                question_count=summary.question_count,
                time_limit_minutes=quiz.time_limit_minutes,
                your_time_minutes=quiz.time_limit_minutes * factor
                if quiz.time_limit_minutes
                else None,
                attempts_allowed=quiz.attempts_allowed,
                attempts_used=len(mine),
                attempt_in_progress=running[0] if running else None,
                opens_at=quiz.opens_at,
                closes_at=quiz.closes_at,
                due_at=due_at,
                grade_percent=service.result_of(quiz, mine, now).grade_percent,
            )
        )
    return tests
