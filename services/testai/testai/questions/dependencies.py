import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from testai.access import StaffDep
from testai.questions import service
from testai.questions.models import Question


async def valid_bank_question(question_id: uuid.UUID, staff: StaffDep, db: SessionDep) -> Question:
    """A bank question of mine or my organization's; anyone else's is not found."""
    return await service.get_bank_question(db, staff, question_id)


async def valid_editable_bank_question(
    question: Annotated[Question, Depends(valid_bank_question)], staff: StaffDep
) -> Question:
    service.check_editable(staff, question)
    return question


BankQuestion = Annotated[Question, Depends(valid_bank_question)]
EditableBankQuestion = Annotated[Question, Depends(valid_editable_bank_question)]
