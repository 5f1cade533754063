"""Uzbek Latin ↔ Cyrillic on a word list written by hand (tests/data/uzbek_words.tsv)."""

from pathlib import Path

import pytest

from alif.transliterate import to_cyrillic, to_latin

_LINES = (Path(__file__).parent / "data" / "uzbek_words.tsv").read_text(encoding="utf-8")
WORDS = [
    tuple(line.split("\t")) for line in _LINES.splitlines() if line and not line.startswith("#")
]


def test_the_word_list_is_long_enough() -> None:
    assert len(WORDS) >= 200


@pytest.mark.parametrize(("latin", "cyrillic"), WORDS)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), WORDS)
def test_cyrillic_to_latin(latin: str, cyrillic: str) -> None:
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("typed", "cyrillic"),
    [("o'zbek", "ўзбек"), ("g‘isht", "ғишт"), ("O`ZBEK", "ЎЗБЕК"), ("she’r", "шеър")],
)
def test_apostrophes_typed_any_way_are_understood(typed: str, cyrillic: str) -> None:
    assert to_cyrillic(typed) == cyrillic


def test_sentences_keep_case_spaces_and_punctuation() -> None:
    latin = "Salom, Oʻzbekiston! SHAHAR 2026-yil: sheʼr va sher."
    cyrillic = "Салом, Ўзбекистон! ШАҲАР 2026-йил: шеър ва шер."
    assert to_cyrillic(latin) == cyrillic
    assert to_latin(cyrillic) == latin


def test_the_tutuq_is_never_the_turned_comma() -> None:
    assert to_latin("маъно") == "ma\u02bcno"
    assert to_latin("ўғил") == "o\u02bbg\u02bbil"
    assert to_latin("сҳ") == "s\u02bch"
