from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.errors import error_responses
from harf.alphabets.router import LetterNumber
from harf.alphabets.schemas import AlphabetCode
from harf.dependencies import OpenLetter, SettingsDep, child_has_harf, has_harf
from harf.exercises import generate, service, tracing
from harf.exercises.dependencies import ChildDep, ExerciseDep
from harf.exercises.schemas import (
    AnswerIn,
    AnswerResult,
    ExerciseKind,
    ExerciseRead,
    NextRead,
    ProgressRead,
    TraceIn,
    TraceRules,
)
from harf.goals import service as goals
from harf.goals.schemas import TodayRead

router = APIRouter(tags=["exercises"])


@router.post(
    "/alphabets/{code}/letters/{number}/exercises",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="An exercise on a letter (of the kind asked for, or any); its answer stays here",
)
async def give_exercise(
    code: AlphabetCode,
    number: LetterNumber,
    user: CurrentUser,
    _: OpenLetter,
    db: SessionDep,
    kind: Annotated[ExerciseKind | None, Query()] = None,
) -> ExerciseRead:
    return service.read(await service.give(db, user.id, code, number, kind))


@router.post(
    "/exercises/{exercise_id}/answer",
    responses=error_responses(404, 409, 422),
    summary="Answer an exercise once: right or not, and the right answer",
)
async def answer_exercise(
    exercise: ExerciseDep, data: AnswerIn, settings: SettingsDep, db: SessionDep
) -> AnswerResult:
    correct = await service.answer(db, exercise, data.answer)
    reached = await goals.after_answer(db, settings, exercise.user_id, exercise.alphabet)
    return AnswerResult(correct=correct, answer=exercise.answer, milestones=reached)


@router.post(
    "/exercises/{exercise_id}/trace",
    responses=error_responses(404, 409, 422),
    summary="Answer a tracing exercise with the strokes drawn, checked here as the app did",
)
async def trace_exercise(
    exercise: ExerciseDep, data: TraceIn, settings: SettingsDep, db: SessionDep
) -> AnswerResult:
    correct = await service.trace(db, exercise, [list(stroke) for stroke in data.strokes])
    reached = await goals.after_answer(db, settings, exercise.user_id, exercise.alphabet)
    return AnswerResult(correct=correct, answer=exercise.answer, milestones=reached)


@router.get("/tracing", summary="How a trace is judged: the same rules in the app and here")
async def tracing_rules() -> TraceRules:
    rules = tracing.data()
    return TraceRules(tolerance=rules.tolerance, coverage=rules.coverage, precision=rules.precision)


@router.get("/today", summary="My daily goal: right answers today, and the days running")
async def today(user: CurrentUser, settings: SettingsDep, db: SessionDep) -> TodayRead:
    return await goals.today(db, settings, user.id)


@router.get("/alphabets/{code}/next", summary="The letter to practise now (Leitner schedule)")
async def next_letter(
    code: AlphabetCode, user: CurrentUser, settings: SettingsDep, db: SessionDep
) -> NextRead:
    opened = service.open_letters(code, await has_harf(settings, user, db))
    number = await service.next_letter(db, user.id, code, opened)
    return NextRead(alphabet=code, letter=number, kinds=generate.kinds(code, number))


@router.get("/alphabets/{code}/progress", summary="My letters: mastered, learning, not started")
async def my_progress(
    code: AlphabetCode, user: CurrentUser, settings: SettingsDep, db: SessionDep
) -> ProgressRead:
    return await service.progress(db, user.id, code, await has_harf(settings, user, db))


@router.get(
    "/children/{child_id}/alphabets/{code}/progress",
    responses=error_responses(403, 404),
    summary="Parents: a child's letters, mastered, learning and not started",
)
async def child_progress(
    child_id: ChildDep, code: AlphabetCode, settings: SettingsDep, db: SessionDep
) -> ProgressRead:
    return await service.progress(db, child_id, code, await child_has_harf(settings, child_id, db))
