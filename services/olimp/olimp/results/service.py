"""Results: ranks, percentiles, awards and qualification computed from the attempts; appeals that
re-grade a question for everyone; publication, which pays the prizes and issues certificates.

Every computation here is a function of the attempts, so running it again gives the same rows:
the ranking job may run after the round, after each accepted appeal and at publication, any
number of times, also at once (it holds the round's row lock), and prizes and certificates are
made once (the ledger's idempotency key, the certificate's unique olympiad and student).
"""

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.assessment import questions
from alif.assessment.schemas import AnswerKey
from alif.assessment.types import CHOICE_TYPES, QuestionType
from alif.auth import Role, TokenUser
from alif.certificates import CertificateKind, new_code
from alif.certificates.exceptions import CertificateNotFound
from alif.certificates.service import find_by_code
from alif.db import utcnow
from alif.jobs import enqueue
from alif.kernel import queries
from alif.kernel.models import Language, Organization, Region, User
from olimp.olympiads import service as olympiads
from olimp.olympiads.exceptions import StudentNotFound
from olimp.olympiads.models import Olympiad, Question, Registration, Round, Section
from olimp.olympiads.schemas import Advance, AwardRule, Prizes
from olimp.papers import service as papers
from olimp.papers.exceptions import AttemptNotFound, QuestionNotFound
from olimp.papers.models import Answer, Attempt
from olimp.papers.schemas import SavedAnswer
from olimp.results.exceptions import (
    AppealAlreadyDecided,
    AppealNotFound,
    AppealsClosed,
    AppealsPending,
    CorrectionDoesNotFit,
    ResultsNotPublished,
    ResultsNotReady,
    ReviewNotAllowed,
)
from olimp.results.models import Appeal, AppealStatus, Award, Certificate, Result
from olimp.results.schemas import (
    AppealAccept,
    AppealCreate,
    CertificateRef,
    MyResults,
    MyRound,
    ResultRow,
    Results,
    ReviewItem,
    ReviewKey,
)

AWARDS = (Award.gold, Award.silver, Award.bronze)


# --- ranking -----------------------------------------------------------------------------------


def shared_ranks(ordered: Sequence[tuple[float, ...]]) -> list[int]:
    """Ranks of results already sorted best first by their ranking keys: equal keys share a
    rank, and the next one skips (1, 2, 3, 3, 5)."""
    ranks: list[int] = []
    for position, result in enumerate(ordered, start=1):
        shared = position > 1 and ordered[position - 2] == result
        ranks.append(ranks[-1] if shared else position)
    return ranks


def award_cutoffs(rule: AwardRule, participants: int) -> dict[Award, int]:
    """The last rank that still earns each award (0: nobody)."""
    if rule.kind == "places":
        gold = int(rule.gold)
        silver = gold + int(rule.silver)
        return {Award.gold: gold, Award.silver: silver, Award.bronze: silver + int(rule.bronze)}
    share = 0.0
    cutoffs: dict[Award, int] = {}
    for award, percent in zip(AWARDS, (rule.gold, rule.silver, rule.bronze), strict=True):
        share += percent
        # Rounded up, so a small olympiad still has its gold; never past everyone.
        cutoffs[award] = min(participants, math.ceil(participants * share / 100 - 1e-9))
    return cutoffs


def award_for(rank: int, cutoffs: dict[Award, int]) -> Award | None:
    return next((a for a in AWARDS if rank <= cutoffs[a]), None)


def _qualifiers(
    advance: Advance, rows: Sequence[tuple[Attempt, Registration]], ranks: Sequence[int]
) -> set[uuid.UUID]:
    """The attempts that advance: the top N or X % (ties at the cut included), per region when
    asked (each region's ranks counted among its own participants)."""
    groups: dict[Region | None, list[int]] = {}
    for index, (_, registration) in enumerate(rows):
        groups.setdefault(registration.region if advance.per_region else None, []).append(index)
    chosen: set[uuid.UUID] = set()
    for members in groups.values():
        # Members are in the round's order: equal overall ranks are equal results.
        group_ranks = (
            shared_ranks([(float(ranks[i]),) for i in members])
            if advance.per_region
            else [ranks[i] for i in members]
        )
        cut = (
            advance.top
            if advance.top is not None
            else math.ceil(len(members) * (advance.percent or 0) / 100 - 1e-9)
        )
        chosen.update(rows[i][0].id for i, r in zip(members, group_ranks, strict=True) if r <= cut)
    return chosen


