"""Helpers for olimp's tests: an olympiad built through HTTP as an organizer would, and the
clock moved by changing the dates (tests never wait)."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import StudentProfile, User
from alif.testing import Actor, LoginAs, make_child
from olimp.olympiads.models import Olympiad, Round

OLYMPIADS = "/api/olimp/olympiads"


def olympiad_body(**overrides: Any) -> dict[str, Any]:
    """Registration open now, one round in two hours with a 3-point and a 5-point section."""
    now = utcnow()
    body: dict[str, Any] = {
        "title": {"uz": "Matematika olimpiadasi", "ru": "Олимпиада по математике"},
        "subject": "math",
        "grade_min": 3,
        "grade_max": 6,
        "registration_opens_at": (now - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (now + timedelta(hours=1)).isoformat(),
        "rounds": [
            {
                "opens_at": (now + timedelta(hours=2)).isoformat(),
                "closes_at": (now + timedelta(hours=4)).isoformat(),
                "duration_minutes": 60,
                "start_bonus": 10,
                "freeze_minutes": 30,
                "sections": [{"points": 3, "penalty": 0.75}, {"points": 5, "penalty": 1.25}],
            }
        ],
    }
    body.update(overrides)
    return body


def choice(text: str, right: str, *wrong: str) -> dict[str, Any]:
    options = [{"text": right, "correct": True}, *({"text": w} for w in wrong)]
    return {"type": "single", "text": text, "options": options}


async def build_olympiad(
    organizer: Actor, *, publish: bool = True, **overrides: Any
) -> dict[str, Any]:
    """An olympiad with two questions in each section of its first round."""
    created = await organizer.post(OLYMPIADS, json=olympiad_body(**overrides))
    assert created.status_code == 201, created.text
    olympiad: dict[str, Any] = created.json()
    round_ = olympiad["rounds"][0]
    url = f"{OLYMPIADS}/{olympiad['id']}/rounds/{round_['id']}/questions"
    for section, questions in zip(
        round_["sections"],
        [
            [choice("2 + 2 = ?", "4", "3", "5"), choice("3 · 3 = ?", "9", "6", "8")],
            [choice("10 − 7 = ?", "3", "2", "4"), choice("12 : 4 = ?", "3", "4", "6")],
        ],
        strict=False,
    ):
        for question in questions:
            added = await organizer.post(
                url, json={"section_id": section["id"], "question": question}
            )
            assert added.status_code == 201, added.text
    if publish:
        published = await organizer.post(f"{OLYMPIADS}/{olympiad['id']}/publish")
        assert published.status_code == 200, published.text
        olympiad = published.json()
    return olympiad


async def open_round(db: AsyncSession, round_id: str, *, minutes_left: int = 120) -> None:
    """The round has just opened and closes in `minutes_left`; registration has closed."""
    round_ = await db.get(Round, uuid.UUID(round_id))
    assert round_ is not None
    now = utcnow()
    round_.opens_at, round_.closes_at = (
        now - timedelta(minutes=1),
        now + timedelta(minutes=minutes_left),
    )
    olympiad = await db.get(Olympiad, round_.olympiad_id)
    assert olympiad is not None
    olympiad.registration_closes_at = now - timedelta(minutes=2)
    await db.flush()


async def in_grade(db: AsyncSession, student: User, grade: int, school: str = "") -> User:
    profile = await db.get(StudentProfile, student.id)
    assert profile is not None
    profile.grade, profile.school_name = grade, school
    await db.flush()
    return student


async def registered_child(
    db: AsyncSession, login_as: LoginAs, olympiad: dict[str, Any], grade: int = 4, **body: Any
) -> Actor:
    """A parent registers their new child (in `grade`); the child, signed in, is returned."""
    parent = await login_as(Role.parent)
    child = await in_grade(db, await make_child(db, parent.user), grade)
    registered = await parent.post(
        f"{OLYMPIADS}/{olympiad['id']}/registrations", json={"student_id": str(child.id), **body}
    )
    assert registered.status_code == 201, registered.text
    return await login_as(user=child)
