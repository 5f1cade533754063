"""Helpers for lessions' tests: a course built through HTTP, as a teacher would build it."""

import secrets
from typing import Any

from alif.testing import Actor

API = "/api/lessions"


def text(markdown: str = "Bugun **sanashni** o'rganamiz.") -> dict[str, Any]:
    return {"type": "text", "markdown": markdown}


def quiz(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"type": "quiz", "questions": list(questions) or [two_plus_two()]}


def two_plus_two() -> dict[str, Any]:
    return {
        "type": "single",
        "text": "2 + 2 = ?",
        "options": [{"text": "3"}, {"text": "4", "correct": True}, {"text": "5"}],
    }


def lesson(title: str = "Sanash", **fields: Any) -> dict[str, Any]:
    return {"title": title, "blocks": [text()], **fields}


def key() -> str:
    return secrets.token_hex(8)


async def build_course(
    author: Actor, *lessons: dict[str, Any], publish: bool = True, **course: Any
) -> dict[str, Any]:
    """A course with one module and these lessons (each published), itself published; returns
    the course as its author reads it."""
    made = await author.post(f"{API}/courses", json={"title": "Matematika 1", **course})
    assert made.status_code == 201, made.text
    course_id = made.json()["id"]
    module = await author.post(f"{API}/courses/{course_id}/modules", json={"title": "Sonlar"})
    assert module.status_code == 201, module.text
    for data in lessons or (lesson(),):
        added = await author.post(
            f"{API}/courses/{course_id}/lessons", json={**data, "module_id": module.json()["id"]}
        )
        assert added.status_code == 201, added.text
        if publish:
            published = await author.post(f"{API}/lessons/{added.json()['id']}/publish")
            assert published.status_code == 200, published.text
    if publish:
        assert (await author.post(f"{API}/courses/{course_id}/publish")).status_code == 200
    found = await author.get(f"{API}/courses/{course_id}")
    assert found.status_code == 200
    result: dict[str, Any] = found.json()
    return result
