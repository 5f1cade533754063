"""Without an API key the feature says it is not configured; it never fakes questions."""

from alif.auth import Role
from alif.testing import LoginAs
from testai.testing import API


async def test_without_a_key_generation_answers_503_ai_not_configured(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    response = await teacher.post(
        f"{API}/ai/generate", json={"subject": "Tarix", "grade": 7, "count": 3}
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "ai_not_configured"
