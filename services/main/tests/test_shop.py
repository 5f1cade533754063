"""The coin shop: a child buys once per item, pays exactly once per request, wears it."""

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.kernel.models import StudentProfile
from alif.testing import Actor, LoginAs, make_child
from alif_main.shop.models import ItemKind, ShopItem


@pytest.fixture
async def items(db_session: AsyncSession) -> list[ShopItem]:
    rows = [
        ShopItem(code="avatar-lion", kind=ItemKind.avatar, name="Sher", price=50),
        ShopItem(code="avatar-owl", kind=ItemKind.avatar, name="Boyoʻgʻli", price=40),
        ShopItem(code="theme-space", kind=ItemKind.theme, name="Koinot", price=150),
        ShopItem(code="frame-old", kind=ItemKind.frame, name="Eski", price=5, is_active=False),
    ]
    db_session.add_all(rows)
    await db_session.flush()
    return rows


@pytest.fixture
async def child(login_as: LoginAs, db_session: AsyncSession) -> Actor:
    actor = await login_as(Role.student)
    await ledger.reward(
        db_session, user_id=actor.id, source="games", amount=100, idempotency_key=f"seed:{actor.id}"
    )
    return actor


async def buy(actor: Actor, item: ShopItem, key: str | None = None) -> httpx.Response:
    return await actor.post(
        f"/api/main/shop/items/{item.id}/buy", json={"idempotency_key": key or str(uuid.uuid4())}
    )


async def test_a_child_buys_an_avatar_once_and_a_retry_is_not_charged(
    child: Actor, items: list[ShopItem]
) -> None:
    lion = items[0]
    first = await buy(child, lion, "buy-lion-0001")
    assert first.status_code == 200
    assert first.json()["balance"] == 50
    retry = await buy(child, lion, "buy-lion-0001")
    assert retry.json() == first.json()
    twice = await buy(child, lion)
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "item_already_owned"
    assert (await child.get("/api/main/wallet")).json()["balance"] == 50
    catalogue = (await child.get("/api/main/shop/items?kind=avatar")).json()
    assert {i["code"]: i["owned"] for i in catalogue} == {"avatar-lion": True, "avatar-owl": False}


async def test_not_enough_coins_buys_nothing(
    child: Actor, items: list[ShopItem], db_session: AsyncSession
) -> None:
    response = await buy(child, items[2])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "insufficient_coins"
    assert (await child.get("/api/main/shop/inventory")).json() == []
    assert await ledger.balance_of(db_session, child.id) == 100


async def test_hidden_items_cannot_be_bought_and_adults_do_not_shop(
    child: Actor, items: list[ShopItem], login_as: LoginAs
) -> None:
    assert (await buy(child, items[3])).status_code == 404
    parent = await login_as(Role.parent)
    assert (await buy(parent, items[0])).status_code == 403
    codes = [i["code"] for i in (await child.get("/api/main/shop/items")).json()]
    assert "frame-old" not in codes


async def test_wearing_an_avatar_changes_the_profile_picture(
    child: Actor, items: list[ShopItem], db_session: AsyncSession
) -> None:
    lion, owl = items[0], items[1]
    await buy(child, lion)
    await buy(child, owl)
    await child.post(f"/api/main/shop/inventory/{lion.id}/equip")
    worn = await child.post(f"/api/main/shop/inventory/{owl.id}/equip")
    assert worn.json()["equipped"] is True
    inventory = {
        i["item"]["code"]: i["equipped"]
        for i in (await child.get("/api/main/shop/inventory")).json()
    }
    assert inventory == {"avatar-lion": False, "avatar-owl": True}
    profile = await db_session.scalar(
        select(StudentProfile)
        .where(StudentProfile.user_id == child.id)
        .execution_options(populate_existing=True)
    )
    assert profile is not None and profile.avatar == "avatar-owl"
    not_mine = await child.post(f"/api/main/shop/inventory/{items[2].id}/equip")
    assert not_mine.status_code == 404


async def test_a_shop_avatar_is_not_free_through_the_profile(
    child: Actor, items: list[ShopItem], login_as: LoginAs, db_session: AsyncSession
) -> None:
    lion, owl = items[0], items[1]
    unpaid = await child.patch("/api/main/me", json={"avatar": "avatar-owl"})
    assert unpaid.status_code == 404
    assert unpaid.json()["error"]["code"] == "item_not_owned"
    await buy(child, lion)
    await child.post(f"/api/main/shop/inventory/{lion.id}/equip")
    # A free picture takes the shop avatar off; the bought one can be chosen again by its code.
    assert (await child.patch("/api/main/me", json={"avatar": "cat"})).status_code == 200
    inventory = (await child.get("/api/main/shop/inventory")).json()
    assert [i["equipped"] for i in inventory] == [False]
    assert (await child.patch("/api/main/me", json={"avatar": "avatar-lion"})).status_code == 200
    inventory = (await child.get("/api/main/shop/inventory")).json()
    assert [i["equipped"] for i in inventory] == [True]
    me = (await child.get("/api/main/me")).json()
    assert me["student_profile"]["avatar"] == "avatar-lion"
    # A parent cannot hand out a shop avatar for free either.
    parent = await login_as(Role.parent)
    kid = await make_child(db_session, parent.user)
    given = await parent.patch(f"/api/main/children/{kid.id}", json={"avatar": owl.code})
    assert given.status_code == 404 and given.json()["error"]["code"] == "item_not_owned"


async def test_admins_manage_the_catalogue(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    created = await admin.post(
        "/api/main/shop/items",
        json={"code": "frame-gold", "kind": "frame", "name": "Oltin ramka", "price": 120},
    )
    assert created.status_code == 201
    hidden = await admin.patch(
        f"/api/main/shop/items/{created.json()['id']}", json={"is_active": False}
    )
    assert hidden.json()["is_active"] is False
    again = await admin.post(
        "/api/main/shop/items",
        json={"code": "frame-gold", "kind": "frame", "name": "Boshqa", "price": 1},
    )
    assert again.status_code == 409
    moderator = await login_as(Role.moderator)
    refused = await moderator.post(
        "/api/main/shop/items",
        json={"code": "frame-x", "kind": "frame", "name": "X", "price": 1},
    )
    assert refused.status_code == 403
