import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, status

from alif.assessment.schemas import AnswerFields
from alif.auth import CurrentUser
from alif.db import SessionDep, utcnow
from alif.dependencies import CacheDep
from alif.errors import error_responses
from alif.kernel.models import Region
from olimp.olympiads.dependencies import (
    OlimpSettingsDep,
    OlympiadDep,
    OrganizedRoundDep,
    RoundDep,
)
from olimp.papers import service
from olimp.papers.dependencies import AttemptDep, AttemptRoundDep
from olimp.papers.schemas import AnswerSaved, AttemptRead, AttemptSummary, Board, SignalIn

router = APIRouter(tags=["papers"])


@router.post(
    "/olympiads/{olympiad_id}/rounds/{round_id}/attempt",
    responses=error_responses(404, 409),
    summary="Start my paper, or resume it with the time that is left",
)
async def start_attempt(
    olympiad: OlympiadDep,
    round_: RoundDep,
    user: CurrentUser,
    db: SessionDep,
    settings: OlimpSettingsDep,
    cache: CacheDep,
    background: BackgroundTasks,
) -> AttemptRead:
    attempt = await service.start(db, olympiad, round_, user, settings.olimp_grace_seconds)
    background.add_task(service.announce, cache, round_.id)
    return await service.attempt_read(db, attempt, round_)


@router.get("/attempts/{attempt_id}", responses=error_responses(404), summary="My paper")
async def read_attempt(attempt: AttemptDep, round_: AttemptRoundDep, db: SessionDep) -> AttemptRead:
    return await service.attempt_read(db, attempt, round_)


@router.put(
    "/attempts/{attempt_id}/answers/{question_id}",
    responses=error_responses(404, 409, 422),
    summary="Save an answer; saving again replaces it until the deadline",
)
async def save_answer(
    question_id: uuid.UUID,
    data: AnswerFields,
    attempt: AttemptDep,
    round_: AttemptRoundDep,
    user: CurrentUser,
    db: SessionDep,
    cache: CacheDep,
    background: BackgroundTasks,
) -> AnswerSaved:
    answer = await service.save_answer(db, attempt, round_, question_id, data, user)
    # After the response, so after the commit: watchers re-read a board that has the answer.
    background.add_task(service.announce, cache, attempt.round_id)
    return AnswerSaved(
        question_id=answer.question_id,
        saved_at=answer.saved_at,
        seconds_left=service.seconds_left(attempt, utcnow()),
    )


@router.post(
    "/attempts/{attempt_id}/submit",
    responses=error_responses(404, 409),
    summary="Hand in my paper (handing it in again changes nothing)",
)
async def submit_attempt(
    attempt: AttemptDep, round_: AttemptRoundDep, db: SessionDep
) -> AttemptRead:
    return await service.attempt_read(db, await service.submit(db, attempt), round_)


@router.post(
    "/attempts/{attempt_id}/signals",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 409),
    summary="Record that the page was hidden, full screen was left, or the like",
)
async def record_signal(data: SignalIn, attempt: AttemptDep, db: SessionDep) -> None:
    await service.record_signal(db, attempt, data)


@router.get(
    "/olympiads/{olympiad_id}/rounds/{round_id}/attempts",
    responses=error_responses(404),
    summary="Every participant's attempt and integrity signals (the organizer only)",
)
async def list_attempts(round_: OrganizedRoundDep, db: SessionDep) -> list[AttemptSummary]:
    return await service.summaries(db, round_)


@router.get(
    "/olympiads/{olympiad_id}/rounds/{round_id}/board",
    responses=error_responses(404),
    summary="The round's leaderboard, filtered by region, district, school or grade",
)
async def read_board(
    olympiad: OlympiadDep,
    round_: RoundDep,
    user: CurrentUser,
    db: SessionDep,
    region: Annotated[Region | None, Query()] = None,
    district: Annotated[str | None, Query(max_length=100)] = None,
    school: Annotated[str | None, Query(max_length=200)] = None,
    grade: Annotated[int | None, Query(ge=1, le=11)] = None,
) -> Board:
    return await service.board(
        db, olympiad, round_, user, region=region, district=district, school=school, grade=grade
    )
