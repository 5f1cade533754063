"""Questions written as data (the demo content of testai and olimp, kept as YAML and reviewed
like code) and believable answers to them.

A written question names its key by the options' text, where a teacher's form ticks a box; the
conversion to `QuestionIn` puts it where the form would, so the question goes through the same
service functions as one a person typed.
"""

from typing import Any

from pydantic import BaseModel

from alif.assessment.schemas import AnswerFields, AnswerKey, OptionIn, QuestionIn
from alif.assessment.types import QuestionType
from alif.kernel.models import Language

Answer = str | list[str] | bool | float


class WrittenQuestion(BaseModel):
    """One question as written in a content file; `answer` is its key: an option's text
    (single), a list of them (multiple), true/false, a number (numeric) or the accepted texts
    (short answer)."""

    id: str
    type: QuestionType
    text: str
    options: list[str] = []
    answer: Answer
    explanation: str
    topic: str = ""

    def question_in(self, *, language: Language, tags: list[str]) -> QuestionIn:
        """The teacher's form for this question: its key goes where the editor puts it."""
        fields: dict[str, Any] = {}
        match self.type:
            case QuestionType.single | QuestionType.multiple:
                correct = {self.answer} if isinstance(self.answer, str) else set(self.answer)  # type: ignore[arg-type]
                fields["options"] = [OptionIn(text=o, correct=o in correct) for o in self.options]
            case QuestionType.true_false:
                fields["truth"] = self.answer
            case QuestionType.numeric:
                fields["numeric_answer"] = self.answer
            case QuestionType.short_answer:
                fields["accepted_answers"] = self.answer
        return QuestionIn(
            type=self.type,
            text=self.text,
            explanation=self.explanation,
            language=language,
            topic=self.topic,
            tags=tags,
            **fields,
        )


def sample_answer(
    type_: QuestionType, key: AnswerKey, options: list[dict[str, Any]], *, right: bool
) -> AnswerFields:
    """A right answer from the key, or a believable wrong one (a demo participant's)."""
    match type_:
        case QuestionType.single | QuestionType.multiple:
            correct = list(key["correct"])
            if right:
                return AnswerFields(choice=correct)
            wrong = [o["id"] for o in options if o["id"] not in correct]
            if type_ is QuestionType.single:
                return AnswerFields(choice=wrong[:1])
            return AnswerFields(choice=correct[:1] + wrong[:1])
        case QuestionType.true_false:
            return AnswerFields(truth=key["truth"] if right else not key["truth"])
        case QuestionType.numeric:
            return AnswerFields(text=str(int(key["value"]) + (0 if right else 1)))
        case QuestionType.short_answer:
            return AnswerFields(text=key["accepted"][0] if right else "bilmayman")
    raise ValueError(f"no sample answer for {type_}")
