"""The Uzbek normaliser, against the cases its web mirror (`@alif/i18n`) is tested with too."""

import json
from pathlib import Path

import pytest

from alif.text import TURNED_COMMA, TUTUQ, fold_for_comparison, normalize_uzbek, strip_marks

CASES = json.loads((Path(__file__).parent / "text_cases.json").read_text(encoding="utf-8"))
FUNCTIONS = {
    "normalize_uzbek": normalize_uzbek,
    "fold_for_comparison": fold_for_comparison,
    "strip_marks": strip_marks,
}


@pytest.mark.parametrize(
    ("function", "case"),
    [(name, case) for name in FUNCTIONS for case in CASES[name]],
    ids=lambda value: value if isinstance(value, str) else repr(value["input"]),
)
def test_shared_cases(function: str, case: dict[str, str]) -> None:
    assert FUNCTIONS[function](case["input"]) == case["expected"]


def test_o_and_g_take_the_turned_comma_and_other_letters_the_tutuq() -> None:
    assert normalize_uzbek("o'g'il ma'no") == f"o{TURNED_COMMA}g{TURNED_COMMA}il ma{TUTUQ}no"


def test_normalising_twice_changes_nothing() -> None:
    for case in CASES["normalize_uzbek"]:
        once = normalize_uzbek(case["input"])
        assert normalize_uzbek(once) == once
