"""Without an API key the feature says it is not configured; it never fakes questions."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.subscriptions import Feature
from alif.testing import LoginAs, subscribe
from testai.testing import API


async def test_without_a_key_generation_answers_503_ai_not_configured(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    await subscribe(db_session, teacher.user, Feature.ai_tests)
    response = await teacher.post(
        f"{API}/ai/generate", json={"subject": "Tarix", "grade": 7, "count": 3}
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "ai_not_configured"
