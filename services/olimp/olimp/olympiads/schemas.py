import uuid
from datetime import datetime
from typing import Literal, Self

from pydantic import AwareDatetime, Field, model_validator

from alif.assessment.schemas import QuestionIn, StudentOption
from alif.kernel.models import Region
from alif.schemas import RequestModel, ResponseModel
from olimp.olympiads.models import Scope, State, Subject

TieBreak = Literal["time", "hardest"]


def _time_first() -> list[TieBreak]:
    """What every olympiad ranked by before tie-breaks could be chosen: less time."""
    return ["time"]


class LocalizedText(RequestModel):
    uz: str = Field(min_length=1, max_length=4000)
    ru: str = Field(default="", max_length=4000)
    en: str = Field(default="", max_length=4000)


class SectionIn(RequestModel):
    title: str = Field(default="", max_length=120)
    points: int = Field(ge=1, le=100)
    penalty: float = Field(default=0, ge=0, le=100, description="Lost for a wrong answer")


class AwardRule(RequestModel):
    """Who gets which award in the last round: by percent of participants (cumulative cut-offs,
    rounded up: 10/15/25 of 10 people gives 1 gold, 2 silver, 2 bronze) or by fixed places.
    Participants sharing a rank share its award."""

    kind: Literal["percent", "places"] = "percent"
    gold: float = Field(default=10, ge=0, le=100)
    silver: float = Field(default=15, ge=0, le=100)
    bronze: float = Field(default=25, ge=0, le=100)

    @model_validator(mode="after")
    def _fits(self) -> Self:
        if self.kind == "percent" and self.gold + self.silver + self.bronze > 100:
            raise ValueError("the awards cover more than 100 percent")
        if self.kind == "places" and any(
            v != int(v) for v in (self.gold, self.silver, self.bronze)
        ):
            raise ValueError("places are whole numbers")
        return self


class Prizes(RequestModel):
    """Coins each award earns, paid once through the ledger when results are published."""

    gold: int = Field(default=0, ge=0, le=10_000)
    silver: int = Field(default=0, ge=0, le=10_000)
    bronze: int = Field(default=0, ge=0, le=10_000)


class Advance(RequestModel):
    """Who of a qualifying round may start the next one: the top N or the top X percent (shared
    ranks at the cut all advance), counted in each region when `per_region`."""

    top: int | None = Field(default=None, ge=1, le=1_000_000)
    percent: float | None = Field(default=None, gt=0, le=100)
    per_region: bool = False

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.top is None) == (self.percent is None):
            raise ValueError("give either top or percent")
        return self


class RoundIn(RequestModel):
    opens_at: AwareDatetime
    closes_at: AwareDatetime
    duration_minutes: int = Field(ge=1, le=600)
    start_bonus: int = Field(default=0, ge=0, le=1000, description="Kangaroo's starting points")
    shuffle: bool = True
    freeze_minutes: int = Field(default=0, ge=0, le=600, description="Public board frozen")
    advance: Advance | None = Field(default=None, description="A qualifying round's cut")
    sections: list[SectionIn] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.closes_at <= self.opens_at:
            raise ValueError("a round closes after it opens")
        return self


