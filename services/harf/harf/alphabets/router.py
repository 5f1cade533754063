from typing import Annotated

from fastapi import APIRouter, Path

from alif.errors import error_responses
from harf.alphabets import service
from harf.alphabets.schemas import AlphabetCode, AlphabetRead, AlphabetSummary, LetterRead

router = APIRouter(prefix="/alphabets", tags=["alphabets"])

LetterNumber = Annotated[int, Path(ge=1, le=100, description="the letter's place, from 1")]


@router.get("", summary="The alphabets: Uzbek Latin and Cyrillic, Russian, English")
async def list_alphabets() -> list[AlphabetSummary]:
    return [service.summary(data) for data in service.alphabets()]


@router.get("/{code}", summary="An alphabet with its letters in order")
async def read_alphabet(code: AlphabetCode) -> AlphabetRead:
    return service.alphabet_read(code)


@router.get(
    "/{code}/letters/{number}",
    responses=error_responses(404),
    summary="One letter: its forms, name, sound and example words",
)
async def read_letter(code: AlphabetCode, number: LetterNumber) -> LetterRead:
    return service.letter_read(code, number)
