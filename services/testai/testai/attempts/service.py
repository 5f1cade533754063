"""Taking a test: starting an attempt on the server's clock, saving answers, submitting, the
server closing overdue attempts, grading, and what a student or a parent may see afterwards."""

import random
import statistics
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment import grading
from alif.assessment import questions as assessment
from alif.assessment.types import CHOICE_TYPES
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.kernel import queries
from alif.ledger import reward
from testai.attempts.exceptions import (
    AttemptClosed,
    AttemptNotFound,
    NoAttemptsLeft,
    TestClosed,
    TestNotAvailable,
    TestNotOpenYet,
    TooManyCodeGuesses,
)
from testai.attempts.models import Answer, Attempt, AttemptStatus
from testai.attempts.schemas import AnswerIn
from testai.config import TestaiSettings
from testai.questions.exceptions import QuestionNotFound
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.models import Assignment, ExtraTime, GradingMethod, Quiz, QuizStatus, ReviewTime

logger = structlog.get_logger("testai.attempts")

COIN_SOURCE = "tests"

CODE_GUESSES = Limit(10, 900)
_shuffler = random.SystemRandom()


@dataclass(frozen=True)
class Policy:
    """The settings that rule attempts: the grace after the deadline, and the coins a student
    earns the first time they pass a test (under the daily cap for tests)."""

    grace_seconds: int
    pass_coins: int
    daily_cap: int | None

    @classmethod
    def of(cls, settings: TestaiSettings) -> "Policy":
        return cls(
            grace_seconds=settings.attempt_grace_seconds,
            pass_coins=settings.pass_coins,
            daily_cap=settings.coin_daily_cap(COIN_SOURCE),
        )


def shown(when: ReviewTime, quiz: Quiz, now: datetime) -> bool:
    match when:
        case ReviewTime.immediately:
            return True
        case ReviewTime.after_close:
            # Closed by its close date, or by the teacher archiving it.
            closed = quiz.closes_at is not None and now >= quiz.closes_at
            return closed or quiz.status is QuizStatus.archived
        case ReviewTime.never:
            return False


def grade_percent(finished: list[Attempt], method: GradingMethod) -> float | None:
    """One grade from several attempts (ordered by number), as the test's method says."""
    percents = [a.percent for a in finished if a.percent is not None]
    if not percents:
        return None
    match method:
        case GradingMethod.highest:
            return max(percents)
        case GradingMethod.average:
            return round(statistics.fmean(percents), 2)
        case GradingMethod.first:
            return percents[0]
        case GradingMethod.last:
            return percents[-1]


# --- who may take what ---------------------------------------------------------------------


async def assigned_quizzes(
    db: AsyncSession, student_id: uuid.UUID
) -> list[tuple[Quiz, datetime | None]]:
    """Published tests given to the student or to one of their groups, with the earliest due
    date among those assignments."""
    groups = await queries.groups_of_student(db, student_id)
    rows = await db.execute(
        select(Quiz, func.min(Assignment.due_at))
        .join(Assignment, Assignment.test_id == Quiz.id)
        .where(
            Quiz.status == QuizStatus.published,
            or_(Assignment.student_id == student_id, Assignment.group_id.in_(groups)),
        )
        .group_by(Quiz.id)
        .order_by(Quiz.published_at.desc())
    )
    return [(quiz, due) for quiz, due in rows]


async def _is_assigned(db: AsyncSession, student_id: uuid.UUID, quiz_id: uuid.UUID) -> bool:
    groups = await queries.groups_of_student(db, student_id)
    found = await db.scalar(
        select(Assignment.id)
        .where(
            Assignment.test_id == quiz_id,
            or_(Assignment.student_id == student_id, Assignment.group_id.in_(groups)),
        )
        .limit(1)
    )
    return found is not None


async def quiz_for_student(
    db: AsyncSession,
    student_id: uuid.UUID,
    *,
    test_id: uuid.UUID | None,
    code: str | None,
    limiter: RateLimiter,
) -> Quiz:
    """The published test the student may take: assigned to them, or opened with its code.
    Anything else is not found, whether it exists or not."""
    if code is not None:
        guesses = f"test-code-guess:{student_id}"
        await limiter.check(guesses, CODE_GUESSES, TooManyCodeGuesses)
        quiz = await quizzes.find_by_share_code(db, code)
        if quiz is None:
            await limiter.record(guesses, CODE_GUESSES)
            raise TestNotAvailable()
        return quiz
    assert test_id is not None
    quiz = await db.get(Quiz, test_id)
    if (
        quiz is None
        or quiz.status is QuizStatus.draft
        or not await _is_assigned(db, student_id, quiz.id)
    ):
        raise TestNotAvailable()
    return quiz


