"""The alphabets against the official letters and order (alphabets.md §1–§5), and the read API."""

import pytest
from httpx import AsyncClient

from harf.alphabets import service
from harf.alphabets.schemas import AlphabetCode, LetterKind

TURNED = "\u02bb"
TUTUQ = "\u02bc"

OFFICIAL = {
    # 29 units (26 letters and the digraphs Sh, Ch, ng) and the tutuq belgisi
    AlphabetCode.uz_latn: [
        *"abdefghijklmnopqrstuvxyz",
        f"o{TURNED}",
        f"g{TURNED}",
        "sh",
        "ch",
        "ng",
        TUTUQ,
    ],
    AlphabetCode.uz_cyrl: list("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"),
    AlphabetCode.ru: list("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    AlphabetCode.en: list("abcdefghijklmnopqrstuvwxyz"),
}
COUNTS = {
    AlphabetCode.uz_latn: 30,
    AlphabetCode.uz_cyrl: 35,
    AlphabetCode.ru: 33,
    AlphabetCode.en: 26,
}


@pytest.mark.parametrize("code", list(AlphabetCode))
def test_each_alphabet_has_the_official_letters_in_the_official_order(code: AlphabetCode) -> None:
    letters = service.alphabet(code).letters
    assert len(letters) == COUNTS[code]
    assert [letter.lower for letter in letters] == OFFICIAL[code]


def test_uzbek_latin_marks_are_the_right_code_points() -> None:
    letters = {letter.lower: letter for letter in service.alphabet(AlphabetCode.uz_latn).letters}
    assert letters[f"o{TURNED}"].upper == "O\u02bb"
    assert letters[f"g{TURNED}"].upper == "G\u02bb"
    assert letters[TUTUQ].kind is LetterKind.sign
    assert [k for k, v in letters.items() if v.kind is LetterKind.digraph] == ["sh", "ch", "ng"]
    words = [w.text for letter in letters.values() for w in letter.words]
    assert not any(mark in word for word in words for mark in "'`\u2018\u2019")


@pytest.mark.parametrize("code", list(AlphabetCode))
def test_every_letter_has_three_words_that_contain_it_with_a_picture_and_translations(
    code: AlphabetCode,
) -> None:
    data = service.alphabet(code)
    for letter in data.letters:
        assert len(letter.words) >= 3
        assert letter.upper.lower() == letter.lower or letter.lower in ("ng", TUTUQ)
        for word in letter.words:
            assert letter.lower in service.split_word(code, word.text), (letter.lower, word.text)
            assert word.emoji
            assert len(word.translations) == 2
            assert data.language not in word.translations


def test_uzbek_cyrillic_letters_say_how_latin_writes_them() -> None:
    latin = {
        letter.lower: letter.latin for letter in service.alphabet(AlphabetCode.uz_cyrl).letters
    }
    assert latin["ў"] == f"o{TURNED}"
    assert latin["ш"] == "sh"
    assert latin["ъ"] == TUTUQ
    assert latin["я"] == "ya"


def test_a_word_is_split_with_the_digraphs_as_one_letter() -> None:
    split = service.split_word
    assert split(AlphabetCode.uz_latn, "shoʻrva") == ["sh", f"o{TURNED}", "r", "v", "a"]
    assert split(AlphabetCode.uz_latn, "dengiz") == ["d", "e", "ng", "i", "z"]
    assert split(AlphabetCode.uz_latn, "isʼhoq") == ["i", "s", TUTUQ, "h", "o", "q"]
    assert split(AlphabetCode.uz_latn, "o'zbek")[0] == f"o{TURNED}"  # typed apostrophe
    assert split(AlphabetCode.ru, "Щука") == ["щ", "у", "к", "а"]


async def test_anyone_reads_the_alphabets_and_their_letters(client: AsyncClient) -> None:
    listed = (await client.get("/api/harf/alphabets")).json()
    assert {a["code"]: a["letter_count"] for a in listed} == {c.value: n for c, n in COUNTS.items()}

    latin = (await client.get("/api/harf/alphabets/uz-Latn")).json()
    assert [letter["number"] for letter in latin["letters"]] == list(range(1, 31))
    assert [letter["free"] for letter in latin["letters"][:6]] == [True] * 5 + [False]

    letter = (await client.get("/api/harf/alphabets/uz-Latn/letters/25")).json()
    assert letter["upper"] == "Oʻ"
    assert letter["words"][0]["text"] == "oʻrdak"


async def test_an_unknown_alphabet_or_letter_is_not_found(client: AsyncClient) -> None:
    missing = await client.get("/api/harf/alphabets/ru/letters/34")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "letter_not_found"
    assert (await client.get("/api/harf/alphabets/de")).status_code == 422
    assert (await client.get("/api/harf/alphabets/en/letters/0")).status_code == 422
