import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from alif.assessment.schemas import QuestionIn, StudentQuestion
from alif.kernel.models import Language
from alif.schemas import DateTime, RequestModel, ResponseModel
from lessions.courses.models import Access, CompletionRule, CourseStatus, Visibility

# Pictures, sound and files are linked by their https address (uploads are not built yet).
MediaUrl = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^https://\S+$")
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)]
Grade = Annotated[int, Field(ge=0, le=11)]


class CourseFields(RequestModel):
    title: Title
    description: str = Field(default="", max_length=2000)
    subject: str = Field(default="", max_length=60)
    grades: list[Grade] = Field(default_factory=list, max_length=12)
    language: Language = Language.uz
    cover_url: MediaUrl | None = None
    visibility: Visibility = Visibility.public
    access: Access = Access.free
    reward_coins: int = Field(default=20, ge=0, le=500)


class CourseCreate(CourseFields):
    organization_id: uuid.UUID | None = Field(
        default=None, description="A teacher's organization, for organization-only courses"
    )
    group_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=50, description="For `groups` visibility"
    )


class CourseUpdate(CourseFields):
    group_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)


class ModuleCreate(RequestModel):
    title: Title


class TextBlock(RequestModel):
    type: Literal["text"]
    markdown: str = Field(min_length=1, max_length=20000)


class ImageBlock(RequestModel):
    type: Literal["image"]
    url: MediaUrl
    caption: str = Field(default="", max_length=300)


class VideoBlock(RequestModel):
    type: Literal["video"]
    url: MediaUrl = Field(description="An embed from an allowed host")


class AudioBlock(RequestModel):
    type: Literal["audio"]
    url: MediaUrl
    title: str = Field(default="", max_length=160)


class FileBlock(RequestModel):
    type: Literal["file"]
    url: MediaUrl
    name: str = Field(min_length=1, max_length=160)


class QuizBlock(RequestModel):
    type: Literal["quiz"]
    questions: list[QuestionIn] = Field(min_length=1, max_length=50)


class StoryPage(RequestModel):
    text: str = Field(default="", max_length=4000)
    image_url: MediaUrl | None = None


class StoryBlock(RequestModel):
    type: Literal["story"]
    title: Title
    pages: list[StoryPage] = Field(min_length=1, max_length=40)
    audio_url: MediaUrl | None = Field(default=None, description="The read-aloud track")
    questions: list[QuestionIn] = Field(default_factory=list, max_length=20)


Block = Annotated[
    TextBlock | ImageBlock | VideoBlock | AudioBlock | FileBlock | QuizBlock | StoryBlock,
    Field(discriminator="type"),
]


class LessonFields(RequestModel):
    title: Title
    blocks: list[Block] = Field(default_factory=list, max_length=100)
    free_preview: bool = False
    required: bool = True
    completion: CompletionRule = CompletionRule.opened
    pass_mark: int = Field(default=60, ge=1, le=100, description="Percent, for `quiz`")
    available_from: DateTime | None = Field(
        default=None, description="Without a zone: Tashkent time"
    )
    after_previous: bool = Field(default=False, description="Opens once the previous is done")

    @model_validator(mode="after")
    def _quiz_rule_has_questions(self) -> Self:
        if self.completion is CompletionRule.quiz and not any(
            isinstance(b, QuizBlock | StoryBlock) and b.questions for b in self.blocks
        ):
            raise ValueError("a lesson completed by its quiz needs questions")
        return self


class LessonCreate(LessonFields):
    module_id: uuid.UUID


class ModuleRead(ResponseModel):
    id: uuid.UUID
    title: str
    position: int


class LessonSummary(ResponseModel):
    id: uuid.UUID
    module_id: uuid.UUID
    position: int
    title: str
    published: bool
    version: int
    free_preview: bool
    required: bool
    completion: CompletionRule
    pass_mark: int
    available_from: datetime | None
    after_previous: bool


class CourseRead(ResponseModel):
    id: uuid.UUID
    owner_id: uuid.UUID
    organization_id: uuid.UUID | None
    catalogue: bool
    title: str
    description: str
    subject: str
    grades: list[int]
    language: Language
    cover_url: str | None
    visibility: Visibility
    status: CourseStatus
    access: Access
    reward_coins: int
    published_at: datetime | None


class CourseDetail(CourseRead):
    group_ids: list[uuid.UUID]
    modules: list[ModuleRead]
    lessons: list[LessonSummary]


class StoryPageRead(ResponseModel):
    text: str
    image_url: str | None


class BlockRead(ResponseModel):
    """One block as a learner sees it; the fields of other types are empty."""

    type: str
    html: str | None = Field(default=None, description="Text: the sanitised HTML")
    url: str | None = None
    caption: str | None = None
    title: str | None = None
    name: str | None = None
    audio_url: str | None = None
    pages: list[StoryPageRead] = Field(default_factory=list)
    questions: list[StudentQuestion] = Field(default_factory=list)


class BlockSource(ResponseModel):
    """One block as its author wrote it (the fields of other types are empty): send it back in
    `LessonFields` to edit the lesson."""

    type: str
    markdown: str | None = None
    url: str | None = None
    caption: str | None = None
    title: str | None = None
    name: str | None = None
    audio_url: str | None = None
    pages: list[StoryPageRead] = Field(default_factory=list)
    questions: list[QuestionIn] = Field(default_factory=list)


class LessonSource(LessonSummary):
    course_id: uuid.UUID
    blocks: list[BlockSource]


class LessonRead(LessonSummary):
    course_id: uuid.UUID
    blocks: list[BlockRead]
