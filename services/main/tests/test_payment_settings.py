"""Payment secrets come only from the environment; production refuses placeholders and halves."""

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.subscriptions import SubscriptionPlan
from alif_main.config import MainSettings
from alif_main.demo import PLANS, SHOP_ITEMS, seed_catalogue
from alif_main.shop.models import ShopItem


def problems(**values: Any) -> list[str]:
    settings = MainSettings(_env_file=None, environment="test", **values)  # type: ignore[call-arg]
    return [p for p in settings.deployment_problems() if "PAYME" in p or "CLICK" in p]


def test_providers_are_either_off_or_fully_configured() -> None:
    assert problems() == []
    assert problems(payme_merchant_id="5e730e8e0b852a417aa49ceb", payme_key="k3y-from-vault") == []
    assert problems(payme_merchant_id="5e730e8e0b852a417aa49ceb") != []
    assert problems(payme_merchant_id="5e730e8e0b852a417aa49ceb", payme_key="changeme") != []
    assert problems(click_service_id="123", click_merchant_id="9", click_secret_key="xxx") != []
    assert (
        problems(click_service_id="abc", click_merchant_id="9", click_secret_key="s3cr3t-v") != []
    )
    assert problems(payme_checkout_url="https://checkout.test.paycom.uz") != []


def test_production_refuses_to_start_with_a_placeholder_key() -> None:
    with pytest.raises(ValueError, match="PAYME_MERCHANT_ID, PAYME_KEY"):
        MainSettings(  # type: ignore[call-arg]
            _env_file=None,
            environment="production",
            payme_merchant_id="5e730e8e0b852a417aa49ceb",
            payme_key="placeholder",
        )


def test_without_credentials_payments_are_simply_off() -> None:
    settings = MainSettings(_env_file=None)  # type: ignore[call-arg]
    assert not settings.payme_configured and not settings.click_configured


async def test_the_demo_catalogue_is_added_once(db_session: AsyncSession) -> None:
    await seed_catalogue(db_session)
    await seed_catalogue(db_session)
    codes = [p["code"] for p in PLANS]
    plans = await db_session.scalar(
        select(func.count()).select_from(SubscriptionPlan).where(SubscriptionPlan.code.in_(codes))
    )
    items = await db_session.scalar(
        select(func.count())
        .select_from(ShopItem)
        .where(ShopItem.code.in_([code for code, *_ in SHOP_ITEMS]))
    )
    assert (plans, items) == (len(PLANS), len(SHOP_ITEMS))
