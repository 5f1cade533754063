import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query, status

from alif.auth import CurrentUser
from alif.certificates import verification_router
from alif.db import SessionDep
from alif.dependencies import CacheDep
from alif.errors import error_responses
from alif.kernel.models import Region
from olimp.config import OlimpSettings
from olimp.olympiads.dependencies import (
    OlympiadDep,
    OrganizedDep,
    OrganizedRoundDep,
    RoundDep,
)
from olimp.papers import service as papers
from olimp.papers.dependencies import AttemptDep, AttemptRoundDep
from olimp.results import service
from olimp.results.dependencies import AppealDep
from olimp.results.models import Appeal, Certificate
from olimp.results.schemas import (
    AppealAccept,
    AppealCreate,
    AppealDecision,
    AppealRead,
    CertificateRow,
    MyResults,
    Results,
    ReviewItem,
)

router = APIRouter(tags=["results"])
ROUND = "/olympiads/{olympiad_id}/rounds/{round_id}"


@router.get(
    f"{ROUND}/results",
    responses=error_responses(404),
    summary="The round's final table (after publication; organizers see it provisionally)",
)
async def read_results(
    olympiad: OlympiadDep,
    round_: RoundDep,
    user: CurrentUser,
    db: SessionDep,
    region: Annotated[Region | None, Query()] = None,
    district: Annotated[str | None, Query(max_length=100)] = None,
    school: Annotated[str | None, Query(max_length=200)] = None,
    grade: Annotated[int | None, Query(ge=1, le=11)] = None,
) -> Results:
    return await service.results(
        db, olympiad, round_, user, region=region, district=district, school=school, grade=grade
    )


@router.get(
    "/olympiads/{olympiad_id}/results/mine",
    responses=error_responses(404),
    summary="My results (or my child's, with student_id): rounds, award, certificate",
)
async def read_my_results(
    olympiad: OlympiadDep,
    user: CurrentUser,
    db: SessionDep,
    student_id: Annotated[uuid.UUID | None, Query()] = None,
) -> MyResults:
    return await service.my_results(db, olympiad, user, student_id)


@router.get(
    f"{ROUND}/review",
    responses=error_responses(403, 404),
    summary="My paper with my answers and the correct ones (after publication, if allowed)",
)
async def read_review(
    olympiad: OlympiadDep,
    round_: RoundDep,
    user: CurrentUser,
    db: SessionDep,
    student_id: Annotated[uuid.UUID | None, Query()] = None,
) -> list[ReviewItem]:
    return await service.review(db, olympiad, round_, user, student_id)


@router.post(
    "/olympiads/{olympiad_id}/results/publish",
    responses=error_responses(404, 409),
    summary="Publish the results: prizes and certificates follow (the organizer)",
)
async def publish_results(olympiad: OrganizedDep, db: SessionDep) -> MyResults:
    published = await service.publish_results(db, olympiad)
    return MyResults(
        student_id=published.organizer_id,
        published=True,
        review_allowed=published.review_allowed,
        rounds=[],
        certificate=None,
    )


@router.post(
    "/attempts/{attempt_id}/appeals",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 422),
    summary="Contest a question of my paper (after it closes, within the appeals window)",
)
async def create_appeal(
    data: AppealCreate, attempt: AttemptDep, round_: AttemptRoundDep, db: SessionDep
) -> AppealRead:
    return AppealRead.model_validate(await service.appeal(db, attempt, round_, data))


@router.get(
    "/attempts/{attempt_id}/appeals",
    responses=error_responses(404),
    summary="My appeals and the organizer's replies",
)
async def list_my_appeals(attempt: AttemptDep, db: SessionDep) -> list[AppealRead]:
    return [AppealRead.model_validate(a) for a in await service.appeals_of_attempt(db, attempt)]


@router.get(
    f"{ROUND}/appeals",
    responses=error_responses(404),
    summary="Every appeal of the round (the organizer)",
)
async def list_appeals(round_: OrganizedRoundDep, db: SessionDep) -> list[AppealRead]:
    return [AppealRead.model_validate(a) for a in await service.appeals_of_round(db, round_)]


async def _decided(
    appeal: Appeal, cache: CacheDep, background: BackgroundTasks, round_id: uuid.UUID
) -> AppealRead:
    # After the commit: the board's watchers re-read the re-graded scores.
    background.add_task(papers.announce, cache, round_id)
    return AppealRead.model_validate(appeal)


@router.post(
    f"{ROUND}/appeals/{{appeal_id}}/accept",
    responses=error_responses(404, 409, 422),
    summary="Accept with the corrected key: the question is re-graded for everyone, re-ranked",
)
async def accept_appeal(
    data: AppealAccept,
    olympiad: OrganizedDep,
    round_: OrganizedRoundDep,
    appeal: AppealDep,
    user: CurrentUser,
    db: SessionDep,
    cache: CacheDep,
    background: BackgroundTasks,
) -> AppealRead:
    decided = await service.decide(
        db, olympiad, round_, appeal, user, accept=data, reply=data.reply
    )
    return await _decided(decided, cache, background, round_.id)


@router.post(
    f"{ROUND}/appeals/{{appeal_id}}/reject",
    responses=error_responses(404, 409, 422),
    summary="Reject with a reply",
)
async def reject_appeal(
    data: AppealDecision,
    olympiad: OrganizedDep,
    round_: OrganizedRoundDep,
    appeal: AppealDep,
    user: CurrentUser,
    db: SessionDep,
) -> AppealRead:
    decided = await service.decide(
        db, olympiad, round_, appeal, user, accept=None, reply=data.reply
    )
    return AppealRead.model_validate(decided)


@router.get(
    "/olympiads/{olympiad_id}/certificates",
    responses=error_responses(404),
    summary="Every certificate the olympiad issued (the organizer)",
)
async def list_certificates(olympiad: OrganizedDep, db: SessionDep) -> list[CertificateRow]:
    return [CertificateRow.model_validate(c) for c in await service.certificates_of(db, olympiad)]


@router.post(
    "/olympiads/{olympiad_id}/certificates/{code}/revoke",
    responses=error_responses(404),
    summary="Revoke a certificate: its verification page then says so (again: no change)",
)
async def revoke_certificate(
    code: Annotated[str, Path(max_length=40)], olympiad: OrganizedDep, db: SessionDep
) -> CertificateRow:
    return CertificateRow.model_validate(await service.revoke_certificate(db, olympiad, code))


def certificates_router(settings: OlimpSettings) -> APIRouter:
    """Public: `GET /certificates/{code}` and `/certificates/{code}/pdf` (decision 51)."""
    return verification_router(Certificate, settings.olimp_public_url)
