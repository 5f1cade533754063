from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator
from pydantic_settings import NoDecode

from alif.speech import SpeechSettings
from alif.storage import StorageSettings

DEFAULT_EMBED_HOSTS = frozenset(
    {"www.youtube.com", "youtube.com", "youtu.be", "www.youtube-nocookie.com", "player.vimeo.com"}
)


class LessionsSettings(SpeechSettings, StorageSettings):
    """Stories are read aloud by the shared voices (alif.speech); uploads are kept by
    alif.storage (the data folder, or a bucket when S3_BUCKET is set)."""

    service_name: ClassVar[str] = "lessions"

    lessions_public_url: str = Field(
        default="https://lessions.alif24.uz",
        description="The web app's address; certificates' QR codes open <it>/certificates/<code>",
    )
    # Hosts a lesson may embed a video from (LESSIONS_EMBED_HOSTS=www.youtube.com,player.vimeo.com).
    lessions_embed_hosts: Annotated[frozenset[str], NoDecode] = Field(default=DEFAULT_EMBED_HOSTS)

    @field_validator("lessions_embed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            return frozenset(h.strip().lower() for h in value.split(",") if h.strip())
        return value