async def _lock(db: AsyncSession, round_: Round) -> None:
    """One ranking of a round at a time: a second waits, then sees the first's rows (SQLite's
    one writer gives the same)."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(select(Round.id).where(Round.id == round_.id).with_for_update())


async def rank_round(
    db: AsyncSession, olympiad: Olympiad, round_: Round, rounds: Sequence[Round], now: datetime
) -> list[Result]:
    """Compute (again) the round's results from its attempts."""
    await _lock(db, round_)
    rows = list(
        (
            await db.execute(
                select(Attempt, Registration)
                .join(Registration, Registration.id == Attempt.registration_id)
                .where(Attempt.round_id == round_.id)
            )
        ).all()
    )
    keys = {
        a.id: papers.ranking_key(a.score, a.scored_seconds, a.hard_points, olympiad.tie_breaks)
        for a, _ in rows
    }
    rows.sort(key=lambda r: (keys[r[0].id], str(r[0].id)))
    ranks = shared_ranks([keys[a.id] for a, _ in rows])
    count = len(rows)
    is_last = round_.number == max(r.number for r in rounds)
    cutoffs = award_cutoffs(AwardRule.model_validate(olympiad.award_rule or {}), count)
    advancing = (
        _qualifiers(Advance.model_validate(round_.advance), rows, ranks)
        if round_.advance
        else set()
    )
    tied: dict[int, int] = {}
    for rank in ranks:
        tied[rank] = tied.get(rank, 0) + 1
    existing = {
        r.student_id: r
        for r in await db.scalars(select(Result).where(Result.round_id == round_.id))
    }
    results: list[Result] = []
    for (attempt, _), rank in zip(rows, ranks, strict=True):
        below = count - (rank - 1) - tied[rank]
        result = existing.pop(attempt.student_id, None) or Result(
            round_id=round_.id, student_id=attempt.student_id
        )
        result.attempt_id = attempt.id
        result.score, result.seconds = attempt.score, attempt.scored_seconds
        result.rank = rank
        result.percentile = round(100 * below / count, 1)
        result.award = award_for(rank, cutoffs) if is_last else None
        result.qualified = attempt.id in advancing
        result.ranked_at = now
        db.add(result)
        results.append(result)
    for stale in existing.values():
        await db.delete(stale)
    round_.ranked_at = now
    await db.flush()
    return results


async def rank_by_id(db: AsyncSession, round_id: uuid.UUID, now: datetime) -> None:
    round_ = await db.get(Round, round_id)
    if round_ is None:  # deleted with its olympiad since the job was asked for
        return
    olympiad = await db.get(Olympiad, round_.olympiad_id)
    assert olympiad is not None
    await rank_round(db, olympiad, round_, await olympiads.rounds_of(db, olympiad.id), now)


async def enqueue_due_rankings(db: AsyncSession, now: datetime) -> int:
    """A ranking job for every round that has closed and was never ranked."""
    due = await db.scalars(
        select(Round.id)
        .join(Olympiad, Olympiad.id == Round.olympiad_id)
        .where(
            Olympiad.published_at.is_not(None),
            Round.closes_at <= now,
            Round.ranked_at.is_(None),
        )
    )
    count = 0
    for round_id in due:
        await enqueue(db, "olimp.rank_round", {"round_id": str(round_id)}, key=f"rank:{round_id}")
        count += 1
    return count


# --- reading results ---------------------------------------------------------------------------


def _published(olympiad: Olympiad) -> bool:
    return olympiad.results_published_at is not None


