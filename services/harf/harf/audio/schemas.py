from alif.schemas import ResponseModel
from harf.alphabets.schemas import Language


class RecordingRead(ResponseModel):
    text: str
    language: Language
    media_type: str
