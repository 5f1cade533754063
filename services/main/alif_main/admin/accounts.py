"""The admin UI's working pages: the dashboard of what needs attention, and one account's page
where admins grant coins and change the role, each with a reason and in the audit log.

Both changes go through the same service functions as the API (`wallet.service.adjust` over
`alif.ledger`, `users.change_role`): the UI adds no rule of its own. A coin grant carries an
idempotency key made when its form is shown, so a double submit or a browser retry grants once.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqladmin import BaseView, expose
from sqladmin.flash import Flash
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from alif import ledger
from alif.auth import FRESH_SIGN_IN, STAFF_ROLES, AccountStatus, Role, TokenUser
from alif.db import Database, utcnow
from alif.errors import AppError
from alif.kernel.models import User
from alif_main.admin.i18n import Text, gettext
from alif_main.admin.views import display_name, staff_of
from alif_main.auth.service import AuthService
from alif_main.orders.models import Order
from alif_main.payments import reconciliation
from alif_main.users import service as users
from alif_main.users.service import ROLE_CHANGE_TARGETS
from alif_main.wallet import service as wallet
from alif_main.wallet.schemas import AdjustmentCreate

# Accounts that wait for staff before they can work.
APPROVED_ROLES = (Role.teacher, Role.organization)
DASHBOARD_ROWS = 50


@dataclass(frozen=True, slots=True)
class Dashboard:
    waiting: list[User]
    waiting_total: int
    flagged: list[reconciliation.FlaggedTransaction]
    buyers: dict[uuid.UUID, User]  # order id -> buyer of each flagged payment
    paid_not_activated: list[Order]
    generated_at: datetime


async def dashboard(db: AsyncSession, request: Request) -> Dashboard:
    waiting_filter = (User.status == AccountStatus.pending, User.role.in_(APPROVED_ROLES))
    waiting = list(
        await db.scalars(
            select(User).where(*waiting_filter).order_by(User.created_at).limit(DASHBOARD_ROWS)
        )
    )
    waiting_total = await db.scalar(select(func.count()).select_from(User).where(*waiting_filter))
    now = utcnow()
    report = await reconciliation.report(db, request.app.state.settings, now=now)
    return Dashboard(
        waiting=waiting,
        waiting_total=waiting_total or 0,
        flagged=report.flagged,
        buyers=await buyers_of(db, report),
        paid_not_activated=report.paid_not_activated,
        generated_at=now,
    )


async def buyers_of(db: AsyncSession, report: reconciliation.Report) -> dict[uuid.UUID, User]:
    """Order id -> its buyer, for every payment and order the report flags: staff see who paid."""
    order_ids = {item.transaction.order_id for item in report.flagged} | {
        order.id for order in report.paid_not_activated
    }
    rows = await db.execute(
        select(Order.id, User).join(User, User.id == Order.user_id).where(Order.id.in_(order_ids))
    )
    return {order_id: user for order_id, user in rows}  # noqa: C416


def _is_admin(staff: TokenUser | None) -> bool:
    return staff is not None and staff.role is Role.admin


class AccountView(BaseView):
    """One account: who it is, its coins, and (for admins) coin grants and role changes."""

    name = Text("Account tools")
    identity = "account"

    def is_accessible(self, request: Request) -> bool:
        return staff_of(request) is not None

    def is_visible(self, request: Request) -> bool:
        return False  # reached from an account's page, not from the menu

    def _back(self, request: Request, user_id: uuid.UUID) -> Response:
        return RedirectResponse(request.url_for("admin:view-account", user_id=str(user_id)), 303)

    def _sign_in_again(self, request: Request, user_id: uuid.UUID) -> Response:
        """A change needs a sign-in from the last 15 minutes (decision 67): an admin
        page left open, or a stolen cookie, is only good for reading. Nothing was changed."""
        Flash.error(
            request,
            gettext("To make changes, sign out and sign in again (needed every 15 minutes)."),
        )
        return self._back(request, user_id)

    @expose("/accounts/{user_id}", methods=["GET"], identity="account")
    async def page(self, request: Request) -> Response:
        database: Database = request.app.state.db
        user_id = _user_id(request)
        staff = staff_of(request)
        async with database.sessionmaker() as db:
            user = await db.get(User, user_id) if user_id else None
            if user is None:
                return RedirectResponse(request.url_for("admin:list", identity="user"), 303)
            balance = await ledger.balance_of(db, user.id)
        context: dict[str, Any] = {
            "user": user,
            "name": display_name(user),
            "balance": balance,
            "is_admin": _is_admin(staff),
            "is_self": staff is not None and staff.id == user.id,
            "staff_target": user.role in STAFF_ROLES,
            "roles": [r for r in Role if r in ROLE_CHANGE_TARGETS and r is not user.role],
            "role_changeable": user.role in ROLE_CHANGE_TARGETS,
            "grant_key": uuid.uuid4().hex,
        }
        return await self.templates.TemplateResponse(request, "account.html", context)

    @expose("/accounts/{user_id}/coins", methods=["POST"], identity="account-coins")
    async def grant_coins(self, request: Request) -> Response:
        staff = staff_of(request)
        user_id = _user_id(request)
        if user_id is None:
            return RedirectResponse(request.url_for("admin:list", identity="user"), 303)
        if not _is_admin(staff) or staff is None:
            Flash.error(request, gettext("Only admins grant coins."))
            return self._back(request, user_id)
        if not staff.signed_in_within(FRESH_SIGN_IN):
            return self._sign_in_again(request, user_id)
        form = await request.form()
        try:
            data = AdjustmentCreate(
                user_id=user_id,
                amount=int(str(form.get("amount", "")).strip() or "0"),
                reason=str(form.get("reason", "")).strip(),
                idempotency_key=str(form.get("key", "")),
            )
        except (ValueError, ValidationError):
            Flash.error(request, gettext("Give a whole number of coins (not 0) and a reason."))
            return self._back(request, user_id)
        database: Database = request.app.state.db
        try:
            async with database.sessionmaker() as db:
                await users.get_user(db, user_id)
                result = await wallet.adjust(db, data, actor_id=staff.id, ip_address=_ip(request))
                await db.commit()
        except AppError as error:
            Flash.error(request, gettext(error.message))
            return self._back(request, user_id)
        if result.replayed:
            Flash.warning(request, gettext("This grant was already made; nothing was added again."))
        else:
            Flash.success(
                request,
                gettext(
                    "%(amount)s coins. The balance is now %(balance)s.",
                    amount=f"{result.amount:+d}",
                    balance=result.balance,
                ),
            )
        return self._back(request, user_id)

    @expose("/accounts/{user_id}/role", methods=["POST"], identity="account-role")
    async def change_role(self, request: Request) -> Response:
        staff = staff_of(request)
        user_id = _user_id(request)
        if user_id is None:
            return RedirectResponse(request.url_for("admin:list", identity="user"), 303)
        if not _is_admin(staff) or staff is None:
            Flash.error(request, gettext("Only admins change roles."))
            return self._back(request, user_id)
        if not staff.signed_in_within(FRESH_SIGN_IN):
            return self._sign_in_again(request, user_id)
        form = await request.form()
        reason = str(form.get("reason", "")).strip()
        try:
            role = Role(str(form.get("role", "")))
        except ValueError:
            role = None
        if role is None or len(reason) < 3:
            Flash.error(request, gettext("Choose the new role and give a reason."))
            return self._back(request, user_id)
        database: Database = request.app.state.db
        auth: AuthService = request.app.state.auth
        try:
            async with database.sessionmaker() as db:
                target = await users.get_user(db, user_id)
                await users.change_role(
                    db,
                    target,
                    role,
                    auth.sessions,
                    actor_id=staff.id,
                    ip_address=_ip(request),
                    reason=reason,
                )
                await db.commit()
        except AppError as error:
            Flash.error(request, gettext(error.message))
            return self._back(request, user_id)
        Flash.success(
            request,
            gettext(
                "The role is now %(role)s; the account was signed out.", role=gettext(role.value)
            ),
        )
        return self._back(request, user_id)


def _user_id(request: Request) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(request.path_params["user_id"]))
    except ValueError:
        return None


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""
