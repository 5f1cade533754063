from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from alif.assessment.exceptions import FileTooLarge
from alif.assessment.extract import FileKind, extract_text
from alif.assessment.parser import EMPHASIS
from alif.auth import TeachingUser
from alif.errors import error_responses
from alif.kernel.models import Language
from testai.dependencies import SettingsDep
from testai.importing import service
from testai.importing.schemas import ExtractedText, ImportPreview, ImportText

router = APIRouter(tags=["import"])

Upload = Annotated[UploadFile, File(description="A .docx, .pdf or .txt file")]


async def _text_of(upload: UploadFile, settings: SettingsDep) -> tuple[FileKind, str]:
    # Read one byte past the limit: enough to know it is too large, never the whole of it.
    data = await upload.read(settings.import_max_bytes + 1)
    return await extract_text(
        data,
        upload.filename,
        max_bytes=settings.import_max_bytes,
        max_pages=settings.import_max_pages,
        max_chars=settings.import_max_chars,
    )


@router.post(
    "/import/text",
    responses=error_responses(413, 422),
    summary="Preview the questions in pasted text (nothing is saved)",
)
async def import_text(data: ImportText, user: TeachingUser, settings: SettingsDep) -> ImportPreview:
    if len(data.text) > settings.import_max_chars:
        raise FileTooLarge(f"The text may be at most {settings.import_max_chars} characters long.")
    return service.preview(data.text, language=data.language, file_kind=None)


@router.post(
    "/import/file",
    responses=error_responses(413, 415, 422),
    summary="Preview the questions in a .docx, .pdf or .txt file (nothing is saved)",
)
async def import_file(
    file: Upload,
    user: TeachingUser,
    settings: SettingsDep,
    language: Annotated[Language | None, Form()] = None,
) -> ImportPreview:
    kind, text = await _text_of(file, settings)
    return service.preview(text, language=language, file_kind=kind)


@router.post(
    "/sources/extract",
    responses=error_responses(413, 415, 422),
    summary="The text of a file, to generate questions from it",
)
async def extract_source(file: Upload, user: TeachingUser, settings: SettingsDep) -> ExtractedText:
    kind, text = await _text_of(file, settings)
    return ExtractedText(file_kind=kind, text=text.replace(EMPHASIS, ""))
