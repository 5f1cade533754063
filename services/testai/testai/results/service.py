"""A test's results for its teachers: every student's grade, the distribution, item statistics
(facility and discrimination, as Moodle reports them) and a CSV export.

Item statistics use each student's first finished attempt, as Moodle does by default: later
attempts are practice on questions the student has already seen.
"""

import csv
import io
import math
import statistics
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel import queries
from testai.attempts import service as attempts
from testai.attempts.exceptions import AttemptNotFound
from testai.attempts.models import Answer, Attempt, AttemptStatus
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.models import Quiz
from testai.results.schemas import Bin, QuestionStats, ResultsReport, StudentRow, Summary

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return round(sxy / math.sqrt(sxx * syy), 3)


def _bins(percents: list[float]) -> list[Bin]:
    counts = [0] * 10
    for percent in percents:
        counts[min(9, int(percent // 10))] += 1
    return [Bin(low=i * 10, high=i * 10 + 10, count=c) for i, c in enumerate(counts)]


def _question_stats(
    items: list[Question], first: list[Attempt], answers: dict[uuid.UUID, dict[uuid.UUID, Answer]]
) -> list[QuestionStats]:
    stats = []
    totals = {a.id: a.score or 0.0 for a in first}
    for question in items:
        fractions, rests, answered = [], [], 0
        for attempt in first:
            answer = answers.get(attempt.id, {}).get(question.id)
            earned = answer.score if answer is not None and answer.score is not None else 0.0
            answered += answer is not None and bool(answer.response)
            fractions.append(earned / question.points)
            rests.append(totals[attempt.id] - earned)
        stats.append(
            QuestionStats(
                question_id=question.id,
                position=question.position,
                type=question.type,
                text=question.text[:200],
                points=question.points,
                answered=answered,
                facility=round(statistics.fmean(fractions), 3) if fractions else None,
                discrimination=_pearson(fractions, rests),
            )
        )
    return stats


async def report(db: AsyncSession, quiz: Quiz, policy: attempts.Policy) -> ResultsReport:
    await attempts.close_overdue(db, policy, quiz_id=quiz.id)
    all_attempts = list(
        await db.scalars(select(Attempt).where(Attempt.test_id == quiz.id).order_by(Attempt.number))
    )
    by_student: dict[uuid.UUID, list[Attempt]] = {}
    for attempt in all_attempts:
        by_student.setdefault(attempt.student_id, []).append(attempt)
    people = await queries.users_by_id(db, list(by_student))

    rows = []
    for student_id, mine in by_student.items():
        finished = [a for a in mine if a.status is AttemptStatus.finished]
        grade = attempts.grade_percent(finished, quiz.grading_method)
        person = people.get(student_id)
        rows.append(
            StudentRow(
                student_id=student_id,
                first_name=person.first_name if person else "",
                last_name=person.last_name if person else "",
                username=person.username if person else None,
                attempts=len(mine),
                finished_attempts=len(finished),
                grade_percent=grade,
                best_percent=max(
                    (a.percent for a in finished if a.percent is not None), default=None
                ),
                passed=grade >= quiz.pass_percent if grade is not None else None,
                last_submitted_at=max(
                    (a.submitted_at for a in finished if a.submitted_at), default=None
                ),
                attempt_ids=[a.id for a in mine],
            )
        )
    rows.sort(key=lambda r: (r.last_name.casefold(), r.first_name.casefold()))
    grades = [r.grade_percent for r in rows if r.grade_percent is not None]

    first = []
    for mine in by_student.values():
        finished = [a for a in mine if a.status is AttemptStatus.finished]
        if finished:
            first.append(finished[0])
    answers: dict[uuid.UUID, dict[uuid.UUID, Answer]] = {}
    if first:
        for answer in await db.scalars(
            select(Answer).where(Answer.attempt_id.in_([a.id for a in first]))
        ):
            answers.setdefault(answer.attempt_id, {})[answer.question_id] = answer

    return ResultsReport(
        test_id=quiz.id,
        title=quiz.title,
        pass_percent=quiz.pass_percent,
        summary=Summary(
            students=len(rows),
            graded_students=len(grades),
            mean_percent=round(statistics.fmean(grades), 2) if grades else None,
            median_percent=round(statistics.median(grades), 2) if grades else None,
            min_percent=min(grades, default=None),
            max_percent=max(grades, default=None),
            passed=sum(1 for r in rows if r.passed),
        ),
        distribution=_bins(grades),
        students=rows,
        questions=_question_stats(await quizzes.questions_of(db, quiz.id), first, answers),
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def to_csv(results: ResultsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "last_name",
            "first_name",
            "username",
            "attempts",
            "grade_percent",
            "best_percent",
            "passed",
            "last_submitted_at",
        ]
    )
    for row in results.students:
        writer.writerow(
            [
                _cell(row.last_name),
                _cell(row.first_name),
                _cell(row.username),
                row.attempts,
                "" if row.grade_percent is None else f"{row.grade_percent:.2f}",
                "" if row.best_percent is None else f"{row.best_percent:.2f}",
                "" if row.passed is None else ("yes" if row.passed else "no"),
                row.last_submitted_at.isoformat() if row.last_submitted_at else "",
            ]
        )
    return buffer.getvalue()


async def attempt_of_test(db: AsyncSession, quiz: Quiz, attempt_id: uuid.UUID) -> Attempt:
    attempt = await db.scalar(
        select(Attempt).where(Attempt.id == attempt_id, Attempt.test_id == quiz.id)
    )
    if attempt is None:
        raise AttemptNotFound()
    return attempt
