"""Stories read aloud: each page's text said by the shared voices (`alif.speech`: a speech API
when configured, else espeak-ng offline) and kept as an audio upload of the lesson.

Saving a lesson whose story pages have no sound yet asks for the `lessions.read_aloud` job; the
demo content calls `read_aloud` itself at seed time. The same text in the same language by the
same voice is one file in the storage (`lessions/speech/<digest>.mp3`, MP3 as harf's letters),
whichever lesson says it.
"""

import copy
import hashlib
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.jobs import enqueue
from alif.media import MediaKind
from alif.speech import SpeechFailed, to_mp3, voices
from alif.storage import Storage
from alif.text import normalize_uzbek
from lessions.config import LessionsSettings
from lessions.courses.models import Course, Lesson, LessonVersion
from lessions.media.exceptions import ReadAloudUnavailable
from lessions.media.models import Upload

logger = structlog.get_logger(__name__)

READ_ALOUD_JOB = "lessions.read_aloud"
# Part of each file's digest: a change of format makes new files, never an old one renamed.
SPEECH_FORMAT = "mp3"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _blocks_digest(blocks: list[dict[str, Any]]) -> str:
    return _digest(json.dumps(blocks, sort_keys=True, ensure_ascii=False))


def _silent_pages(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pages of read-aloud stories that have text and no sound yet."""
    return [
        page
        for block in blocks
        if block.get("type") == "story" and block.get("read_aloud", True)
        for page in block.get("pages", [])
        if page.get("text", "").strip() and not page.get("audio_upload_id")
    ]


async def request(db: AsyncSession, version: LessonVersion) -> None:
    """Ask for the pages to be read, once per content of the version (a retried save asks
    nothing more)."""
    if _silent_pages(version.blocks):
        digest = _blocks_digest(version.blocks)
        await enqueue(
            db,
            READ_ALOUD_JOB,
            {"version_id": str(version.id), "blocks": digest},
            key=f"{READ_ALOUD_JOB}:{version.id}:{digest}",
        )


async def _spoken(
    db: AsyncSession,
    settings: LessionsSettings,
    storage: Storage,
    course: Course,
    lesson: Lesson,
    text: str,
    language: str,
) -> Upload:
    """This lesson's upload of the text said aloud, made by the first voice that can."""
    failures: list[str] = []
    for voice in voices(settings):
        speech = _digest(language, text, voice.id, SPEECH_FORMAT)
        mine = await db.scalar(
            select(Upload).where(Upload.lesson_id == lesson.id, Upload.speech == speech)
        )
        if mine is not None:
            return mine
        elsewhere = await db.scalar(select(Upload).where(Upload.speech == speech).limit(1))
        row = Upload(
            id=uuid.uuid4(),
            course_id=course.id,
            lesson_id=lesson.id,
            owner_id=course.owner_id,
            kind=MediaKind.audio,
            media_type="audio/mpeg",
            key=f"lessions/speech/{speech}.mp3",
            name=f"{speech}.mp3",
            speech=speech,
            variants=[],
            size=elsewhere.size if elsewhere else 0,
        )
        if elsewhere is None or not await storage.exists(row.key):
            try:
                content = to_mp3(await voice.speak(text, language))
            except SpeechFailed as error:
                logger.warning("speech_failed", voice=voice.id, error=str(error))
                failures.append(str(error))
                continue
            with tempfile.TemporaryDirectory(prefix="lessions-speech-") as folder:
                path = Path(folder) / "speech.mp3"
                path.write_bytes(content)
                await storage.save(row.key, path, row.media_type)
            row.size = len(content)
        db.add(row)
        await db.flush()
        return row
    if not failures:
        raise ReadAloudUnavailable()
    raise SpeechFailed("; ".join(failures))


async def read_aloud(
    db: AsyncSession,
    settings: LessionsSettings,
    storage: Storage,
    version: LessonVersion,
    expected: str | None = None,
) -> int:
    """Every silent page of the version said aloud; the number of pages given sound. When
    `expected` (a digest of the blocks) no longer matches, an edit came first and asked for
    its own reading: nothing is done."""
    if expected is not None and _blocks_digest(version.blocks) != expected:
        return 0
    lesson = await db.get(Lesson, version.lesson_id)
    course = await db.get(Course, lesson.course_id) if lesson else None
    if lesson is None or course is None:
        return 0
    blocks = copy.deepcopy(version.blocks)
    pages = _silent_pages(blocks)
    for page in pages:
        text = page["text"].strip()
        if course.language.value == "uz":
            text = normalize_uzbek(text)  # a voice reads oʻ and gʻ right only with U+02BB
        spoken = await _spoken(db, settings, storage, course, lesson, text, course.language.value)
        page["audio_upload_id"] = str(spoken.id)
    version.blocks = blocks  # a new list: the JSON column sees the change
    await db.flush()
    return len(pages)
