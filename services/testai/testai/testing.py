"""Helpers for testai's tests: groups to assign to, questions of every type, a finished test.

Tests directories are not packages, so what several test modules share lives here.
"""

import secrets
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import StudyGroup, StudyGroupMember, User
from alif.testing import Actor

API = "/api/testai"


async def make_group(
    db: AsyncSession,
    teacher: User,
    students: list[User],
    *,
    organization_id: uuid.UUID | None = None,
) -> StudyGroup:
    """A study group as main would have made it (main owns the table; tests may seed it)."""
    group = StudyGroup(
        teacher_id=teacher.id,
        organization_id=organization_id,
        name="5-A",
        subject="Matematika",
        grade=5,
        join_code=secrets.token_hex(4).upper(),
    )
    db.add(group)
    await db.flush()
    db.add_all(StudyGroupMember(group_id=group.id, student_id=s.id) for s in students)
    await db.flush()
    return group


def single(text: str, options: list[str], correct: int | None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "single",
        "text": text,
        "options": [{"text": o, "correct": i == correct} for i, o in enumerate(options)],
        **extra,
    }


def multiple(text: str, options: list[str], correct: set[int], **extra: Any) -> dict[str, Any]:
    return {
        "type": "multiple",
        "text": text,
        "options": [{"text": o, "correct": i in correct} for i, o in enumerate(options)],
        **extra,
    }


def every_type() -> list[dict[str, Any]]:
    """One question of each type, 10 points in all."""
    return [
        single("2 + 2 = ?", ["3", "4", "5", "22"], 1, points=2, explanation="Ikki va ikki"),
        multiple("Juft sonlar", ["2", "3", "4", "5"], {0, 2}, points=2),
        {"type": "true_false", "text": "Yer yumaloq.", "truth": True, "points": 2},
        {
            "type": "short_answer",
            "text": "Oʻzbekiston poytaxti?",
            "accepted_answers": ["Toshkent", "Tashkent"],
            "points": 2,
        },
        {
            "type": "numeric",
            "text": "π ni 2 xonagacha yozing",
            "numeric_answer": 3.14,
            "tolerance": 0.005,
            "points": 2,
        },
    ]


async def published_test(
    teacher: Actor, questions: list[dict[str, Any]], **settings: Any
) -> dict[str, Any]:
    created = await teacher.post(f"{API}/tests", json={"title": "Nazorat ishi", **settings})
    assert created.status_code == 201, created.text
    test = created.json()
    added = await teacher.post(
        f"{API}/tests/{test['id']}/questions/bulk", json={"questions": questions}
    )
    assert added.status_code == 201, added.text
    published = await teacher.post(f"{API}/tests/{test['id']}/publish")
    assert published.status_code == 200, published.text
    body: dict[str, Any] = published.json()
    return body


def answer_for(question: dict[str, Any], key: dict[str, Any], right: bool) -> dict[str, Any]:
    """A right (or wrong) answer to a question the student sees, from the teacher's key."""
    options = [o["id"] for o in question["options"]]
    match question["type"]:
        case "single":
            correct = [o["id"] for o in key["options"] if o["correct"]]
            return {"choice": correct if right else [next(i for i in options if i not in correct)]}
        case "multiple":
            correct = [o["id"] for o in key["options"] if o["correct"]]
            return {"choice": correct if right else [i for i in options if i not in correct]}
        case "true_false":
            return {"truth": key["truth"] if right else not key["truth"]}
        case "short_answer":
            return {"text": key["accepted_answers"][0] if right else "bilmayman"}
        case _:
            return {"text": str(key["numeric_answer"]) if right else "0"}
