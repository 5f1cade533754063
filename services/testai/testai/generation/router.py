from fastapi import APIRouter, Depends, Request, status

from alif.db import SessionDep
from alif.dependencies import RateLimiterDep
from alif.errors import error_responses
from alif.subscriptions import Feature, require_feature
from testai.access import StaffDep
from testai.dependencies import SettingsDep
from testai.generation import service
from testai.generation.client import AIClient
from testai.generation.exceptions import AINotConfigured
from testai.generation.schemas import DroppedItems, GenerateRequest, GenerateResult
from testai.questions import service as questions

router = APIRouter(prefix="/ai", tags=["ai"])


def _client(request: Request) -> AIClient:
    client: AIClient | None = request.app.state.ai
    if client is None:
        raise AINotConfigured()
    return client


@router.post(
    "/generate",
    dependencies=[Depends(require_feature(Feature.ai_tests))],
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422, 429, 502, 503),
    summary="Generate questions with AI into a draft for review",
)
async def generate(
    data: GenerateRequest,
    request: Request,
    staff: StaffDep,
    db: SessionDep,
    settings: SettingsDep,
    limiter: RateLimiterDep,
) -> GenerateResult:
    generated = await service.generate_draft(db, staff, data, _client(request), settings, limiter)
    return GenerateResult(
        test_id=generated.quiz.id,
        requested=data.count,
        accepted=len(generated.questions),
        rounds=generated.record.rounds,
        dropped=[DroppedItems(reason=r.value, count=n) for r, n in generated.dropped.items()],
        questions=[questions.read(q) for q in generated.questions],
    )
