"""Exercises given and answered, and what each answer teaches the schedule (Leitner boxes)."""

import random
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import insert_if_absent, utcnow
from alif.text import fold_for_comparison
from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode
from harf.exercises import generate, tracing
from harf.exercises.exceptions import (
    ExerciseAnswered,
    ExerciseIsTrace,
    ExerciseKindNotAvailable,
    ExerciseNotFound,
    ExerciseNotTrace,
)
from harf.exercises.models import Exercise, Mastery
from harf.exercises.schemas import (
    ExerciseKind,
    ExerciseRead,
    LetterProgress,
    LetterStatus,
    ProgressRead,
)

# Leitner: a letter in box n comes back after this long (box 1: later in the same session);
# a mistake puts it back in box 1, to practise now.
INTERVALS = {
    1: timedelta(minutes=10),
    2: timedelta(days=1),
    3: timedelta(days=3),
    4: timedelta(days=7),
    5: timedelta(days=14),
}
TOP_BOX = 5
MASTERED_BOX = 4  # answered right when due four times in a row: over at least four days

_random = random.SystemRandom()


async def give(
    db: AsyncSession,
    user_id: uuid.UUID,
    code: AlphabetCode,
    number: int,
    kind: ExerciseKind | None,
) -> Exercise:
    """A new exercise on the letter: of `kind`, or of a kind chosen at random."""
    kinds = generate.kinds(code, number)
    if kind is None:
        kind = _random.choice(kinds)
    elif kind not in kinds:
        raise ExerciseKindNotAvailable(details={"kinds": [k.value for k in kinds]})
    made = generate.make(code, number, kind, _random)
    exercise = Exercise(
        user_id=user_id,
        alphabet=code,
        letter=number,
        kind=made.kind,
        prompt=made.prompt,
        emoji=made.emoji,
        word=made.word,
        choices=made.choices,
        answer=made.answer,
    )
    db.add(exercise)
    await db.flush()
    return exercise


def read(exercise: Exercise) -> ExerciseRead:
    """The exercise as the child sees it; a tracing one carries the strokes to draw over."""
    found = ExerciseRead.model_validate(exercise)
    if exercise.kind is ExerciseKind.trace:
        found.strokes = tracing.letter_strokes(exercise.alphabet, exercise.letter)
    return found


async def get_exercise(db: AsyncSession, user_id: uuid.UUID, exercise_id: uuid.UUID) -> Exercise:
    """The user's exercise; someone else's is not found."""
    exercise = await db.get(Exercise, exercise_id)
    if exercise is None or exercise.user_id != user_id:
        raise ExerciseNotFound()
    return exercise


def _same(given: list[str], right: list[str]) -> bool:
    return [fold_for_comparison(g) for g in given] == [fold_for_comparison(r) for r in right]


async def answer(db: AsyncSession, exercise: Exercise, given: list[str]) -> bool:
    """Whether `given` is right; counted once, even when the same answer arrives twice at once."""
    if exercise.kind is ExerciseKind.trace:
        raise ExerciseIsTrace()
    return await _record(db, exercise, _same(given, exercise.answer))


async def trace(db: AsyncSession, exercise: Exercise, drawn: list[tracing.Stroke]) -> bool:
    """Whether the strokes trace the letter, checked here by the app's rules; counted once."""
    if exercise.kind is not ExerciseKind.trace:
        raise ExerciseNotTrace()
    expected = tracing.letter_strokes(exercise.alphabet, exercise.letter)
    if expected is None:  # the stroke data lost the letter since the exercise was given
        raise ExerciseKindNotAvailable()
    return await _record(db, exercise, tracing.check(expected, drawn))


