"""The public verification routes a service mounts for its own certificate table."""

from typing import Annotated

import anyio
from fastapi import APIRouter, Path
from fastapi.responses import Response

from alif.certificates.models import CertificateRecord
from alif.certificates.pdf import CertificateText, render_pdf
from alif.certificates.schemas import CertificateView
from alif.certificates.service import find_by_code
from alif.db import SessionDep
from alif.errors import error_responses

# Rendering is CPU work: off the event loop, and at most two at a time per process.
_renderers = anyio.CapacityLimiter(2)

Code = Annotated[str, Path(max_length=40, description="The code printed on the certificate")]


def text_of(record: CertificateRecord) -> CertificateText:
    return CertificateText(
        kind=record.kind,
        language=record.language,
        holder_name=record.holder_name,
        title=record.title,
        achievement=record.achievement,
        issuer=record.issuer,
        issued_at=record.issued_at,
        code=record.code,
    )


async def pdf_of(record: CertificateRecord, verify_url: str) -> bytes:
    return await anyio.to_thread.run_sync(
        render_pdf, text_of(record), verify_url, limiter=_renderers
    )


def verification_url(public_url: str, code: str) -> str:
    """The public page the QR code opens: the service's web app at /certificates/<code>."""
    return f"{public_url.rstrip('/')}/certificates/{code}"


def verification_router(model: type[CertificateRecord], public_url: str) -> APIRouter:
    """`GET /certificates/{code}` (what was printed, and whether it still stands) and
    `GET /certificates/{code}/pdf`, both public: the code is the secret (decision 51)."""
    router = APIRouter(prefix="/certificates", tags=["certificates"])

    @router.get(
        "/{code}",
        response_model=CertificateView,
        responses=error_responses(404),
        summary="Verify a certificate by its code (public)",
    )
    async def verify_certificate(code: Code, db: SessionDep) -> CertificateView:
        return CertificateView.of(await find_by_code(db, model, code))

    @router.get(
        "/{code}/pdf",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}, **error_responses(404)},
        summary="The certificate's PDF (public)",
    )
    async def certificate_pdf(code: Code, db: SessionDep) -> Response:
        record = await find_by_code(db, model, code)
        body = await pdf_of(record, verification_url(public_url, record.code))
        return Response(
            body,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{record.code}.pdf"'},
        )

    return router
