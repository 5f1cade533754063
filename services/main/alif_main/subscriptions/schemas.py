import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from alif.kernel.models import Language
from alif.schemas import DateTime, RequestModel, ResponseModel, SortOrder
from alif.subscriptions import CoveredAs, Feature, PlanAudience, live_only
from alif_main.subscriptions.models import PeriodKind, PromoKind

PlanCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
PromoText = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z0-9_-]{3,40}$")
]


class PlanText(RequestModel):
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=2000)


# Uzbek is the plan's own `name` and `description`; these are the other languages.
Translations = dict[Literal[Language.ru, Language.en], PlanText]


class PlanRead(ResponseModel):
    id: uuid.UUID
    code: str
    name: str = Field(description="In the language asked for (or the account's), Uzbek if missing")
    description: str
    translations: dict[str, PlanText]
    audience: PlanAudience
    price: int = Field(description="tiyin (1 so'm = 100 tiyin)")
    duration_days: int
    features: list[str] = Field(description="Only features that work today")
    max_children: int = Field(description="Children covered, the earliest added first")
    is_active: bool
    sort_order: int

    @field_validator("features")
    @classmethod
    def _live(cls, features: list[str]) -> list[str]:
        return live_only(features)

    def in_language(self, language: Language) -> Self:
        text = self.translations.get(language.value)
        if text is None:
            return self
        return self.model_copy(update={"name": text.name, "description": text.description})


class PlanCreate(RequestModel):
    code: PlanCode
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=2000)
    translations: Translations = Field(default_factory=dict)
    audience: PlanAudience
    price: int = Field(gt=0, le=100_000_000_00, description="tiyin")
    duration_days: int = Field(gt=0, le=3660)
    features: list[str] = Field(min_length=1, max_length=20)
    max_children: int = Field(gt=0, le=10_000)
    is_active: bool = True
    sort_order: SortOrder = 0


class PlanUpdate(RequestModel):
    """The price and length of a plan may change; orders already made keep their amount."""

    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    translations: Translations | None = None
    price: int | None = Field(default=None, gt=0, le=100_000_000_00)
    duration_days: int | None = Field(default=None, gt=0, le=3660)
    features: list[str] | None = Field(default=None, min_length=1, max_length=20)
    max_children: int | None = Field(default=None, gt=0, le=10_000)
    is_active: bool | None = None
    sort_order: SortOrder | None = None


class FeatureRead(ResponseModel):
    code: Feature
    description: str
    live: bool = Field(description="A built service uses it: only these can be in a plan")


class CoverageRead(ResponseModel):
    plan_code: str
    plan_name: str
    features: list[str]
    ends_at: datetime
    is_trial: bool
    covered_as: CoveredAs


class PeriodRead(ResponseModel):
    id: uuid.UUID
    kind: PeriodKind
    plan_id: uuid.UUID
    order_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    revoked_at: datetime | None


class OwnSubscriptionRead(ResponseModel):
    plan: PlanRead
    starts_at: datetime
    ends_at: datetime
    is_active: bool
    is_trial: bool
    trial_used: bool
    periods: list[PeriodRead]


class ChosenChildren(RequestModel):
    child_ids: list[uuid.UUID] = Field(max_length=100, description="Covered first, in this order")


class ChildCoverage(ResponseModel):
    child_id: uuid.UUID
    first_name: str
    covered: bool = Field(description="A plan (this family's or another guardian's) covers them")


class MySubscription(ResponseModel):
    """What the caller has: the features they may use, and the subscription they manage."""

    features: list[str]
    coverages: list[CoverageRead]
    subscription: OwnSubscriptionRead | None = Field(
        description="Only for the parent or organization that holds it"
    )
    trial_available: bool
    trial_days: int | None = Field(
        description="How long the free trial lasts, when one is available: say it before it starts"
    )
    children: list[ChildCoverage] = Field(
        description="A parent's children, the earliest added first, and who a plan covers"
    )
    seats_left: int | None = Field(
        description="Children the family's active plan can still cover (warn before adding one "
        "more when it is 0); none without an active family plan"
    )


class PromoRedeem(RequestModel):
    code: PromoText


class PromoCodeCreate(RequestModel):
    code: PromoText
    kind: PromoKind
    percent: int | None = Field(default=None, ge=1, le=99)
    free_days: int | None = Field(default=None, ge=1, le=366)
    plan_id: uuid.UUID | None = None
    max_redemptions: int | None = Field(default=None, ge=1, le=1_000_000)
    per_user_limit: int = Field(default=1, ge=1, le=100)
    valid_from: DateTime | None = None
    valid_until: DateTime | None = None
    description: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _one_kind(self) -> "PromoCodeCreate":
        if self.kind is PromoKind.percent and (self.percent is None or self.free_days is not None):
            raise ValueError("a percent code has a percent and no free_days")
        if self.kind is PromoKind.free_days and (
            self.free_days is None or self.percent is not None or self.plan_id is None
        ):
            raise ValueError("a free_days code has free_days, a plan_id and no percent")
        if self.valid_until and self.valid_from and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        return self


class PromoCodeUpdate(RequestModel):
    is_active: bool | None = None
    valid_until: DateTime | None = None
    max_redemptions: int | None = Field(default=None, ge=1, le=1_000_000)
    description: str | None = Field(default=None, max_length=200)


class PromoCodeRead(ResponseModel):
    id: uuid.UUID
    code: str
    kind: PromoKind
    percent: int | None
    free_days: int | None
    plan_id: uuid.UUID | None
    max_redemptions: int | None
    per_user_limit: int
    valid_from: datetime
    valid_until: datetime | None
    is_active: bool
    description: str
    used: int = Field(description="Redemptions that count against the limits now")
