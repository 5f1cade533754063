"""crm: every operation × every role answers as its table says (issue 21 §1).

The world's centre is A's school, furnished through its director's API (crm.testing), A's teacher
hired as its teacher. crm's own staff roles (administrator, cashier...) have their own tests
(services/crm/tests); here the platform's roles meet the office."""

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.kernel.models import Organization
from alif.testing import TestKeys, authorization_mismatches, make_authz_world, make_user
from crm.app import create_crm_app
from crm.config import CrmSettings
from crm.testing import WRITE_BODIES, furnish_centre, with_ids

PREFIX = "/api/crm/organizations/{organization_id}"

# Everyone outside the office does not find it (another school's teacher, the platform's staff
# included: tenant isolation, services/crm/tests/test_tenant_matrix.py has the objects' side).
# Its director runs it all; its teacher sees the timetable and marks attendance, not the money,
# the leads or the students' cards.
DIRECTOR = "anonymous:401 teacher:403 organization:ok *:404"
STAFF = "anonymous:401 teacher,organization:ok *:404"

# operationId → the answer for each role (alif.testing.parse_expectation).
EXPECTED: dict[str, str] = {
    "staff-my_offices": "anonymous:401 *:ok",  # the offices I work in: maybe none
    **dict.fromkeys(
        (
            "groups-list_enrolments",
            "groups-list_groups",
            "groups-list_rooms",
            "groups-read_group",
            "lessons-list_holidays",
            "files-export_groups",
            "files-export_lessons",
            "lessons-list_lessons",
            "lessons-mark",
            "lessons-read_lesson",
            "staff-my_office",
        ),
        STAFF,
    ),
    **dict.fromkeys(
        (
            "dashboard-dashboard",
            "files-export_debtors",
            "files-export_leads",
            "files-export_money_entries",
            "files-export_payments",
            "files-export_students",
            "files-import_leads",
            "files-import_students",
            "groups-add_group",
            "groups-add_room",
            "groups-change_group",
            "groups-enrol",
            "groups-freeze",
            "groups-leave",
            "groups-set_discount",
            "groups-transfer",
            "groups-unfreeze",
            "leads-add_activity",
            "leads-add_lead",
            "leads-add_stage",
            "leads-change_lead",
            "leads-change_stage",
            "leads-convert_lead",
            "leads-list_activities",
            "leads-list_leads",
            "leads-list_stages",
            "leads-lose_lead",
            "leads-read_lead",
            "lessons-add_holiday",
            "lessons-add_makeup",
            "lessons-cancel",
            "lessons-generate",
            "lessons-move",
            "money-audit_log",
            "money-debtors",
            "money-pay",
            "money-receipt",
            "money-reconciliation",
            "money-refund",
            "money-run_charges",
            "money-set_rate",
            "money-student_money",
            "money-teachers_pay",
            "sms-confirm",
            "sms-prepare_absence",
            "sms-prepare_debt",
            "sms-prepare_invite",
            "sms-prepare_payment_link",
            "sms-read_batch",
            "staff-add_staff",
            "staff-change_role",
            "staff-list_staff",
            "staff-remove_staff",
            "students-add_student",
            "students-change_student",
            "students-list_students",
            "students-read_student",
            "students-student_history",
            "tuition-cancel_link",
            "tuition-create_link",
            "tuition-list_links",
        ),
        DIRECTOR,
    ),
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_crm_app(CrmSettings(**settings_values))


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    school = await db_session.get(Organization, uuid.UUID(world.ids["organization_id"]))
    assert school is not None
    await make_user(db_session, role=world.user("teacher").role, phone="+998935554433")
    ids = await furnish_centre(
        db_session, world.actors["organization"], school, world.user("teacher")
    )
    world.ids |= ids
    document = app.openapi()
    requests: dict[str, dict[str, Any]] = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            key = (method.upper(), path.removeprefix(PREFIX))
            if key in WRITE_BODIES and WRITE_BODIES[key] is not None:
                requests[operation["operationId"]] = {"json": with_ids(WRITE_BODIES[key], ids)}
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
