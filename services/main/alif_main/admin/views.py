"""What every admin page shares: who the signed-in staff member is, and read-only model views."""

from typing import ClassVar

from sqladmin import ModelView
from starlette.requests import Request

from alif.auth import Role, TokenUser
from alif.kernel.models import User


def staff_of(request: Request) -> TokenUser | None:
    staff: TokenUser | None = getattr(request.state, "staff", None)
    return staff


def money(tiyin: int) -> str:
    """Tiyin as staff read it: "19 900 so'm" (tiyin shown only when there are any)."""
    whole = f"{abs(tiyin) // 100:,}".replace(",", "\u00a0")
    cents = f",{abs(tiyin) % 100:02d}" if tiyin % 100 else ""
    return f"{'-' if tiyin < 0 else ''}{whole}{cents}\u00a0so'm"


def display_name(user: User) -> str:
    """A person as staff know them: their name, and how to reach them."""
    name = user.full_name
    contact = user.phone or user.email or (f"@{user.username}" if user.username else "")
    return f"{name} ({contact})" if name and contact else name or contact or str(user.id)


class StaffView(ModelView):
    """Read-only by default: changes go through the audited actions or the audited API."""

    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    admin_only: ClassVar[bool] = False

    def is_accessible(self, request: Request) -> bool:
        staff = staff_of(request)
        return staff is not None and (staff.role is Role.admin or not self.admin_only)

    def is_visible(self, request: Request) -> bool:
        return self.is_accessible(request)
