"""Olympiads: who organizes them, their state from the clock, the paper, and registration."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment import parser
from alif.assessment.questions import stored_form
from alif.assessment.schemas import OptionIn, QuestionIn
from alif.assessment.types import QuestionSource, QuestionType
from alif.auth import Role, TokenUser
from alif.db import add_unique, find_page, utcnow
from alif.kernel import queries
from alif.kernel.models import Organization, Region, StudentProfile, User
from alif.schemas import Found, PageParams
from alif.subscriptions.access import has_feature
from alif.subscriptions.features import Feature
from olimp.olympiads.exceptions import (
    AlreadyRegistered,
    NotAnOrganizer,
    NotEligible,
    OlympiadAlreadyPublished,
    OlympiadFull,
    OlympiadNotFound,
    PaperIncomplete,
    RegistrationClosed,
    RegistrationNotFound,
    RoundNotFound,
    SectionNotFound,
    StudentNotFound,
)
from olimp.olympiads.models import (
    Olympiad,
    Question,
    Registration,
    Round,
    Scope,
    Section,
    State,
)
from olimp.olympiads.schemas import OlympiadCreate, RegistrationCreate


def is_organizer(olympiad: Olympiad, user: TokenUser) -> bool:
    """The account that created it; platform-wide olympiads are also every staff member's."""
    return user.id == olympiad.organizer_id or (olympiad.organization_id is None and user.is_staff)


def state_of(olympiad: Olympiad, rounds: Sequence[Round], now: datetime) -> State:
    if olympiad.results_published_at is not None:
        return State.results_published
    if olympiad.published_at is None:
        return State.draft
    if now < olympiad.registration_opens_at:
        return State.announced
    if any(r.opens_at <= now < r.closes_at for r in rounds):
        return State.running
    if rounds and now >= max(r.closes_at for r in rounds):
        return State.finished
    if now < olympiad.registration_closes_at:
        return State.registration
    return State.waiting


async def create_olympiad(db: AsyncSession, user: TokenUser, data: OlympiadCreate) -> Olympiad:
    organization_id: uuid.UUID | None = None
    scope = data.scope
    if user.role is Role.organization:
        owned = await db.scalar(select(Organization.id).where(Organization.owner_id == user.id))
        if owned is None:
            raise NotAnOrganizer()
        organization_id, scope = owned, Scope.organization
    elif not user.is_staff:
        raise NotAnOrganizer()
    elif scope is Scope.organization:
        raise NotEligible("Staff olympiads are for the country, a region or a district.")
    olympiad = Olympiad(
        organizer_id=user.id,
        organization_id=organization_id,
        title=data.title.model_dump(),
        description=data.description.model_dump() if data.description else {},
        subject=data.subject,
        grade_min=data.grade_min,
        grade_max=data.grade_max,
        scope=scope,
        region=data.region if scope is not Scope.organization else None,
        district=data.district.strip() if scope is not Scope.organization else "",
        capacity=data.capacity,
        requires_plan=data.requires_plan,
        registration_opens_at=data.registration_opens_at,
        registration_closes_at=data.registration_closes_at,
        award_rule=data.award_rule.model_dump(),
        prizes=data.prizes.model_dump(),
        appeal_minutes=data.appeal_minutes,
        review_allowed=data.review_allowed,
        tie_breaks=list(data.tie_breaks),
    )
    db.add(olympiad)
    await db.flush()
    for number, round_in in enumerate(data.rounds, start=1):
        round_ = Round(
            olympiad_id=olympiad.id,
            number=number,
            opens_at=round_in.opens_at,
            closes_at=round_in.closes_at,
            duration_minutes=round_in.duration_minutes,
            start_bonus=round_in.start_bonus,
            shuffle=round_in.shuffle,
            freeze_minutes=round_in.freeze_minutes,
            advance=round_in.advance.model_dump() if round_in.advance else None,
        )
        db.add(round_)
        await db.flush()
        db.add_all(
            Section(
                round_id=round_.id, position=p, title=s.title, points=s.points, penalty=s.penalty
            )
            for p, s in enumerate(round_in.sections, start=1)
        )
    await db.flush()
    return olympiad


