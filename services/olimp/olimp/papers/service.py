"""The paper under the server's clock: start or resume, save answers, submit, signals, board."""

import math
import random
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment import grading, questions
from alif.assessment.schemas import AnswerFields, Response
from alif.auth import TokenUser
from alif.cache import Cache
from alif.db import utcnow
from alif.kernel import queries
from alif.kernel.models import Region
from olimp.olympiads import service as olympiads
from olimp.olympiads.models import Olympiad, Question, Registration, Round, Section
from olimp.papers.exceptions import (
    AttemptClosed,
    AttemptNotFound,
    NotRegistered,
    QuestionNotFound,
    RoundNotOpen,
)
from olimp.papers.models import Answer, Attempt, Signal, SignalKind
from olimp.papers.schemas import (
    AttemptRead,
    AttemptSummary,
    Board,
    BoardRow,
    PaperQuestion,
    SavedAnswer,
    SignalIn,
    SignalRead,
)
from olimp.results.exceptions import NotQualified
from olimp.results.models import Result


def board_channel(round_id: uuid.UUID) -> str:
    return f"olimp:board:{round_id}"


async def announce(cache: Cache, round_id: uuid.UUID) -> None:
    """Tell every watcher of the round's board that a result changed (after the commit)."""
    await cache.publish(board_channel(round_id), "changed")


def ranking_key(
    score: float, seconds: int, hard_points: float, tie_breaks: Sequence[str]
) -> tuple[float, ...]:
    """What ranks a result, best first (smaller sorts first): a higher score, then each of the
    olympiad's tie-breaks in its order — `time`: less time to reach the score, `hardest`: more
    points in the section worth the most. Results with equal keys share a rank."""
    key = [-score]
    for rule in tie_breaks:
        key.append(float(seconds) if rule == "time" else -hard_points)
    return tuple(key)


def seconds_left(attempt: Attempt, now: datetime) -> int:
    return max(0, math.floor((attempt.deadline - now).total_seconds()))


def is_open(attempt: Attempt, now: datetime) -> bool:
    return attempt.submitted_at is None and now <= attempt.deadline


async def _registration(db: AsyncSession, round_: Round, student_id: uuid.UUID) -> Registration:
    registration = await db.scalar(
        select(Registration).where(
            Registration.olympiad_id == round_.olympiad_id, Registration.student_id == student_id
        )
    )
    if registration is None:
        raise NotRegistered()
    return registration


async def _find(db: AsyncSession, round_id: uuid.UUID, student_id: uuid.UUID) -> Attempt | None:
    return await db.scalar(
        select(Attempt).where(Attempt.round_id == round_id, Attempt.student_id == student_id)
    )


async def _record(db: AsyncSession, attempt: Attempt, kind: SignalKind, detail: str = "") -> None:
    db.add(Signal(attempt_id=attempt.id, kind=kind, detail=detail, recorded_at=utcnow()))
    await db.flush()


async def start(
    db: AsyncSession, olympiad: Olympiad, round_: Round, user: TokenUser, grace: int
) -> Attempt:
    """The participant's one attempt: started now, or the one already started (a reconnect)."""
    registration = await _registration(db, round_, user.id)
    if (attempt := await _find(db, round_.id, user.id)) is not None:
        await _check_device(db, attempt, user)
        return attempt
    now = utcnow()
    if olympiad.published_at is None or not round_.opens_at <= now < round_.closes_at:
        raise RoundNotOpen()
    await _check_qualified(db, round_, user.id)
    end = min(now + timedelta(minutes=round_.duration_minutes), round_.closes_at)
    attempt = Attempt(
        round_id=round_.id,
        student_id=user.id,
        registration_id=registration.id,
        session_id=user.session_id,
        seed=secrets.randbits(62),
        started_at=now,
        deadline=end + timedelta(seconds=grace),
        score=float(round_.start_bonus),
        public_score=float(round_.start_bonus),
    )
    try:
        async with db.begin_nested():
            db.add(attempt)
            await db.flush()
    except IntegrityError:
        # The same start twice at once (a double tap, two tabs): the first one is the attempt.
        found = await _find(db, round_.id, user.id)
        if found is None:
            raise
        return found
    return attempt


async def _check_qualified(db: AsyncSession, round_: Round, student_id: uuid.UUID) -> None:
    """Starting round n needs a qualifying result in round n-1 when that round was qualifying
    (its results are computed by the ranking job once it closes)."""
    previous = await db.scalar(
        select(Round).where(
            Round.olympiad_id == round_.olympiad_id, Round.number == round_.number - 1
        )
    )
    if previous is None or previous.advance is None:
        return
    qualified = await db.scalar(
        select(Result.qualified).where(
            Result.round_id == previous.id, Result.student_id == student_id
        )
    )
    if not qualified:
        raise NotQualified()


async def _check_device(db: AsyncSession, attempt: Attempt, user: TokenUser) -> None:
    """Another sign-in working on the same paper is recorded (once per sign-in), never blocked."""
    if user.session_id == attempt.session_id:
        return
    detail = str(user.session_id)
    seen = await db.scalar(
        select(Signal.id).where(
            Signal.attempt_id == attempt.id,
            Signal.kind == SignalKind.second_device,
            Signal.detail == detail,
        )
    )
    if seen is None:
        await _record(db, attempt, SignalKind.second_device, detail)


