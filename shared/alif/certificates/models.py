"""The columns every certificate table has; a service's table adds its own links."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import enum_type, utcnow
from alif.kernel.models import Language


class CertificateKind(StrEnum):
    certificate = "certificate"  # took part, completed
    diploma = "diploma"  # an award: a place, gold, silver, bronze


class CertificateRecord:
    """What was printed, kept as printed: a later change of a name or a title does not change a
    certificate already issued, and the verification page shows what the paper shows."""

    code: Mapped[str] = mapped_column(String(14), unique=True)
    kind: Mapped[CertificateKind] = mapped_column(enum_type(CertificateKind))
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    holder_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))  # the olympiad's or the course's title
    achievement: Mapped[str] = mapped_column(String(300))  # "1-oʻrin, oltin", "Kurs tugatildi"
    issuer: Mapped[str] = mapped_column(String(200))  # "ALIF24 olimp", an organization's name
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
