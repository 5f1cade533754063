"""Coins as people see them: my wallet, my children's (only mine), staff adjustments."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.testing import LoginAs, make_child, make_user
from alif_main.audit.models import AuditLog


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
    assert (await child.get("/api/main/wallet")).json() == {"user_id": str(child.id), "balance": 35}
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
        {"user_id": str(child.id), "balance": 12, "first_name": "Ali", "last_name": "Student"}
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
