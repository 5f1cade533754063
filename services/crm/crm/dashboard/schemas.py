import uuid

from pydantic import Field

from alif.schemas import ResponseModel


class MonthAmount(ResponseModel):
    month: str = Field(description="YYYY-MM")
    amount: int = Field(description="Tiyin")


class GroupFill(ResponseModel):
    group_id: uuid.UUID
    name: str
    students: int
    capacity: int
    percent: int


class Dashboard(ResponseModel):
    month: str
    active_students: int = Field(description="In a group today (frozen ones included)")
    frozen_students: int
    new_leads: int = Field(description="Leads added this month")
    converted_leads: int = Field(description="Leads turned into students this month")
    conversion_percent: int = Field(description="converted / new, this month")
    revenue: int = Field(description="Payments less refunds this month, tiyin")
    revenue_last_month: int
    revenue_by_month: list[MonthAmount] = Field(description="The last six months, oldest first")
    debt_total: int = Field(description="What debtors owe now, tiyin")
    debtors: int
    attendance_percent: int | None = Field(
        description="Present or late of all marks this month; null without marks"
    )
    fill_percent: int | None = Field(description="All groups' students over their capacity")
    groups: list[GroupFill]
