from typing import Annotated

from fastapi import APIRouter, Query

from alif.auth import ParentUser
from alif.db import SessionDep, utcnow
from alif.errors import error_responses
from alif_main.reports.schemas import ChildWeekRead, WeeklyReportRead
from alif_main.reports.service import Week, weekly_report

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get(
    "/weekly",
    responses=error_responses(400),
    summary="A parent's week, per child: tests and scores, games, coins (this week by default)",
)
async def read_weekly_report(
    parent: ParentUser,
    db: SessionDep,
    week: Annotated[str | None, Query(description="ISO week, e.g. 2026-W49")] = None,
) -> WeeklyReportRead:
    chosen = Week.parse(week) if week else Week.containing(utcnow())
    children = await weekly_report(db, parent.id, chosen)
    return WeeklyReportRead(
        week=chosen.name,
        starts_at=chosen.starts_at,
        ends_at=chosen.ends_at,
        children=[ChildWeekRead.model_validate(child) for child in children],
    )
