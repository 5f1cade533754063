import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from testai.access import StaffDep
from testai.quizzes import service
from testai.quizzes.models import Quiz


async def valid_readable_quiz(test_id: uuid.UUID, staff: StaffDep, db: SessionDep) -> Quiz:
    """A test the caller wrote or their organization owns; anything else is not found."""
    return await service.get_readable(db, staff, test_id)


async def valid_editable_quiz(
    quiz: Annotated[Quiz, Depends(valid_readable_quiz)], staff: StaffDep
) -> Quiz:
    service.check_editable(staff, quiz)
    return quiz


ReadableQuiz = Annotated[Quiz, Depends(valid_readable_quiz)]
EditableQuiz = Annotated[Quiz, Depends(valid_editable_quiz)]
