"""The alphabets: data files read once, letters by number, words split into letters."""

from functools import cache
from pathlib import Path

from alif.text import normalize_uzbek
from harf.alphabets.exceptions import LetterNotFound
from harf.alphabets.schemas import (
    AlphabetCode,
    AlphabetData,
    AlphabetRead,
    AlphabetSummary,
    Letter,
    LetterRead,
)

_DATA = Path(__file__).parent / "data"


@cache
def alphabet(code: AlphabetCode) -> AlphabetData:
    return AlphabetData.model_validate_json((_DATA / f"{code.value}.json").read_bytes())


def alphabets() -> list[AlphabetData]:
    return [alphabet(code) for code in AlphabetCode]


def letter(code: AlphabetCode, number: int) -> Letter:
    letters = alphabet(code).letters
    if not 1 <= number <= len(letters):
        raise LetterNotFound()
    return letters[number - 1]


def is_free(code: AlphabetCode, number: int) -> bool:
    return number <= alphabet(code).free_letters


def summary(data: AlphabetData) -> AlphabetSummary:
    return AlphabetSummary(
        code=data.code,
        language=data.language,
        script=data.script,
        name=data.name,
        letter_count=len(data.letters),
        free_letters=data.free_letters,
    )


def letter_read(code: AlphabetCode, number: int) -> LetterRead:
    return LetterRead(
        **letter(code, number).model_dump(), number=number, free=is_free(code, number)
    )


def alphabet_read(code: AlphabetCode) -> AlphabetRead:
    data = alphabet(code)
    return AlphabetRead(
        **summary(data).model_dump(),
        letters=[letter_read(code, n) for n in range(1, len(data.letters) + 1)],
    )


def split_word(code: AlphabetCode, word: str) -> list[str]:
    """The word's letters in lower case, the longest match first, so Sh, Ch, ng, oʻ and gʻ are
    one letter each (sʼh stays s, ʼ, h); characters that are no letter of the alphabet are kept
    on their own (a hyphen)."""
    units = sorted({entry.lower for entry in alphabet(code).letters}, key=len, reverse=True)
    text = (normalize_uzbek(word) if code is AlphabetCode.uz_latn else word).lower()
    found: list[str] = []
    i = 0
    while i < len(text):
        unit = next((u for u in units if text.startswith(u, i)), text[i])
        found.append(unit)
        i += len(unit)
    return found
