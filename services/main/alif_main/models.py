"""Every table main owns, for alembic (the `alif.models` entry point)."""

from alif_main.audit.models import AuditLog
from alif_main.auth.models import AuthSession, RefreshToken
from alif_main.family.models import FamilyInvitation
from alif_main.verification.models import VerificationCode

__all__ = ["AuditLog", "AuthSession", "FamilyInvitation", "RefreshToken", "VerificationCode"]
