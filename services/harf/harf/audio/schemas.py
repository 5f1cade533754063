from pydantic import Field

from alif.schemas import ResponseModel
from harf.alphabets.schemas import Language


class AudioRead(ResponseModel):
    url: str = Field(
        description="Where the browser plays it from, for a while: a signed link (no token "
        "needed), or the bucket's presigned URL"
    )
    media_type: str = Field(description="audio/mpeg when a voice made it; a recording's own")
    recorded: bool = Field(description="a person's recording, not a generated voice")


class RecordingRead(ResponseModel):
    text: str
    language: Language
    media_type: str
