"""The importer on each format and on the messy text real teachers paste."""

import pytest

from alif.assessment.parser import EMPHASIS, Format, Problem, Warning, clean, parse
from alif.assessment.types import QuestionType


def test_numbered_questions_with_every_answer_line_wording() -> None:
    result = parse(
        """1. 2 + 2 = ?
A) 3
B) 4
C) 5
Javob: B
2) Poytaxt?
a) Samarqand
b) Toshkent
Answer: b
3. Eng katta?
A. 1
B. 2
C. 3
To‘g‘ri javob: C
4. Juft sonlar
A) 2
B) 3
C) 4
Correct: A, C
5. Какое число чётное?
А) 3
Б) 4
В) 5
Ответ: Б
"""
    )
    assert result.format is Format.numbered and result.warnings == []
    got = [(q.number, q.type, q.options, q.correct, q.problems) for q in result.questions]
    assert got == [
        (1, QuestionType.single, ["3", "4", "5"], {1}, []),
        (2, QuestionType.single, ["Samarqand", "Toshkent"], {1}, []),
        (3, QuestionType.single, ["1", "2", "3"], {2}, []),
        (4, QuestionType.multiple, ["2", "3", "4"], {0, 2}, []),
        (5, QuestionType.single, ["3", "4", "5"], {1}, []),
    ]


def test_the_block_format() -> None:
    result = parse(
        """++++
Qaysi son tub?
====
4
====
# 7
====
9
++++
Juft sonlar
====
#2
====
3
====
#4
++++
Kalitsiz savol
====
ha
====
yoʻq
"""
    )
    assert result.format is Format.blocks
    first, second, third = result.questions
    assert (first.text, first.options, first.correct) == ("Qaysi son tub?", ["4", "7", "9"], {1})
    assert second.type is QuestionType.multiple and second.correct == {0, 2}
    assert third.flagged and third.problems == [Problem.no_answer] and third.correct == set()


@pytest.mark.parametrize(
    "table",
    [
        "1 a 2 b 3 c",
        "Javoblar: 1-A, 2-B, 3-C",
        "Kalitlar\n1.a 2.b\n3.c",
        "Ответы: 1) а 2) б 3) в",
        "1 2 3\nA B C",
    ],
)
def test_an_answer_table_at_the_end(table: str) -> None:
    text = "\n".join(f"{n}. Savol {n}?\nA) bir\nB) ikki\nC) uch" for n in (1, 2, 3))
    result = parse(f"{text}\n\n{table}")
    assert [q.correct for q in result.questions] == [{0}, {1}, {2}]
    assert not any(q.flagged for q in result.questions)


def test_emoji_digits_and_invisible_characters_are_normalised() -> None:
    result = parse(
        "1️⃣ Birinchi savol?\nA) ha\nB) yoʻq\nJavob: A\n"
        "2️. Ikkinchi\u200b savol?\nA) ha\nB) yoʻq\nJavob: B\n"
        "1️⃣0️⃣ Oʻninchi savol?\nA) ha\nB) yoʻq\nJavob: A\n"
        "🔟 Yana oʻninchi?\nA)\u00a0ha\nB) yoʻq\nJavob: B\n"
    )
    assert [q.number for q in result.questions] == [1, 2, 10, 10]
    assert result.questions[1].text == "Ikkinchi savol?"
    assert result.questions[3].options == ["ha", "yoʻq"]
    assert [q.correct for q in result.questions] == [{0}, {1}, {0}, {1}]


def test_a_question_without_a_key_is_flagged_never_defaulted() -> None:
    result = parse("1. Kalitsiz?\nA) bir\nB) ikki\n2. Yana?\nA) uch\nB) toʻrt\nJavob: B")
    first, second = result.questions
    assert first.flagged and first.problems == [Problem.no_answer]
    assert first.correct == set()  # option A is NOT quietly made the answer
    assert not second.flagged and second.correct == {1}


