from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from alif.auth import AdminUser
from alif.db import SessionDep
from alif.errors import error_responses
from harf.alphabets.router import LetterNumber
from harf.alphabets.schemas import AlphabetCode
from harf.audio import service
from harf.audio.schemas import RecordingRead
from harf.dependencies import OpenLetter, SettingsDep

router = APIRouter(tags=["audio"])

WordNumber = Annotated[
    int | None, Query(ge=1, le=20, description="an example word (from 1); none: the letter")
]
_AUDIO: dict[str, Any] = {
    "content": {"audio/wav": {}, "audio/ogg": {}, "audio/mpeg": {}, "audio/webm": {}}
}


@router.get(
    "/alphabets/{code}/letters/{number}/audio",
    response_class=FileResponse,
    responses={200: _AUDIO, **error_responses(401, 403, 404, 503)},
    summary="The letter's name or an example word, spoken (503 audio_pending: ask again soon; "
    "503 audio_unavailable: no voice, the app reads it itself)",
)
async def letter_audio(
    code: AlphabetCode,
    number: LetterNumber,
    _: OpenLetter,
    settings: SettingsDep,
    db: SessionDep,
    word: WordNumber = None,
) -> FileResponse:
    found = await service.audio(db, settings, service.speech_of(code, number, word))
    return FileResponse(
        found.path,
        media_type=found.media_type,
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.put(
    "/recordings/{code}/{number}",
    responses=error_responses(401, 403, 404, 422),
    summary="Admins: a recorded voice for a letter's name or word; it replaces generated sound",
)
async def upload_recording(
    code: AlphabetCode,
    number: LetterNumber,
    request: Request,
    _: AdminUser,
    settings: SettingsDep,
    word: WordNumber = None,
) -> RecordingRead:
    speech = service.speech_of(code, number, word)
    saved = service.save_recording(settings, speech, await request.body())
    return RecordingRead(text=speech.text, language=speech.language, media_type=saved.media_type)
