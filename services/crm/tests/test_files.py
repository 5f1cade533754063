"""Excel import of a messy file (headers in any language, blank rows, phones typed any way): a
report of every bad row and nothing half-imported; Excel export of the lists."""

import io
import zipfile
from datetime import datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs, make_study_group
from crm.files.router import MAX_BYTES as MAX_BYTES_OF_UPLOAD
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _book(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _upload(actor: Actor, url: str, data: bytes) -> Any:
    return await actor.client.post(
        url, headers=actor.headers, files={"file": ("import.xlsx", data, XLSX)}
    )


MESSY = [
    ["  ISM ", "Familiya", "Telefon", "Tug'ilgan sana", "Ota-ona telefoni", "Boshqa ustun"],
    ["Ali", "Valiyev", "90 123 45 67", datetime(2015, 3, 1), "+998 (93) 555-44-33", "x"],
    [None, None, None, None, None, None],
    ["Gulnoza", "Karimova", None, "2016-09-12", "998935554434", None],
    ["", "Familiyasiz", "12345", "ertaga", None, None],
    ["Oʻgʻiloy", None, None, None, None, None],
]


async def test_a_messy_student_file_is_imported_whole_or_not_at_all(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"

    refused = await _upload(director, f"{office}/imports/students", _book(MESSY))
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "import_invalid"
    assert error["details"]["checked"] == 4  # the blank row is skipped
    (bad,) = error["details"]["rows"]
    assert bad["row"] == 5
    assert {e["field"] for e in bad["errors"]} == {"first_name", "phone", "birth_date"}
    listed = (await director.get(f"{office}/students")).json()
    assert listed["items"] == []  # nothing half-imported

    fixed = [row for i, row in enumerate(MESSY) if i != 4]
    imported = await _upload(director, f"{office}/imports/students", _book(fixed))
    assert imported.status_code == 201, imported.json()
    assert imported.json() == {"created": 3}
    cards = {s["first_name"]: s for s in (await director.get(f"{office}/students")).json()["items"]}
    assert set(cards) == {"Ali", "Gulnoza", "Oʻgʻiloy"}
    assert (cards["Ali"]["phone"], cards["Ali"]["parent_phone"]) == (
        "+998901234567",
        "+998935554433",
    )
    assert cards["Gulnoza"]["birth_date"] == "2016-09-12"

    not_excel = await _upload(director, f"{office}/imports/students", b"ism,familiya\nAli,V")
    assert not_excel.json()["error"]["code"] == "not_an_excel_file"

    exported = await director.get(f"{office}/exports/students.xlsx")
    assert exported.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("first_name", "last_name", "phone")
    assert sorted(r[0] for r in rows[1:]) == ["Ali", "Gulnoza", "Oʻgʻiloy"]


async def test_leads_import_reports_each_bad_row_and_roles_are_checked(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    cashier = await login_as(Role.teacher)
    await hire(db_session, centre, cashier.user, StaffRole.cashier)
    rows = [
        ["Имя", "Телефон", "Источник", "Предмет"],
        ["Ali", "+998901234567", "instagram", "Ingliz tili"],
        ["Vali", "+998901234568", "tiktok", None],
    ]
    refused = await _upload(director, f"{office}/imports/leads", _book(rows))
    assert [r["row"] for r in refused.json()["error"]["details"]["rows"]] == [3]
    assert (await director.get(f"{office}/leads")).json()["items"] == []
    rows[2][2] = "telegram"
    assert (await _upload(director, f"{office}/imports/leads", _book(rows))).json() == {
        "created": 2
    }
    assert (await _upload(cashier, f"{office}/imports/leads", _book(rows))).status_code == 403
    assert (await _upload(cashier, f"{office}/imports/students", _book(rows))).status_code == 403
    exported = await director.get(f"{office}/exports/leads.xlsx")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Ali", "Vali"]
    assert (await cashier.get(f"{office}/exports/debtors.xlsx")).status_code == 200
    assert (await cashier.get(f"{office}/exports/leads.xlsx")).status_code == 403


def _bomb(rows: list[list[Any]]) -> bytes:
    """A real workbook with 200 MB of zeros packed beside its sheet: a few hundred kilobytes."""
    out = io.BytesIO(_book(rows))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\x00" * (200 * 1024 * 1024))
    return out.getvalue()


def _far_cell() -> bytes:
    """A workbook of a few kilobytes whose sheet claims a cell at XFD1048576: every blank cell
    up to it would be read."""
    out = io.BytesIO(_book([["Ism"], ["Ali"]]))
    with zipfile.ZipFile(out) as source:
        files = {name: source.read(name) for name in source.namelist()}
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = files["xl/worksheets/sheet1.xml"]
    files["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</sheetData>", far + b"</sheetData>"
    ).replace(b'ref="A1:A2"', b'ref="A1:XFD1048576"')
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return packed.getvalue()


async def test_a_zip_bomb_or_a_far_away_cell_is_refused_and_the_office_keeps_working(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    bomb = _bomb([["Ism"], ["Ali"]])
    assert len(bomb) < MAX_BYTES_OF_UPLOAD
    for hostile in (bomb, _far_cell()):
        refused = await _upload(director, f"{office}/imports/students", hostile)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "import_too_large"
    # A PNG named import.xlsx is not a workbook, whatever its name says.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    disguised = await _upload(director, f"{office}/imports/leads", png)
    assert disguised.json()["error"]["code"] == "not_an_excel_file"
    assert (await director.get(f"{office}/students")).json()["items"] == []  # nothing written
    imported = await _upload(director, f"{office}/imports/students", _book([["Ism"], ["Vali"]]))
    assert imported.json() == {"created": 1}  # and the next honest file goes in


def _rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return list(sheet.iter_rows(min_row=2, values_only=True))


async def test_groups_lessons_payments_and_the_audit_log_export_with_filters_and_permissions(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    office = f"/api/crm/organizations/{centre.id}"
    teacher = await login_as(Role.teacher, first_name="Nodira", last_name="Aliyeva")
    other_teacher = await login_as(Role.teacher)
    cashier = await login_as(Role.teacher)
    await hire(db_session, centre, teacher.user, StaffRole.teacher)
    await hire(db_session, centre, other_teacher.user, StaffRole.teacher)
    await hire(db_session, centre, cashier.user, StaffRole.cashier)
    groups = []
    for name, who, weekday in (("Ingliz", teacher, 0), ("Rus tili", other_teacher, 1)):
        study_group = await make_study_group(db_session, who.user, organization=centre, name=name)
        groups.append(
            (
                await director.post(
                    f"{office}/groups",
                    json={
                        "study_group_id": str(study_group.id),
                        "starts_on": "2026-09-01",
                        "monthly_price": 40_000_000,
                        "capacity": 8,
                        "schedule": [
                            {"weekday": weekday, "starts_at": "14:00", "ends_at": "15:00"}
                        ],
                    },
                )
            ).json()
        )
    await director.post(
        f"{office}/lessons/generate", json={"starts_on": "2026-09-07", "ends_on": "2026-09-13"}
    )
    ali = (await director.post(f"{office}/students", json={"first_name": "Ali"})).json()
    await cashier.post(
        f"{office}/students/{ali['id']}/payments", json={"amount": 5_000_000, "method": "cash"}
    )

    # Groups: the director gets both; the teacher, their own.
    assert [
        r[:3] for r in _rows((await director.get(f"{office}/exports/groups.xlsx")).content)
    ] == [
        ("Ingliz", None, "Nodira Aliyeva"),
        ("Rus tili", None, _name(other_teacher)),
    ]
    assert [r[0] for r in _rows((await teacher.get(f"{office}/exports/groups.xlsx")).content)] == [
        "Ingliz"
    ]
    # Lessons: the period and the group filter, as the list.
    week = {"starts_on": "2026-09-07", "ends_on": "2026-09-13"}
    lessons = _rows((await director.get(f"{office}/exports/lessons.xlsx", params=week)).content)
    assert [(r[1], r[3], r[7]) for r in lessons] == [
        ("14:00", "Ingliz", "scheduled"),
        ("14:00", "Rus tili", "scheduled"),
    ]
    one = await director.get(
        f"{office}/exports/lessons.xlsx", params={**week, "group_id": groups[1]["id"]}
    )
    assert [r[3] for r in _rows(one.content)] == ["Rus tili"]
    assert [
        r[3]
        for r in _rows((await teacher.get(f"{office}/exports/lessons.xlsx", params=week)).content)
    ] == ["Ingliz"]
    # Money: payments for the cashier; the audit log for the director only.
    payments = _rows((await cashier.get(f"{office}/exports/payments.xlsx")).content)
    assert [(r[1], r[2], r[3], r[5]) for r in payments] == [(1, "Ali", 5_000_000, "cash")]
    assert (await cashier.get(f"{office}/exports/money-entries.xlsx")).status_code == 403
    assert (await teacher.get(f"{office}/exports/payments.xlsx")).status_code == 403
    log = await director.get(f"{office}/exports/money-entries.xlsx", params={"kind": "payment"})
    assert [(r[1], r[2], r[3]) for r in _rows(log.content)] == [("Ali", "payment", 5_000_000)]
    charges = await director.get(f"{office}/exports/money-entries.xlsx", params={"kind": "charge"})
    assert _rows(charges.content) == []


def _name(actor: Actor) -> str:
    return f"{actor.user.first_name} {actor.user.last_name}".strip()