async def results(
    db: AsyncSession,
    olympiad: Olympiad,
    round_: Round,
    user: TokenUser,
    *,
    region: Region | None,
    district: str | None,
    school: str | None,
    grade: int | None,
) -> Results:
    """The round's final table, ranked within the filter; before publication, organizers only."""
    if not _published(olympiad) and not olympiads.is_organizer(olympiad, user):
        raise ResultsNotPublished()
    query = (
        select(Result, Registration)
        .join(Attempt, Attempt.id == Result.attempt_id)
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Result.round_id == round_.id)
    )
    total = await db.scalar(select(func.count()).where(Result.round_id == round_.id)) or 0
    if region is not None:
        query = query.where(Registration.region == region)
    if district:
        query = query.where(Registration.district == district)
    if school:
        query = query.where(Registration.school == school)
    if grade is not None:
        query = query.where(Registration.grade == grade)
    rows = list((await db.execute(query)).all())
    rows.sort(key=lambda r: (r[0].rank, str(r[0].student_id)))
    # Within the filter: equal overall ranks are equal results (by the olympiad's tie-breaks).
    ranks = shared_ranks([(float(r.rank),) for r, _ in rows])
    names = await queries.display_names(db, [r.student_id for r, _ in rows])
    return Results(
        published=_published(olympiad),
        ranked_at=round_.ranked_at,
        participants=total,
        rows=[
            ResultRow(
                rank=rank,
                overall_rank=result.rank,
                percentile=result.percentile,
                name=names.get(result.student_id, ""),
                grade=registration.grade,
                region=registration.region,
                district=registration.district,
                school=registration.school,
                score=result.score,
                seconds=result.seconds,
                award=result.award,
                qualified=result.qualified,
                you=result.student_id == user.id,
            )
            for (result, registration), rank in zip(rows, ranks, strict=True)
        ],
    )


async def _participant(
    db: AsyncSession, olympiad: Olympiad, user: TokenUser, student_id: uuid.UUID | None
) -> uuid.UUID:
    """Whose results the caller may read: their own, a child's (parent), anyone's (organizer)."""
    if student_id is None or student_id == user.id:
        return user.id
    if olympiads.is_organizer(olympiad, user) or (
        user.role is Role.parent and await queries.is_guardian(db, user.id, student_id)
    ):
        return student_id
    raise StudentNotFound()


async def my_results(
    db: AsyncSession, olympiad: Olympiad, user: TokenUser, student_id: uuid.UUID | None
) -> MyResults:
    student = await _participant(db, olympiad, user, student_id)
    published = _published(olympiad)
    rounds = await olympiads.rounds_of(db, olympiad.id)
    found = {
        r.round_id: r
        for r in await db.scalars(
            select(Result).where(
                Result.student_id == student, Result.round_id.in_([r.id for r in rounds])
            )
        )
    }
    counts = dict(
        (
            await db.execute(
                select(Result.round_id, func.count())
                .where(Result.round_id.in_([r.id for r in rounds]))
                .group_by(Result.round_id)
            )
        ).all()
    )
    mine: list[MyRound] = []
    for round_ in rounds:
        result = found.get(round_.id)
        if result is None:
            continue
        shown = published or olympiads.is_organizer(olympiad, user)
        mine.append(
            MyRound(
                round_id=round_.id,
                number=round_.number,
                participants=counts.get(round_.id, 0),
                qualified=result.qualified,
                score=result.score if shown else None,
                rank=result.rank if shown else None,
                percentile=result.percentile if shown else None,
                award=result.award if shown else None,
            )
        )
    certificate = await db.scalar(
        select(Certificate).where(
            Certificate.olympiad_id == olympiad.id, Certificate.student_id == student
        )
    )
    return MyResults(
        student_id=student,
        published=published,
        review_allowed=olympiad.review_allowed,
        rounds=mine,
        certificate=CertificateRef(
            code=certificate.code,
            kind=certificate.kind,
            award=certificate.award,
            prize=certificate.prize,
        )
        if certificate is not None
        else None,
    )