async def rounds_of(db: AsyncSession, olympiad_id: uuid.UUID) -> list[Round]:
    return list(
        await db.scalars(
            select(Round).where(Round.olympiad_id == olympiad_id).order_by(Round.number)
        )
    )


async def sections_of(db: AsyncSession, round_ids: Sequence[uuid.UUID]) -> list[Section]:
    return list(
        await db.scalars(
            select(Section).where(Section.round_id.in_(round_ids)).order_by(Section.position)
        )
    )


async def registered_count(db: AsyncSession, olympiad_id: uuid.UUID) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.olympiad_id == olympiad_id)
    )
    return count or 0


async def get_olympiad(db: AsyncSession, olympiad_id: uuid.UUID, user: TokenUser) -> Olympiad:
    """A published olympiad, or a draft its organizer is looking at; anything else not found."""
    olympiad = await db.get(Olympiad, olympiad_id)
    if olympiad is None or (olympiad.published_at is None and not is_organizer(olympiad, user)):
        raise OlympiadNotFound()
    return olympiad


async def get_organized(db: AsyncSession, olympiad_id: uuid.UUID, user: TokenUser) -> Olympiad:
    olympiad = await db.get(Olympiad, olympiad_id)
    if olympiad is None or not is_organizer(olympiad, user):
        raise OlympiadNotFound()
    return olympiad


async def list_olympiads(db: AsyncSession, user: TokenUser, page: PageParams) -> Found[Olympiad]:
    visible = Olympiad.published_at.is_not(None) | (Olympiad.organizer_id == user.id)
    if user.is_staff:
        visible = visible | Olympiad.organization_id.is_(None)
    return await find_page(
        db,
        select(Olympiad).where(visible),
        page,
        Olympiad.registration_opens_at.desc(),
        Olympiad.id,
    )


async def get_round(db: AsyncSession, olympiad: Olympiad, round_id: uuid.UUID) -> Round:
    round_ = await db.get(Round, round_id)
    if round_ is None or round_.olympiad_id != olympiad.id:
        raise RoundNotFound()
    return round_


def _unpublished(olympiad: Olympiad) -> None:
    if olympiad.published_at is not None:
        raise OlympiadAlreadyPublished()


async def _section(db: AsyncSession, round_: Round, section_id: uuid.UUID) -> Section:
    section = await db.get(Section, section_id)
    if section is None or section.round_id != round_.id:
        raise SectionNotFound()
    return section


async def _next_position(db: AsyncSession, round_id: uuid.UUID) -> int:
    last = await db.scalar(select(func.max(Question.position)).where(Question.round_id == round_id))
    return (last or 0) + 1


async def add_question(
    db: AsyncSession,
    olympiad: Olympiad,
    round_: Round,
    section_id: uuid.UUID,
    data: QuestionIn,
    source: QuestionSource = QuestionSource.manual,
) -> Question:
    """A question in a section; it is worth the section's points, whatever it says itself."""
    _unpublished(olympiad)
    section = await _section(db, round_, section_id)
    form = stored_form(data) | {"points": section.points}
    question = Question(
        round_id=round_.id,
        section_id=section.id,
        position=await _next_position(db, round_.id),
        source=source,
        **form,
    )
    db.add(question)
    await db.flush()
    return question


def _question_in(parsed: parser.ParsedQuestion) -> QuestionIn:
    match parsed.type:
        case QuestionType.single | QuestionType.multiple:
            return QuestionIn(
                type=parsed.type,
                text=parsed.text,
                options=[
                    OptionIn(text=o, correct=i in parsed.correct)
                    for i, o in enumerate(parsed.options)
                ],
                source_excerpt=parsed.excerpt,
            )
        case QuestionType.numeric:
            return QuestionIn(
                type=parsed.type,
                text=parsed.text,
                numeric_answer=parsed.numeric,
                source_excerpt=parsed.excerpt,
            )
        case _:
            return QuestionIn(
                type=parsed.type,
                text=parsed.text,
                accepted_answers=parsed.accepted,
                source_excerpt=parsed.excerpt,
            )


