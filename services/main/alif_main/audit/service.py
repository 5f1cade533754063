import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import Base
from alif_main.audit.models import AuditLog

logger = structlog.get_logger("alif_main.audit")


async def record_audit(
    db: AsyncSession,
    actor_id: uuid.UUID | None,
    action: str,
    target: Base,
    *,
    ip_address: str = "",
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Written in the same transaction as the change it describes: both land or neither does."""
    entry = AuditLog(
        actor_id=actor_id,
        action=action,
        target_type=target.__tablename__,
        target_id=str(getattr(target, "id", "")),
        details=details or {},
        ip_address=ip_address[:45],
    )
    db.add(entry)
    await db.flush()
    logger.info("audited", action=action, target=entry.target_type, target_id=entry.target_id)
    return entry
