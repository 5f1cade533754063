"""The crm service: a learning centre's office — staff, leads, students, groups, lessons and
money (docs/crm.md)."""

from fastapi import FastAPI

from alif.app import create_app
from crm.config import CrmSettings
from crm.dashboard.router import router as dashboard_router
from crm.files.router import router as files_router
from crm.groups.router import router as groups_router
from crm.leads.router import router as leads_router
from crm.lessons.router import router as lessons_router
from crm.money.router import router as money_router
from crm.sms.router import router as sms_router
from crm.staff.router import router as staff_router
from crm.students.router import router as students_router
from crm.tuition.router import router as tuition_router


def create_crm_app(settings: CrmSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 crm",
        description="A learning centre's office: staff roles, leads, students, groups, lessons, "
        "attendance and tuition",
        routers=[
            staff_router,
            leads_router,
            students_router,
            groups_router,
            lessons_router,
            money_router,
            tuition_router,
            sms_router,
            dashboard_router,
            files_router,
        ],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory crm.app:build_app`."""
    return create_crm_app(CrmSettings())
