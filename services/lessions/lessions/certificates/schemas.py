import uuid
from datetime import datetime

from pydantic import Field

from alif.certificates import CertificateView
from alif.schemas import ResponseModel


class CertificateRead(CertificateView):
    course_id: uuid.UUID
    pdf_url: str = Field(description="The PDF, public: anyone holding the code may print it")
    verify_url: str = Field(description="The public page the QR code opens")


class BadgeRead(ResponseModel):
    course_id: uuid.UUID
    course_title: str
    badge: str
    earned_at: datetime
    certificate_code: str | None
