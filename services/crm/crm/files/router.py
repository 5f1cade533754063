import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile, status

from alif.db import SessionDep
from alif.errors import error_responses
from crm.files import service
from crm.files.exceptions import ImportTooLarge
from crm.files.schemas import Imported
from crm.money import reports
from crm.money.models import EntryKind
from crm.staff.dependencies import (
    GroupViewer,
    LeadManager,
    MoneyReader,
    MoneyViewer,
    StudentManager,
    StudentViewer,
)

router = APIRouter(prefix="/organizations/{organization_id}", tags=["files"])

MAX_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Upload = Annotated[UploadFile, File(description="An .xlsx file; the first row names the columns")]


async def _bytes(upload: UploadFile) -> bytes:
    data = await upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportTooLarge(details={"max_bytes": MAX_BYTES})
    return data


def _xlsx(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


@router.post(
    "/imports/students",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Import student cards from Excel: all rows or none, with a report of each bad row",
)
async def import_students(file: Upload, office: StudentManager, db: SessionDep) -> Imported:
    return Imported(created=await service.import_students(db, office, await _bytes(file)))


@router.post(
    "/imports/leads",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Import leads from Excel: all rows or none, with a report of each bad row",
)
async def import_leads(file: Upload, office: LeadManager, db: SessionDep) -> Imported:
    return Imported(created=await service.import_leads(db, office, await _bytes(file)))


_FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX: {}}, "description": "An Excel workbook"}
}


@router.get(
    "/exports/students.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="The student cards as an Excel file",
)
async def export_students(office: StudentViewer, db: SessionDep) -> Response:
    return _xlsx(await service.export_students(db, office.organization_id), "students")


@router.get(
    "/exports/leads.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="The leads as an Excel file",
)
async def export_leads(office: LeadManager, db: SessionDep) -> Response:
    return _xlsx(await service.export_leads(db, office.organization_id), "leads")


@router.get(
    "/exports/debtors.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="The debtors as an Excel file",
)
async def export_debtors(office: MoneyViewer, db: SessionDep) -> Response:
    data = await service.export_debtors(db, office.organization_id, reports.today())
    return _xlsx(data, "debtors")


@router.get(
    "/exports/groups.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="The groups as an Excel file (the list's filter; a teacher: their own groups)",
)
async def export_groups(office: GroupViewer, db: SessionDep, on: date | None = None) -> Response:
    return _xlsx(await service.export_groups(db, office, on), "groups")


@router.get(
    "/exports/lessons.xlsx",
    responses={**_FILE, **error_responses(403, 404, 422)},
    response_class=Response,
    summary="The lessons of a period as an Excel file (the list's filters, up to six weeks)",
)
async def export_lessons(
    office: GroupViewer,
    db: SessionDep,
    starts_on: date,
    ends_on: date,
    group_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    room_id: uuid.UUID | None = None,
) -> Response:
    data = await service.export_lessons(
        db, office, starts_on, ends_on, group_id, teacher_id, room_id
    )
    return _xlsx(data, "lessons")


@router.get(
    "/exports/payments.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="Payments with their receipts and refunds as an Excel file, newest first",
)
async def export_payments(
    office: MoneyViewer, db: SessionDep, student_id: uuid.UUID | None = None
) -> Response:
    return _xlsx(await service.export_payments(db, office.organization_id, student_id), "payments")


@router.get(
    "/exports/money-entries.xlsx",
    responses={**_FILE, **error_responses(403, 404)},
    response_class=Response,
    summary="The audit log as an Excel file (the director; its filters)",
)
async def export_money_entries(
    office: MoneyReader,
    db: SessionDep,
    student_id: uuid.UUID | None = None,
    kind: EntryKind | None = None,
) -> Response:
    data = await service.export_money_entries(db, office.organization_id, student_id, kind)
    return _xlsx(data, "money-entries")
