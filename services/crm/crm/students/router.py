from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, page_of
from crm.staff.dependencies import StudentManager, StudentViewer
from crm.students import history, service
from crm.students.dependencies import ManagedStudent, ViewableStudent
from crm.students.schemas import (
    HistoryEvent,
    StudentChange,
    StudentCreate,
    StudentFilter,
    StudentRead,
)

router = APIRouter(prefix="/organizations/{organization_id}/students", tags=["students"])


@router.get("", responses=error_responses(403, 404), summary="Students, by name")
async def list_students(
    office: StudentViewer, db: SessionDep, found: Annotated[StudentFilter, Query()]
) -> Page[StudentRead]:
    students = await service.list_students(db, office.organization_id, found)
    return page_of(students, found, StudentRead.model_validate)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404),
    summary="Add a student card",
)
async def add_student(data: StudentCreate, office: StudentManager, db: SessionDep) -> StudentRead:
    student = await service.add_student(db, office, data, data.idempotency_key)
    return StudentRead.model_validate(student)


@router.get("/{student_id}", responses=error_responses(403, 404), summary="A student's card")
async def read_student(student: ViewableStudent) -> StudentRead:
    return StudentRead.model_validate(student)


@router.patch(
    "/{student_id}", responses=error_responses(403, 404), summary="Change a student's card"
)
async def change_student(
    data: StudentChange, student: ManagedStudent, office: StudentManager, db: SessionDep
) -> StudentRead:
    changed = await service.change_student(db, student, data, office.user_id)
    return StudentRead.model_validate(changed)


@router.get(
    "/{student_id}/history",
    responses=error_responses(403, 404),
    summary="The card's history: field changes with who, groups joined and left, freezes",
)
async def student_history(student: ViewableStudent, db: SessionDep) -> list[HistoryEvent]:
    return await history.history(db, student)
