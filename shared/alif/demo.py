"""What the services' demo seeds share (`python -m <service> seed-demo`, development only).

A seed goes through the same service functions as users' requests, as the demo user; history it
adds (a week of games, coins earned and spent) is then moved to the day it stands for.
"""

import uuid
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import TokenUser
from alif.db import utcnow
from alif.kernel.models import User
from alif.ledger.models import CoinTransaction
from alif.schemas import TASHKENT


def acting_as(user: User) -> TokenUser:
    """The user as a request of theirs would be: what service functions take as the actor."""
    return TokenUser(
        id=user.id,
        role=user.role,
        status=user.status,
        session_id=uuid.uuid4(),
        token_id="seed-demo",
        expires_at=utcnow() + timedelta(minutes=10),
    )


def days_ago(days: int, *, hour: int = 16, minute: int = 0) -> datetime:
    """That many days before now, at that time of the day in Tashkent (UTC+5); never later than
    now (today's afternoon has not come yet in the morning)."""
    now = utcnow()
    day = now.astimezone(TASHKENT).date() - timedelta(days=days)
    moment = datetime.combine(day, time(hour, minute), TASHKENT).astimezone(UTC)
    return min(now, moment)


async def move_coins_to(db: AsyncSession, transaction_id: uuid.UUID, when: datetime) -> None:
    """A seeded coin movement dated when it stands for (streaks and histories read the date)."""
    transaction = await db.get(CoinTransaction, transaction_id)
    if transaction is not None:
        transaction.created_at = when
        await db.flush()
