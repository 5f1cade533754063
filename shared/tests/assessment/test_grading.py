"""Grading of every question type, partial credit included."""

import pytest

from alif.assessment.grading import fraction, parse_number
from alif.assessment.types import QuestionType

OPTIONS = ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [(["b"], 1.0), (["a"], 0.0), ([], 0.0), (["b", "c"], 0.0), (["zzz"], 0.0)],
)
def test_single_choice(choice: list[str], expected: float) -> None:
    assert (
        fraction(QuestionType.single, {"correct": ["b"]}, {"choice": choice}, OPTIONS) == expected
    )


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (["a", "c"], 1.0),
        (["a"], 0.5),
        (["a", "b"], 0.0),  # +1/2 for a, −1/2 for b
        (["a", "c", "b"], 0.5),
        (["b", "d"], 0.0),  # −100 % is clamped: never below zero
        (["a", "b", "c", "d"], 0.0),  # ticking everything earns nothing
        ([], 0.0),
    ],
)
def test_multiple_choice_partial_credit_never_below_zero(
    choice: list[str], expected: float
) -> None:
    key = {"correct": ["a", "c"]}
    assert fraction(QuestionType.multiple, key, {"choice": choice}, OPTIONS) == pytest.approx(
        expected
    )


def test_multiple_choice_where_every_option_is_right() -> None:
    key = {"correct": OPTIONS}
    assert fraction(QuestionType.multiple, key, {"choice": ["a", "b"]}, OPTIONS) == 0.5


def test_true_false() -> None:
    key = {"truth": False}
    assert fraction(QuestionType.true_false, key, {"truth": False}, []) == 1.0
    assert fraction(QuestionType.true_false, key, {"truth": True}, []) == 0.0
    assert fraction(QuestionType.true_false, key, {}, []) == 0.0
    assert fraction(QuestionType.true_false, {"truth": False}, {"truth": 0}, []) == 0.0


@pytest.mark.parametrize(
    "typed", ["Oʻzbekiston", "o'zbekiston", "O‘ZBEKISTON", "  o`zbekiston ", "Oʼzbekiston"]
)
def test_short_answers_compare_without_case_or_apostrophe_forms(typed: str) -> None:
    key = {"accepted": ["Oʻzbekiston", "Uzbekistan"]}
    assert fraction(QuestionType.short_answer, key, {"text": typed}, []) == 1.0


def test_short_answer_wrong_or_empty() -> None:
    key = {"accepted": ["sheʼr"]}
    assert fraction(QuestionType.short_answer, key, {"text": "sher"}, []) == 0.0
    assert fraction(QuestionType.short_answer, key, {"text": "  "}, []) == 0.0
    assert fraction(QuestionType.short_answer, key, {}, []) == 0.0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3.14", 1.0),
        ("3,14", 1.0),
        (" 3.145 ", 1.0),
        ("3.146", 0.0),
        ("3", 0.0),
        ("pi", 0.0),
        ("", 0.0),
        ("nan", 0.0),
        ("1e400", 0.0),
    ],
)
def test_numeric_with_tolerance(typed: str, expected: float) -> None:
    key = {"value": 3.14, "tolerance": 0.005}
    assert fraction(QuestionType.numeric, key, {"text": typed}, []) == expected


def test_numbers_as_children_type_them() -> None:
    assert parse_number("1 000") == 1000
    assert parse_number("−2,5") == -2.5
    assert parse_number(".5") == 0.5
    assert parse_number("2+2") is None


def test_a_question_without_a_key_earns_nothing() -> None:
    assert fraction(QuestionType.single, None, {"choice": ["a"]}, OPTIONS) == 0.0