async def _record(db: AsyncSession, exercise: Exercise, correct: bool) -> bool:
    now = utcnow()
    marked = await db.execute(
        update(Exercise)
        .where(Exercise.id == exercise.id, Exercise.answered_at.is_(None))
        .values(answered_at=now, correct=correct)
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount != 1:  # type: ignore[attr-defined]
        raise ExerciseAnswered()
    await db.refresh(exercise)
    await _learn(db, exercise.user_id, exercise.alphabet, exercise.letter, correct, now)
    return correct


def _key(user_id: uuid.UUID, code: AlphabetCode, number: int) -> str:
    return f"{user_id}:{code.value}:{number}"


async def _learn(
    db: AsyncSession,
    user_id: uuid.UUID,
    code: AlphabetCode,
    number: int,
    correct: bool,
    now: datetime,
) -> Mastery:
    key = _key(user_id, code, number)
    values = {"id": uuid.uuid4(), "key": key, "user_id": user_id, "alphabet": code,
              "letter": number, "box": 0, "right_answers": 0, "wrong_answers": 0, "due_at": now,
              "created_at": now, "updated_at": now}  # fmt: skip
    await insert_if_absent(db, Mastery, values, unique="key")
    mastery = await db.scalar(
        select(Mastery)
        .where(Mastery.key == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert mastery is not None
    if correct:
        # Only an answer on or after the due day moves the letter up: cramming does not.
        if _aware(mastery.due_at) <= now:
            mastery.box = min(mastery.box + 1, TOP_BOX)
            mastery.due_at = now + INTERVALS[mastery.box]
        mastery.right_answers += 1
    else:
        mastery.box = 1
        mastery.wrong_answers += 1
        mastery.due_at = now
    await db.flush()
    return mastery


async def masteries(db: AsyncSession, user_id: uuid.UUID, code: AlphabetCode) -> dict[int, Mastery]:
    found = await db.scalars(
        select(Mastery).where(Mastery.user_id == user_id, Mastery.alphabet == code)
    )
    return {m.letter: m for m in found}


async def next_letter(
    db: AsyncSession, user_id: uuid.UUID, code: AlphabetCode, open_letters: int
) -> int:
    """What to practise now, among the first `open_letters`: a letter that is due (the lowest
    box first: the ones missed), else the first letter not started, else the one due soonest."""
    known = {n: m for n, m in (await masteries(db, user_id, code)).items() if n <= open_letters}
    now = utcnow()
    due = [m for m in known.values() if _aware(m.due_at) <= now]
    if due:
        return min(due, key=lambda m: (m.box, _aware(m.due_at), m.letter)).letter
    fresh = [n for n in range(1, open_letters + 1) if n not in known]
    if fresh:
        return fresh[0]
    return min(known.values(), key=lambda m: (_aware(m.due_at), m.letter)).letter


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def open_letters(code: AlphabetCode, has_plan: bool) -> int:
    data = alphabets.alphabet(code)
    return len(data.letters) if has_plan else data.free_letters


async def progress(
    db: AsyncSession, user_id: uuid.UUID, code: AlphabetCode, has_plan: bool
) -> ProgressRead:
    known = await masteries(db, user_id, code)
    letters: list[LetterProgress] = []
    for number, letter in enumerate(alphabets.alphabet(code).letters, start=1):
        mastery = known.get(number)
        if mastery is None:
            status = LetterStatus.not_started
        else:
            status = LetterStatus.mastered if mastery.box >= MASTERED_BOX else LetterStatus.learning
        letters.append(
            LetterProgress(
                letter=number,
                upper=letter.upper,
                status=status,
                box=mastery.box if mastery else 0,
                right=mastery.right_answers if mastery else 0,
                wrong=mastery.wrong_answers if mastery else 0,
            )
        )
    count = {s: sum(1 for entry in letters if entry.status is s) for s in LetterStatus}
    return ProgressRead(
        alphabet=code,
        mastered=count[LetterStatus.mastered],
        learning=count[LetterStatus.learning],
        not_started=count[LetterStatus.not_started],
        open_letters=open_letters(code, has_plan),
        letters=letters,
    )
