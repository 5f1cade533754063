"""Helpers for testai's tests: groups to assign to, questions of every type, a finished test.

Tests directories are not packages, so what several test modules share lives here.
"""

import asyncio
import io
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from docx import Document as DocxDocument
from fpdf import FPDF
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from alif.kernel.models import StudyGroup, StudyGroupMember, User
from alif.testing import Actor
from testai.config import TestaiSettings

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


# --- a local server that speaks the OpenAI Chat Completions API ----------------------------


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    refusal: str | None = None
    delay: float = 0.0  # seconds before answering: a slow provider


@dataclass
class FakeOpenAI:
    """Answers `POST /v1/chat/completions` from a script of replies, as OpenAI would: the real
    `openai` client talks to it over HTTP. Every request body is kept for the test to read."""

    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def reply(
        self,
        content: str | None = None,
        *,
        status: int = 200,
        refusal: str | None = None,
        delay: float = 0.0,
    ) -> None:
        self.replies.append(Reply(content, status, refusal, delay))

    def reply_questions(self, items: list[dict[str, Any]], *, fenced: bool = False) -> None:
        content = json.dumps({"questions": items}, ensure_ascii=False)
        self.reply(f"Here you are:\n```json\n{content}\n```" if fenced else content)

    def reset(self) -> None:
        self.replies.clear()
        self.requests.clear()

    async def _completions(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.requests.append(body)
        if request.headers.get("authorization") != "Bearer test-openai-key":
            return JSONResponse({"error": {"message": "bad key", "type": "auth"}}, status_code=401)
        if not self.replies:
            return JSONResponse(
                {"error": {"message": "no scripted reply", "type": "server_error"}}, status_code=500
            )
        reply = self.replies.pop(0)
        await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return JSONResponse(
                {"error": {"message": "scripted failure", "type": "server_error"}},
                status_code=reply.status,
            )
        return JSONResponse(
            {
                "id": f"chatcmpl-{secrets.token_hex(6)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "test-model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {
                            "role": "assistant",
                            "content": reply.content,
                            "refusal": reply.refusal,
                        },
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 120, "completion_tokens": 80, "total_tokens": 200},
            }
        )

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/v1/chat/completions", self._completions, methods=["POST"])]
        )


def ai_settings(
    settings_values: dict[str, Any], fake: FakeOpenAI, **overrides: Any
) -> TestaiSettings:
    """Settings whose AI client talks to the local fake server."""
    values = {
        **settings_values,
        "openai_api_key": "test-openai-key",
        "openai_base_url": f"{fake.url}/v1",
        "openai_model": "alif-test-model",
        "openai_max_retries": 0,
        **overrides,
    }
    return TestaiSettings(**values)


def ai_item(text: str, options: list[str], correct: int, **extra: Any) -> dict[str, Any]:
    """One generated single-choice item, as the response schema asks for it."""
    return {
        "type": "single",
        "text": text,
        "options": options,
        "correct_options": [correct],
        "truth": None,
        "accepted_answers": [],
        "numeric_answer": None,
        "tolerance": None,
        "explanation": "Chunki shunday.",
        "difficulty": 2,
        "language": "uz",
        "source_excerpt": None,
        **extra,
    }


def five_items(topic: str = "Kasrlar") -> list[dict[str, Any]]:
    return [
        ai_item(
            f"{topic}: {n}/{n + 1} va 1 dan qaysi biri katta?",
            ["1", f"{n}/{n + 1}", "Teng", "Bilmayman"],
            0,
        )
        for n in range(1, 6)
    ]


# --- documents as teachers make them -------------------------------------------------------


def docx_bytes(
    paragraphs: list[str | tuple[str, str]], table: list[list[str]] | None = None
) -> bytes:
    """A real .docx. A paragraph is its text, or (style, text): "List Number" gives Word's
    automatic numbering (not part of the text), "bold" a paragraph set in bold."""
    document = DocxDocument()
    for paragraph in paragraphs:
        style, text = paragraph if isinstance(paragraph, tuple) else ("", paragraph)
        if style == "bold":
            document.add_paragraph().add_run(text).bold = True
        elif style:
            document.add_paragraph(text, style=style)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A real PDF with text on (possibly several) pages, a page header and page numbers."""
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    for line in lines:
        if line == "<page>":
            pdf.add_page()
            continue
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