class OlympiadCreate(RequestModel):
    title: LocalizedText
    description: LocalizedText | None = None
    subject: Subject
    grade_min: int = Field(ge=1, le=11)
    grade_max: int = Field(ge=1, le=11)
    scope: Scope = Scope.country
    region: Region | None = None
    district: str = Field(default="", max_length=100)
    capacity: int | None = Field(default=None, ge=1, le=1_000_000)
    requires_plan: bool = False
    registration_opens_at: AwareDatetime
    registration_closes_at: AwareDatetime
    award_rule: AwardRule = Field(default_factory=AwardRule)
    prizes: Prizes = Field(default_factory=Prizes)
    appeal_minutes: int = Field(
        default=1440, ge=0, le=10_080, description="How long after a round appeals are taken"
    )
    review_allowed: bool = Field(
        default=False, description="Participants see answers and keys once results are published"
    )
    tie_breaks: list[TieBreak] = Field(
        default_factory=_time_first,
        max_length=2,
        description="Equal scores are ranked by these, in order: `time` (less time to reach "
        "the score), `hardest` (more points in the section worth the most); equal on all of "
        "them share a rank",
    )
    rounds: list[RoundIn] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if len(set(self.tie_breaks)) != len(self.tie_breaks):
            raise ValueError("a tie-break is given twice")
        if self.grade_max < self.grade_min:
            raise ValueError("grade_max is below grade_min")
        if self.registration_closes_at <= self.registration_opens_at:
            raise ValueError("registration closes after it opens")
        if self.scope in (Scope.region, Scope.district) and self.region is None:
            raise ValueError("a regional olympiad names its region")
        if self.scope is Scope.district and not self.district.strip():
            raise ValueError("a district olympiad names its district")
        if self.scope not in (Scope.region, Scope.district) and (self.region or self.district):
            raise ValueError("only a regional or district olympiad has a region")
        for earlier, later in zip(self.rounds, self.rounds[1:], strict=False):
            if later.opens_at < earlier.closes_at:
                raise ValueError("a round opens after the one before it closes")
        if self.rounds[-1].advance is not None:
            raise ValueError("the last round feeds no other round")
        if self.registration_closes_at > self.rounds[0].closes_at:
            raise ValueError("registration closes before the first round ends")
        return self


class SectionRead(ResponseModel):
    id: uuid.UUID
    position: int
    title: str
    points: int
    penalty: float


class RoundRead(ResponseModel):
    id: uuid.UUID
    number: int
    opens_at: datetime
    closes_at: datetime
    duration_minutes: int
    start_bonus: int
    shuffle: bool
    freeze_minutes: int
    advance: Advance | None
    sections: list[SectionRead]


class OlympiadRead(ResponseModel):
    id: uuid.UUID
    organizer_id: uuid.UUID
    organization_id: uuid.UUID | None
    title: dict[str, str]
    description: dict[str, str]
    subject: Subject
    grade_min: int
    grade_max: int
    scope: Scope
    region: Region | None
    district: str
    capacity: int | None
    requires_plan: bool
    registration_opens_at: datetime
    registration_closes_at: datetime
    award_rule: AwardRule
    prizes: Prizes
    appeal_minutes: int
    review_allowed: bool
    tie_breaks: list[TieBreak]
    results_published_at: datetime | None
    state: State
    server_time: datetime = Field(
        description="The server's clock when the state was read: a waiting room counts down on it"
    )
    registered: int
    rounds: list[RoundRead]


class QuestionCreate(RequestModel):
    section_id: uuid.UUID
    question: QuestionIn


class ImportText(RequestModel):
    section_id: uuid.UUID
    text: str = Field(min_length=1, max_length=200_000)


class QuestionRead(ResponseModel):
    """The organizer's view, with the key."""

    id: uuid.UUID
    section_id: uuid.UUID
    position: int
    type: str
    text: str
    image_url: str | None
    points: int
    options: list[StudentOption]
    answer_key: dict[str, object] | None
    flagged: bool


class ImportResult(ResponseModel):
    added: list[QuestionRead]
    flagged: int


class RegistrationCreate(RequestModel):
    student_id: uuid.UUID | None = Field(
        default=None, description="A parent names their child; a student leaves it out"
    )
    region: Region | None = None
    district: str = Field(default="", max_length=100)
    school: str = Field(default="", max_length=200)


class BulkRegistration(RequestModel):
    student_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)


class RegistrationRead(ResponseModel):
    id: uuid.UUID
    olympiad_id: uuid.UUID
    student_id: uuid.UUID
    grade: int
    region: Region | None
    district: str
    school: str
    created_at: datetime


class BulkResult(ResponseModel):
    registered: list[RegistrationRead]
    refused: dict[str, str] = Field(description="student id -> the error code")
