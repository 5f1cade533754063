"""A course's certificate and badge: issued with the first completion, once.

The row is inserted with `insert_if_absent` on its key (course and learner), in the same
transaction as the completion row: two completing answers at the same moment make one
certificate, and a later completion (after a new version, say) makes none. The badge is the
course's emoji, earned with the completion; the learner's badges are their completions.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.certificates import CertificateKind, new_code
from alif.db import insert_if_absent, utcnow
from alif.kernel.models import Language, Organization, User
from lessions.certificates.models import CourseCertificate
from lessions.courses.models import Course
from lessions.progress.models import CourseCompletion

ISSUER = "ALIF24"
ACHIEVEMENT = {
    Language.uz: "Kursni muvaffaqiyatli tugatdi",
    Language.ru: "Успешно завершил(а) курс",
    Language.en: "Completed the course",
}


def key_of(course_id: uuid.UUID, learner_id: uuid.UUID) -> str:
    return f"{course_id}:{learner_id}"


async def issue(db: AsyncSession, learner_id: uuid.UUID, course: Course) -> CourseCertificate:
    """The learner's certificate for the course: made now if this is the first completion."""
    key = key_of(course.id, learner_id)
    learner = await db.get(User, learner_id)
    assert learner is not None, "a learner who completes exists"
    organization = (
        await db.get(Organization, course.organization_id) if course.organization_id else None
    )
    now = utcnow()
    await insert_if_absent(
        db,
        CourseCertificate,
        {
            "id": uuid.uuid4(),
            "key": key,
            "learner_id": learner_id,
            "course_id": course.id,
            "code": new_code(),
            "kind": CertificateKind.certificate,
            "language": course.language,
            "holder_name": learner.full_name[:200],
            "title": course.title,
            "achievement": ACHIEVEMENT[course.language],
            "issuer": organization.name if organization else ISSUER,
            "issued_at": now,
            "created_at": now,
            "updated_at": now,
        },
        unique="key",
    )
    found = await db.scalar(select(CourseCertificate).where(CourseCertificate.key == key))
    assert found is not None
    return found


async def certificate_of(
    db: AsyncSession, learner_id: uuid.UUID, course_id: uuid.UUID
) -> CourseCertificate | None:
    return await db.scalar(
        select(CourseCertificate).where(CourseCertificate.key == key_of(course_id, learner_id))
    )


@dataclass(frozen=True, slots=True)
class Badge:
    course: Course
    earned_at: datetime
    certificate_code: str | None


async def badges_of(db: AsyncSession, learner_id: uuid.UUID) -> list[Badge]:
    """Every course the learner completed, the newest first, with its certificate's code."""
    rows = await db.execute(
        select(Course, CourseCompletion.created_at, CourseCertificate.code)
        .join(CourseCompletion, CourseCompletion.course_id == Course.id)
        .outerjoin(CourseCertificate, CourseCertificate.key == CourseCompletion.key)
        .where(CourseCompletion.learner_id == learner_id)
        .order_by(CourseCompletion.created_at.desc())
    )
    return [Badge(course, earned_at, code) for course, earned_at, code in rows]