def _shuffle(seed: str, items: list[Any]) -> None:
    # Replayable on purpose (an appeal sees the participant's order); the seed itself is drawn
    # with `secrets` and never sent to the participant.
    random.Random(seed).shuffle(items)  # noqa: S311


def paper_order(attempt: Attempt, round_: Round, found: Sequence[Question]) -> list[PaperQuestion]:
    """The participant's questions: sections in order, questions and options shuffled within
    them from the attempt's seed, so the same attempt always shows the same order."""
    by_section: dict[uuid.UUID, list[Question]] = {}
    for question in found:
        by_section.setdefault(question.section_id, []).append(question)
    paper: list[PaperQuestion] = []
    for section_questions in by_section.values():
        if round_.shuffle:
            _shuffle(f"{attempt.seed}:{section_questions[0].section_id}", section_questions)
        for question in section_questions:
            options = [o["id"] for o in question.options]
            if round_.shuffle:
                _shuffle(f"{attempt.seed}:{question.id}", options)
            view = questions.student_view(question.id, question, options)
            paper.append(PaperQuestion(**view.model_dump(), section_id=question.section_id))
    return paper


async def round_questions(db: AsyncSession, round_id: uuid.UUID) -> list[Question]:
    return list(
        await db.scalars(
            select(Question)
            .join(Section, Section.id == Question.section_id)
            .where(Question.round_id == round_id)
            .order_by(Section.position, Question.position)
        )
    )


async def attempt_read(db: AsyncSession, attempt: Attempt, round_: Round) -> AttemptRead:
    answers = await db.scalars(select(Answer).where(Answer.attempt_id == attempt.id))
    return AttemptRead(
        id=attempt.id,
        round_id=attempt.round_id,
        started_at=attempt.started_at,
        deadline=attempt.deadline,
        submitted_at=attempt.submitted_at,
        seconds_left=seconds_left(attempt, utcnow()) if attempt.submitted_at is None else 0,
        questions=paper_order(attempt, round_, await round_questions(db, round_.id)),
        answers={str(a.question_id): SavedAnswer(**a.response) for a in answers if a.response},
    )


async def get_attempt(db: AsyncSession, attempt_id: uuid.UUID, user: TokenUser) -> Attempt:
    """The participant's own attempt; anyone else's is not found."""
    attempt = await db.get(Attempt, attempt_id)
    if attempt is None or attempt.student_id != user.id:
        raise AttemptNotFound()
    return attempt


def points_for(question: Question, section: Section, response: Response) -> float:
    """The section's points times the share earned; a wrong answer (not a blank one) loses the
    section's penalty, the Kangaroo way."""
    if not response:
        return 0.0
    option_ids = [o["id"] for o in question.options]
    share = grading.fraction(question.type, question.answer_key, response, option_ids)
    if share == 0:
        return -section.penalty
    return round(section.points * share, 4)


async def save_answer(
    db: AsyncSession,
    attempt: Attempt,
    round_: Round,
    question_id: uuid.UUID,
    data: AnswerFields,
    user: TokenUser,
) -> Answer:
    """The answer to one question, replacing the one before (a retry saves the same again)."""
    now = utcnow()
    if not is_open(attempt, now):
        raise AttemptClosed()
    question = await db.get(Question, question_id)
    if question is None or question.round_id != attempt.round_id:
        raise QuestionNotFound()
    section = await db.get(Section, question.section_id)
    assert section is not None
    await _check_device(db, attempt, user)
    response = questions.response(question, data)
    points = points_for(question, section, response)
    answer = await db.scalar(
        select(Answer).where(Answer.attempt_id == attempt.id, Answer.question_id == question.id)
    )
    if answer is None:
        answer = Answer(
            attempt_id=attempt.id,
            question_id=question.id,
            response=response,
            points=points,
            saved_at=now,
        )
        try:
            async with db.begin_nested():
                db.add(answer)
                await db.flush()
        except IntegrityError:
            # The same question saved twice at once: update the row the other request made.
            found = await db.scalar(
                select(Answer).where(
                    Answer.attempt_id == attempt.id, Answer.question_id == question.id
                )
            )
            if found is None:
                raise
            answer = found
    answer.response, answer.points, answer.saved_at = response, points, now
    await db.flush()
    await _rescore(db, attempt, round_, now)
    return answer


async def totals(
    db: AsyncSession, round_: Round, attempt_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[float, float]]:
    """Each attempt's points: all of them, and those in the round's hardest section(s) (worth the
    most points), in one read."""
    top = select(func.max(Section.points)).where(Section.round_id == round_.id).scalar_subquery()
    hardest = select(Section.id).where(Section.round_id == round_.id, Section.points == top)
    rows = await db.execute(
        select(
            Answer.attempt_id,
            func.coalesce(func.sum(Answer.points), 0.0),
            func.coalesce(
                func.sum(case((Question.section_id.in_(hardest), Answer.points), else_=0.0)),
                0.0,
            ),
        )
        .join(Question, Question.id == Answer.question_id)
        .where(Answer.attempt_id.in_(attempt_ids))
        .group_by(Answer.attempt_id)
    )
    return {attempt_id: (float(total), float(hard)) for attempt_id, total, hard in rows}


