from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.assessment.schemas import QuestionIn
from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, page_of
from testai.access import StaffDep
from testai.questions import service
from testai.questions.dependencies import BankQuestion, EditableBankQuestion
from testai.questions.schemas import BankQuery, BankQuestionCreate, QuestionRead

router = APIRouter(prefix="/bank/questions", tags=["bank"])


@router.get("", summary="My question bank and my organization's")
async def search_bank(
    staff: StaffDep,
    db: SessionDep,
    query: Annotated[BankQuery, Query()],
) -> Page[QuestionRead]:
    return page_of(await service.search_bank(db, staff, query), query, service.read)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 422),
    summary="Add a question to the bank",
)
async def create_bank_question(
    data: BankQuestionCreate, staff: StaffDep, db: SessionDep
) -> QuestionRead:
    question_data = QuestionIn.model_validate(data.model_dump(exclude={"organization_id"}))
    return service.read(
        await service.create_bank_question(db, staff, question_data, data.organization_id)
    )


@router.get("/{question_id}", responses=error_responses(404))
async def get_bank_question(question: BankQuestion) -> QuestionRead:
    return service.read(question)


@router.put("/{question_id}", responses=error_responses(403, 404, 422))
async def update_bank_question(
    question: EditableBankQuestion, data: QuestionIn, db: SessionDep
) -> QuestionRead:
    return service.read(await service.update_bank_question(db, question, data))


@router.delete(
    "/{question_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(403, 404)
)
async def delete_bank_question(question: EditableBankQuestion, db: SessionDep) -> None:
    await service.delete_bank_question(db, question)
