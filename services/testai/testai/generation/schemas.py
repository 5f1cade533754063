import uuid

from pydantic import Field, field_validator

from alif.assessment.types import QuestionType
from alif.kernel.models import Language
from alif.schemas import RequestModel, ResponseModel
from testai.questions.schemas import QuestionRead


class GenerateRequest(RequestModel):
    subject: str = Field(min_length=1, max_length=80)
    topic: str = Field(default="", max_length=200)
    source_text: str | None = Field(
        default=None,
        max_length=20_000,
        description="Pasted text, or the text of a file from /sources/extract: questions are "
        "made from it, and each keeps the excerpt it came from",
    )
    grade: int = Field(ge=0, le=11)
    language: Language = Language.uz
    count: int = Field(default=5, ge=1, le=50)
    types: list[QuestionType] = Field(default_factory=lambda: [QuestionType.single], min_length=1)
    difficulty: int = Field(default=3, ge=1, le=5)
    test_id: uuid.UUID | None = Field(
        default=None, description="A draft of mine to add the questions to; else a new draft"
    )

    @field_validator("types")
    @classmethod
    def _distinct(cls, value: list[QuestionType]) -> list[QuestionType]:
        return list(dict.fromkeys(value))


class DroppedItems(ResponseModel):
    reason: str
    count: int


class GenerateResult(ResponseModel):
    test_id: uuid.UUID
    requested: int
    accepted: int
    rounds: int
    dropped: list[DroppedItems] = Field(description="Items that failed validation, and why")
    questions: list[QuestionRead] = Field(description="Added as a draft, waiting for review")
