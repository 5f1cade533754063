"""Demo content for `make run`, in Uzbek, in the platform catalogue: first-grade mathematics
(five lessons with quizzes and a story) and three folk tales with pictures, read aloud by the
voice (espeak-ng, rendered here and cached in the storage) and questions at the end.

Development only: it refuses any other environment. It needs main's demo accounts (the admin
authors the catalogue) and adds nothing when the course is there already.
"""

from typing import Any

from sqlalchemy import select

from alif.config import Environment
from alif.db import standalone_session
from alif.kernel.models import User
from alif.speech import voices
from lessions.config import LessionsSettings
from lessions.courses import service as courses
from lessions.courses.models import Course
from lessions.courses.schemas import LessonCreate
from lessions.media import service as media
from lessions.media.read_aloud import read_aloud

ADMIN_PHONE = "+998900000009"  # main's demo admin
TITLE = "Matematika: 1-sinf"
STORIES_TITLE = "Ertaklar: tinglaymiz va javob beramiz"


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


def _story(
    title: str, pages: list[tuple[str, str]], questions: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "title": title,
        "completion": "quiz",
        "pass_mark": 50,
        "blocks": [
            {
                "type": "story",
                "title": title,
                "pages": [{"picture": picture, "text": text} for picture, text in pages],
                "questions": questions,
            }
        ],
    }


STORIES: list[dict[str, Any]] = [
    {
        **_story(
            "Sholgʻom",
            [
                ("👴", "Bobo bogʻga sholgʻom ekdi. Sholgʻom katta boʻlib oʻsdi."),
                ("👵", "Bobo tortdi, tortdi — sugʻurib ololmadi. Buvini chaqirdi."),
                ("👧", "Buvi ham, nevara ham tortdi. Sholgʻom chiqmadi."),
                ("🐕", "Kuchukcha, mushukcha va sichqoncha yordamga keldi."),
                ("🐭", "Hammasi birga tortdi — sholgʻomni sugʻurib olishdi!"),
            ],
            [
                _choice("Bobo nima ekdi?", ["Sabzi", "Sholgʻom", "Olma"], "Sholgʻom"),
                _choice(
                    "Sholgʻomni kim bilan birga sugʻurib olishdi?",
                    ["Yolgʻiz oʻzi", "Hammasi birga"],
                    "Hammasi birga",
                ),
            ],
        ),
        "free_preview": True,
    },
    _story(
        "Tulki va qargʻa",
        [
            ("🐦", "Qargʻa daraxtga qoʻndi. Tumshugʻida pishloq bor edi."),
            ("🦊", "Tulki keldi va qargʻani maqtay boshladi: “Qanday chiroyli qushsan!”"),
            ("🎵", "Qargʻa xursand boʻlib “qagʻ!” deb qichqirdi."),
            ("🧀", "Pishloq tushib ketdi, tulki uni olib qochdi."),
        ],
        [
            _choice("Qargʻaning tumshugʻida nima bor edi?", ["Pishloq", "Non", "Don"], "Pishloq"),
            _choice("Tulki qanday qildi?", ["Maqtadi", "Qoʻrqitdi", "Yordam berdi"], "Maqtadi"),
        ],
    ),
    _story(
        "Uch ayiqcha",
        [
            ("🐻", "Oʻrmonda uch ayiq yashardi: ota ayiq, ona ayiq va ayiqcha."),
            ("🥣", "Ularning uchta kosasi bor edi: katta, oʻrtacha va kichkina."),
            ("👧", "Bir qizcha uyga kirib, kichkina kosadagi boʻtqani yeb qoʻydi."),
            ("🏠", "Ayiqlar qaytib kelishdi. Qizcha qoʻrqib, uyiga yugurib ketdi."),
        ],
        [
            _number("Oʻrmonda nechta ayiq yashardi?", 3),
            _choice("Qizcha qaysi kosadan yedi?", ["Katta", "Oʻrtacha", "Kichkina"], "Kichkina"),
        ],
    ),
]


COURSES: list[dict[str, Any]] = [
    {
        "title": TITLE,
        "description": "Sanash, qoʻshish va ayirish: oʻyin va ertaklar bilan.",
        "subject": "Matematika",
        "module": "Sonlar va amallar",
        "reward_coins": 50,
        "lessons": LESSONS,
    },
    {
        "title": STORIES_TITLE,
        "description": "Uchta oʻzbek ertagi: rasmlar, ovozli oʻqish va savollar.",
        "subject": "Ertaklar",
        "module": "Ertaklar",
        "reward_coins": 30,
        "lessons": STORIES,
    },
]


async def seed(settings: LessionsSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo content is only for development.")
    storage = media.storage_for(settings)
    added: list[str] = []
    async with standalone_session(settings) as db:
        admin = await db.scalar(select(User).where(User.phone == ADMIN_PHONE))
        if admin is None:
            return "Demo courses need main's demo accounts first (python -m alif_main seed-demo)."
        for data in COURSES:
            if await db.scalar(
                select(Course.id).where(Course.catalogue, Course.title == data["title"])
            ):
                continue
            course = Course(
                owner_id=admin.id,
                catalogue=True,
                title=data["title"],
                description=data["description"],
                subject=data["subject"],
                grades=[1],
                reward_coins=data["reward_coins"],
            )
            db.add(course)
            await db.flush()
            module = await courses.add_module(db, course, data["module"])
            spoken = 0
            for fields in data["lessons"]:
                lesson = await courses.create_lesson(
                    db,
                    course,
                    LessonCreate.model_validate({**fields, "module_id": module.id}),
                    settings.lessions_embed_hosts,
                )
                version = await courses.current_version(db, lesson)
                if voices(settings):  # without a voice the app reads with the browser's
                    spoken += await read_aloud(db, settings, storage, version)
                await courses.publish_lesson(db, course, lesson)
            await courses.publish_course(db, course)
            added.append(
                f"{data['title']} ({len(data['lessons'])} lessons, {spoken} pages read aloud)"
            )
    return "Demo courses added: " + "; ".join(added) if added else "Demo courses are already there."
