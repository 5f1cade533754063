import uuid
from typing import Annotated

from fastapi import Depends, Header

from alif.auth import ParentUser
from alif.db import SessionDep
from alif_main.family import service
from alif_main.family.service import Child


async def valid_child(child_id: uuid.UUID, parent: ParentUser, db: SessionDep) -> Child:
    """The parent's own child, or 404: another family's child is indistinguishable from none."""
    return await service.get_child(db, parent.id, child_id)


ChildDep = Annotated[Child, Depends(valid_child)]

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=r"^[\x21-\x7e]{8,100}$",
        description="A new random value (a UUID) per child the parent means to add; a retry with "
        "the same key returns the child the first request added instead of a second one",
    ),
]
