"""The staff admin UI (sqladmin) at `/api/main/admin`.

Staff sign in with their own account (admin or moderator role, same password and rate limits as the
API); the admin session is a real `AuthSession`, so blocking a staff member or logging them out
everywhere ends it too. The UI only reads, and changes accounts through the same service functions
as the API, so every change is audited. Its cookie is SameSite=Strict: sqladmin's actions are GET
links, and a strict cookie is never sent with a link followed from another site.
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ClassVar

from fastapi import FastAPI
from pydantic import ValidationError
from sqladmin import Admin, action
from sqladmin.authentication import AuthenticationBackend, login_required
from sqladmin.flash import Flash
from sqladmin.i18n import I18nConfig
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from alif.auth import STAFF_ROLES, AccountStatus, TokenUser
from alif.db import Database, utcnow
from alif.errors import AppError
from alif.kernel.models import Organization, OrganizationMember, User
from alif_main.admin import i18n
from alif_main.admin.accounts import AccountView, dashboard
from alif_main.admin.i18n import Text, gettext
from alif_main.admin.money import MONEY_VIEWS, ReconciliationView
from alif_main.admin.views import StaffView, display_name, money, staff_of, tashkent
from alif_main.audit.models import AuditLog
from alif_main.auth.models import AuthSession, SessionKind
from alif_main.auth.service import AuthService, Client
from alif_main.config import MainSettings
from alif_main.identifiers import normalize_identifier
from alif_main.users import service as users

ADMIN_PATH = "/api/main/admin"
ADMIN_COOKIE = "alif_admin"


class _SessionFactory:
    """sqladmin wants a session factory when it is mounted; the database exists only once the app
    starts (and tests swap it), so this one looks it up at every call."""

    class_ = AsyncSession

    def __init__(self, app: FastAPI) -> None:
        self._app = app

    def configure(self, **_: Any) -> None:
        return None

    def __call__(self, **kwargs: Any) -> AsyncSession:
        database: Database = self._app.state.db
        return database.sessionmaker(**kwargs)


@asynccontextmanager
async def _transaction(app: FastAPI) -> AsyncIterator[AsyncSession]:
    database: Database = app.state.db
    async with database.sessionmaker() as session:
        yield session
        await session.commit()


class StaffAuthentication(AuthenticationBackend):
    def __init__(self, settings: MainSettings, secret: str) -> None:
        super().__init__(
            secret_key=secret,
            session_cookie=ADMIN_COOKIE,
            path=ADMIN_PATH,
            max_age=8 * 3600,
            same_site="strict",
            https_only=settings.cookie_secure,
        )

    async def login(self, request: Request) -> bool:
        form = await request.form()
        try:
            identifier = normalize_identifier(str(form.get("username", "")))
        except ValueError:
            return False
        auth: AuthService = request.app.state.auth
        client = Client(
            ip_address=request.client.host if request.client else "unknown",
            user_agent=request.headers.get("user-agent", ""),
            session_kind=SessionKind.admin,
        )
        try:
            async with _transaction(request.app) as db:
                issued = await auth.login(db, identifier, str(form.get("password", "")), client)
                if issued.user.role not in STAFF_ROLES:
                    await auth.sessions.revoke(db, issued.session, "not_staff")
                    return False
        except (AppError, ValidationError):
            return False
        request.session.update(
            {"session_id": str(issued.session.id), "user_id": str(issued.user.id)}
        )
        return True

    async def logout(self, request: Request) -> bool:
        session_id = request.session.get("session_id")
        if session_id:
            auth: AuthService = request.app.state.auth
            async with _transaction(request.app) as db:
                auth_session = await db.get(AuthSession, uuid.UUID(session_id))
                if auth_session is not None:
                    await auth.sessions.revoke(db, auth_session, "logout")
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        session_id = request.session.get("session_id")
        if not session_id:
            return False
        async with _transaction(request.app) as db:
            auth_session = await db.get(AuthSession, uuid.UUID(session_id))
            user = await db.get(User, auth_session.user_id) if auth_session else None
        if (
            auth_session is None
            or user is None
            or not auth_session.is_live(utcnow())
            or user.role not in STAFF_ROLES
            or user.status is not AccountStatus.active
        ):
            request.session.clear()
            return False
        i18n.use_account_language(user.language)
        request.state.staff = TokenUser(
            id=user.id,
            role=user.role,
            status=user.status,
            session_id=auth_session.id,
            token_id="admin",
            expires_at=auth_session.expires_at,
            signed_in_at=auth_session.created_at,  # the admin session begins at its sign-in
        )
        return True


class StaffAdmin(Admin):
    """sqladmin with a home page that lists what needs attention, and a sign-in form that keeps
    what was typed when the password was wrong."""

    @login_required
    async def index(self, request: Request) -> Response:
        async with _transaction(request.app) as db:
            context = {"board": await dashboard(db, request), "title": gettext("Needs attention")}
        return await self.templates.TemplateResponse(request, "dashboard.html", context)

    async def login(self, request: Request) -> Response:
        if request.method == "GET" or self.authentication_backend is None:
            return await super().login(request)
        if await self.authentication_backend.login(request):
            return RedirectResponse(request.url_for("admin:index"), 302)
        form = await request.form()  # starlette keeps the form the backend already read
        context = {
            "error": gettext("Wrong phone, e-mail or password."),
            "identifier": str(form.get("username", "")),
        }
        return await self.templates.TemplateResponse(
            request, "sqladmin/login.html", context, status_code=400
        )


AccountChange = Callable[[AsyncSession, User, TokenUser, str], Awaitable[Any]]


class NotApplicable(Exception):
    """An action that does not apply to an account in its state (unblocking an active one)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UserAdmin(StaffView, model=User):
    name = Text("Account")
    name_plural = Text("Accounts")
    icon = "fa-solid fa-user"
    column_list: ClassVar[list[Any]] = [
        User.first_name,
        User.last_name,
        User.role,
        User.status,
        User.phone,
        User.email,
        User.username,
        User.created_at,
        User.last_login_at,
    ]
    column_searchable_list: ClassVar[list[Any]] = [
        User.first_name,
        User.last_name,
        User.phone,
        User.email,
        User.username,
    ]
    column_sortable_list: ClassVar[list[Any]] = [User.created_at, User.last_login_at, User.status]
    column_default_sort: ClassVar[list[Any]] = [(User.created_at, True)]
    column_details_exclude_list: ClassVar[list[Any]] = [User.password_hash, User.pin_hash]

    async def _apply(self, request: Request, change: AccountChange, done: str) -> Response:
        """Apply `change` to each selected account it applies to, then say what happened: how
        many were changed, and which were left as they were and why."""
        staff = staff_of(request)
        ip_address = request.client.host if request.client else ""
        pks = [pk for pk in request.query_params.get("pks", "").split(",") if pk]
        changed, skipped = 0, []
        if staff is not None:
            async with _transaction(request.app) as db:
                for pk in pks:
                    target = await users.get_user(db, uuid.UUID(pk))
                    try:
                        async with db.begin_nested():
                            await change(db, target, staff, ip_address)
                        changed += 1
                    except (AppError, NotApplicable) as error:
                        skipped.append(f"{display_name(target)}: {gettext(error.message)}")
        if changed:
            Flash.success(request, f"{gettext(done)}: {changed}.")
        if skipped:
            Flash.warning(request, gettext("Left as they were:") + " " + "; ".join(skipped))
        return RedirectResponse(request.url_for("admin:list", identity=self.identity), 303)

    @action(name="manage", label=Text("Coins and role"), add_in_list=False)
    async def manage(self, request: Request) -> Response:
        pk = request.query_params.get("pks", "").split(",")[0]
        return RedirectResponse(request.url_for("admin:view-account", user_id=pk), 303)

    # On an account's details page the one action is "Coins and role": its page offers only the
    # actions that apply to the account in its state. The list's bulk actions say what they skip.
    @action(
        name="approve",
        label=Text("Approve"),
        add_in_detail=False,
        confirmation_message=Text("Approve these accounts?"),
    )
    async def approve(self, request: Request) -> Response:
        async def change(db: AsyncSession, target: User, staff: TokenUser, ip: str) -> None:
            await users.approve_account(db, target, actor_id=staff.id, ip_address=ip)

        return await self._apply(request, change, Text("Approved"))

    @action(
        name="block",
        label=Text("Block"),
        add_in_detail=False,
        confirmation_message=Text("Block and sign out these accounts?"),
    )
    async def block(self, request: Request) -> Response:
        auth: AuthService = request.app.state.auth

        async def change(db: AsyncSession, target: User, staff: TokenUser, ip: str) -> None:
            if target.status is AccountStatus.blocked:
                raise NotApplicable("This account is already blocked.")
            await users.block_account(
                db,
                target,
                auth.sessions,
                actor=staff,
                reason="blocked in the admin UI",
                ip_address=ip,
            )

        return await self._apply(request, change, Text("Blocked and signed out"))

    @action(
        name="unblock",
        label=Text("Unblock"),
        add_in_detail=False,
        confirmation_message=Text("Unblock these accounts?"),
    )
    async def unblock(self, request: Request) -> Response:
        async def change(db: AsyncSession, target: User, staff: TokenUser, ip: str) -> None:
            if target.status is not AccountStatus.blocked:
                raise NotApplicable("This account is not blocked.")
            await users.unblock_account(db, target, actor_id=staff.id, ip_address=ip)

        return await self._apply(request, change, Text("Unblocked"))


