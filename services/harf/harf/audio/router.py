from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from alif.auth import AdminUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.storage import LocalStorage, MediaLinkInvalid
from harf.alphabets.router import LetterNumber
from harf.alphabets.schemas import AlphabetCode
from harf.audio import service
from harf.audio.schemas import AudioRead, RecordingRead
from harf.audio.service import Saying
from harf.dependencies import OpenLetter, SettingsDep

router = APIRouter(tags=["audio"])

WordNumber = Annotated[
    int | None, Query(ge=1, le=20, description="an example word (from 1); none: the letter")
]
SayingQuery = Annotated[
    Saying,
    Query(
        alias="as",
        description="the letter's name, or its sound (a sign, with no sound of its own, is said "
        "by its name); not used with `word`",
    ),
]


@router.get(
    "/alphabets/{code}/letters/{number}/audio",
    responses=error_responses(401, 403, 404, 503),
    summary="The letter's name or sound, or an example word, spoken: a link to the file "
    "(503 audio_pending: ask again soon; 503 audio_unavailable: no voice, the app reads it)",
)
async def letter_audio(
    code: AlphabetCode,
    number: LetterNumber,
    _: OpenLetter,
    settings: SettingsDep,
    db: SessionDep,
    word: WordNumber = None,
    saying: SayingQuery = Saying.name,
) -> AudioRead:
    speech = service.speech_of(code, number, word, saying)
    found = await service.audio(db, settings, speech)
    return AudioRead(
        url=service.storage(settings).link(found.storage_key),
        media_type=found.media_type,
        recorded=found.source == service.RECORDED,
    )


@router.get(
    "/media/{key:path}",
    responses={200: {"description": "Empty: the gateway sends the file"}, **error_responses(404)},
    summary="Public, by signed link only: a sound from the data folder, sent by the gateway "
    "(X-Accel-Redirect). With a bucket, links point at the bucket instead.",
)
async def media_file(
    key: str,
    settings: SettingsDep,
    expires: Annotated[int, Query(ge=0, le=2**40)],
    signature: Annotated[str, Query(max_length=128)],
    name: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    store = service.storage(settings)
    if not isinstance(store, LocalStorage):
        raise MediaLinkInvalid()
    return store.serve(key, expires, signature, name)


@router.put(
    "/recordings/{code}/{number}",
    responses=error_responses(401, 403, 404, 422),
    summary="Admins: a recorded voice for a letter's name or sound, or a word; it replaces "
    "generated sound",
)
async def upload_recording(
    code: AlphabetCode,
    number: LetterNumber,
    request: Request,
    _: AdminUser,
    settings: SettingsDep,
    db: SessionDep,
    word: WordNumber = None,
    saying: SayingQuery = Saying.name,
) -> RecordingRead:
    speech = service.speech_of(code, number, word, saying)
    saved = await service.save_recording(db, settings, speech, await request.body())
    return RecordingRead(text=speech.text, language=speech.language, media_type=saved.media_type)
