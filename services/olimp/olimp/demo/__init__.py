"""Demo olympiads for `make run`, for the demo centre's region (its students' school is the
centre): one open for registration (the demo children may take part and are not registered),
one running over the next two days (the demo children registered, so they can start at once;
their classmates have sat it, so the board has rows), and one finished six days ago with its
results published: ranks, awards, an answered appeal, certificates and prizes paid.

The papers are data (`content/olympiads.yaml`); everything goes through the service functions an
organizer's, a parent's, a centre's and a participant's requests use. A sitting done now is then
moved to the day it stands for. Dates are relative to the day it runs. Development only; it
needs main's demo accounts, and adds only the olympiads that are not there yet.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment.types import QuestionType
from alif.assessment.written import WrittenQuestion, sample_answer
from alif.config import Environment
from alif.db import standalone_session, utcnow
from alif.demo import acting_as, days_ago, move_coins_to
from alif.kernel import queries
from alif.kernel.models import Language, Organization, User
from alif.ledger.models import CoinTransaction
from alif.schemas import TASHKENT
from olimp.config import OlimpSettings
from olimp.olympiads import service as olympiads
from olimp.olympiads.models import Olympiad, Registration, Round, Scope, Subject
from olimp.olympiads.schemas import (
    LocalizedText,
    OlympiadCreate,
    Prizes,
    RegistrationCreate,
    RoundIn,
    SectionIn,
    TieBreak,
)
from olimp.papers import service as papers
from olimp.papers.models import Answer, Attempt, Signal
from olimp.results import service as results
from olimp.results.models import Appeal
from olimp.results.schemas import AppealCreate

CONTENT = Path(__file__).parent / "content" / "olympiads.yaml"
ORGANIZER_PHONE = "+998900000009"  # main's demo admin: platform-wide olympiads are staff's
PARENT_PHONE = "+998900000001"  # registers the demo children
CENTRE_PHONE = "+998900000003"  # the demo learning centre: registers its own students
# The chance of a right answer: the demo children do well; their classmates get a seeded spread.
SKILL = {"ali": 0.8, "laylo": 0.9}
Schedule = Literal["open", "running", "finished"]


class SectionSpec(BaseModel):
    title: str
    points: int
    penalty: float = 0
    questions: list[WrittenQuestion] = Field(min_length=1)


class OlympiadSpec(BaseModel):
    schedule: Schedule
    title: LocalizedText
    description: LocalizedText
    subject: Subject
    grades: tuple[int, int]
    duration_minutes: int
    start_bonus: int = 0
    freeze_minutes: int = 0
    review_allowed: bool = False
    tie_breaks: list[TieBreak] = ["time"]
    prizes: Prizes
    sections: list[SectionSpec] = Field(min_length=1)


@cache
def load_olympiads() -> list[OlympiadSpec]:
    raw = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    specs = [OlympiadSpec.model_validate(o) for o in raw["olympiads"]]
    ids = [q.id for s in specs for section in s.sections for q in section.questions]
    if len(ids) != len(set(ids)):
        raise ValueError("olympiads.yaml: a question id is used twice")
    return specs


@dataclass(frozen=True)
class Cast:
    """main's demo accounts as the seed needs them."""

    organizer: User
    parent: User
    children: list[User]
    centre_owner: User
    centre: Organization
    classmates: list[User]


@dataclass(frozen=True)
class Window:
    registration_opens_at: datetime
    registration_closes_at: datetime
    opens_at: datetime
    closes_at: datetime


def window(schedule: Schedule, now: datetime) -> Window:
    """When each demo olympiad runs, from the moment the seed runs. The finished one is sat now
    (the service only accepts a sitting while its round is open) and moved back afterwards."""
    match schedule:
        case "open":
            closes = now + timedelta(days=14)
            start = _morning(now, days=15)
            return Window(now - timedelta(days=1), closes, start, start + timedelta(hours=3))
        case "running":
            # Running whenever someone tries it in the next two days, not only this hour.
            closes = now + timedelta(days=2)
            return Window(now - timedelta(days=1), closes, now - timedelta(minutes=30), closes)
        case "finished":
            closes = now + timedelta(hours=2)
            return Window(now - timedelta(minutes=5), closes, now - timedelta(minutes=5), closes)


def _morning(now: datetime, *, days: int) -> datetime:
    """10:00 in Tashkent that many days from now."""
    day = now.astimezone(TASHKENT).date() + timedelta(days=days)
    return datetime.combine(day, time(10), TASHKENT).astimezone(UTC)


