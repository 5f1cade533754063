"""The record of every provider call, for reconciliation and audit (secrets removed)."""

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif_main.orders.models import PaymentProvider
from alif_main.payments.models import PaymentCallback

logger = structlog.get_logger("alif_main.payments.callbacks")

REDACTED = "[redacted]"


async def record_callback(
    db: AsyncSession,
    provider: PaymentProvider,
    *,
    action: str,
    peer_ip: str,
    request: dict[str, Any],
    response: dict[str, Any],
    error_code: int | None,
    provider_tx_id: str | None = None,
) -> None:
    db.add(
        PaymentCallback(
            provider=provider,
            action=action[:40],
            peer_ip=peer_ip[:45],
            provider_tx_id=provider_tx_id[:64] if provider_tx_id else None,
            request=request,
            response=response,
            error_code=error_code,
        )
    )
    await db.flush()
    log = logger.warning if error_code else logger.info
    log(
        "payment_callback",
        provider=provider.value,
        action=action,
        peer_ip=peer_ip,
        provider_tx_id=provider_tx_id,
        error_code=error_code,
    )
