"""Admin UI pages for coins, subscriptions and payments: read-only lists (changes go through the
audited API), and the reconciliation page that flags the payments to look at."""

from typing import Any, ClassVar

from sqladmin import BaseView, expose
from starlette.requests import Request
from starlette.responses import Response

from alif.db import Database, utcnow
from alif.ledger import CoinAccount, CoinTransaction
from alif.subscriptions import Subscription, SubscriptionPlan
from alif_main.admin.accounts import buyers_of
from alif_main.admin.i18n import Text, gettext
from alif_main.admin.views import StaffView, money, staff_of
from alif_main.orders.models import Order
from alif_main.payments import reconciliation
from alif_main.payments.models import PaymentCallback, PaymentTransaction
from alif_main.shop.models import ShopItem
from alif_main.subscriptions.models import PromoCode, SubscriptionPeriod

MONEY = Text("Coins and payments")


def _tiyin(model: Any, attribute: str) -> str:
    """Amounts are kept in tiyin; staff read so'm."""
    return money(int(getattr(model, attribute)))


class _MoneyView(StaffView):
    category = MONEY


class PlanAdmin(_MoneyView, model=SubscriptionPlan):
    name = Text("Plan")
    name_plural = Text("Plans")
    icon = "fa-solid fa-tags"
    column_list: ClassVar[list[Any]] = [
        SubscriptionPlan.code,
        SubscriptionPlan.name,
        SubscriptionPlan.audience,
        SubscriptionPlan.price,
        SubscriptionPlan.duration_days,
        SubscriptionPlan.max_children,
        SubscriptionPlan.is_active,
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {SubscriptionPlan.price: _tiyin}


class SubscriptionAdmin(_MoneyView, model=Subscription):
    people: ClassVar[tuple[Any, ...]] = (Subscription.owner_user_id,)
    name = Text("Subscription")
    name_plural = Text("Subscriptions")
    icon = "fa-solid fa-id-card"
    column_list: ClassVar[list[Any]] = [
        Subscription.owner_user_id,
        Subscription.organization_id,
        Subscription.plan_id,
        Subscription.starts_at,
        Subscription.ends_at,
        Subscription.is_trial,
    ]
    column_default_sort: ClassVar[list[Any]] = [(Subscription.ends_at, True)]


class PeriodAdmin(_MoneyView, model=SubscriptionPeriod):
    name = Text("Subscription period")
    name_plural = Text("Subscription periods")
    icon = "fa-solid fa-calendar"
    column_list: ClassVar[list[Any]] = [
        SubscriptionPeriod.subscription_id,
        SubscriptionPeriod.kind,
        SubscriptionPeriod.order_id,
        SubscriptionPeriod.starts_at,
        SubscriptionPeriod.ends_at,
        SubscriptionPeriod.revoked_at,
    ]
    column_default_sort: ClassVar[list[Any]] = [(SubscriptionPeriod.created_at, True)]


class PromoCodeAdmin(_MoneyView, model=PromoCode):
    name = Text("Promo code")
    name_plural = Text("Promo codes")
    icon = "fa-solid fa-ticket"
    column_list: ClassVar[list[Any]] = [
        PromoCode.code,
        PromoCode.kind,
        PromoCode.percent,
        PromoCode.free_days,
        PromoCode.max_redemptions,
        PromoCode.per_user_limit,
        PromoCode.valid_from,
        PromoCode.valid_until,
        PromoCode.is_active,
    ]
    column_searchable_list: ClassVar[list[Any]] = [PromoCode.code]


class OrderAdmin(_MoneyView, model=Order):
    people: ClassVar[tuple[Any, ...]] = (Order.user_id,)
    name = Text("Order")
    name_plural = Text("Orders")
    icon = "fa-solid fa-receipt"
    column_list: ClassVar[list[Any]] = [
        Order.id,
        Order.user_id,
        Order.status,
        Order.provider,
        Order.amount,
        Order.extend,
        Order.created_at,
        Order.paid_at,
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {Order.amount: _tiyin}
    column_sortable_list: ClassVar[list[Any]] = [Order.created_at, Order.status]
    column_default_sort: ClassVar[list[Any]] = [(Order.created_at, True)]


class PaymentTransactionAdmin(_MoneyView, model=PaymentTransaction):
    name = Text("Payment")
    name_plural = Text("Payments")
    icon = "fa-solid fa-money-bill-transfer"
    column_list: ClassVar[list[Any]] = [
        PaymentTransaction.id,
        PaymentTransaction.provider,
        PaymentTransaction.provider_tx_id,
        PaymentTransaction.order_id,
        PaymentTransaction.state,
        PaymentTransaction.amount,
        PaymentTransaction.reason,
        PaymentTransaction.created_at,
        PaymentTransaction.performed_at,
        PaymentTransaction.cancelled_at,
    ]
    column_formatters: ClassVar[dict[Any, Any]] = {PaymentTransaction.amount: _tiyin}
    column_searchable_list: ClassVar[list[Any]] = [PaymentTransaction.provider_tx_id]
    column_sortable_list: ClassVar[list[Any]] = [
        PaymentTransaction.created_at,
        PaymentTransaction.state,
        PaymentTransaction.provider,
    ]
    column_default_sort: ClassVar[list[Any]] = [(PaymentTransaction.created_at, True)]


class PaymentCallbackAdmin(_MoneyView, model=PaymentCallback):
    name = Text("Provider call")
    name_plural = Text("Provider calls")
    icon = "fa-solid fa-tower-broadcast"
    admin_only = True
    column_list: ClassVar[list[Any]] = [
        PaymentCallback.created_at,
        PaymentCallback.provider,
        PaymentCallback.action,
        PaymentCallback.provider_tx_id,
        PaymentCallback.error_code,
        PaymentCallback.peer_ip,
    ]
    column_searchable_list: ClassVar[list[Any]] = [PaymentCallback.provider_tx_id]
    column_default_sort: ClassVar[list[Any]] = [(PaymentCallback.created_at, True)]


class CoinTransactionAdmin(_MoneyView, model=CoinTransaction):
    people: ClassVar[tuple[Any, ...]] = (CoinTransaction.user_id,)
    name = Text("Coin transaction")
    name_plural = Text("Coin ledger")
    icon = "fa-solid fa-coins"
    column_list: ClassVar[list[Any]] = [
        CoinTransaction.created_at,
        CoinTransaction.user_id,
        CoinTransaction.kind,
        CoinTransaction.source,
        CoinTransaction.amount,
        CoinTransaction.balance_after,
        CoinTransaction.description,
    ]
    column_searchable_list: ClassVar[list[Any]] = [CoinTransaction.idempotency_key]
    column_default_sort: ClassVar[list[Any]] = [(CoinTransaction.created_at, True)]


class WalletAdmin(_MoneyView, model=CoinAccount):
    people: ClassVar[tuple[Any, ...]] = (CoinAccount.user_id,)
    name = Text("Coin account")
    name_plural = Text("Coin accounts")
    icon = "fa-solid fa-wallet"
    column_list: ClassVar[list[Any]] = [
        CoinAccount.kind,
        CoinAccount.code,
        CoinAccount.user_id,
        CoinAccount.balance,
        CoinAccount.created_at,
    ]
    column_sortable_list: ClassVar[list[Any]] = [CoinAccount.balance, CoinAccount.created_at]


class ShopItemAdmin(_MoneyView, model=ShopItem):
    name = Text("Shop item")
    name_plural = Text("Shop items")
    icon = "fa-solid fa-store"
    column_list: ClassVar[list[Any]] = [
        ShopItem.code,
        ShopItem.kind,
        ShopItem.name,
        ShopItem.price,
        ShopItem.is_active,
    ]


class ReconciliationView(BaseView):
    name = Text("Reconciliation")
    icon = "fa-solid fa-scale-balanced"
    category = MONEY

    def is_accessible(self, request: Request) -> bool:
        return staff_of(request) is not None

    def is_visible(self, request: Request) -> bool:
        return self.is_accessible(request)

    @expose("/reconciliation", methods=["GET"])
    async def page(self, request: Request) -> Response:
        database: Database = request.app.state.db
        now = utcnow()
        async with database.sessionmaker() as db:
            report = await reconciliation.report(db, request.app.state.settings, now=now)
            buyers = await buyers_of(db, report)
        context = {
            "report": report,
            "buyers": buyers,
            "generated_at": now,
            "title": gettext("Reconciliation"),
        }
        return await self.templates.TemplateResponse(request, "reconciliation.html", context)


MONEY_VIEWS: tuple[type[StaffView], ...] = (
    PlanAdmin,
    SubscriptionAdmin,
    PeriodAdmin,
    PromoCodeAdmin,
    OrderAdmin,
    PaymentTransactionAdmin,
    PaymentCallbackAdmin,
    CoinTransactionAdmin,
    WalletAdmin,
    ShopItemAdmin,
)