# --- the attempt's clock ------------------------------------------------------------------


def _grace(policy: Policy) -> timedelta:
    return timedelta(seconds=policy.grace_seconds)


def is_overdue(attempt: Attempt, now: datetime, policy: Policy) -> bool:
    return attempt.deadline_at is not None and now > attempt.deadline_at + _grace(policy)


def _deadline(quiz: Quiz, started_at: datetime, factor: float) -> datetime | None:
    ends = []
    if quiz.time_limit_minutes is not None:
        ends.append(started_at + timedelta(minutes=quiz.time_limit_minutes * factor))
    if quiz.closes_at is not None:
        ends.append(quiz.closes_at)
    return min(ends) if ends else None


async def time_factor(db: AsyncSession, quiz_id: uuid.UUID, student_id: uuid.UUID) -> float:
    extra = await db.get(ExtraTime, (quiz_id, student_id))
    return extra.factor if extra is not None else 1.0


async def set_extra_time(
    db: AsyncSession, quiz: Quiz, student_id: uuid.UUID, factor: float
) -> ExtraTime:
    """Grant (or change) a student's extra time; an attempt already running is re-timed too."""
    extra = await db.get(ExtraTime, (quiz.id, student_id))
    if extra is None:
        extra = ExtraTime(test_id=quiz.id, student_id=student_id, factor=factor)
        db.add(extra)
    else:
        extra.factor = factor
        extra.updated_at = utcnow()
    running = await db.scalars(
        select(Attempt).where(
            Attempt.test_id == quiz.id,
            Attempt.student_id == student_id,
            Attempt.status == AttemptStatus.in_progress,
        )
    )
    for attempt in running:
        attempt.time_factor = factor
        attempt.deadline_at = _deadline(quiz, attempt.started_at, factor)
    await db.flush()
    return extra


async def list_extra_time(db: AsyncSession, quiz: Quiz) -> list[ExtraTime]:
    return list(await db.scalars(select(ExtraTime).where(ExtraTime.test_id == quiz.id)))


async def remove_extra_time(db: AsyncSession, quiz: Quiz, student_id: uuid.UUID) -> None:
    await set_extra_time(db, quiz, student_id, 1.0)
    extra = await db.get(ExtraTime, (quiz.id, student_id))
    if extra is not None:
        await db.delete(extra)
        await db.flush()


# --- starting, answering, finishing -------------------------------------------------------


async def _attempts_of(
    db: AsyncSession, quiz_id: uuid.UUID, student_id: uuid.UUID
) -> list[Attempt]:
    return list(
        await db.scalars(
            select(Attempt)
            .where(Attempt.test_id == quiz_id, Attempt.student_id == student_id)
            .order_by(Attempt.number)
        )
    )


async def start(db: AsyncSession, student_id: uuid.UUID, quiz: Quiz, policy: Policy) -> Attempt:
    """Start an attempt, or resume the one still running (a reload, a second tab)."""
    now = utcnow()
    await close_overdue(db, policy, quiz_id=quiz.id, student_id=student_id)
    attempts = await _attempts_of(db, quiz.id, student_id)
    if running := [a for a in attempts if a.status is AttemptStatus.in_progress]:
        return running[0]
    if quiz.status is not QuizStatus.published or (quiz.closes_at and now >= quiz.closes_at):
        raise TestClosed()
    if quiz.opens_at and now < quiz.opens_at:
        raise TestNotOpenYet(details={"opens_at": quiz.opens_at.isoformat()})
    if quiz.attempts_allowed is not None and len(attempts) >= quiz.attempts_allowed:
        raise NoAttemptsLeft()

    items = await quizzes.questions_of(db, quiz.id)
    order = [str(q.id) for q in items]
    if quiz.shuffle_questions:
        _shuffler.shuffle(order)
    option_order: dict[str, Any] = {}
    for question in items:
        ids = [o["id"] for o in question.options]
        if quiz.shuffle_options and question.type in CHOICE_TYPES:
            _shuffler.shuffle(ids)
        option_order[str(question.id)] = ids
    factor = await time_factor(db, quiz.id, student_id)
    attempt = Attempt(
        test_id=quiz.id,
        student_id=student_id,
        number=len(attempts) + 1,
        status=AttemptStatus.in_progress,
        started_at=now,
        deadline_at=_deadline(quiz, now, factor),
        time_factor=factor,
        question_order=order,
        option_order=option_order,
        max_score=float(sum(q.points for q in items)),
    )
    try:
        async with db.begin_nested():
            db.add(attempt)
            await db.flush()
    except IntegrityError:
        # The same student started in two tabs at once: both get the one attempt that won.
        winner = await db.scalar(
            select(Attempt).where(
                Attempt.test_id == quiz.id,
                Attempt.student_id == student_id,
                Attempt.status == AttemptStatus.in_progress,
            )
        )
        if winner is None:
            raise
        return winner
    logger.info("attempt_started", attempt_id=str(attempt.id), test_id=str(quiz.id))
    return attempt


