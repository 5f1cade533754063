import uuid

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from alif.media import MediaKind


class Upload(UUIDPrimaryKey, Timestamped, Base):
    """A file kept by `alif.storage` for one lesson: an author's upload or a story's read-aloud
    page. Blocks name it by id; only someone who may open the lesson gets a link to it."""

    __tablename__ = "lessions_upload"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_lesson.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[MediaKind] = mapped_column(enum_type(MediaKind))
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(200))  # in the storage; shared by spoken pages
    name: Mapped[str] = mapped_column(String(160))  # what a download is called
    # Widths of the picture's WebP copies, kept beside it as <key stem>/w<width>.webp.
    variants: Mapped[list[int]] = mapped_column(JSON, default=list)
    # For a spoken page: a digest of the text, language and voice (the same text is one file).
    speech: Mapped[str | None] = mapped_column(String(64), index=True)
