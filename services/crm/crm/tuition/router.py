import uuid

from fastapi import APIRouter, status

from alif.db import SessionDep
from alif.errors import error_responses
from alif.tuition import TuitionLink
from crm.config import CrmSettings
from crm.dependencies import SettingsDep
from crm.staff.dependencies import MoneyViewer, PaymentRequester
from crm.tuition import service
from crm.tuition.schemas import PaymentLinkCreate, PaymentLinkRead

router = APIRouter(prefix="/organizations/{organization_id}", tags=["tuition"])


def _read(link: TuitionLink, settings: CrmSettings) -> PaymentLinkRead:
    return PaymentLinkRead(
        id=link.id,
        student_id=link.student_id,
        amount=link.amount,
        month=link.month,
        status=link.status,
        url=service.pay_url(settings, link),
        created_at=link.created_at,
        created_by_id=link.created_by_id,
        paid_at=link.paid_at,
        payment_entry_id=link.payment_entry_id,
        cancelled_at=link.cancelled_at,
    )


@router.post(
    "/students/{student_id}/payment-links",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="A Payme/Click link for the family to pay a month's tuition (send it by SMS)",
)
async def create_link(
    student_id: uuid.UUID,
    data: PaymentLinkCreate,
    office: PaymentRequester,
    db: SessionDep,
    settings: SettingsDep,
) -> PaymentLinkRead:
    link = await service.create_link(
        db, office, student_id, data.amount, data.month, data.idempotency_key
    )
    return _read(link, settings)


@router.get(
    "/students/{student_id}/payment-links",
    responses=error_responses(403, 404),
    summary="A student's payment links, newest first, each waiting, paid, cancelled or refunded",
)
async def list_links(
    student_id: uuid.UUID, office: MoneyViewer, db: SessionDep, settings: SettingsDep
) -> list[PaymentLinkRead]:
    links = await service.links_of_student(db, office.organization_id, student_id)
    return [_read(link, settings) for link in links]


@router.post(
    "/payment-links/{link_id}/cancel",
    responses=error_responses(403, 404, 409),
    summary="Withdraw a link that is still waiting (a payment already made still lands)",
)
async def cancel_link(
    link_id: uuid.UUID, office: PaymentRequester, db: SessionDep, settings: SettingsDep
) -> PaymentLinkRead:
    link = await service.cancel_link(db, office.organization_id, link_id)
    return _read(link, settings)