async def import_questions(
    db: AsyncSession, olympiad: Olympiad, round_: Round, section_id: uuid.UUID, text: str
) -> tuple[list[Question], int]:
    """The questions the shared parser finds in `text`; flagged ones (no answer, a bad option)
    are left out and counted, never stored with a guessed key."""
    result = parser.parse(text)
    added: list[Question] = []
    flagged = 0
    for parsed in result.questions:
        if parsed.flagged:
            flagged += 1
            continue
        try:
            data = _question_in(parsed)
        except ValueError:
            flagged += 1
            continue
        added.append(
            await add_question(db, olympiad, round_, section_id, data, QuestionSource.imported)
        )
    return added, flagged


async def questions_of(db: AsyncSession, round_id: uuid.UUID) -> list[Question]:
    return list(
        await db.scalars(
            select(Question).where(Question.round_id == round_id).order_by(Question.position)
        )
    )


async def publish(db: AsyncSession, olympiad: Olympiad) -> Olympiad:
    _unpublished(olympiad)
    for round_ in await rounds_of(db, olympiad.id):
        questions = await questions_of(db, round_.id)
        if not questions or any(q.answer_key is None for q in questions):
            raise PaperIncomplete(details={"round": round_.number})
    olympiad.published_at = utcnow()
    await db.flush()
    return olympiad


# --- registration ------------------------------------------------------------------------------


def _registration_open(olympiad: Olympiad, now: datetime) -> None:
    if olympiad.published_at is None or not (
        olympiad.registration_opens_at <= now < olympiad.registration_closes_at
    ):
        raise RegistrationClosed()


async def _eligible(
    db: AsyncSession, olympiad: Olympiad, student: User, region: Region | None, district: str
) -> int:
    """The student's grade, once every rule of the olympiad is met."""
    profile = await db.get(StudentProfile, student.id)
    grade = profile.grade if profile else None
    if grade is None or not olympiad.grade_min <= grade <= olympiad.grade_max:
        raise NotEligible("This olympiad is for other grades.", details={"reason": "grade"})
    if olympiad.scope in (Scope.region, Scope.district) and region != olympiad.region:
        raise NotEligible("This olympiad is for another region.", details={"reason": "region"})
    if olympiad.scope is Scope.district and district.strip().casefold() != (
        olympiad.district.casefold()
    ):
        raise NotEligible("This olympiad is for another district.", details={"reason": "region"})
    if olympiad.scope is Scope.organization:
        assert olympiad.organization_id is not None
        if student.id not in await queries.students_of_organization(db, olympiad.organization_id):
            raise NotEligible(
                "This olympiad is for another school's students.",
                details={"reason": "organization"},
            )
    if olympiad.requires_plan and not await has_feature(db, student.id, Feature.olimp):
        raise NotEligible("Taking part needs a plan with olympiads.", details={"reason": "plan"})
    if olympiad.capacity is not None:
        # Count under the olympiad's row lock, held to the commit: two registrations at once
        # for the last seat otherwise both count one free seat and both take it (PostgreSQL;
        # SQLite's one writer already serialises them).
        await db.execute(select(Olympiad.id).where(Olympiad.id == olympiad.id).with_for_update())
        if await registered_count(db, olympiad.id) >= olympiad.capacity:
            raise OlympiadFull()
    return grade


async def _register(
    db: AsyncSession,
    olympiad: Olympiad,
    student: User,
    by: TokenUser,
    region: Region | None,
    district: str,
    school: str,
) -> Registration:
    grade = await _eligible(db, olympiad, student, region, district)
    registration = Registration(
        olympiad_id=olympiad.id,
        student_id=student.id,
        registered_by_id=by.id,
        grade=grade,
        region=region,
        district=district.strip(),
        school=school.strip(),
    )
    await add_unique(db, registration, taken=AlreadyRegistered())
    return registration


