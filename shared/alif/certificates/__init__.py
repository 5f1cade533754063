"""Certificates and diplomas any service can issue: a PDF, a code that cannot be forged, a QR
code linking to the public verification page, and the verification route.

Each service keeps its own table (mix `CertificateRecord` into a model, add what links the
certificate to its olympiad or course and holder) and mounts `verification_router(...)` among its
public routers. Why a random stored code and not a signed one: decision 51.
"""

from alif.certificates.codes import new_code, normalise_code
from alif.certificates.models import CertificateKind, CertificateRecord
from alif.certificates.pdf import CertificateText, render_pdf
from alif.certificates.router import verification_router
from alif.certificates.schemas import CertificateView
from alif.certificates.service import find_by_code

__all__ = [
    "CertificateKind",
    "CertificateRecord",
    "CertificateText",
    "CertificateView",
    "find_by_code",
    "new_code",
    "normalise_code",
    "render_pdf",
    "verification_router",
]
