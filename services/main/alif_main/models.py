"""Every table main owns, for alembic (the `alif.models` entry point)."""

from alif_main.audit.models import AuditLog
from alif_main.auth.models import AuthSession, PendingRegistration, RefreshToken
from alif_main.family.models import ChildCreation, FamilyInvitation
from alif_main.groups.models import GroupInvitation
from alif_main.orders.models import Order
from alif_main.payments.models import PaymentCallback, PaymentTransaction, ProviderKey
from alif_main.shop.models import InventoryItem, ShopItem
from alif_main.subscriptions.models import PromoCode, PromoRedemption, SubscriptionPeriod
from alif_main.verification.models import VerificationCode

__all__ = [
    "AuditLog",
    "AuthSession",
    "ChildCreation",
    "FamilyInvitation",
    "GroupInvitation",
    "InventoryItem",
    "Order",
    "PaymentCallback",
    "PaymentTransaction",
    "PendingRegistration",
    "PromoCode",
    "PromoRedemption",
    "ProviderKey",
    "RefreshToken",
    "ShopItem",
    "SubscriptionPeriod",
    "VerificationCode",
]