async def review(
    db: AsyncSession,
    olympiad: Olympiad,
    round_: Round,
    user: TokenUser,
    student_id: uuid.UUID | None,
) -> list[ReviewItem]:
    """The participant's paper in their order with their answers and the correct ones: only
    after publication, and only where the olympiad allows it (organizers always)."""
    student = await _participant(db, olympiad, user, student_id)
    if not olympiads.is_organizer(olympiad, user):
        if not _published(olympiad):
            raise ResultsNotPublished()
        if not olympiad.review_allowed:
            raise ReviewNotAllowed()
    attempt = await db.scalar(
        select(Attempt).where(Attempt.round_id == round_.id, Attempt.student_id == student)
    )
    if attempt is None:
        raise AttemptNotFound()
    found = await papers.round_questions(db, round_.id)
    by_id = {q.id: q for q in found}
    answers = {
        a.question_id: a
        for a in await db.scalars(select(Answer).where(Answer.attempt_id == attempt.id))
    }
    items: list[ReviewItem] = []
    for shown in papers.paper_order(attempt, round_, found):
        question = by_id[shown.id]
        answer = answers.get(question.id)
        items.append(
            ReviewItem(
                question=shown,
                answer=SavedAnswer(**answer.response) if answer and answer.response else None,
                points=answer.points if answer else 0.0,
                correct_options=[o for o in questions.options_read(question) if o.correct],
                key=ReviewKey(**questions.key_fields(question.answer_key)),
                explanation=question.explanation,
            )
        )
    return items


# --- appeals -----------------------------------------------------------------------------------


def appeals_close_at(olympiad: Olympiad, round_: Round) -> datetime:
    return round_.closes_at + timedelta(minutes=olympiad.appeal_minutes)


async def appeal(db: AsyncSession, attempt: Attempt, round_: Round, data: AppealCreate) -> Appeal:
    """A participant contests a question of their own paper, once their paper has closed."""
    olympiad = await db.get(Olympiad, round_.olympiad_id)
    assert olympiad is not None
    now = utcnow()
    if (
        papers.is_open(attempt, now)
        or now >= appeals_close_at(olympiad, round_)
        or _published(olympiad)
    ):
        raise AppealsClosed()
    question = await db.get(Question, data.question_id)
    if question is None or question.round_id != round_.id:
        raise QuestionNotFound()
    existing = await db.scalar(
        select(Appeal).where(Appeal.attempt_id == attempt.id, Appeal.question_id == question.id)
    )
    if existing is not None:  # a retry, or a second thought: one appeal per question
        return existing
    contested = Appeal(
        attempt_id=attempt.id,
        round_id=round_.id,
        question_id=question.id,
        student_id=attempt.student_id,
        text=data.text,
    )
    db.add(contested)
    await db.flush()
    return contested


async def appeals_of_round(db: AsyncSession, round_: Round) -> list[Appeal]:
    return list(
        await db.scalars(
            select(Appeal).where(Appeal.round_id == round_.id).order_by(Appeal.created_at)
        )
    )


async def appeals_of_attempt(db: AsyncSession, attempt: Attempt) -> list[Appeal]:
    return list(
        await db.scalars(
            select(Appeal).where(Appeal.attempt_id == attempt.id).order_by(Appeal.created_at)
        )
    )


async def get_appeal(db: AsyncSession, round_: Round, appeal_id: uuid.UUID) -> Appeal:
    found = await db.get(Appeal, appeal_id)
    if found is None or found.round_id != round_.id:
        raise AppealNotFound()
    return found


def corrected_key(question: Question, data: AppealAccept) -> AnswerKey:
    """The organizer's corrected key, checked against the question's type and options."""
    option_ids = {o["id"] for o in question.options}
    if question.type in CHOICE_TYPES:
        correct = list(dict.fromkeys(data.correct or []))
        if not correct or not set(correct) <= option_ids:
            raise CorrectionDoesNotFit(details={"field": "correct"})
        if question.type is QuestionType.single and len(correct) != 1:
            raise CorrectionDoesNotFit(details={"field": "correct"})
        return {"correct": correct}
    if question.type is QuestionType.true_false:
        if data.truth is None:
            raise CorrectionDoesNotFit(details={"field": "truth"})
        return {"truth": data.truth}
    if question.type is QuestionType.short_answer:
        accepted = [a.strip() for a in data.accepted or [] if a.strip()]
        if not accepted:
            raise CorrectionDoesNotFit(details={"field": "accepted"})
        return {"accepted": accepted}
    if data.value is None or not math.isfinite(data.value):
        raise CorrectionDoesNotFit(details={"field": "value"})
    return {"value": data.value, "tolerance": data.tolerance}