async def get_own_attempt(
    db: AsyncSession, student_id: uuid.UUID, attempt_id: uuid.UUID, *, for_update: bool = False
) -> Attempt:
    statement = select(Attempt).where(Attempt.id == attempt_id, Attempt.student_id == student_id)
    if for_update:
        # One writer per attempt at a time: concurrent saves and a submit queue up here.
        statement = statement.with_for_update()
    attempt = await db.scalar(statement)
    if attempt is None:
        raise AttemptNotFound()
    return attempt


async def save_answer(
    db: AsyncSession,
    attempt: Attempt,
    question_id: uuid.UUID,
    data: AnswerIn,
    policy: Policy,
) -> Answer:
    """Save (or replace) one answer. Saving the same thing again changes nothing; a save older
    than the one stored (a lower revision) is ignored; after the deadline nothing is saved."""
    now = utcnow()
    if attempt.status is AttemptStatus.finished:
        raise AttemptClosed()
    if is_overdue(attempt, now, policy):
        await finish(db, attempt, policy, by_server=True)
        raise AttemptClosed()
    if str(question_id) not in attempt.question_order:
        raise QuestionNotFound()
    question = await db.get(Question, question_id)
    if question is None:
        raise QuestionNotFound()
    response = assessment.response(question, data)
    answer = await db.get(Answer, (attempt.id, question_id))
    if answer is None:
        answer = Answer(
            attempt_id=attempt.id,
            question_id=question_id,
            response=response,
            revision=data.revision,
        )
        db.add(answer)
    elif data.revision >= answer.revision:
        answer.response = response
        answer.revision = data.revision
        answer.saved_at = now
    await db.flush()
    return answer


async def answers_of(db: AsyncSession, attempt_id: uuid.UUID) -> list[Answer]:
    return list(await db.scalars(select(Answer).where(Answer.attempt_id == attempt_id)))


