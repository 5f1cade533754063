"""Coins as people see them: my wallet, my children's (only mine), staff adjustments."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.db import utcnow
from alif.ledger import CoinTransaction
from alif.testing import LoginAs, make_child, make_user
from alif_main.audit.models import AuditLog
from alif_main.wallet import service


async def earn(db: AsyncSession, user_id: uuid.UUID, source: str, amount: int) -> None:
    await ledger.reward(
        db, user_id=user_id, source=source, amount=amount, idempotency_key=str(uuid.uuid4())
    )


async def test_a_child_sees_their_coins_and_history_by_source(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    assert (await child.get("/api/main/wallet")).json()["balance"] == 0
    for source, amount in [("games", 10), ("tests", 20), ("games", 5)]:
        await earn(db_session, child.id, source, amount)
    assert (await child.get("/api/main/wallet")).json() == {
        "user_id": str(child.id),
        "balance": 35,
        "streak_days": 1,
    }
    page = (await child.get("/api/main/wallet/transactions?source=games&limit=1")).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    assert page["items"][0]["amount"] == 5 and page["items"][0]["balance_after"] == 35
    everything = (await child.get("/api/main/wallet/transactions")).json()
    assert [t["source"] for t in everything["items"]] == ["games", "tests", "games"]
    bad = await child.get("/api/main/wallet/transactions?source=DROP TABLE")
    assert bad.status_code == 422


async def test_a_parent_sees_their_own_childrens_coins_only(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user, first_name="Ali")
    stranger_child = await make_user(db_session)
    await earn(db_session, child.id, "games", 12)
    await earn(db_session, stranger_child.id, "games", 99)

    overview = (await parent.get("/api/main/wallet/children")).json()
    assert overview == [
        {
            "user_id": str(child.id),
            "balance": 12,
            "streak_days": 1,
            "first_name": "Ali",
            "last_name": "Student",
        }
    ]
    assert (await parent.get(f"/api/main/wallet/children/{child.id}")).json()["balance"] == 12
    history = (await parent.get(f"/api/main/wallet/children/{child.id}/transactions")).json()
    assert history["total"] == 1
    for url in (
        f"/api/main/wallet/children/{stranger_child.id}",
        f"/api/main/wallet/children/{stranger_child.id}/transactions",
    ):
        response = await parent.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "child_not_found"
    as_child = await login_as(Role.student)
    assert (await as_child.get(f"/api/main/wallet/children/{child.id}")).status_code == 403


async def test_an_admin_adjusts_coins_with_a_reason_and_it_is_audited(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin = await login_as(Role.admin)
    child = await make_user(db_session)
    body = {
        "user_id": str(child.id),
        "amount": 30,
        "reason": "Lost in an outage",
        "idempotency_key": "outage-2026-11-01",
    }
    first = await admin.post("/api/main/coins/adjustments", json=body)
    assert first.status_code == 200
    assert (first.json()["amount"], first.json()["balance"], first.json()["replayed"]) == (
        30,
        30,
        False,
    )
    again = await admin.post("/api/main/coins/adjustments", json=body)
    assert again.json()["replayed"] and again.json()["balance"] == 30
    too_much = await admin.post(
        "/api/main/coins/adjustments",
        json={**body, "amount": -31, "idempotency_key": "take-back-001"},
    )
    assert too_much.status_code == 409 and too_much.json()["error"]["code"] == "insufficient_coins"
    audit = list(
        await db_session.scalars(select(AuditLog).where(AuditLog.action == "coins.adjust"))
    )
    assert len(audit) == 1 and audit[0].details["reason"] == "Lost in an outage"

    staff_view = await admin.get(f"/api/main/coins/wallets/{child.id}/transactions")
    assert staff_view.json()["items"][0]["description"] == "Lost in an outage"
    moderator = await login_as(Role.moderator)
    assert (await moderator.get(f"/api/main/coins/wallets/{child.id}")).json()["balance"] == 30
    denied = await moderator.post(
        "/api/main/coins/adjustments", json={**body, "idempotency_key": "moderator-try-1"}
    )
    assert denied.status_code == 403
    missing = await admin.post(
        "/api/main/coins/adjustments",
        json={**body, "user_id": str(uuid.uuid4()), "idempotency_key": "nobody-0001"},
    )
    assert missing.status_code == 404


async def earn_at(db: AsyncSession, user_id: uuid.UUID, moment: datetime, amount: int = 5) -> None:
    """A reward recorded at `moment` (the ledger stamps the current time; tests move it)."""
    result = await ledger.reward(
        db, user_id=user_id, source="games", amount=amount, idempotency_key=str(uuid.uuid4())
    )
    await db.execute(
        update(CoinTransaction)
        .where(CoinTransaction.id == result.transaction_id)
        .values(created_at=moment)
    )


# 10:00 in Tashkent (UTC+5) on 20 November.
NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def tashkent(day: int, hour: int) -> datetime:
    """`hour` o'clock in Tashkent on `day` November 2026, as UTC."""
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC) - timedelta(hours=5)


