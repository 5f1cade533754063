import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.certificates import CertificateRecord
from alif.db import Base, Timestamped, UUIDPrimaryKey


class CourseCertificate(CertificateRecord, UUIDPrimaryKey, Timestamped, Base):
    """The certificate for a course's first completion: one per learner and course (`key`),
    written with the completion; what was printed is kept as printed (decision 51)."""

    __tablename__ = "lessions_certificate"

    key: Mapped[str] = mapped_column(String(120), unique=True)  # "<course id>:<learner id>"
    learner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
