"""Tuition on crafted months: proration by the lessons a student could attend, holidays,
freezes, percent and fixed discounts, and per-lesson prices with excused absences."""

import uuid
from datetime import date, time

from crm.groups.models import Billing, Enrolment, Freeze, Group, GroupSlot
from crm.money.charges import Due, monthly_due, per_lesson_due

SEPTEMBER = date(2026, 9, 1)  # a Tuesday
PRICE = 39_000_000  # 390 000 so'm


def _group(**kw: object) -> Group:
    values: dict[str, object] = {
        "starts_on": date(2026, 9, 1),
        "ends_on": None,
        "monthly_price": PRICE,
        "lesson_price": 5_000_000,
        "billing": Billing.monthly,
    }
    values.update(kw)
    return Group(**values)


def _enrolment(starts_on: date, ends_on: date | None = None, **kw: int) -> Enrolment:
    return Enrolment(
        starts_on=starts_on,
        ends_on=ends_on,
        discount_percent=kw.get("percent", 0),
        discount_amount=kw.get("amount", 0),
    )


# Mondays, Wednesdays, Fridays: September 2026 has 4 + 5 + 4 = 13 lessons.
SLOTS = [GroupSlot(weekday=d, starts_at=time(14), ends_at=time(15)) for d in (0, 2, 4)]


def _freeze(starts_on: date, ends_on: date) -> Freeze:
    return Freeze(enrolment_id=uuid.uuid4(), starts_on=starts_on, ends_on=ends_on, reason="x")


def test_a_whole_month_costs_the_monthly_price() -> None:
    due = monthly_due(SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 8, 1)), [], set())
    assert due == Due(PRICE, 0)


def test_starting_mid_month_pays_for_the_lessons_left() -> None:
    # From Wednesday 16th: 16, 18, 21, 23, 25, 28, 30 = 7 of 13 lessons.
    due = monthly_due(SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 9, 16)), [], set())
    assert due == Due(21_000_000, 0)  # 39 000 000 × 7 / 13
    # Leaving on the 15th: the other 6.
    left = monthly_due(
        SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 9, 1), date(2026, 9, 15)), [], set()
    )
    assert left.gross + due.gross == PRICE


def test_a_holiday_is_out_of_both_sides_of_the_share() -> None:
    # Monday 21st is a holiday: 12 lessons in the month, 6 of them from the 16th.
    due = monthly_due(
        SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 9, 16)), [], {date(2026, 9, 21)}
    )
    assert due.gross == PRICE // 2
    whole = monthly_due(
        SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 8, 1)), [], {date(2026, 9, 21)}
    )
    assert whole.gross == PRICE


def test_frozen_days_are_not_charged_and_discounts_follow_the_share() -> None:
    # Frozen 14th to 27th: 14, 16, 18, 21, 23, 25 out (6 of 13): 7 lessons charged.
    freeze = [_freeze(date(2026, 9, 14), date(2026, 9, 27))]
    enrolment = _enrolment(date(2026, 8, 1), percent=10)
    due = monthly_due(SEPTEMBER, _group(), SLOTS, enrolment, freeze, set())
    assert due == Due(21_000_000, 2_100_000)
    fixed = monthly_due(
        SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 8, 1), amount=6_500_000), freeze, set()
    )
    assert fixed == Due(21_000_000, 3_500_000)  # 6 500 000 × 7 / 13
    # A fixed discount larger than the price leaves nothing to pay, never less.
    generous = monthly_due(
        SEPTEMBER, _group(), SLOTS, _enrolment(date(2026, 8, 1), amount=PRICE * 2), [], set()
    )
    assert generous == Due(PRICE, PRICE)


def test_a_group_that_starts_mid_month_or_has_no_schedule() -> None:
    late_group = _group(starts_on=date(2026, 9, 28))  # 28th and 30th: 2 of 13
    due = monthly_due(SEPTEMBER, late_group, SLOTS, _enrolment(date(2026, 9, 28)), [], set())
    assert due.gross == 6_000_000
    # Without a schedule, by days: 10 of September's 30.
    by_days = monthly_due(SEPTEMBER, _group(), [], _enrolment(date(2026, 9, 21)), [], set())
    assert by_days.gross == 13_000_000


def test_per_lesson_counts_the_lessons_held_while_in_and_not_frozen() -> None:
    held = [date(2026, 9, d) for d in (2, 4, 7, 9, 11)]
    group = _group(billing=Billing.per_lesson)
    assert per_lesson_due(group, _enrolment(date(2026, 9, 1)), [], held, 0) == Due(25_000_000, 0)
    freeze = [_freeze(date(2026, 9, 7), date(2026, 9, 8))]
    one_excused = per_lesson_due(group, _enrolment(date(2026, 9, 3), percent=20), freeze, held, 1)
    assert one_excused == Due(10_000_000, 2_000_000)  # 4, 9, 11 held, one excused