class OrganizationAdmin(StaffView, model=Organization):
    name = Text("Organization")
    name_plural = Text("Organizations")
    icon = "fa-solid fa-school"
    column_list: ClassVar[list[Any]] = [
        Organization.name,
        Organization.kind,
        Organization.region,
        Organization.district,
        Organization.phone,
        Organization.created_at,
    ]
    column_searchable_list: ClassVar[list[Any]] = [Organization.name, Organization.district]


class MembershipAdmin(StaffView, model=OrganizationMember):
    people: ClassVar[tuple[Any, ...]] = (OrganizationMember.user_id,)
    name = Text("Membership")
    name_plural = Text("Memberships")
    icon = "fa-solid fa-people-group"
    column_list: ClassVar[list[Any]] = [
        OrganizationMember.organization_id,
        OrganizationMember.user_id,
        OrganizationMember.role,
        OrganizationMember.status,
        OrganizationMember.created_at,
    ]


class SessionAdmin(StaffView, model=AuthSession):
    people: ClassVar[tuple[Any, ...]] = (AuthSession.user_id,)
    name = Text("Session")
    name_plural = Text("Sessions")
    icon = "fa-solid fa-key"
    admin_only = True
    column_list: ClassVar[list[Any]] = [
        AuthSession.user_id,
        AuthSession.kind,
        AuthSession.ip_address,
        AuthSession.created_at,
        AuthSession.last_used_at,
        AuthSession.revoked_at,
        AuthSession.revoke_reason,
    ]
    column_default_sort: ClassVar[list[Any]] = [(AuthSession.last_used_at, True)]