def test_keys_that_cannot_be_trusted_are_flagged_with_the_reason() -> None:
    result = parse(
        """1. E harfi yoʻq
A) bir
B) ikki
Javob: E
2. Jadval bilan zid
A) bir
B) ikki
Javob: A
3. Bir xil variantlar
A) bir
B) Bir
Javob: A
4. Bitta variant
A) yolgʻiz
Javob: A
5. Hech narsa yoʻq
Javoblar: 2-b
"""
    )
    problems = [q.problems for q in result.questions]
    assert problems == [
        [Problem.answer_not_an_option],
        [Problem.conflicting_answers],
        [Problem.duplicate_options],
        [Problem.too_few_options],
        [Problem.no_options_or_answer],
    ]


def test_short_answers_and_numbers_come_from_an_answer_line_without_options() -> None:
    result = parse("1. 7 × 8 = ?\nJavob: 56\n2. Poytaxt?\nJavob: Toshkent\n3. π ≈ ?\nJavob: 3,14")
    numeric, short, decimal = result.questions
    assert (numeric.type, numeric.numeric) == (QuestionType.numeric, 56.0)
    assert (short.type, short.accepted) == (QuestionType.short_answer, ["Toshkent"])
    assert decimal.numeric == pytest.approx(3.14)


def test_messy_real_world_text() -> None:
    """As pasted from a Telegram channel: a title, a name line, inline options, a marked option,
    options running over two lines, decimals at line starts, a repeated question, stray spaces."""
    text = """   MATEMATIKA  7-sinf   (1-chorak)
Ism-familiya: ________    Sinf: ____

1.   Hisoblang:  12 : 4 + 2 = ?     A) 3   B) 5   C) 6   D) 8
Javob:  b

2) Quyidagi ifodalardan qaysi biri
toʻgʻri yozilgan?
a) 2·3 = 5
b) 2·3 = 6
c) 2·3 =
   7
Javob - B

3-savol. Uchburchak ichki burchaklari yigʻindisi necha gradus?
*A) 180
B) 360
C) 90

4. 0.5 + 0.25 = ?
A) 0.75
B) 0.7
C) 1.25
Javob: A) 0.75

1.   Hisoblang:  12 : 4 + 2 = ?     A) 3   B) 5   C) 6   D) 8
Javob: b
"""
    result = parse(text)
    assert Warning.ignored_text_before_first_question in result.warnings
    assert Warning.duplicate_question_removed in result.warnings
    first, second, third, fourth = result.questions
    assert first.text == "Hisoblang: 12 : 4 + 2 = ?" and first.options == ["3", "5", "6", "8"]
    assert first.correct == {1}
    assert second.text == "Quyidagi ifodalardan qaysi biri\ntoʻgʻri yozilgan?"
    assert second.options == ["2·3 = 5", "2·3 = 6", "2·3 = 7"] and second.correct == {1}
    assert third.number == 3 and third.options == ["180", "360", "90"] and third.correct == {0}
    assert fourth.options == ["0.75", "0.7", "1.25"] and fourth.correct == {0}
    assert not any(q.flagged for q in result.questions)


def test_bold_options_from_word_count_only_when_they_single_one_out() -> None:
    bold = parse(f"1. Savol?\nA) bir\n{EMPHASIS}B) ikki\nC) uch")
    assert bold.questions[0].correct == {1}
    all_bold = parse(f"1. Savol?\n{EMPHASIS}A) bir\n{EMPHASIS}B) ikki")
    assert all_bold.questions[0].problems == [Problem.no_answer]
    explicit_wins = parse(f"1. Savol?\nA) bir\n{EMPHASIS}B) ikki\nJavob: A")
    assert explicit_wins.questions[0].correct == {0}


def test_a_sentence_starting_with_a_is_not_an_option() -> None:
    result = parse("1. Read the text.\nA car goes 60 km an hour.\nHow far in 2 hours?\nJavob: 120")
    question = result.questions[0]
    assert question.options == [] and question.numeric == 120
    assert "A car goes" in question.text


def test_nothing_to_find_is_said_plainly() -> None:
    assert parse("Salom! Bu yerda test yoʻq.").warnings == [Warning.no_questions_found]


def test_cleaning_keeps_the_text_but_drops_bullets_and_odd_spaces() -> None:
    assert clean("• A)\u2003bir\r\n\ufeff2.\tSavol") == ["A) bir", "2. Savol"]


