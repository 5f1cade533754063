import uuid
from typing import Annotated, cast

from fastapi import APIRouter, Query, status

from alif.auth import CurrentUser
from alif.db import SessionDep, utcnow
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from olimp.olympiads import service
from olimp.olympiads.dependencies import OlympiadDep, OrganizedDep, OrganizedRoundDep
from olimp.olympiads.models import Olympiad, Question
from olimp.olympiads.schemas import (
    Advance,
    AwardRule,
    BulkRegistration,
    BulkResult,
    ImportResult,
    ImportText,
    OlympiadCreate,
    OlympiadRead,
    Prizes,
    QuestionCreate,
    QuestionRead,
    RegistrationCreate,
    RegistrationRead,
    RoundRead,
    SectionRead,
    TieBreak,
)

router = APIRouter(prefix="/olympiads", tags=["olympiads"])


async def _read(db: SessionDep, olympiad: Olympiad) -> OlympiadRead:
    rounds = await service.rounds_of(db, olympiad.id)
    sections = await service.sections_of(db, [r.id for r in rounds])
    now = utcnow()
    return OlympiadRead(
        id=olympiad.id,
        organizer_id=olympiad.organizer_id,
        organization_id=olympiad.organization_id,
        title=olympiad.title,
        description=olympiad.description,
        subject=olympiad.subject,
        grade_min=olympiad.grade_min,
        grade_max=olympiad.grade_max,
        scope=olympiad.scope,
        region=olympiad.region,
        district=olympiad.district,
        capacity=olympiad.capacity,
        requires_plan=olympiad.requires_plan,
        registration_opens_at=olympiad.registration_opens_at,
        registration_closes_at=olympiad.registration_closes_at,
        award_rule=AwardRule.model_validate(olympiad.award_rule or {}),
        prizes=Prizes.model_validate(olympiad.prizes or {}),
        appeal_minutes=olympiad.appeal_minutes,
        review_allowed=olympiad.review_allowed,
        tie_breaks=cast(list[TieBreak], olympiad.tie_breaks),
        results_published_at=olympiad.results_published_at,
        state=service.state_of(olympiad, rounds, now),
        server_time=now,
        registered=await service.registered_count(db, olympiad.id),
        rounds=[
            RoundRead(
                id=r.id,
                number=r.number,
                opens_at=r.opens_at,
                closes_at=r.closes_at,
                duration_minutes=r.duration_minutes,
                start_bonus=r.start_bonus,
                shuffle=r.shuffle,
                freeze_minutes=r.freeze_minutes,
                advance=Advance.model_validate(r.advance) if r.advance else None,
                sections=[SectionRead.model_validate(s) for s in sections if s.round_id == r.id],
            )
            for r in rounds
        ],
    )


def _question_read(question: Question) -> QuestionRead:
    return QuestionRead(
        id=question.id,
        section_id=question.section_id,
        position=question.position,
        type=question.type,
        text=question.text,
        image_url=question.image_url,
        points=question.points,
        options=question.options,
        answer_key=dict(question.answer_key) if question.answer_key is not None else None,
        flagged=question.answer_key is None,
    )


@router.get("", summary="Published olympiads, and the drafts I organize")
async def list_olympiads(
    user: CurrentUser, db: SessionDep, page: Annotated[PageParams, Query()]
) -> Page[OlympiadRead]:
    found = await service.list_olympiads(db, user, page)
    items = [await _read(db, o) for o in found.items]
    return Page(items=items, total=found.total, limit=page.limit, offset=page.offset)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 422),
    summary="Create a draft olympiad with its rounds and sections (staff, organizations)",
)
async def create_olympiad(data: OlympiadCreate, user: CurrentUser, db: SessionDep) -> OlympiadRead:
    return await _read(db, await service.create_olympiad(db, user, data))


@router.get("/{olympiad_id}", responses=error_responses(404), summary="One olympiad")
async def read_olympiad(olympiad: OlympiadDep, db: SessionDep) -> OlympiadRead:
    return await _read(db, olympiad)


@router.post(
    "/{olympiad_id}/publish",
    responses=error_responses(404, 409, 422),
    summary="Publish: the olympiad is announced and follows its dates from now on",
)
async def publish_olympiad(olympiad: OrganizedDep, db: SessionDep) -> OlympiadRead:
    return await _read(db, await service.publish(db, olympiad))


@router.post(
    "/{olympiad_id}/rounds/{round_id}/questions",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409),
    summary="Add a question to a round's section (the organizer, before publishing)",
)
async def add_question(
    data: QuestionCreate, olympiad: OrganizedDep, round_: OrganizedRoundDep, db: SessionDep
) -> QuestionRead:
    question = await service.add_question(db, olympiad, round_, data.section_id, data.question)
    return _question_read(question)


@router.post(
    "/{olympiad_id}/rounds/{round_id}/questions/import",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409),
    summary="Import questions typed as text; those without a clear answer are left out",
)
async def import_questions(
    data: ImportText, olympiad: OrganizedDep, round_: OrganizedRoundDep, db: SessionDep
) -> ImportResult:
    added, flagged = await service.import_questions(
        db, olympiad, round_, data.section_id, data.text
    )
    return ImportResult(added=[_question_read(q) for q in added], flagged=flagged)


@router.get(
    "/{olympiad_id}/rounds/{round_id}/questions",
    responses=error_responses(404),
    summary="A round's questions with their answers (the organizer only)",
)
async def list_questions(round_: OrganizedRoundDep, db: SessionDep) -> list[QuestionRead]:
    return [_question_read(q) for q in await service.questions_of(db, round_.id)]


@router.post(
    "/{olympiad_id}/registrations",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 422),
    summary="Register myself (a student) or my child (a parent)",
)
async def register(
    data: RegistrationCreate, olympiad: OlympiadDep, user: CurrentUser, db: SessionDep
) -> RegistrationRead:
    return RegistrationRead.model_validate(await service.register(db, olympiad, user, data))


@router.post(
    "/{olympiad_id}/registrations/bulk",
    responses=error_responses(403, 404, 409),
    summary="An organization registers its students; those who cannot be are named with why",
)
async def register_students(
    data: BulkRegistration, olympiad: OlympiadDep, user: CurrentUser, db: SessionDep
) -> BulkResult:
    registered, refused = await service.register_students(db, olympiad, user, data.student_ids)
    return BulkResult(
        registered=[RegistrationRead.model_validate(r) for r in registered], refused=refused
    )


@router.get(
    "/{olympiad_id}/registrations",
    responses=error_responses(404),
    summary="Registrations: all for the organizer, my own and my children's for others",
)
async def list_registrations(
    olympiad: OlympiadDep,
    user: CurrentUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
) -> Page[RegistrationRead]:
    found = await service.list_registrations(db, olympiad, user, page)
    return page_of(found, page, RegistrationRead.model_validate)


@router.delete(
    "/{olympiad_id}/registrations/{student_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 409),
    summary="Cancel a registration before registration closes",
)
async def cancel_registration(
    student_id: uuid.UUID, olympiad: OlympiadDep, user: CurrentUser, db: SessionDep
) -> None:
    registration = await service.get_registration(db, olympiad, student_id, user)
    await service.cancel(db, olympiad, registration)