async def _student(db: AsyncSession, student_id: uuid.UUID) -> User:
    student = await db.get(User, student_id)
    if student is None or student.role is not Role.student:
        raise StudentNotFound()
    return student


async def register(
    db: AsyncSession, olympiad: Olympiad, user: TokenUser, data: RegistrationCreate
) -> Registration:
    """A student registers themself; a parent registers one of their children."""
    _registration_open(olympiad, utcnow())
    if user.role is Role.student:
        if data.student_id not in (None, user.id):
            raise StudentNotFound()
        student_id = user.id
    elif user.role is Role.parent:
        if data.student_id is None or not await queries.is_guardian(db, user.id, data.student_id):
            raise StudentNotFound()
        student_id = data.student_id
    else:
        raise NotEligible("Students and parents register here; schools register in bulk.")
    school = data.school
    if not school:
        profile = await db.get(StudentProfile, student_id)
        school = profile.school_name if profile else ""
    student = await _student(db, student_id)
    return await _register(db, olympiad, student, user, data.region, data.district, school)


async def register_students(
    db: AsyncSession, olympiad: Olympiad, user: TokenUser, student_ids: Sequence[uuid.UUID]
) -> tuple[list[Registration], dict[str, str]]:
    """An organization registers its own students; each one that cannot be is named with why."""
    _registration_open(olympiad, utcnow())
    if user.role is not Role.organization:
        raise NotAnOrganizer()
    organization = await db.scalar(select(Organization).where(Organization.owner_id == user.id))
    if organization is None:
        raise NotAnOrganizer()
    own = set(await queries.students_of_organization(db, organization.id))
    registered: list[Registration] = []
    refused: dict[str, str] = {}
    for student_id in dict.fromkeys(student_ids):
        if student_id not in own:
            refused[str(student_id)] = StudentNotFound.code
            continue
        student = await _student(db, student_id)
        try:
            registered.append(
                await _register(
                    db,
                    olympiad,
                    student,
                    user,
                    organization.region,
                    organization.district,
                    organization.name,
                )
            )
        except (NotEligible, OlympiadFull, AlreadyRegistered) as error:
            refused[str(student_id)] = error.code
    return registered, refused


async def _may_manage(db: AsyncSession, registration: Registration, user: TokenUser) -> bool:
    return user.id in (registration.student_id, registration.registered_by_id) or (
        user.role is Role.parent and await queries.is_guardian(db, user.id, registration.student_id)
    )


async def get_registration(
    db: AsyncSession, olympiad: Olympiad, student_id: uuid.UUID, user: TokenUser
) -> Registration:
    registration = await db.scalar(
        select(Registration).where(
            Registration.olympiad_id == olympiad.id, Registration.student_id == student_id
        )
    )
    if registration is None or not (
        is_organizer(olympiad, user) or await _may_manage(db, registration, user)
    ):
        raise RegistrationNotFound()
    return registration


async def cancel(db: AsyncSession, olympiad: Olympiad, registration: Registration) -> None:
    if utcnow() >= olympiad.registration_closes_at:
        raise RegistrationClosed("Registration has closed: it can no longer be cancelled.")
    await db.delete(registration)
    await db.flush()


async def list_registrations(
    db: AsyncSession, olympiad: Olympiad, user: TokenUser, page: PageParams
) -> Found[Registration]:
    """The organizer sees everyone; anyone else the registrations they may manage."""
    query = select(Registration).where(Registration.olympiad_id == olympiad.id)
    if not is_organizer(olympiad, user):
        children = await queries.children_of(db, user.id) if user.role is Role.parent else []
        query = query.where(
            Registration.student_id.in_([user.id, *children])
            | (Registration.registered_by_id == user.id)
        )
    return await find_page(db, query, page, Registration.created_at, Registration.id)
