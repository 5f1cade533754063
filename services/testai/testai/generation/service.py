"""AI generation: ask, check every item, ask again for what failed, land the rest as a draft.

Each request is recorded (`Generation`): the daily quota counts the questions asked for, and the
tokens explain the bill.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment.schemas import QuestionIn
from alif.assessment.types import QuestionSource
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.text import fold_for_comparison
from testai.access import Staff
from testai.config import TestaiSettings
from testai.generation import prompt
from testai.generation.client import AIClient
from testai.generation.exceptions import (
    AIOutputNotUsable,
    AIQuotaExceeded,
    AIRateLimited,
    AIUnavailable,
    TooManyQuestionsAsked,
)
from testai.generation.models import Generation
from testai.generation.schemas import GenerateRequest
from testai.generation.validation import Refusal, items_of, read_json, validate_item
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.models import Quiz
from testai.quizzes.schemas import QuizCreate


@dataclass(frozen=True)
class Generated:
    quiz: Quiz
    questions: list[Question]
    record: Generation
    dropped: Counter[Refusal]


async def check_allowance(
    db: AsyncSession,
    staff: Staff,
    count: int,
    settings: TestaiSettings,
    limiter: RateLimiter,
) -> None:
    await limiter.consume(
        f"ai-generate:{staff.id}", Limit(settings.ai_requests_per_minute, 60), AIRateLimited
    )
    now = utcnow()
    day_start = datetime.combine(now.date(), time.min, tzinfo=UTC)
    used = await db.scalar(
        select(func.coalesce(func.sum(Generation.requested), 0)).where(
            Generation.user_id == staff.id, Generation.created_at >= day_start
        )
    )
    remaining = settings.ai_daily_questions - int(used or 0)
    if count > remaining:
        renews = day_start + timedelta(days=1)
        error = AIQuotaExceeded(retry_after=int((renews - now).total_seconds()) + 1)
        error.details["remaining_today"] = max(0, remaining)
        raise error


async def generate_draft(
    db: AsyncSession,
    staff: Staff,
    request: GenerateRequest,
    client: AIClient,
    settings: TestaiSettings,
    limiter: RateLimiter,
) -> Generated:
    """Check what may be asked (the size, the target draft, the allowance), then ask the model
    and land what passes in a draft."""
    if request.count > settings.ai_max_questions:
        raise TooManyQuestionsAsked(
            f"At most {settings.ai_max_questions} questions at a time.",
            details={"max": settings.ai_max_questions},
        )
    target = None
    if request.test_id is not None:
        target = await quizzes.get_readable(db, staff, request.test_id)
        quizzes.check_editable(staff, target)
        quizzes.check_draft(target)
    await check_allowance(db, staff, request.count, settings, limiter)
    await _end_reading_before_waiting(db)
    return await generate(db, staff, request, client, settings, target)


async def _end_reading_before_waiting(db: AsyncSession) -> None:
    """The one commit inside a request (services flush, the request commits): the model may take
    a minute, so the transaction, which has only read so far, ends here and no pooled
    connection, nor SQLite's write lock, waits with it. A new one begins when the draft is
    saved."""
    await db.commit()


async def _ask(
    client: AIClient,
    request: GenerateRequest,
    wanted: int,
    accepted: list[QuestionIn],
    record: Generation,
) -> list[object] | None:
    schema = prompt.response_schema(request.types)
    messages = prompt.messages(request, wanted, [q.text for q in accepted])
    if not client.json_schema:
        # Plain JSON mode cannot enforce the schema; the model at least gets to read it.
        messages[0]["content"] += "\nThe JSON schema:\n" + json.dumps(schema)
    completion = await client.complete(messages, schema, temperature=0.7)
    record.rounds += 1
    record.prompt_tokens += completion.prompt_tokens
    record.completion_tokens += completion.completion_tokens
    if completion.refusal:
        return None
    return items_of(read_json(completion.content))


async def generate(
    db: AsyncSession,
    staff: Staff,
    request: GenerateRequest,
    client: AIClient,
    settings: TestaiSettings,
    target: Quiz | None,
) -> Generated:
    if target is not None:
        quizzes.check_draft(target)
    record = Generation(
        user_id=staff.id,
        model=client.model,
        requested=request.count,
        accepted=0,
        dropped=0,
        rounds=0,
        prompt_tokens=0,
        completion_tokens=0,
    )
    db.add(record)
    accepted: list[QuestionIn] = []
    seen: set[str] = set()
    dropped: Counter[Refusal] = Counter()
    for _ in range(settings.ai_max_rounds):
        try:
            items = await _ask(client, request, request.count - len(accepted), accepted, record)
        except AIUnavailable:
            if not accepted:
                raise
            break  # keep what was already paid for and checked; the teacher may ask again
        if items is None:
            dropped[Refusal.malformed_output] += 1
            continue
        for item in items:
            checked = validate_item(
                item,
                types=request.types,
                language=request.language,
                difficulty=request.difficulty,
                topic=request.topic,
                source_text=request.source_text,
            )
            if checked.question is None:
                assert checked.refusal is not None
                dropped[checked.refusal] += 1
                continue
            signature = fold_for_comparison(checked.question.text)
            if signature in seen:
                dropped[Refusal.duplicate_question] += 1
                continue
            if len(accepted) < request.count:
                seen.add(signature)
                accepted.append(checked.question)
        if len(accepted) >= request.count:
            break
    record.accepted = len(accepted)
    record.dropped = sum(dropped.values())
    if not accepted:
        await db.flush()
        raise AIOutputNotUsable(
            details={"dropped": {reason.value: n for reason, n in dropped.items()}}
        )
    quiz = target or await quizzes.create_quiz(
        db,
        staff,
        QuizCreate(
            title=(f"{request.subject}: {request.topic}" if request.topic else request.subject)[
                :200
            ],
            subject=request.subject,
            grade=request.grade,
            language=request.language,
        ),
    )
    record.test_id = quiz.id
    added = await quizzes.add_questions(db, staff, quiz, accepted, source=QuestionSource.ai)
    return Generated(quiz=quiz, questions=added, record=record, dropped=dropped)