async def _rescore(db: AsyncSession, attempt: Attempt, round_: Round, now: datetime) -> None:
    total, hard = (await totals(db, round_, [attempt.id])).get(attempt.id, (0.0, 0.0))
    score = round(round_.start_bonus + total, 4)
    if score != attempt.score:
        attempt.score = score
        attempt.scored_seconds = math.ceil((now - attempt.started_at).total_seconds())
    attempt.hard_points = round(hard, 4)
    if now < freezes_at(round_):
        attempt.public_score, attempt.public_seconds = attempt.score, attempt.scored_seconds
        attempt.public_hard_points = attempt.hard_points
    await db.flush()


def freezes_at(round_: Round) -> datetime:
    return round_.closes_at - timedelta(minutes=round_.freeze_minutes)


async def submit(db: AsyncSession, attempt: Attempt) -> Attempt:
    """Hand the paper in; handing it in again answers with the same attempt."""
    if attempt.submitted_at is not None:
        return attempt
    now = utcnow()
    if not is_open(attempt, now):
        raise AttemptClosed()
    attempt.submitted_at = now
    await db.flush()
    return attempt


async def record_signal(db: AsyncSession, attempt: Attempt, data: SignalIn) -> None:
    if not is_open(attempt, utcnow()):
        raise AttemptClosed()
    await _record(db, attempt, data.kind, data.detail)


async def summaries(db: AsyncSession, round_: Round) -> list[AttemptSummary]:
    """Every participant's attempt with the signals recorded, for the organizer."""
    attempts = list(
        await db.scalars(
            select(Attempt).where(Attempt.round_id == round_.id).order_by(Attempt.started_at)
        )
    )
    ids = [a.id for a in attempts]
    signals: dict[uuid.UUID, list[SignalRead]] = {}
    for signal in await db.scalars(
        select(Signal).where(Signal.attempt_id.in_(ids)).order_by(Signal.recorded_at)
    ):
        signals.setdefault(signal.attempt_id, []).append(SignalRead.model_validate(signal))
    answered = dict(
        (
            await db.execute(
                select(Answer.attempt_id, func.count())
                .where(Answer.attempt_id.in_(ids))
                .group_by(Answer.attempt_id)
            )
        ).all()
    )
    names = await queries.display_names(db, [a.student_id for a in attempts])
    return [
        AttemptSummary(
            id=a.id,
            student_id=a.student_id,
            name=names.get(a.student_id, ""),
            started_at=a.started_at,
            deadline=a.deadline,
            submitted_at=a.submitted_at,
            score=a.score,
            answered=answered.get(a.id, 0),
            signals=signals.get(a.id, []),
        )
        for a in attempts
    ]


async def board(
    db: AsyncSession,
    olympiad: Olympiad,
    round_: Round,
    user: TokenUser,
    *,
    region: Region | None,
    district: str | None,
    school: str | None,
    grade: int | None,
) -> Board:
    """The round's ranking: score, then less time to reach it; equal results share a rank.
    The public board stops at the freeze until the round ends; organizers always see it live."""
    now = utcnow()
    frozen = (
        not olympiads.is_organizer(olympiad, user) and freezes_at(round_) <= now < round_.closes_at
    )
    query = (
        select(Attempt, Registration)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Attempt.round_id == round_.id)
    )
    if region is not None:
        query = query.where(Registration.region == region)
    if district:
        query = query.where(Registration.district == district)
    if school:
        query = query.where(Registration.school == school)
    if grade is not None:
        query = query.where(Registration.grade == grade)
    rows = (await db.execute(query)).all()
    results = [
        (
            attempt.public_score if frozen else attempt.score,
            attempt.public_seconds if frozen else attempt.scored_seconds,
            attempt.public_hard_points if frozen else attempt.hard_points,
            attempt,
            registration,
        )
        for attempt, registration in rows
    ]
    keys = {r[3].id: ranking_key(r[0], r[1], r[2], olympiad.tie_breaks) for r in results}
    results.sort(key=lambda r: (keys[r[3].id], str(r[3].id)))
    names = await queries.display_names(db, [r[3].student_id for r in results])
    board_rows: list[BoardRow] = []
    previous_key: tuple[float, ...] | None = None
    for position, (score, seconds, _, attempt, registration) in enumerate(results, start=1):
        previous = board_rows[-1] if board_rows else None
        shared = previous is not None and previous_key == keys[attempt.id]
        previous_key = keys[attempt.id]
        board_rows.append(
            BoardRow(
                rank=previous.rank if shared and previous else position,
                name=names.get(attempt.student_id, ""),
                grade=registration.grade,
                region=registration.region,
                district=registration.district,
                school=registration.school,
                score=score,
                seconds=seconds,
                you=attempt.student_id == user.id,
            )
        )
    return Board(frozen=frozen, rows=board_rows)
