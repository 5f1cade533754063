"""The one way money is written: an entry and the student's debt, in the same transaction."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.money.models import DEBT_SIGN, MoneyEntry
from crm.students.models import Student


async def post(db: AsyncSession, entry: MoneyEntry) -> MoneyEntry:
    db.add(entry)
    await db.flush()
    # An UPDATE relative to the stored value: two cashiers at once cannot lose one's payment.
    await db.execute(
        update(Student)
        .where(Student.id == entry.student_id)
        .values(debt=Student.debt + DEBT_SIGN[entry.kind] * entry.amount)
        .execution_options(synchronize_session=False)
    )
    return entry
