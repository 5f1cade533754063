"""What several harf domains need from a request."""

import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import MaybeUser, TokenUser
from alif.db import SessionDep
from alif.dependencies import settings_of
from alif.errors import Unauthorized
from alif.subscriptions.access import has_feature, require_feature
from alif.subscriptions.features import Feature
from harf.alphabets import service as alphabets
from harf.alphabets.router import LetterNumber
from harf.alphabets.schemas import AlphabetCode
from harf.config import HarfSettings

SettingsDep = Annotated[HarfSettings, Depends(settings_of(HarfSettings))]

_needs_harf = require_feature(Feature.harf_audio)


async def open_letter(
    code: AlphabetCode,
    number: LetterNumber,
    user: MaybeUser,
    settings: SettingsDep,
    db: SessionDep,
) -> TokenUser | None:
    """The first letters of each alphabet are open to everyone; the others need a plan with
    harf (the caller's, their family's or their school's)."""
    alphabets.letter(code, number)  # an unknown letter is not found, before any plan check
    if alphabets.is_free(code, number):
        return user
    if user is None:
        raise Unauthorized()
    return await _needs_harf(settings, user, db)


OpenLetter = Annotated[TokenUser | None, Depends(open_letter)]


async def has_harf(settings: HarfSettings, user: TokenUser, db: SessionDep) -> bool:
    """Whether every letter is open to the user (the same rule as `open_letter`)."""
    return (
        Feature.harf_audio in settings.free_features
        or user.is_staff
        or await has_feature(db, user.id, Feature.harf_audio)
    )


async def child_has_harf(settings: HarfSettings, child_id: uuid.UUID, db: SessionDep) -> bool:
    """`has_harf` for a child their parent asks about (a child is never staff)."""
    return Feature.harf_audio in settings.free_features or await has_feature(
        db, child_id, Feature.harf_audio
    )
