"""Demo content for `make run`: a first-grade mathematics course in Uzbek, in the platform
catalogue, with lessons, a story and quizzes.

Development only: it refuses any other environment. It needs main's demo accounts (the admin
authors the catalogue) and adds nothing when the course is there already.
"""

from typing import Any

from sqlalchemy import select

from alif.config import Environment
from alif.db import standalone_session
from alif.kernel.models import User
from lessions.config import LessionsSettings
from lessions.courses import service as courses
from lessions.courses.models import Course
from lessions.courses.schemas import LessonCreate

ADMIN_PHONE = "+998900000009"  # main's demo admin
TITLE = "Matematika: 1-sinf"


def _choice(text: str, options: list[str], correct: str) -> dict[str, Any]:
    return {
        "type": "single",
        "text": text,
        "options": [{"text": o, "correct": o == correct} for o in options],
    }


def _number(text: str, value: float) -> dict[str, Any]:
    return {"type": "numeric", "text": text, "numeric_answer": value}


LESSONS: list[dict[str, Any]] = [
    {
        "title": "1 dan 5 gacha sanaymiz",
        "free_preview": True,
        "blocks": [
            {"type": "text", "markdown": "Keling, sanaymiz: **bir, ikki, uch, toʻrt, besh**."},
            {
                "type": "quiz",
                "questions": [_choice("Uchdan keyin qaysi son keladi?", ["2", "4", "5"], "4")],
            },
        ],
    },
    {
        "title": "Qoʻshish",
        "completion": "quiz",
        "pass_mark": 50,
        "blocks": [
            {
                "type": "text",
                "markdown": "Ikkita olma va yana bitta olma — jami **uchta** olma.\n\n`2 + 1 = 3`",
            },
            {"type": "quiz", "questions": [_number("2 + 2 = ?", 4), _number("3 + 1 = ?", 4)]},
        ],
    },
    {
        "title": "Ayirish",
        "completion": "quiz",
        "pass_mark": 50,
        "after_previous": True,
        "blocks": [
            {
                "type": "text",
                "markdown": "Beshta qushdan ikkitasi uchib ketdi. Nechta qoldi? `5 - 2 = 3`",
            },
            {
                "type": "quiz",
                "questions": [_number("4 - 1 = ?", 3), _choice("5 - 5 = ?", ["0", "1", "5"], "0")],
            },
        ],
    },
    {
        "title": "Ertak: Quyoncha sanaydi",
        "completion": "end",
        "blocks": [
            {
                "type": "story",
                "title": "Quyoncha sanaydi",
                "pages": [
                    {"text": "Quyoncha bogʻda uchta sabzi topdi."},
                    {"text": "Keyin yana ikkita sabzi topdi."},
                    {"text": "Quyoncha xursand boʻlib sabzilarini sanadi."},
                ],
                "questions": [_number("Quyonchada jami nechta sabzi boʻldi?", 5)],
            }
        ],
    },
    {
        "title": "Takrorlash",
        "completion": "quiz",
        "pass_mark": 60,
        "blocks": [
            {"type": "text", "markdown": "Oʻrganganlarimizni takrorlaymiz."},
            {
                "type": "quiz",
                "questions": [
                    _number("1 + 4 = ?", 5),
                    _number("5 - 3 = ?", 2),
                    _choice("Qaysi son katta?", ["2", "5", "3"], "5"),
                ],
            },
        ],
    },
]


async def seed(settings: LessionsSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo content is only for development.")
    async with standalone_session(settings) as db:
        if await db.scalar(select(Course.id).where(Course.catalogue, Course.title == TITLE)):
            return "Demo courses are already there."
        admin = await db.scalar(select(User).where(User.phone == ADMIN_PHONE))
        if admin is None:
            return "Demo courses need main's demo accounts first (python -m alif_main seed-demo)."
        course = Course(
            owner_id=admin.id,
            catalogue=True,
            title=TITLE,
            description="Sanash, qoʻshish va ayirish: oʻyin va ertaklar bilan.",
            subject="Matematika",
            grades=[1],
            reward_coins=50,
        )
        db.add(course)
        await db.flush()
        module = await courses.add_module(db, course, "Sonlar va amallar")
        for data in LESSONS:
            lesson = await courses.create_lesson(
                db,
                course,
                LessonCreate.model_validate({**data, "module_id": module.id}),
                settings.lessions_embed_hosts,
            )
            await courses.publish_lesson(db, course, lesson)
        await courses.publish_course(db, course)
    return f"Demo course added: {TITLE} ({len(LESSONS)} lessons)."