async def seed(settings: OlimpSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo olympiads are only for development.")
    specs = load_olympiads()
    async with standalone_session(settings) as db:
        cast = await _cast(db)
        if cast is None:
            return "Demo olympiads need main's demo accounts first (python -m alif_main seed-demo)."
        there = {
            o.title.get("uz")
            for o in await db.scalars(
                select(Olympiad).where(Olympiad.organizer_id == cast.organizer.id)
            )
        }
        added = [s for s in specs if s.title.uz not in there]
        for spec in added:
            await _add(db, settings, cast, spec)
    if not added:
        return "Demo olympiads are already there."
    return f"Demo olympiads added: {', '.join(s.schedule for s in added)}."


async def _cast(db: AsyncSession) -> Cast | None:
    organizer = await db.scalar(select(User).where(User.phone == ORGANIZER_PHONE))
    parent = await db.scalar(select(User).where(User.phone == PARENT_PHONE))
    owner = await db.scalar(select(User).where(User.phone == CENTRE_PHONE))
    centre = (
        await db.scalar(select(Organization).where(Organization.owner_id == owner.id))
        if owner is not None
        else None
    )
    if organizer is None or parent is None or owner is None or centre is None:
        return None
    children = list(
        await db.scalars(
            select(User)
            .where(User.id.in_(await queries.children_of(db, parent.id)))
            .order_by(User.username)
        )
    )
    own = set(await queries.students_of_organization(db, centre.id)) - {c.id for c in children}
    classmates = list(
        await db.scalars(select(User).where(User.id.in_(own)).order_by(User.username))
    )
    return Cast(organizer, parent, children, owner, centre, classmates)


async def _add(db: AsyncSession, settings: OlimpSettings, cast: Cast, spec: OlympiadSpec) -> None:
    now = utcnow()
    when = window(spec.schedule, now)
    organizer = acting_as(cast.organizer)
    olympiad = await olympiads.create_olympiad(
        db,
        organizer,
        OlympiadCreate(
            title=spec.title,
            description=spec.description,
            subject=spec.subject,
            grade_min=spec.grades[0],
            grade_max=spec.grades[1],
            scope=Scope.region,
            region=cast.centre.region,
            registration_opens_at=when.registration_opens_at,
            registration_closes_at=when.registration_closes_at,
            prizes=spec.prizes,
            review_allowed=spec.review_allowed,
            tie_breaks=spec.tie_breaks,
            rounds=[
                RoundIn(
                    opens_at=when.opens_at,
                    closes_at=when.closes_at,
                    duration_minutes=spec.duration_minutes,
                    start_bonus=spec.start_bonus,
                    freeze_minutes=spec.freeze_minutes,
                    sections=[
                        SectionIn(title=s.title, points=s.points, penalty=s.penalty)
                        for s in spec.sections
                    ],
                )
            ],
        ),
    )
    [round_] = await olympiads.rounds_of(db, olympiad.id)
    sections = await olympiads.sections_of(db, [round_.id])
    for section, section_spec in zip(sections, spec.sections, strict=True):
        for written in section_spec.questions:
            data = written.question_in(language=Language.uz, tags=[spec.subject.value])
            await olympiads.add_question(db, olympiad, round_, section.id, data)
    await olympiads.publish(db, olympiad)
    if spec.schedule == "open":
        return  # the demo children may register themselves (their parent does)
    registered = await _register(db, olympiad, cast)
    if spec.schedule == "running":
        # Their classmates sat it in the last half hour; the demo children have not started.
        for student in [s for s in cast.classmates if s.id in registered]:
            await _sit(db, settings, olympiad, round_, student, started_ago=timedelta(minutes=25))
        return
    for student in [s for s in [*cast.children, *cast.classmates] if s.id in registered]:
        await _sit(db, settings, olympiad, round_, student, started_ago=timedelta(0))
    await _appeal(db, olympiad, round_, cast)
    # Sat six days ago in the morning, results published four days ago.
    await _move(db, olympiad, round_, days_ago(6, hour=10) - round_.opens_at)
    published = days_ago(4, hour=15)
    await results.publish_results(db, olympiad)
    olympiad.results_published_at = published
    # What the finalisation job does (it runs again from the queue and changes nothing).
    await results.finalise(db, olympiad.id, published)
    for transaction in await db.scalars(
        select(CoinTransaction).where(CoinTransaction.reference == f"olimp:{olympiad.id}")
    ):
        await move_coins_to(db, transaction.id, published)


async def _register(db: AsyncSession, olympiad: Olympiad, cast: Cast) -> set[uuid.UUID]:
    """The parent registers the demo children as the centre's, the centre its own students (a
    student the olympiad is not for, by grade, is refused and left out). Who is registered."""
    registered: set[uuid.UUID] = set()
    for child in cast.children:
        done = await olympiads.register(
            db,
            olympiad,
            acting_as(cast.parent),
            RegistrationCreate(
                student_id=child.id,
                region=cast.centre.region,
                district=cast.centre.district,
                school=cast.centre.name,
            ),
        )
        registered.add(done.student_id)
    if cast.classmates:
        added, _ = await olympiads.register_students(
            db, olympiad, acting_as(cast.centre_owner), [s.id for s in cast.classmates]
        )
        registered.update(r.student_id for r in added)
    return registered


async def _sit(
    db: AsyncSession,
    settings: OlimpSettings,
    olympiad: Olympiad,
    round_: Round,
    student: User,
    *,
    started_ago: timedelta,
) -> Attempt:
    """One participant's paper: each answer right with their own (seeded) chance, handed in
    after a believable number of minutes (the board's "less time" reads them)."""
    # Seeded, so every `make run` shows the same results; nothing here is a secret.
    rng = random.Random(f"{student.username}:{olympiad.title['uz']}")  # noqa: S311
    spread = random.Random(student.username)  # noqa: S311
    chance = SKILL.get(student.username or "", 0.35 + 0.55 * spread.random())
    user = acting_as(student)
    attempt = await papers.start(db, olympiad, round_, user, settings.olimp_grace_seconds)
    for question in await papers.round_questions(db, round_.id):
        assert question.answer_key is not None  # a published paper has every key
        answer = sample_answer(
            question.type, question.answer_key, question.options, right=rng.random() < chance
        )
        await papers.save_answer(db, attempt, round_, question.id, answer, user)
    await papers.submit(db, attempt)
    minutes = rng.randint(6, min(20, round_.duration_minutes - 1))
    attempt.started_at -= started_ago
    attempt.deadline -= started_ago
    attempt.submitted_at = attempt.started_at + timedelta(
        minutes=minutes, seconds=rng.randint(0, 59)
    )
    attempt.scored_seconds = attempt.public_seconds = minutes * 60 - rng.randint(10, 90)
    for answer_row in await db.scalars(select(Answer).where(Answer.attempt_id == attempt.id)):
        answer_row.saved_at = attempt.started_at + timedelta(seconds=attempt.scored_seconds)
    await db.flush()
    return attempt


async def _appeal(db: AsyncSession, olympiad: Olympiad, round_: Round, cast: Cast) -> None:
    """Laylo contested the antonym question; the organizer answered it (the key stands)."""
    laylo = next((c for c in cast.children if c.username == "laylo"), None)
    if laylo is None:
        return
    attempt = await db.scalar(
        select(Attempt).where(Attempt.round_id == round_.id, Attempt.student_id == laylo.id)
    )
    question = next(
        (
            q
            for q in await papers.round_questions(db, round_.id)
            if q.type is QuestionType.short_answer
        ),
        None,
    )
    if attempt is None or question is None:
        return
    contested = await results.appeal(
        db,
        attempt,
        round_,
        AppealCreate(
            question_id=question.id,
            text="«Kichkintoy» soʻzi ham «katta» soʻziga zid emasmi? "
            "Uni ham toʻgʻri deb hisoblang.",
        ),
    )
    await results.decide(
        db,
        olympiad,
        round_,
        contested,
        acting_as(cast.organizer),
        accept=None,
        reply="«Kichkintoy» — yosh bola degani, u «katta» soʻzining zid maʼnolisi emas. "
        "Toʻgʻri javoblar: «kichik» yoki «kichkina».",
    )


async def _move(db: AsyncSession, olympiad: Olympiad, round_: Round, by: timedelta) -> None:
    """The whole olympiad moved in time: its windows, every sitting, answer, signal and appeal
    (the registration window opened before the round)."""
    olympiad.registration_opens_at += by - timedelta(days=7)
    olympiad.registration_closes_at += by
    olympiad.published_at = (olympiad.published_at or utcnow()) + by - timedelta(days=7)
    olympiad.created_at += by - timedelta(days=7)
    round_.opens_at += by
    round_.closes_at += by
    for registration in await db.scalars(
        select(Registration).where(Registration.olympiad_id == olympiad.id)
    ):
        registration.created_at += by - timedelta(days=3)
    attempts = list(await db.scalars(select(Attempt).where(Attempt.round_id == round_.id)))
    ids = [a.id for a in attempts]
    for attempt in attempts:
        attempt.started_at += by
        attempt.deadline += by
        attempt.submitted_at = attempt.submitted_at + by if attempt.submitted_at else None
        attempt.created_at += by
    for answer in await db.scalars(select(Answer).where(Answer.attempt_id.in_(ids))):
        answer.saved_at += by
    for signal in await db.scalars(select(Signal).where(Signal.attempt_id.in_(ids))):
        signal.recorded_at += by
    for appeal in await db.scalars(select(Appeal).where(Appeal.round_id == round_.id)):
        appeal.created_at += by
        appeal.decided_at = appeal.decided_at + by if appeal.decided_at else None
    await db.flush()
