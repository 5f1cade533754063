from datetime import datetime

from pydantic import BaseModel

from alif.certificates.models import CertificateKind, CertificateRecord
from alif.kernel.models import Language


class CertificateView(BaseModel):
    """What the public verification page shows: the certificate as it was printed."""

    code: str
    kind: CertificateKind
    language: Language
    holder_name: str
    title: str
    achievement: str
    issuer: str
    issued_at: datetime
    valid: bool  # false once revoked; the page says so rather than "not found"
    revoked_at: datetime | None

    @classmethod
    def of(cls, record: CertificateRecord) -> "CertificateView":
        return cls(
            code=record.code,
            kind=record.kind,
            language=record.language,
            holder_name=record.holder_name,
            title=record.title,
            achievement=record.achievement,
            issuer=record.issuer,
            issued_at=record.issued_at,
            valid=record.revoked_at is None,
            revoked_at=record.revoked_at,
        )