async def regrade(db: AsyncSession, question: Question, round_: Round, key: AnswerKey) -> int:
    """The question with its corrected key, every saved answer to it graded again and every
    score it touches recomputed (the time at which a score last changed stays: it is when the
    participant answered). Returns how many attempts changed."""
    question.answer_key = key
    section = await db.get(Section, question.section_id)
    assert section is not None
    touched: set[uuid.UUID] = set()
    for answer in await db.scalars(select(Answer).where(Answer.question_id == question.id)):
        points = papers.points_for(question, section, answer.response)
        if points != answer.points:
            answer.points = points
            touched.add(answer.attempt_id)
    await db.flush()
    totals = await papers.totals(db, round_, list(touched))
    for attempt in await db.scalars(select(Attempt).where(Attempt.id.in_(touched))):
        total, hard = totals.get(attempt.id, (0.0, 0.0))
        attempt.score = attempt.public_score = round(round_.start_bonus + total, 4)
        attempt.hard_points = attempt.public_hard_points = round(hard, 4)
        attempt.public_seconds = attempt.scored_seconds
    await db.flush()
    return len(touched)


async def decide(
    db: AsyncSession,
    olympiad: Olympiad,
    round_: Round,
    contested: Appeal,
    user: TokenUser,
    *,
    accept: AppealAccept | None,
    reply: str,
) -> Appeal:
    """Accept (with the corrected key: re-graded for everyone, re-ranked) or reject, with a
    reply the participant reads."""
    if contested.status is not AppealStatus.open:
        raise AppealAlreadyDecided()
    if _published(olympiad):
        raise AppealsClosed()
    if accept is not None:
        question = await db.get(Question, contested.question_id)
        assert question is not None
        await regrade(db, question, round_, corrected_key(question, accept))
        # Others who contested the same question are answered by the same decision.
        same = await db.scalars(
            select(Appeal).where(
                Appeal.question_id == question.id, Appeal.status == AppealStatus.open
            )
        )
        decided = list(same)
        await rank_round(db, olympiad, round_, await olympiads.rounds_of(db, olympiad.id), utcnow())
    else:
        decided = [contested]
    for item in decided:
        item.status = AppealStatus.accepted if accept is not None else AppealStatus.rejected
        item.reply, item.decided_by_id, item.decided_at = reply, user.id, utcnow()
    await db.flush()
    return contested


# --- publication -------------------------------------------------------------------------------


async def publish_results(db: AsyncSession, olympiad: Olympiad) -> Olympiad:
    """Publish once every round and its appeals window have ended and no appeal waits; the
    finalisation job then ranks a last time, pays prizes and issues certificates."""
    if _published(olympiad):
        return olympiad
    if olympiad.published_at is None:
        raise ResultsNotReady()
    rounds = await olympiads.rounds_of(db, olympiad.id)
    now = utcnow()
    if any(now < appeals_close_at(olympiad, r) for r in rounds):
        raise ResultsNotReady(
            details={"appeals_close_at": str(appeals_close_at(olympiad, rounds[-1]))}
        )
    pending = await db.scalar(
        select(func.count())
        .select_from(Appeal)
        .where(Appeal.round_id.in_([r.id for r in rounds]), Appeal.status == AppealStatus.open)
    )
    if pending:
        raise AppealsPending(details={"pending": pending})
    olympiad.results_published_at = now
    await db.flush()
    await enqueue(
        db, "olimp.finalise", {"olympiad_id": str(olympiad.id)}, key=f"finalise:{olympiad.id}"
    )
    return olympiad


ACHIEVEMENTS: dict[Language, dict[str, str]] = {
    Language.uz: {
        Award.gold: "Oltin diplom",
        Award.silver: "Kumush diplom",
        Award.bronze: "Bronza diplom",
        "place": "{rank}-oʻrin",
        "participant": "Olimpiada ishtirokchisi",
    },
    Language.ru: {
        Award.gold: "Золотой диплом",
        Award.silver: "Серебряный диплом",
        Award.bronze: "Бронзовый диплом",
        "place": "{rank}-е место",
        "participant": "Участник олимпиады",
    },
    Language.en: {
        Award.gold: "Gold diploma",
        Award.silver: "Silver diploma",
        Award.bronze: "Bronze diploma",
        "place": "Place {rank}",
        "participant": "Olympiad participant",
    },
}


@dataclass(frozen=True)
class Finalised:
    certificates: int
    prizes_paid: int


