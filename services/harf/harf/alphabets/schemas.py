from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from alif.schemas import ResponseModel


class AlphabetCode(StrEnum):
    uz_latn = "uz-Latn"  # Uzbek, Latin script (1995): 29 letters and the tutuq belgisi
    uz_cyrl = "uz-Cyrl"  # Uzbek, Cyrillic script: 35 letters
    ru = "ru"  # Russian: 33 letters
    en = "en"  # English: 26 letters


class Language(StrEnum):
    uz = "uz"
    ru = "ru"
    en = "en"


class LetterKind(StrEnum):
    letter = "letter"
    vowel = "vowel"
    consonant = "consonant"
    digraph = "digraph"  # two characters, one letter: Sh, Ch, ng
    sign = "sign"  # no sound of its own: the tutuq belgisi, ъ, ь


class Word(ResponseModel):
    """An example word, its picture (an emoji) and what it means in the other languages."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    text: str = Field(min_length=1)
    emoji: str = Field(min_length=1)
    translations: dict[Language, str]


class Letter(ResponseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    upper: str = Field(min_length=1)
    lower: str = Field(min_length=1)
    name: str = Field(min_length=1)
    ipa: str
    phonemes: str | None = Field(
        default=None,
        pattern=r"^[^\[\]]+$",
        description="the letter's sound as espeak-ng says it, in its phoneme notation for the "
        "alphabet's language (a vowel held, a stop with a short ə); none for a sign, which has no "
        "sound of its own",
    )
    kind: LetterKind
    sound: str = Field(min_length=1, description="the same sound has the same id in every script")
    latin: str | None = Field(
        default=None, description="Uzbek Cyrillic only: how the letter is written in Latin"
    )
    words: list[Word] = Field(min_length=3)


class AlphabetData(BaseModel):
    """One alphabet as its data file holds it (harf/alphabets/data/<code>.json)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: AlphabetCode
    language: Language
    script: str
    name: str
    free_letters: int = Field(ge=1, description="the first letters anyone may practise")
    letters: list[Letter]


class AlphabetSummary(ResponseModel):
    code: AlphabetCode
    language: Language
    script: str
    name: str
    letter_count: int
    free_letters: int


class LetterRead(Letter):
    number: int = Field(description="the letter's place in the alphabet, from 1")
    free: bool = Field(description="free for everyone; the others need the plan's harf feature")


class AlphabetRead(AlphabetSummary):
    letters: list[LetterRead]