async def test_a_streak_counts_consecutive_tashkent_days_with_coins_earned(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    assert await service.streak_days(db_session, child.id, now=NOW) == 0
    # 18, 19 and 20 November, several rewards on one day; 16 November is cut off by the gap.
    for moment in [tashkent(16, 12), tashkent(18, 9), tashkent(19, 8), tashkent(19, 20)]:
        await earn_at(db_session, child.id, moment)
    await earn_at(db_session, child.id, tashkent(20, 7))
    assert await service.streak_days(db_session, child.id, now=NOW) == 3


async def test_a_streak_that_reached_yesterday_lives_until_midnight_then_ends(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    await earn_at(db_session, child.id, tashkent(18, 12))
    await earn_at(db_session, child.id, tashkent(19, 12))
    assert await service.streak_days(db_session, child.id, now=NOW) == 2
    just_before_midnight = tashkent(20, 23) + timedelta(minutes=59)
    assert await service.streak_days(db_session, child.id, now=just_before_midnight) == 2
    assert await service.streak_days(db_session, child.id, now=tashkent(21, 0)) == 0


async def test_a_streak_day_is_a_tashkent_day_not_a_utc_day(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    # 19:30 UTC on 18 November is 00:30 on 19 November in Tashkent: two Tashkent days, not one.
    await earn_at(db_session, child.id, datetime(2026, 11, 18, 19, 30, tzinfo=UTC))
    await earn_at(db_session, child.id, datetime(2026, 11, 18, 18, 30, tzinfo=UTC))
    assert await service.streak_days(db_session, child.id, now=tashkent(19, 12)) == 2


async def test_only_coins_earned_make_a_streak_day(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    admin = await make_user(db_session, role=Role.admin)
    # A reward cut to 0 by the daily cap, a staff adjustment and a purchase make no day.
    capped = await ledger.reward(
        db_session,
        user_id=child.id,
        source="games",
        amount=5,
        idempotency_key=str(uuid.uuid4()),
        daily_cap=0,
    )
    assert capped.amount == 0
    await ledger.adjust(
        db_session,
        user_id=child.id,
        amount=50,
        idempotency_key=str(uuid.uuid4()),
        reason="Demo coins",
        actor_id=admin.id,
    )
    await ledger.spend(
        db_session, user_id=child.id, amount=10, idempotency_key=str(uuid.uuid4()), source="shop"
    )
    assert await service.streak_days(db_session, child.id, now=utcnow()) == 0
    await earn(db_session, child.id, "games", 1)
    assert await service.streak_days(db_session, child.id, now=utcnow()) == 1


async def test_a_long_streak_is_counted_across_pages_of_rewards(
    db_session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "STREAK_PAGE", 3)
    child = await make_user(db_session)
    other = await make_user(db_session)
    for day in range(1, 21):  # 1 to 20 November, two rewards a day (and another child's)
        await earn_at(db_session, child.id, tashkent(day, 9))
        await earn_at(db_session, child.id, tashkent(day, 15))
        await earn_at(db_session, other.id, tashkent(day, 10))
    assert await service.streak_days(db_session, child.id, now=NOW) == 20
