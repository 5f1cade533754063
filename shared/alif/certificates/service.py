from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.certificates.codes import normalise_code
from alif.certificates.exceptions import CertificateNotFound
from alif.certificates.models import CertificateRecord

C = TypeVar("C", bound=CertificateRecord)


async def find_by_code(db: AsyncSession, model: type[C], typed: str) -> C:
    code = normalise_code(typed)
    if code is None:
        raise CertificateNotFound
    found = await db.scalar(select(model).where(model.code == code))
    if found is None:
        raise CertificateNotFound
    return found
