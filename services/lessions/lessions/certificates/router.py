from fastapi import APIRouter

from alif.auth import CurrentUser
from alif.certificates import CertificateView
from alif.certificates.router import verification_url
from alif.db import SessionDep
from alif.errors import error_responses
from lessions.certificates import service
from lessions.certificates.exceptions import NoCertificateYet
from lessions.certificates.models import CourseCertificate
from lessions.certificates.schemas import BadgeRead, CertificateRead
from lessions.courses.dependencies import SettingsDep, VisibleCourseDep

router = APIRouter(tags=["certificates"])

API = "/api/lessions"


def certificate_read(record: CourseCertificate, public_url: str) -> CertificateRead:
    return CertificateRead(
        **CertificateView.of(record).model_dump(),
        course_id=record.course_id,
        pdf_url=f"{API}/certificates/{record.code}/pdf",
        verify_url=verification_url(public_url, record.code),
    )


@router.get(
    "/courses/{course_id}/certificate",
    responses=error_responses(404),
    summary="My certificate for this course (404 no_certificate_yet until I complete it)",
)
async def my_certificate(
    course: VisibleCourseDep, user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> CertificateRead:
    found = await service.certificate_of(db, user.id, course.id)
    if found is None:
        raise NoCertificateYet()
    return certificate_read(found, settings.lessions_public_url)


@router.get("/badges", summary="My badges: the courses I completed, the newest first")
async def my_badges(user: CurrentUser, db: SessionDep) -> list[BadgeRead]:
    return [
        BadgeRead(
            course_id=badge.course.id,
            course_title=badge.course.title,
            badge=badge.course.badge,
            earned_at=badge.earned_at,
            certificate_code=badge.certificate_code,
        )
        for badge in await service.badges_of(db, user.id)
    ]
