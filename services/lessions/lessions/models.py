"""Every table lessions owns, for alembic (the `alif.models` entry point)."""

from lessions.certificates.models import CourseCertificate
from lessions.courses.models import (
    Course,
    CourseGroup,
    CourseModule,
    Lesson,
    LessonVersion,
    Question,
)
from lessions.media.models import Upload
from lessions.progress.models import (
    CourseCompletion,
    LessonProgress,
    ProgressWrite,
)

__all__ = [
    "Course",
    "CourseCertificate",
    "CourseCompletion",
    "CourseGroup",
    "CourseModule",
    "Lesson",
    "LessonProgress",
    "LessonVersion",
    "ProgressWrite",
    "Question",
    "Upload",
]
