import uuid
from datetime import datetime

from pydantic import Field

from alif.media import MediaKind
from alif.schemas import ResponseModel


class Variant(ResponseModel):
    width: int
    url: str


class MediaLink(ResponseModel):
    """Where a browser fetches an uploaded file for a while (a signed link); pictures also
    have smaller WebP copies."""

    url: str
    variants: list[Variant] = Field(default_factory=list)


class UploadRead(MediaLink):
    id: uuid.UUID
    lesson_id: uuid.UUID
    kind: MediaKind
    media_type: str
    size: int
    name: str
    spoken: bool = Field(default=False, description="A story page said by the voice, not uploaded")
    created_at: datetime
