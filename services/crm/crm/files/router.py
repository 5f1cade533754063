from typing import Annotated, Any

from fastapi import APIRouter, File, Response, UploadFile, status

from alif.db import SessionDep
from alif.errors import error_responses
from crm.files import service
from crm.files.exceptions import ImportTooLarge
from crm.files.schemas import Imported
from crm.money import reports
from crm.staff.dependencies import LeadManager, MoneyViewer, StudentManager, StudentViewer

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