async def attempt_questions(db: AsyncSession, attempt: Attempt) -> list[Question]:
    ids = [uuid.UUID(i) for i in attempt.question_order]
    found = {q.id: q for q in await db.scalars(select(Question).where(Question.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


async def finish(db: AsyncSession, attempt: Attempt, policy: Policy, *, by_server: bool) -> Attempt:
    """Grade every saved answer and close the attempt. Every type is objective, so the score is
    final at once."""
    questions = {q.id: q for q in await attempt_questions(db, attempt)}
    answers = {a.question_id: a for a in await answers_of(db, attempt.id)}
    score = 0.0
    for question_id, question in questions.items():
        answer = answers.get(question_id)
        if answer is None:
            continue
        earned = question.points * grading.fraction(
            question.type,
            question.answer_key,
            answer.response,
            [o["id"] for o in question.options],
        )
        answer.score = round(earned, 4)
        score += answer.score
    attempt.score = round(score, 4)
    attempt.status = AttemptStatus.finished
    # An attempt the server closes ended at its deadline, not when somebody noticed.
    attempt.submitted_at = attempt.deadline_at if by_server and attempt.deadline_at else utcnow()
    attempt.closed_by_server = by_server
    await db.flush()
    await _reward_first_pass(db, attempt, policy)
    logger.info(
        "attempt_finished",
        attempt_id=str(attempt.id),
        by_server=by_server,
        percent=attempt.percent,
    )
    return attempt


async def _reward_first_pass(db: AsyncSession, attempt: Attempt, policy: Policy) -> None:
    """Coins for the first attempt that reaches the test's pass mark: the key is the test and the
    student, so a later pass, a retried submit or the server's closing never pays again."""
    quiz = await db.get(Quiz, attempt.test_id)
    if quiz is None or policy.pass_coins <= 0 or attempt.percent is None:
        return
    if attempt.percent < quiz.pass_percent:
        return
    await reward(
        db,
        user_id=attempt.student_id,
        source=COIN_SOURCE,
        amount=policy.pass_coins,
        idempotency_key=f"testai:pass:{attempt.test_id}:{attempt.student_id}",
        daily_cap=policy.daily_cap,
        reference=str(attempt.id),
        description=quiz.title,
    )


async def submit(db: AsyncSession, attempt: Attempt, policy: Policy) -> Attempt:
    """Submitting twice is harmless: the second answers with the finished attempt."""
    if attempt.status is AttemptStatus.finished:
        return attempt
    return await finish(db, attempt, policy, by_server=is_overdue(attempt, utcnow(), policy))


async def close_overdue(
    db: AsyncSession,
    policy: Policy,
    *,
    quiz_id: uuid.UUID | None = None,
    student_id: uuid.UUID | None = None,
) -> int:
    """Close every running attempt whose time (and grace) is over. Called before anyone looks
    at attempts or results, so an abandoned attempt is graded by the time anyone asks."""
    cutoff = utcnow() - _grace(policy)
    statement = select(Attempt).where(
        Attempt.status == AttemptStatus.in_progress, Attempt.deadline_at < cutoff
    )
    if quiz_id is not None:
        statement = statement.where(Attempt.test_id == quiz_id)
    if student_id is not None:
        statement = statement.where(Attempt.student_id == student_id)
    closed = 0
    for attempt in await db.scalars(statement.with_for_update()):
        await finish(db, attempt, policy, by_server=True)
        closed += 1
    return closed


# --- what a student and a parent see ------------------------------------------------------


@dataclass(frozen=True)
class StudentResult:
    quiz: Quiz
    attempts: list[Attempt]
    results_hidden: bool
    grade_percent: float | None

    @property
    def passed(self) -> bool | None:
        if self.grade_percent is None:
            return None
        return self.grade_percent >= self.quiz.pass_percent

    @property
    def last_submitted_at(self) -> datetime | None:
        times = [a.submitted_at for a in self.attempts if a.submitted_at is not None]
        return max(times) if times else None


def result_of(quiz: Quiz, attempts: list[Attempt], now: datetime) -> StudentResult:
    finished = [a for a in attempts if a.status is AttemptStatus.finished]
    hidden = not shown(quiz.results_shown, quiz, now)
    grade = None if hidden else grade_percent(finished, quiz.grading_method)
    return StudentResult(quiz, attempts, hidden, grade)


async def results_of_student(
    db: AsyncSession, student_id: uuid.UUID, policy: Policy
) -> list[StudentResult]:
    await close_overdue(db, policy, student_id=student_id)
    attempts = await db.scalars(
        select(Attempt).where(Attempt.student_id == student_id).order_by(Attempt.number)
    )
    by_quiz: dict[uuid.UUID, list[Attempt]] = {}
    for attempt in attempts:
        by_quiz.setdefault(attempt.test_id, []).append(attempt)
    if not by_quiz:
        return []
    found = await db.scalars(select(Quiz).where(Quiz.id.in_(list(by_quiz))))
    now = utcnow()
    results = [result_of(quiz, by_quiz[quiz.id], now) for quiz in found]
    return sorted(results, key=lambda r: r.last_submitted_at or now, reverse=True)


async def attempts_for_assigned(
    db: AsyncSession, student_id: uuid.UUID, quiz_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Attempt]]:
    by_quiz: dict[uuid.UUID, list[Attempt]] = {i: [] for i in quiz_ids}
    if quiz_ids:
        for attempt in await db.scalars(
            select(Attempt)
            .where(Attempt.student_id == student_id, Attempt.test_id.in_(quiz_ids))
            .order_by(Attempt.number)
        ):
            by_quiz[attempt.test_id].append(attempt)
    return by_quiz
