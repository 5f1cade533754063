from typing import Annotated

from fastapi import APIRouter, Query

from alif.db import SessionDep
from alif.errors import error_responses
from crm.dashboard import service
from crm.dashboard.schemas import Dashboard
from crm.money import reports
from crm.money.schemas import MONTH
from crm.staff.dependencies import MoneyReader

router = APIRouter(prefix="/organizations/{organization_id}", tags=["dashboard"])


@router.get(
    "/dashboard",
    responses=error_responses(403, 404, 422),
    summary="The director's numbers for a month (default: this one)",
)
async def dashboard(
    office: MoneyReader,
    db: SessionDep,
    month: Annotated[str | None, Query(pattern=MONTH)] = None,
) -> Dashboard:
    today = reports.today()
    chosen = reports.parse_month(month) if month else today.replace(day=1)
    return await service.dashboard(db, office.organization_id, chosen, today)
