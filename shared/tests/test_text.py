"""The Uzbek normaliser: every apostrophe look-alike, and oʻ/gʻ kept apart from the tutuq."""

import pytest

from alif.text import TURNED_COMMA, TUTUQ, fold_for_comparison, normalize_uzbek


@pytest.mark.parametrize("typed", ["o'g'il", "o`g`il", "o‘g‘il", "o’g’il", "oʻgʻil", "oʼgʼil"])
def test_o_and_g_take_the_turned_comma_whatever_was_typed(typed: str) -> None:
    assert normalize_uzbek(typed) == f"o{TURNED_COMMA}g{TURNED_COMMA}il"


@pytest.mark.parametrize("typed", ["ma'no", "ma’no", "maʻno", "ma`no", "maʼno"])
def test_elsewhere_an_apostrophe_is_the_tutuq(typed: str) -> None:
    assert normalize_uzbek(typed) == f"ma{TUTUQ}no"


def test_answers_compare_equal_in_any_case_spacing_and_apostrophe() -> None:
    assert fold_for_comparison("  O‘ZBEKISTON   Respublikasi ") == fold_for_comparison(
        "oʻzbekiston respublikasi"
    )
    assert fold_for_comparison("sheʼr") != fold_for_comparison("sher")
