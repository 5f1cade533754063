import uuid

from fastapi import APIRouter, status

from alif.db import SessionDep
from alif.errors import error_responses
from crm.dependencies import SettingsDep
from crm.lessons import service as lessons
from crm.sms import service
from crm.sms.models import SmsBatch, SmsRecipient
from crm.sms.schemas import (
    AbsencePrepare,
    BatchRead,
    Confirm,
    DebtPrepare,
    InvitePrepare,
    PaymentLinkPrepare,
    RecipientRead,
)
from crm.staff.dependencies import SmsSender
from crm.tuition import service as tuition

router = APIRouter(prefix="/organizations/{organization_id}/sms", tags=["sms"])


def _read(
    batch: SmsBatch, recipients: list[SmsRecipient], left_out: list[uuid.UUID] | None = None
) -> BatchRead:
    return BatchRead(
        id=batch.id,
        kind=batch.kind,
        status=batch.status,
        text=batch.text,
        lesson_id=batch.lesson_id,
        prepared_by_id=batch.prepared_by_id,
        confirmed_by_id=batch.confirmed_by_id,
        confirmed_at=batch.confirmed_at,
        recipients=[
            RecipientRead(
                student_id=r.student_id,
                phone=r.phone,
                text=service.render(batch.text, r.params),
                sms_id=r.sms_id,
            )
            for r in recipients
        ],
        left_out=left_out or [],
    )


@router.post(
    "/absence",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Prepare (not send) an SMS to the parents of a lesson's absent students",
)
async def prepare_absence(data: AbsencePrepare, office: SmsSender, db: SessionDep) -> BatchRead:
    view = await lessons.get_lesson(db, office, data.lesson_id)
    return _read(*await service.prepare_absence(db, office, view, data.text))


@router.post(
    "/debt",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Prepare (not send) a debt reminder to the parents of chosen debtors",
)
async def prepare_debt(data: DebtPrepare, office: SmsSender, db: SessionDep) -> BatchRead:
    return _read(*await service.prepare_debt(db, office, data.student_ids, data.text))


@router.post(
    "/invite",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Prepare (not send) an invitation to the platform for the parents of chosen students",
)
async def prepare_invite(
    data: InvitePrepare, office: SmsSender, db: SessionDep, settings: SettingsDep
) -> BatchRead:
    url = settings.parent_register_url
    return _read(*await service.prepare_invite(db, office, data.student_ids, url, data.text))


@router.post(
    "/payment-link",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Prepare (not send) an SMS with a waiting tuition link to the student's parent",
)
async def prepare_payment_link(
    data: PaymentLinkPrepare, office: SmsSender, db: SessionDep, settings: SettingsDep
) -> BatchRead:
    link = await tuition.get_link(db, office.organization_id, data.link_id)
    url = tuition.pay_url(settings, link)
    return _read(*await service.prepare_payment_link(db, office, link, url, data.text))


@router.get("/{batch_id}", responses=error_responses(403, 404), summary="A prepared or sent batch")
async def read_batch(batch_id: uuid.UUID, office: SmsSender, db: SessionDep) -> BatchRead:
    return _read(*await service.get_batch(db, office.organization_id, batch_id))


@router.post(
    "/{batch_id}/confirm",
    responses=error_responses(403, 404, 409, 422),
    summary="Send: the recipients and the text a person looked at and approved (once)",
)
async def confirm(
    batch_id: uuid.UUID, data: Confirm, office: SmsSender, db: SessionDep
) -> BatchRead:
    batch, recipients = await service.get_batch(db, office.organization_id, batch_id)
    batch = await service.confirm(db, office, batch, recipients, data.text, data.student_ids)
    return _read(batch, recipients)
