"""The books always balance: after any sequence of charges, payments, refunds, freezes, discount
changes and departures (Hypothesis draws and shrinks them), charges − discounts − payments +
refunds equals the sum of the students' debts, each student's debt equals their entries, money
taken equals the model's, and a month run twice in a row posts nothing the second time."""

import asyncio
import contextlib
import uuid
from datetime import date, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.config import CommonSettings
from alif.db import Database
from alif.testing import make_study_group, make_user
from crm.groups import enrolments
from crm.groups.exceptions import FreezeOverlaps, OutsideEnrolment
from crm.groups.models import Enrolment, Group, GroupSlot
from crm.groups.schemas import Discount, FreezeCreate
from crm.money import charges, service
from crm.money.exceptions import RefundTooLarge
from crm.money.models import Method
from crm.money.service import reconcile
from crm.staff.models import StaffRole
from crm.staff.permissions import Office
from crm.students.models import Student
from crm.testing import make_centre

STUDENTS = 3
MONTHS = [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
TODAY = date(2027, 1, 15)
START = date(2026, 9, 1)

student = st.integers(0, STUDENTS - 1)
operation = st.one_of(
    st.tuples(st.just("charge"), st.integers(0, len(MONTHS) - 1)),
    st.tuples(
        st.just("pay"),
        student,
        st.integers(1, 60_000_000),
        st.sampled_from([Method.cash, Method.card]),
    ),
    st.tuples(st.just("refund"), st.integers(0, 20), st.integers(1, 30_000_000)),
    st.tuples(st.just("freeze"), student, st.integers(0, 110), st.integers(0, 40)),
    st.tuples(st.just("discount"), student, st.integers(0, 100), st.booleans()),
    st.tuples(st.just("leave"), student, st.integers(0, 120)),
)


async def _scenario(database_url: str, ops: list[tuple[Any, ...]]) -> None:
    database = Database.from_settings(
        CommonSettings(database_url=database_url, _env_file=None)  # type: ignore[call-arg]
    )
    connection = await database.engine.connect()
    outer = await connection.begin()
    db = AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        await _run(db, ops)
    finally:
        await db.close()
        await outer.rollback()  # nothing this example wrote survives it
        await connection.close()
        await database.dispose()


async def _run(db: AsyncSession, ops: list[tuple[Any, ...]]) -> None:
    director = await make_user(db, role=Role.organization)
    centre = await make_centre(db, director)
    office = Office(centre.id, director.id, StaffRole.director)
    study_group = await make_study_group(db, director, organization=centre)
    group = Group(
        id=uuid.uuid4(),
        organization_id=centre.id,
        study_group_id=study_group.id,
        starts_on=START,
        monthly_price=39_000_000,
        capacity=10,
    )
    db.add(group)
    db.add_all(
        GroupSlot(group_id=group.id, weekday=d, starts_at=time(14), ends_at=time(15))
        for d in (1, 3)
    )
    cards = [Student(organization_id=centre.id, first_name=f"S{i}") for i in range(STUDENTS)]
    db.add_all(cards)
    await db.flush()
    rows = [
        await enrolments.enrol(db, group, card.id, START + timedelta(days=9 * i), Discount())
        for i, card in enumerate(cards)
    ]
    paid = refunded = 0
    payments: list[uuid.UUID] = []
    charged: set[date] = set()
    for op in ops:
        kind = op[0]
        if kind == "charge":
            await charges.run_month(db, centre.id, MONTHS[op[1]], TODAY, director.id)
            charged.add(MONTHS[op[1]])
        elif kind == "pay":
            entry = await service.pay(db, centre.id, cards[op[1]].id, op[2], op[3], by=director.id)
            payments.append(entry.id)
            paid += op[2]
        elif kind == "refund" and payments:
            payment = await service.get_payment(db, centre.id, payments[op[1] % len(payments)])
            left = payment.amount - await service.refunded(db, payment.id)
            if op[2] > left:
                with pytest.raises(RefundTooLarge):
                    await service.refund(
                        db, office.organization_id, payment, op[2], "x", None, by=office.user_id
                    )
            else:
                await service.refund(
                    db, office.organization_id, payment, op[2], "x", None, by=office.user_id
                )
                refunded += op[2]
        elif kind == "freeze":
            starts_on = START + timedelta(days=op[2])
            data = FreezeCreate(
                starts_on=starts_on, ends_on=starts_on + timedelta(days=op[3]), reason="x"
            )
            # An overlapping freeze or one outside the enrolment is refused and changes nothing.
            with contextlib.suppress(FreezeOverlaps, OutsideEnrolment):
                await enrolments.freeze(db, rows[op[1]], data, director.id)
        elif kind == "discount":
            percent = op[2] if op[3] else 0
            amount = 0 if op[3] else op[2] * 400_000
            reason = "x" if percent or amount else ""
            await enrolments.set_discount(
                db,
                rows[op[1]],
                Discount(discount_percent=percent, discount_amount=amount, discount_reason=reason),
            )
        elif kind == "leave":
            enrolment: Enrolment = rows[op[1]]
            last_day = enrolment.starts_on + timedelta(days=op[2])
            await enrolments.leave(db, enrolment, last_day)

        books = await reconcile(db, centre.id)
        assert books.balanced, books
        assert books.expected_debts == books.recorded_debts
        assert (books.payments, books.refunds) == (paid, refunded)
        assert books.discounts <= books.charges
    # A run brings a month up to date (later freezes, discounts and departures included); a
    # second run right after it has nothing left to post.
    for month in sorted(charged):
        await charges.run_month(db, centre.id, month, TODAY, director.id)
        again = await charges.run_month(db, centre.id, month, TODAY, director.id)
        assert (again.charged, again.discounted) == (0, 0)
    assert (await reconcile(db, centre.id)).balanced


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(operation, min_size=1, max_size=20))
def test_the_books_always_balance(migrated_database_url: str, ops: list[tuple[Any, ...]]) -> None:
    asyncio.run(_scenario(migrated_database_url, ops))
