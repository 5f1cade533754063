"""A parent's weekly report: for each child, the week's tests, games and coins.

A week is Monday 00:00 to the next Monday 00:00 in Tashkent, named by its ISO week ("2026-W49").
Each section is one query over all the parent's children; a new service adds its section here.
"""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus
from alif.jobs import TASHKENT
from alif.kernel.models import FamilyLink, User
from alif.ledger.models import CoinTransaction, TransactionKind
from alif_main.reports import sources
from alif_main.reports.exceptions import InvalidWeek

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, value: str) -> "Week":
        match = _WEEK.match(value)
        if match is None:
            raise InvalidWeek()
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise InvalidWeek() from None
        return cls(year, number)

    @classmethod
    def containing(cls, moment: datetime) -> "Week":
        year, number, _ = moment.astimezone(TASHKENT).isocalendar()
        return cls(year, number)

    @property
    def name(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def first_day(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def starts_at(self) -> datetime:
        """Monday 00:00 in Tashkent, in UTC."""
        return datetime.combine(self.first_day, datetime.min.time(), tzinfo=TASHKENT).astimezone(
            UTC
        )

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(days=7)

    @property
    def label(self) -> str:
        last = self.first_day + timedelta(days=6)
        return f"{self.first_day:%d.%m}–{last:%d.%m.%Y}"


@dataclass(frozen=True)
class TestTaken:
    title: str
    score: float
    max_score: float
    submitted_at: datetime


@dataclass
class ChildWeek:
    child_id: uuid.UUID
    name: str
    tests: list[TestTaken] = field(default_factory=list)
    games_played: int = 0
    coins_earned: int = 0
    coins_spent: int = 0

    @property
    def average_percent(self) -> int | None:
        scored = [t for t in self.tests if t.max_score > 0]
        if not scored:
            return None
        return round(100 * sum(t.score / t.max_score for t in scored) / len(scored))


async def active_children(db: AsyncSession, parent_id: uuid.UUID) -> list[User]:
    rows = await db.scalars(
        select(User)
        .join(FamilyLink, FamilyLink.child_id == User.id)
        .where(FamilyLink.parent_id == parent_id, User.status == AccountStatus.active)
        .order_by(User.first_name, User.id)
    )
    return list(rows)


async def _tests(db: AsyncSession, report: dict[uuid.UUID, ChildWeek], week: Week) -> None:
    a, t = sources.attempts, sources.tests
    rows = await db.execute(
        select(a.c.student_id, t.c.title, a.c.score, a.c.max_score, a.c.submitted_at)
        .join(t, t.c.id == a.c.test_id)
        .where(
            a.c.student_id.in_(report),
            a.c.status == "finished",
            a.c.score.is_not(None),
            a.c.submitted_at >= week.starts_at,
            a.c.submitted_at < week.ends_at,
        )
        .order_by(a.c.submitted_at)
    )
    for child_id, title, score, max_score, submitted_at in rows:
        report[child_id].tests.append(TestTaken(title, score, max_score, submitted_at))


async def _games(db: AsyncSession, report: dict[uuid.UUID, ChildWeek], week: Week) -> None:
    g = sources.game_sessions
    rows = await db.execute(
        select(g.c.user_id, func.count())
        .where(
            g.c.user_id.in_(report),
            g.c.status == "finished",
            g.c.finished_at >= week.starts_at,
            g.c.finished_at < week.ends_at,
        )
        .group_by(g.c.user_id)
    )
    for child_id, played in rows:
        report[child_id].games_played = played


async def _coins(db: AsyncSession, report: dict[uuid.UUID, ChildWeek], week: Week) -> None:
    # Earned: rewards. Spent: spends less what was refunded (a refund returns a spend's coins).
    rows = await db.execute(
        select(CoinTransaction.user_id, CoinTransaction.kind, func.sum(CoinTransaction.amount))
        .where(
            and_(
                CoinTransaction.user_id.in_(report),
                CoinTransaction.created_at >= week.starts_at,
                CoinTransaction.created_at < week.ends_at,
                CoinTransaction.kind.in_(
                    [TransactionKind.reward, TransactionKind.spend, TransactionKind.refund]
                ),
            )
        )
        .group_by(CoinTransaction.user_id, CoinTransaction.kind)
    )
    spent: dict[uuid.UUID, int] = defaultdict(int)
    for child_id, kind, total in rows:
        if kind is TransactionKind.reward:
            report[child_id].coins_earned = int(total)
        else:
            spent[child_id] -= int(total)
    for child_id, coins in spent.items():
        report[child_id].coins_spent = max(coins, 0)


SECTIONS = (_tests, _games, _coins)


async def weekly_report(db: AsyncSession, parent_id: uuid.UUID, week: Week) -> list[ChildWeek]:
    children = await active_children(db, parent_id)
    report = {c.id: ChildWeek(c.id, c.full_name) for c in children}
    if report:
        for section in SECTIONS:
            await section(db, report, week)
    return list(report.values())


async def parents_with_active_children(db: AsyncSession) -> list[uuid.UUID]:
    child = select(User.id).where(User.status == AccountStatus.active)
    rows = await db.scalars(
        select(FamilyLink.parent_id)
        .join(User, User.id == FamilyLink.parent_id)
        .where(User.status == AccountStatus.active, FamilyLink.child_id.in_(child))
        .distinct()
    )
    return list(rows)