def test_uzbek_cyrillic_answer_lines_and_numbering() -> None:
    result = parse(
        """№1. Ўзбекистон пойтахти қайси шаҳар?
А) Самарқанд
Б) Тошкент
В) Бухоро
Жавоб: Б
№ 2) Энг катта сон?
А) 3
Б) 5
В) 9
Тўғри жавоб: В
3-савол. Жуфт сонлар
А) 2
Б) 3
В) 4
Тўғри жавоблари: А ва В
Савол 4: Қайси сон тоқ?
А) 4
Б) 7
Тугри жавоб - Б
"""
    )
    assert [q.number for q in result.questions] == [1, 2, 3, 4]
    first, second, third, fourth = result.questions
    assert first.text == "Ўзбекистон пойтахти қайси шаҳар?"
    assert first.options == ["Самарқанд", "Тошкент", "Бухоро"] and first.correct == {1}
    assert second.options == ["3", "5", "9"] and second.correct == {2}
    assert third.type is QuestionType.multiple and third.correct == {0, 2}
    assert fourth.options == ["4", "7"] and fourth.correct == {1}
    assert not any(q.flagged for q in result.questions)
    assert result.warnings == []


@pytest.mark.parametrize(
    "table",
    ["Жавоблар:\n1-Б 2-А 3-В", "Жавоблар: 1) б 2) а 3) в", "Калитлар\n1.Б 2.А\n3.В"],
)
def test_an_answer_table_in_uzbek_cyrillic(table: str) -> None:
    text = "\n".join(f"№{n}. Савол {n}?\nА) бир\nБ) икки\nВ) уч" for n in (1, 2, 3))
    result = parse(f"{text}\n{table}")
    assert [q.correct for q in result.questions] == [{1}, {0}, {2}]
    assert [q.options for q in result.questions] == [["бир", "икки", "уч"]] * 3
    assert not any(q.flagged for q in result.questions)


@pytest.mark.parametrize(
    "footer",
    [
        "Omad!",
        "Muallif: Karimova D., matematika oʻqituvchisi\nOmad!",
        "Тузувчи: Каримова Д.\nОмад!",
    ],
)
def test_text_after_the_last_question_is_never_glued_onto_its_last_option(footer: str) -> None:
    for last in ("C) 5", "C) 5\nJavob: B"):
        result = parse(f"1. 2+2?\nA) 3\nB) 4\n{last}\n\n{footer}")
        (question,) = result.questions
        assert question.options == ["3", "4", "5"]
        assert Warning.ignored_text_after_last_question in result.warnings
        assert all(word not in question.excerpt for word in ("Omad", "Омад"))


def test_text_after_an_answer_table_is_not_glued_onto_the_last_option() -> None:
    result = parse("1. 2+2?\nA) 3\nB) 4\n2. 3+3?\nA) 6\nB) 7\nJavoblar: 1-B 2-A\nOmad!")
    assert [q.options for q in result.questions] == [["3", "4"], ["6", "7"]]
    assert [q.correct for q in result.questions] == [{1}, {0}]
    assert Warning.ignored_text_after_last_question in result.warnings


def test_an_option_running_over_lines_still_joins_when_the_question_goes_on() -> None:
    result = parse("1. Savol?\nA) birinchi\ndavomi\nB) ikkinchi\n2. Keyingi?\nA) ha\nB) yoʻq\nuzun")
    first, second = result.questions
    assert first.options == ["birinchi davomi", "ikkinchi"]
    # At the very end nothing tells an option's second line from a footer: it is set aside.
    assert second.options == ["ha", "yoʻq"]
    assert result.warnings == [Warning.ignored_text_after_last_question]


def test_text_after_an_answer_line_belongs_to_no_option() -> None:
    result = parse("1. 2+2?\nA) 3\nB) 4\nJavob: B\nIzoh: 4 juft son\n2. 3+3?\nA) 6\nB) 7\nJavob: A")
    assert [q.options for q in result.questions] == [["3", "4"], ["6", "7"]]
    assert [q.correct for q in result.questions] == [{1}, {0}]
    assert result.warnings == [Warning.ignored_text_between_questions]
