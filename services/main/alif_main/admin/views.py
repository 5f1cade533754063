"""What every admin page shares: who the signed-in staff member is, how people and money read,
and read-only model views that show a person's name where a row holds their id."""

import enum
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, ClassVar

from sqladmin import ModelView
from sqladmin.pagination import Pagination
from sqlalchemy import Boolean, DateTime, Enum, select
from starlette.requests import Request

from alif.auth import Role, TokenUser
from alif.db import Database
from alif.kernel.models import Organization, User
from alif.ledger.service import CAP_DAY_ZONE as TASHKENT
from alif.subscriptions import SubscriptionPlan
from alif_main.admin.i18n import Text, gettext

_PEOPLE = "_alif_people"  # set on each shown row: user id -> how staff read that person


def staff_of(request: Request) -> TokenUser | None:
    staff: TokenUser | None = getattr(request.state, "staff", None)
    return staff


def money(tiyin: int) -> str:
    """Tiyin as staff read it: "19 900 so'm" (tiyin shown only when there are any)."""
    whole = f"{abs(tiyin) // 100:,}".replace(",", "\u00a0")
    cents = f",{abs(tiyin) % 100:02d}" if tiyin % 100 else ""
    currency = gettext("so'm")
    return f"{'-' if tiyin < 0 else ''}{whole}{cents}\u00a0{currency}"


def display_name(user: User) -> str:
    """A person as staff know them: their name, and how to reach them."""
    name = user.full_name
    contact = user.phone or user.email or (f"@{user.username}" if user.username else "")
    return f"{name} ({contact})" if name and contact else name or contact or str(user.id)


# Column headings staff read instead of column names; other columns get theirs from their name
# (each heading is an English message id in the catalog, translated when shown).
LABELS = {
    "id": "Id",
    "user_id": "Person",
    "owner_user_id": "Owner",
    "actor_id": "By",
    "ip_address": "IP address",
    "peer_ip": "Caller's address",
    "provider_tx_id": "Provider's id",
    "last_login_at": "Last sign-in",
}


def label(column: str) -> Text:
    """`last_used_at` -> "Last used", `plan_id` -> "Plan", `is_active` -> "Active"."""
    if column in LABELS:
        return Text(LABELS[column])
    words = column.removeprefix("is_").removesuffix("_id").removesuffix("_at").split("_")
    return Text(" ".join(words).capitalize())


def when(model: Any, attribute: Any) -> str:
    """A moment as staff in Uzbekistan read it: Tashkent time, to the minute."""
    return tashkent(getattr(model, str(getattr(attribute, "key", attribute))))


def tashkent(value: Any) -> str:
    """A moment in Tashkent time, to the minute ("07.12.2026 21:40")."""
    if not isinstance(value, datetime):
        return "" if value is None else str(value)
    return value.astimezone(TASHKENT).strftime("%d.%m.%Y %H:%M")


def choice(model: Any, attribute: Any) -> str:
    """A state or kind ("pending", "teacher") in the reader's words."""
    value = getattr(model, str(getattr(attribute, "key", attribute)))
    if value is None:
        return ""
    return gettext(value.value if isinstance(value, enum.Enum) else str(value))


def yes_no(model: Any, attribute: Any) -> str:
    value = getattr(model, str(getattr(attribute, "key", attribute)))
    return "" if value is None else gettext("Yes" if value else "No")


def person(model: Any, attribute: Any) -> str:
    """A column holding a person's (or an organization's, a plan's) id, shown by name (the view
    loaded the names for its rows)."""
    value = getattr(model, str(getattr(attribute, "key", attribute)))
    if value is None:
        return ""
    people: dict[uuid.UUID, str] = getattr(model, _PEOPLE, {})
    return people.get(value, str(value))


# Tables whose ids staff read as names, and how each row is named.
NAMED: dict[str, tuple[Any, Callable[[Any], str]]] = {
    User.__tablename__: (User, display_name),
    Organization.__tablename__: (Organization, lambda organization: organization.name),
    SubscriptionPlan.__tablename__: (SubscriptionPlan, lambda plan: f"{plan.name} ({plan.code})"),
}


class StaffView(ModelView):
    """Read-only by default: changes go through the audited actions or the audited API.

    A column that refers to a person, an organization or a plan (a foreign key, or one named in
    `people`, for tables that keep ids without a key, like the audit log) shows its name, loaded
    in one query per page and table. Relationships are left out of the details page (sqladmin
    would print the Python object).
    """

    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    admin_only: ClassVar[bool] = False
    people: ClassVar[tuple[Any, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._named: dict[str, Any] = {column.key: User for column in self.people}
        for name, column in self._mapper.columns.items():
            self._column_labels.setdefault(name, label(name))
            column_type = getattr(column.type, "impl", column.type)
            if isinstance(column_type, DateTime):
                self._list_formatters.setdefault(name, when)
                self._detail_formatters.setdefault(name, when)
            elif isinstance(column_type, Boolean):
                self._list_formatters.setdefault(name, yes_no)
                self._detail_formatters.setdefault(name, yes_no)
            elif isinstance(column_type, Enum):
                self._list_formatters.setdefault(name, choice)
                self._detail_formatters.setdefault(name, choice)
            for key in column.foreign_keys:
                if key.column.table.name in NAMED:
                    self._named[name] = NAMED[key.column.table.name][0]
        self._column_labels_value_by_key = {v: k for k, v in self._column_labels.items()}
        for name in self._named:
            self._list_formatters.setdefault(name, person)
            self._detail_formatters.setdefault(name, person)
        self._details_prop_names = [
            name for name in self._details_prop_names if name not in self._relation_names
        ]

    def search_placeholder(self) -> str:
        return ", ".join(str(self._column_labels.get(f, f)) for f in self._search_fields)

    async def _name_people(self, request: Request, rows: Iterable[Any]) -> None:
        rows = list(rows)
        wanted: dict[Any, set[Any]] = {}
        for name, model in self._named.items():
            wanted.setdefault(model, set()).update(getattr(row, name) for row in rows)
        names: dict[uuid.UUID, str] = {}
        database: Database = request.app.state.db
        async with database.sessionmaker() as db:
            for model, ids in wanted.items():
                if ids - {None}:
                    found = await db.scalars(select(model).where(model.id.in_(ids - {None})))
                    name_of = NAMED[model.__tablename__][1]
                    names.update({row.id: name_of(row) for row in found})
        for row in rows:
            setattr(row, _PEOPLE, names)

    async def list(self, request: Request) -> Pagination:
        pagination = await super().list(request)
        await self._name_people(request, pagination.rows)
        return pagination

    async def get_object_for_details(self, request: Request) -> Any:
        found = await super().get_object_for_details(request)
        if found is not None:
            await self._name_people(request, [found])
        return found

    def is_accessible(self, request: Request) -> bool:
        staff = staff_of(request)
        return staff is not None and (staff.role is Role.admin or not self.admin_only)

    def is_visible(self, request: Request) -> bool:
        return self.is_accessible(request)
