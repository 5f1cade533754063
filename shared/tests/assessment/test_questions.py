"""A question's stored form: random option ids, the key apart, canonical Uzbek apostrophes; and an
answer checked against its question before it is stored."""

import uuid
from typing import Any

import pytest

from alif.assessment import questions
from alif.assessment.exceptions import AnswerDoesNotFit
from alif.assessment.models import QuestionContent
from alif.assessment.schemas import AnswerFields, QuestionIn
from alif.assessment.types import QuestionSource


def _stored(**fields: Any) -> QuestionContent:
    question = QuestionContent()
    for name, value in {
        **questions.stored_form(QuestionIn(**fields)),
        "source": QuestionSource.manual,
    }.items():
        setattr(question, name, value)
    return question


def test_the_key_refers_to_random_option_ids_and_never_sits_in_the_options() -> None:
    form = questions.stored_form(
        QuestionIn(
            text="2+2?",
            options=[{"text": "3"}, {"text": "4", "correct": True}, {"text": "5"}],  # type: ignore[list-item]
        )
    )
    ids = [o["id"] for o in form["options"]]
    assert len(set(ids)) == 3 and all(set(o) == {"id", "text"} for o in form["options"])
    assert form["answer_key"] == {"correct": [ids[1]]}


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"type": "true_false", "truth": False}, {"truth": False}),
        ({"type": "short_answer", "accepted_answers": ["Toshkent"]}, {"accepted": ["Toshkent"]}),
        ({"type": "numeric", "numeric_answer": 0.0}, {"value": 0.0, "tolerance": 0.0}),
        ({"type": "numeric"}, None),
        ({"type": "single", "options": [{"text": "a"}, {"text": "b"}]}, None),
    ],
)
def test_a_key_only_from_what_the_author_gave(fields: dict[str, Any], key: object) -> None:
    assert questions.stored_form(QuestionIn(text="?", **fields))["answer_key"] == key


def test_uzbek_text_is_stored_with_canonical_apostrophes_other_languages_as_typed() -> None:
    uzbek = questions.stored_form(
        QuestionIn(type="short_answer", text="O'zbekiston", language="uz")
    )
    english = questions.stored_form(QuestionIn(type="short_answer", text="don't", language="en"))
    assert uzbek["text"] == "Oʻzbekiston" and english["text"] == "don't"


def test_an_answer_must_fit_its_question() -> None:
    question = _stored(text="2+2?", options=[{"text": "3"}, {"text": "4", "correct": True}])
    ids = [o["id"] for o in question.options]
    assert questions.response(question, AnswerFields(choice=[ids[1], ids[1]])) == {
        "choice": [ids[1]]
    }
    assert questions.response(question, AnswerFields()) == {}
    for wrong in (
        AnswerFields(choice=["nope"]),
        AnswerFields(choice=ids),
        AnswerFields(truth=True),
        AnswerFields(text="4"),
    ):
        with pytest.raises(AnswerDoesNotFit):
            questions.response(question, wrong)


def test_a_student_sees_the_options_in_their_order_and_never_the_key() -> None:
    question = _stored(text="2+2?", options=[{"text": "3"}, {"text": "4", "correct": True}])
    ids = [o["id"] for o in question.options]
    view = questions.student_view(uuid.uuid4(), question, list(reversed(ids)))
    assert [o.text for o in view.options] == ["4", "3"]
    assert "correct" not in view.model_dump_json() and "answer_key" not in view.model_dump_json()


def test_a_copy_shares_nothing_with_its_original() -> None:
    question = _stored(text="2+2?", options=[{"text": "3"}, {"text": "4", "correct": True}])
    copy = questions.content_copy(question)
    assert copy["answer_key"] == question.answer_key and copy["options"] == question.options
    assert copy["answer_key"] is not question.answer_key
    assert copy["options"][0] is not question.options[0]
