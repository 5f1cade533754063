import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from alif.db import SessionDep
from alif.errors import error_responses
from testai.attempts.schemas import AttemptRead
from testai.attempts.service import Policy
from testai.attempts.views import attempt_read
from testai.dependencies import SettingsDep
from testai.quizzes.dependencies import ReadableQuiz
from testai.results import service
from testai.results.schemas import ResultsReport

router = APIRouter(prefix="/tests", tags=["results"])


@router.get(
    "/{test_id}/results",
    responses=error_responses(404),
    summary="Every student's grade, the distribution and per-question statistics",
)
async def test_results(quiz: ReadableQuiz, db: SessionDep, settings: SettingsDep) -> ResultsReport:
    return await service.report(db, quiz, Policy.of(settings))


@router.get(
    "/{test_id}/results.csv",
    responses={200: {"content": {"text/csv": {}}}, **error_responses(404)},
    response_class=Response,
    summary="The results as a spreadsheet",
)
async def test_results_csv(quiz: ReadableQuiz, db: SessionDep, settings: SettingsDep) -> Response:
    report = await service.report(db, quiz, Policy.of(settings))
    return Response(
        content=service.to_csv(report).encode("utf-8-sig"),  # the BOM makes Excel read UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="results-{quiz.id}.csv"'},
    )


@router.get(
    "/{test_id}/attempts/{attempt_id}",
    responses=error_responses(404),
    summary="One student's attempt, answers and key included",
)
async def test_attempt(quiz: ReadableQuiz, attempt_id: uuid.UUID, db: SessionDep) -> AttemptRead:
    attempt = await service.attempt_of_test(db, quiz, attempt_id)
    return await attempt_read(db, attempt, quiz, teacher=True)