def _achievement(language: Language, result: Result, final: bool) -> str:
    words = ACHIEVEMENTS[language]
    if final and result.award is not None:
        return f"{words['place'].format(rank=result.rank)} · {words[result.award]}"
    return words["participant"]


async def _issuer(db: AsyncSession, olympiad: Olympiad) -> str:
    if olympiad.organization_id is None:
        return "ALIF24 olimp"
    name = await db.scalar(
        select(Organization.name).where(Organization.id == olympiad.organization_id)
    )
    return f"{name} · ALIF24 olimp" if name else "ALIF24 olimp"


async def _insert_certificate(db: AsyncSession, values: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT (olympiad, student) DO NOTHING: a second finalisation (or one
    running at the same moment) leaves the first certificate and its code as they are."""
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await db.execute(
        insert(Certificate)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["olympiad_id", "student_id"])
    )


async def finalise(db: AsyncSession, olympiad_id: uuid.UUID, now: datetime) -> Finalised:
    """After publication: rank every round a last time, then for each participant (in the last
    round they sat) a certificate — a diploma with an award — and the award's coins. Safe to run
    any number of times, also at once: the ledger's key pays a prize once, the unique
    (olympiad, student) issues a certificate once."""
    olympiad = await db.get(Olympiad, olympiad_id)
    if olympiad is None or olympiad.results_published_at is None:
        return Finalised(0, 0)
    rounds = await olympiads.rounds_of(db, olympiad.id)
    last_round: dict[uuid.UUID, tuple[Round, Result]] = {}
    for round_ in rounds:
        for result in await rank_round(db, olympiad, round_, rounds, now):
            last_round[result.student_id] = (round_, result)
    prizes = Prizes.model_validate(olympiad.prizes or {}).model_dump()
    final_number = rounds[-1].number
    people = {u.id: u for u in await db.scalars(select(User).where(User.id.in_(list(last_round))))}
    issuer = await _issuer(db, olympiad)
    paid = 0
    for student_id, (round_, result) in last_round.items():
        student = people[student_id]
        final = round_.number == final_number
        award = result.award if final else None
        prize = int(prizes.get(award.value, 0)) if award else 0
        language = student.language
        await _insert_certificate(
            db,
            {
                "id": uuid.uuid4(),
                "olympiad_id": olympiad.id,
                "student_id": student_id,
                "code": new_code(),
                "kind": CertificateKind.diploma if award else CertificateKind.certificate,
                "language": language,
                "holder_name": f"{student.first_name} {student.last_name}".strip(),
                "title": olympiad.title.get(language.value) or olympiad.title["uz"],
                "achievement": _achievement(language, result, final),
                "issuer": issuer,
                "issued_at": now,
                "award": award,
                "rank": result.rank if final else None,
                "prize": prize,
            },
        )
        if prize:
            reward = await ledger.reward(
                db,
                user_id=student_id,
                source="olympiads",
                amount=prize,
                idempotency_key=f"olimp:prize:{olympiad.id}:{student_id}",
                reference=f"olimp:{olympiad.id}",
                description=olympiad.title["uz"],
            )
            paid += 0 if reward.replayed else 1
    await db.flush()
    return Finalised(certificates=len(last_round), prizes_paid=paid)


# --- certificates ------------------------------------------------------------------------------


async def certificates_of(db: AsyncSession, olympiad: Olympiad) -> list[Certificate]:
    """Every certificate the olympiad issued, the best places first (the organizer's list)."""
    found = list(
        await db.scalars(select(Certificate).where(Certificate.olympiad_id == olympiad.id))
    )
    found.sort(key=lambda c: (c.rank is None, c.rank or 0, c.holder_name))
    return found


async def revoke_certificate(db: AsyncSession, olympiad: Olympiad, code: str) -> Certificate:
    """Withdraw a certificate of this olympiad (a result found to be dishonest, a wrong name):
    its page and anyone checking its code then read "revoked" with the date. Revoking it again
    keeps the first date. A prize paid with it stays paid: taking coins back is the ledger's
    refund, an act of its own."""
    certificate = await find_by_code(db, Certificate, code)
    if certificate.olympiad_id != olympiad.id:
        raise CertificateNotFound
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
        await db.flush()
    return certificate
