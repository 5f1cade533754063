"""The links that send a buyer to a provider's payment page (Payme checkout, Click pay page)."""

import base64
from urllib.parse import urlencode

from alif_main.config import MainSettings
from alif_main.orders.models import Order, OrderKind, PaymentProvider


def soum(tiyin: int) -> str:
    """Tiyin as the so'm decimal string Click uses ("29900.00")."""
    return f"{tiyin // 100}.{tiyin % 100:02d}"


def return_url(settings: MainSettings, order: Order) -> str:
    # Fixed by the server, never taken from the client: no open redirect through a provider.
    if order.kind is OrderKind.tuition:
        return f"{settings.tuition_pay_url.rstrip('/')}/{order.payment_link_id}"
    return f"{settings.payment_return_url}?{urlencode({'order_id': str(order.id)})}"


def payme_url(settings: MainSettings, order: Order) -> str:
    """`<checkout>/<base64("m=<merchant>;ac.order_id=<id>;a=<tiyin>;c=<return url>")>`."""
    params = (
        f"m={settings.payme_merchant_id};ac.order_id={order.id};a={order.amount};"
        f"c={return_url(settings, order)}"
    )
    encoded = base64.b64encode(params.encode()).decode()
    return f"{settings.payme_checkout_url.rstrip('/')}/{encoded}"


def click_url(settings: MainSettings, order: Order) -> str:
    query = urlencode(
        {
            "service_id": settings.click_service_id,
            "merchant_id": settings.click_merchant_id,
            "amount": soum(order.amount),
            "transaction_param": str(order.id),
            "return_url": return_url(settings, order),
        }
    )
    return f"{settings.click_pay_url}?{query}"


def checkout_url(settings: MainSettings, order: Order, provider: PaymentProvider) -> str:
    return (
        payme_url(settings, order)
        if provider is PaymentProvider.payme
        else click_url(settings, order)
    )