class AuditLogAdmin(StaffView, model=AuditLog):
    people: ClassVar[tuple[Any, ...]] = (AuditLog.actor_id,)
    name = Text("Audit entry")
    name_plural = Text("Audit log")
    icon = "fa-solid fa-clipboard-list"
    admin_only = True
    column_list: ClassVar[list[Any]] = [
        AuditLog.created_at,
        AuditLog.actor_id,
        AuditLog.action,
        AuditLog.target_type,
        AuditLog.target_id,
        AuditLog.ip_address,
    ]
    column_searchable_list: ClassVar[list[Any]] = [AuditLog.action, AuditLog.target_id]
    column_default_sort: ClassVar[list[Any]] = [(AuditLog.created_at, True)]


MODEL_VIEWS: tuple[type[StaffView], ...] = (
    UserAdmin,
    OrganizationAdmin,
    MembershipAdmin,
    SessionAdmin,
    AuditLogAdmin,
    *MONEY_VIEWS,
)


def mount_admin(app: FastAPI, settings: MainSettings, secret: str) -> Admin:
    admin = StaffAdmin(
        app,
        session_maker=_SessionFactory(app),  # type: ignore[arg-type]
        base_url=ADMIN_PATH,
        title="ALIF24 admin",
        authentication_backend=StaffAuthentication(settings, secret),
        templates_dir=str(Path(__file__).parent / "templates"),
        middlewares=[
            Middleware(i18n.AdminLanguage, cookie_path=ADMIN_PATH, secure=settings.cookie_secure)
        ],
    )
    # Inside the admin, `request.app` is sqladmin's own sub-application: give it the main app's
    # state, so the views reach the same database, auth service and settings.
    admin.admin.state = app.state
    # sqladmin's templates and ours read their words from our catalog, and its top bar offers
    # the three languages (its switcher links `?lang=`, which `AdminLanguage` keeps).
    templates = admin.templates.env
    templates.install_gettext_callables(gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    templates.globals["i18n_config"] = I18nConfig(language_switcher=list(i18n.LANGUAGES))
    templates.globals["get_locale"] = i18n.current
    templates.globals["get_locale_display_name"] = i18n.display_name
    templates.globals["money"] = money
    templates.globals["display_name"] = display_name
    templates.globals["tashkent"] = tashkent
    for view in MODEL_VIEWS:
        admin.add_view(view)
    admin.add_view(ReconciliationView)
    admin.add_view(AccountView)
    return admin
