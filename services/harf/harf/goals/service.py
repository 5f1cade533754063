"""The daily goal, the streak, and the milestones that pay coins once each (alif.ledger)."""

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.db import utcnow
from alif.ledger.service import CAP_DAY_ZONE
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode
from harf.config import HarfSettings
from harf.exercises.models import Exercise, Mastery
from harf.exercises.service import MASTERED_BOX
from harf.goals.schemas import Milestone, MilestoneRead, TodayRead

COIN_SOURCE = "harf"
COINS = {Milestone.free_letters: 10, Milestone.alphabet: 50, Milestone.streak_3: 15,
         Milestone.streak_7: 40}  # fmt: skip
STREAKS = {3: Milestone.streak_3, 7: Milestone.streak_7}
_LOOK_BACK = timedelta(days=max(STREAKS) + 2)


def _day(moment: datetime) -> date:
    """The child's day: Tashkent's, as the coins' daily cap counts it."""
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=utcnow().tzinfo)
    return moment.astimezone(CAP_DAY_ZONE).date()


async def today(db: AsyncSession, settings: HarfSettings, user_id: uuid.UUID) -> TodayRead:
    now = utcnow()
    answered = await db.scalars(
        select(Exercise.answered_at).where(
            Exercise.user_id == user_id,
            Exercise.correct.is_(True),
            Exercise.answered_at >= now - _LOOK_BACK,
        )
    )
    per_day: dict[date, int] = {}
    for moment in answered:
        if moment is not None:
            per_day[_day(moment)] = per_day.get(_day(moment), 0) + 1
    goal = settings.harf_daily_goal
    streak, day = 0, _day(now)
    while per_day.get(day, 0) >= goal:
        streak += 1
        day -= timedelta(days=1)
    return TodayRead(goal=goal, done=per_day.get(_day(now), 0), streak=streak)


async def _mastered(db: AsyncSession, user_id: uuid.UUID, code: AlphabetCode) -> set[int]:
    found = await db.scalars(
        select(Mastery.letter).where(
            Mastery.user_id == user_id, Mastery.alphabet == code, Mastery.box >= MASTERED_BOX
        )
    )
    return set(found)


async def _pay(
    db: AsyncSession,
    settings: HarfSettings,
    user_id: uuid.UUID,
    milestone: Milestone,
    code: AlphabetCode | None,
) -> MilestoneRead | None:
    """The milestone's coins, the first time only (its key is unique in the ledger)."""
    scope = code.value if code else "all"
    paid = await ledger.reward(
        db,
        user_id=user_id,
        source=COIN_SOURCE,
        amount=COINS[milestone],
        idempotency_key=f"harf:{milestone.value}:{scope}:{user_id}",
        daily_cap=settings.coin_daily_cap(COIN_SOURCE),
        description=f"harf: {milestone.value} {scope}",
    )
    if paid.replayed:
        return None
    return MilestoneRead(milestone=milestone, alphabet=code, coins=paid.amount)


async def after_answer(
    db: AsyncSession, settings: HarfSettings, user_id: uuid.UUID, code: AlphabetCode
) -> list[MilestoneRead]:
    """The milestones this answer reached for the first time, paid."""
    reached: list[tuple[Milestone, AlphabetCode | None]] = []
    mastered = await _mastered(db, user_id, code)
    data = alphabets.alphabet(code)
    if set(range(1, data.free_letters + 1)) <= mastered:
        reached.append((Milestone.free_letters, code))
    if len(mastered) == len(data.letters):
        reached.append((Milestone.alphabet, code))
    streak = (await today(db, settings, user_id)).streak
    reached += [(milestone, None) for days, milestone in STREAKS.items() if streak >= days]
    paid = [await _pay(db, settings, user_id, milestone, at) for milestone, at in reached]
    return [entry for entry in paid if entry is not None]
