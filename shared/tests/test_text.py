import json
from pathlib import Path

import pytest

from alif.text import TURNED_COMMA, TUTUQ, fold_for_comparison, normalize_uzbek, strip_marks

OZBEK = f"o{TURNED_COMMA}zbek"


@pytest.mark.parametrize("typed", ["o'zbek", "o‘zbek", "o’zbek", "o`zbek", "oʻzbek", "oʼzbek"])
def test_every_apostrophe_after_o_becomes_the_turned_comma(typed: str) -> None:
    assert normalize_uzbek(typed) == OZBEK


@pytest.mark.parametrize("typed", ["ma'no", "ma’no", "ma`no", "maʻno", "maʼno"])
def test_other_apostrophes_become_the_tutuq(typed: str) -> None:
    assert normalize_uzbek(typed) == f"ma{TUTUQ}no"


def test_capital_letters_and_whole_sentences() -> None:
    assert normalize_uzbek("O'zbekiston, G'ulom va she'r") == (
        f"O{TURNED_COMMA}zbekiston, G{TURNED_COMMA}ulom va she{TUTUQ}r"
    )


def test_sher_and_sheer_stay_different_words() -> None:
    assert fold_for_comparison("sher") != fold_for_comparison("she'r")


def test_comparison_ignores_case_spacing_and_apostrophe_style() -> None:
    assert fold_for_comparison("  G‘ALABA   kuni ") == fold_for_comparison("gʻalaba kuni")


def test_composed_and_decomposed_letters_compare_equal() -> None:
    assert fold_for_comparison("Ё") == fold_for_comparison("Е\u0308")


def test_search_may_drop_the_marks() -> None:
    assert strip_marks("Oʻzbek") == "ozbek"


# The web apps mirror these functions in `@alif/i18n`; both suites read the same cases.
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
def test_cases_shared_with_the_web_apps(function: str, case: dict[str, str]) -> None:
    assert FUNCTIONS[function](case["input"]) == case["expected"]


def test_normalising_twice_changes_nothing() -> None:
    for case in CASES["normalize_uzbek"]:
        once = normalize_uzbek(case["input"])
        assert normalize_uzbek(once) == once
