from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from harf.alphabets.schemas import Language


class AudioFile(UUIDPrimaryKey, Timestamped, Base):
    """A sound kept in the storage: an admin's recording of a text, or what a voice made of it.
    Finding a file is one query here, never a round of questions to a bucket."""

    __tablename__ = "harf_audio"

    # the speech and the source in one unique column, so two jobs at once keep one row
    key: Mapped[str] = mapped_column(String(160), unique=True)
    speech: Mapped[str] = mapped_column(String(40), index=True)  # text and language, digested
    # "recorded", or the voice and the format it was kept in ("espeak-ng:mp3")
    source: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(String(200))
    language: Mapped[Language] = mapped_column(enum_type(Language))
    storage_key: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(40))
