"""Creating the first admin: there is no default account, an operator makes one on the server."""

from pydantic import TypeAdapter, ValidationError

from alif.auth import AccountStatus, Role
from alif.db import standalone_session, utcnow
from alif.errors import AppError
from alif.kernel.models import User
from alif_main.auth.passwords import SecretHasher
from alif_main.auth.service import check_password_strength
from alif_main.config import MainSettings
from alif_main.identifiers import Identifier, Password, is_phone
from alif_main.users import service as users


async def create_admin(settings: MainSettings, identifier: str, name: str, password: str) -> str:
    try:
        identifier = TypeAdapter(Identifier).validate_python(identifier)
        TypeAdapter(Password).validate_python(password)
    except ValidationError as error:
        raise SystemExit(error.errors()[0]["msg"]) from error
    try:
        check_password_strength(password, identifier)
    except AppError as error:
        raise SystemExit(error.detail_message) from error
    first_name, _, last_name = name.strip().partition(" ")
    async with standalone_session(settings) as db:
        if await users.find_by_identifier(db, identifier) is not None:
            raise SystemExit(f"An account with {identifier} exists already.")
        now = utcnow()
        db.add(
            User(
                role=Role.admin,
                status=AccountStatus.active,
                approved_at=now,
                first_name=first_name or "Admin",
                last_name=last_name,
                phone=identifier if is_phone(identifier) else None,
                phone_verified_at=now if is_phone(identifier) else None,
                email=None if is_phone(identifier) else identifier,
                email_verified_at=None if is_phone(identifier) else now,
                password_hash=await SecretHasher(1).hash(password),
            )
        )
    return f"Admin {identifier} created. Sign in at /api/main/admin or through the apps."
