import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from alif.assessment.schemas import QuestionIn, StudentQuestion
from alif.kernel.models import Language
from alif.schemas import DateTime, RequestModel, ResponseModel
from lessions.courses.models import Access, CompletionRule, CourseStatus, Visibility
from lessions.media.schemas import MediaLink, Variant

# A picture, sound, video or file is an upload of the lesson (`upload_id`) or an https address.
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
    badge: str = Field(
        default="🏅", min_length=1, max_length=16, description="An emoji earned on completion"
    )


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


class ModuleOrder(RequestModel):
    id: uuid.UUID
    lesson_ids: list[uuid.UUID] = Field(max_length=200, description="In reading order")


class CourseOrder(RequestModel):
    """Every module of the course in order, each with every lesson it should hold in order (a
    lesson may move to another module)."""

    modules: list[ModuleOrder] = Field(min_length=1, max_length=100)


class TextBlock(RequestModel):
    type: Literal["text"]
    markdown: str = Field(min_length=1, max_length=20000)


class _Media(RequestModel):
    url: MediaUrl | None = Field(default=None, description="An https address")
    upload_id: uuid.UUID | None = Field(default=None, description="A file uploaded to the lesson")

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.url is None) == (self.upload_id is None):
            raise ValueError("give either url or upload_id")
        return self


class ImageBlock(_Media):
    type: Literal["image"]
    caption: str = Field(default="", max_length=300)


class VideoBlock(_Media):
    """An uploaded video, or an embed from an allowed host (`LESSIONS_EMBED_HOSTS`)."""

    type: Literal["video"]


class AudioBlock(_Media):
    type: Literal["audio"]
    title: str = Field(default="", max_length=160)


class FileBlock(_Media):
    type: Literal["file"]
    name: str = Field(min_length=1, max_length=160)


class QuizBlock(RequestModel):
    type: Literal["quiz"]
    questions: list[QuestionIn] = Field(min_length=1, max_length=50)


class StoryPage(RequestModel):
    text: str = Field(default="", max_length=4000)
    image_url: MediaUrl | None = None
    image_upload_id: uuid.UUID | None = Field(default=None, description="An uploaded picture")
    picture: str = Field(default="", max_length=16, description="An emoji drawn large")
    audio_upload_id: uuid.UUID | None = Field(
        default=None, description="The page read aloud: an uploaded recording"
    )


class StoryBlock(RequestModel):
    type: Literal["story"]
    title: Title
    pages: list[StoryPage] = Field(min_length=1, max_length=40)
    audio_url: MediaUrl | None = Field(default=None, description="A read-aloud track")
    audio_upload_id: uuid.UUID | None = Field(default=None, description="An uploaded track")
    read_aloud: bool = Field(
        default=True, description="Pages without a recording are read by the voice (a job)"
    )
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
    cover_url: str | None = Field(description="The author's https address for the cover, if any")
    cover: MediaLink | None = Field(
        default=None,
        description="The picture to show: the uploaded cover (a link for a while, with smaller "
        "copies) or the address",
    )
    visibility: Visibility
    status: CourseStatus
    access: Access
    reward_coins: int
    badge: str
    published_at: datetime | None


class CourseDetail(CourseRead):
    group_ids: list[uuid.UUID]
    modules: list[ModuleRead]
    lessons: list[LessonSummary]


class StoryPageRead(ResponseModel):
    text: str
    image_url: str | None = Field(default=None, description="A picture (a link for a while)")
    picture: str = Field(default="", description="An emoji drawn large")
    audio_url: str | None = Field(
        default=None, description="The page read aloud; none yet while the voice is working"
    )


class BlockRead(ResponseModel):
    """One block as a learner sees it; the fields of other types are empty."""

    type: str
    html: str | None = Field(default=None, description="Text: the sanitised HTML")
    url: str | None = Field(default=None, description="Uploads: a signed link for a while")
    upload_id: uuid.UUID | None = None
    variants: list[Variant] = Field(
        default_factory=list, description="Uploaded pictures: smaller WebP copies"
    )
    caption: str | None = None
    title: str | None = None
    name: str | None = None
    audio_url: str | None = None
    read_aloud: bool | None = None
    pages: list[StoryPageRead] = Field(default_factory=list)
    questions: list[StudentQuestion] = Field(default_factory=list)


class StoryPageSource(ResponseModel):
    text: str = ""
    image_url: str | None = None
    image_upload_id: uuid.UUID | None = None
    picture: str = ""
    audio_upload_id: uuid.UUID | None = None


class BlockSource(ResponseModel):
    """One block as its author wrote it (the fields of other types are empty): send it back in
    `LessonFields` to edit the lesson."""

    type: str
    markdown: str | None = None
    url: str | None = None
    upload_id: uuid.UUID | None = None
    caption: str | None = None
    title: str | None = None
    name: str | None = None
    audio_url: str | None = None
    audio_upload_id: uuid.UUID | None = None
    read_aloud: bool | None = None
    pages: list[StoryPageSource] = Field(default_factory=list)
    questions: list[QuestionIn] = Field(default_factory=list)


class LessonSource(LessonSummary):
    course_id: uuid.UUID
    blocks: list[BlockSource]


class LessonRead(LessonSummary):
    course_id: uuid.UUID
    blocks: list[BlockRead]
