import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser, ParentUser
from alif.db import SessionDep
from alif.kernel.queries import is_guardian
from harf.exercises import service
from harf.exercises.exceptions import ChildNotFound
from harf.exercises.models import Exercise


async def valid_exercise(exercise_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Exercise:
    """The signed-in user's exercise; another user's is not found."""
    return await service.get_exercise(db, user.id, exercise_id)


async def valid_child(child_id: uuid.UUID, parent: ParentUser, db: SessionDep) -> uuid.UUID:
    """A child of the signed-in parent; any other user is not found."""
    if not await is_guardian(db, parent.id, child_id):
        raise ChildNotFound()
    return child_id


ExerciseDep = Annotated[Exercise, Depends(valid_exercise)]
ChildDep = Annotated[uuid.UUID, Depends(valid_child)]
