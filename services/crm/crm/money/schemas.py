import uuid
from datetime import date, datetime

from pydantic import Field

from alif.schemas import INT32_MAX, RequestModel, ResponseModel
from crm.money.models import EntryKind, Method

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class ChargeRun(RequestModel):
    month: str = Field(pattern=MONTH, description="YYYY-MM")


class ChargeRunRead(ResponseModel):
    enrolments: int
    charged: int = Field(description="Tiyin posted as charges by this run (a correction: < 0)")
    discounted: int


class PaymentCreate(RequestModel):
    amount: int = Field(ge=1, le=INT32_MAX, description="Tiyin")
    method: Method = Field(description="cash or card at the desk (payme and click come by links)")
    note: str = Field(default="", max_length=300)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=80)


class RefundCreate(RequestModel):
    amount: int = Field(ge=1, le=INT32_MAX, description="Tiyin")
    reason: str = Field(min_length=1, max_length=300)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=80)


class EntryRead(ResponseModel):
    id: uuid.UUID
    student_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    kind: EntryKind
    amount: int
    period: date | None
    method: Method | None
    refunds_id: uuid.UUID | None
    receipt_number: int | None
    note: str
    created_by_id: uuid.UUID | None = Field(
        description="Who; null: a payment provider or the nightly charge run"
    )
    created_by_name: str | None = Field(default=None, description="Who, by name (the audit log)")
    created_at: datetime


class StudentMoney(ResponseModel):
    student_id: uuid.UUID
    debt: int = Field(description="Tiyin owed (negative: paid ahead)")
    entries: list[EntryRead]


class Receipt(ResponseModel):
    number: int
    organization_name: str
    student_id: uuid.UUID
    student_name: str
    amount: int
    refunded: int
    method: Method
    note: str
    paid_at: datetime
    taken_by: str | None


class Debtor(ResponseModel):
    student_id: uuid.UUID
    first_name: str
    last_name: str
    phone: str | None
    parent_phone: str | None
    debt: int
    overdue_since: date | None = Field(description="The month the unpaid debt began")
    days_overdue: int
    group_ids: list[uuid.UUID]


class Reconciliation(ResponseModel):
    charges: int
    discounts: int
    payments: int
    refunds: int
    expected_debts: int = Field(description="charges − discounts − payments + refunds")
    recorded_debts: int = Field(description="The sum of the students' debts")
    balanced: bool
    mismatched_students: list[uuid.UUID]


class RateSet(RequestModel):
    share_percent: int = Field(default=0, ge=0, le=100, description="Of their groups' tuition")
    lesson_amount: int = Field(default=0, ge=0, le=INT32_MAX, description="Tiyin a lesson held")


class RateRead(ResponseModel):
    teacher_id: uuid.UUID
    share_percent: int
    lesson_amount: int


class TeacherPay(ResponseModel):
    teacher_id: uuid.UUID
    name: str
    lessons_held: int
    tuition: int = Field(description="Their groups' charges less discounts for the month")
    share_percent: int
    lesson_amount: int
    pay: int
