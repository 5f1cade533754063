from pydantic import Field

from alif.assessment.extract import FileKind
from alif.assessment.parser import Format, Problem, Warning
from alif.assessment.types import QuestionType
from alif.kernel.models import Language
from alif.schemas import RequestModel, ResponseModel


class ImportText(RequestModel):
    text: str = Field(min_length=1, max_length=200_000)
    language: Language | None = Field(
        default=None, description="When a question's own words do not tell"
    )


class PreviewOption(ResponseModel):
    text: str
    correct: bool


class PreviewQuestion(ResponseModel):
    """A parsed question in the shape `QuestionIn` takes, plus what the parser noticed."""

    number: int | None = Field(description="Its number in the source")
    type: QuestionType
    text: str
    options: list[PreviewOption]
    accepted_answers: list[str]
    numeric_answer: float | None
    points: int = 1
    language: Language
    source_excerpt: str
    flagged: bool = Field(description="Needs the teacher: see `problems`; nothing was guessed")
    problems: list[Problem]


class ImportPreview(ResponseModel):
    """Nothing is saved yet: the teacher checks, fixes and then adds the questions to a test."""

    format: Format
    file_kind: FileKind | None
    questions: list[PreviewQuestion]
    total: int
    flagged: int
    warnings: list[Warning]


class ExtractedText(ResponseModel):
    file_kind: FileKind
    text: str
