"""What every admin page shares: who the signed-in staff member is, and read-only model views."""

from typing import ClassVar

from sqladmin import ModelView
from starlette.requests import Request

from alif.auth import Role, TokenUser


def staff_of(request: Request) -> TokenUser | None:
    staff: TokenUser | None = getattr(request.state, "staff", None)
    return staff


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
