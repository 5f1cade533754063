"""Demo office for `make run`: the demo learning centre (main's +998900000003, Ziyo oʻquv
markazi) with its teacher on the staff, rooms, its three classes as office groups with weekly
schedules, student cards enrolled in them, and a lead pipeline with leads at every stage.

Development only: it refuses any other environment. It needs main's demo accounts and classes
(`python -m alif_main seed-demo` first) and adds nothing when the office has rooms already.
Lessons are generated from the schedules up to two weeks ahead, last month's and this month's
tuition is charged, and most families have paid last month: the debtors list has people on it.
"""

from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.config import Environment
from alif.db import standalone_session
from alif.kernel.models import Organization, StudyGroup, User
from crm.config import CrmSettings
from crm.groups import enrolments
from crm.groups import service as groups
from crm.groups.models import Room
from crm.groups.schemas import Discount, GroupCreate, Slot
from crm.leads import service as leads
from crm.leads.models import ActivityKind, LeadSource, LostReason
from crm.leads.schemas import ActivityCreate, LeadChange, LeadConvert, LeadCreate
from crm.lessons import service as lessons
from crm.money import charges
from crm.money import service as money
from crm.money.models import Method
from crm.staff.models import Staff, StaffRole
from crm.staff.permissions import Office
from crm.students import service as students
from crm.students.models import Student
from crm.students.schemas import StudentFields

OWNER_PHONE = "+998900000003"  # main's demo learning centre
TEACHER_PHONE = "+998900000002"  # main's demo teacher, a member of the centre

ROOMS = [("1-xona", 12), ("2-xona", 10), ("Katta zal", 24)]

# (class name on main, room, price in soʻm a month, places, [(weekday, start, end)])
GROUPS = [
    (
        "Ingliz tili — Beginner",
        "1-xona",
        450_000,
        12,
        [(0, "14:00", "15:30"), (2, "14:00", "15:30"), (4, "14:00", "15:30")],
    ),
    ("Matematika — 5-sinf", "2-xona", 380_000, 10, [(1, "16:00", "17:30"), (3, "16:00", "17:30")]),
    ("IELTS 6.5", "Katta zal", 700_000, 16, [(0, "17:00", "19:00"), (3, "10:00", "12:00")]),
]

# (first, last, birth date, parent, parent's phone, class)
STUDENTS = [
    ("Sardor", "Rahimov", date(2014, 5, 12), "Dilshod Rahimov", "+998901112233", 0),
    ("Madina", "Yusupova", date(2013, 9, 3), "Nodira Yusupova", "+998901112234", 0),
    ("Jahongir", "Aliyev", date(2014, 1, 20), "Anvar Aliyev", "+998901112235", 0),
    ("Shahzoda", "Qodirova", date(2013, 11, 8), "Gulnora Qodirova", "+998901112236", 0),
    ("Bekzod", "Tursunov", date(2014, 3, 15), "Rustam Tursunov", "+998901112237", 1),
    ("Oʻgʻiloy", "Sobirova", date(2014, 7, 30), "Malika Sobirova", "+998901112238", 1),
    ("Temur", "Xolmatov", date(2014, 2, 2), "Baxtiyor Xolmatov", "+998901112239", 1),
    ("Zarina", "Karimova", date(2008, 4, 25), "Feruza Karimova", "+998901112240", 2),
    ("Abdulloh", "Nazarov", date(2007, 12, 1), "Shuhrat Nazarov", "+998901112241", 2),
    ("Kamola", "Ergasheva", date(2008, 6, 18), "Dildora Ergasheva", "+998901112242", 2),
]

# (name, phone, source, stage index, subject, level, preferred times, next step in days)
LEADS = [
    (
        "Aziza Mahmudova",
        "+998933334401",
        LeadSource.instagram,
        0,
        "ingliz tili",
        "A1",
        "Du/Chor/Ju kechqurun",
        1,
    ),
    (
        "Otabek Sharipov",
        "+998933334402",
        LeadSource.telegram,
        0,
        "matematika",
        "5-sinf",
        "Se/Pay 16:00",
        2,
    ),
    ("Nilufar Hasanova", "+998933334403", LeadSource.website, 1, "IELTS", "B2", "ertalab", 0),
    (
        "Javohir Umarov",
        "+998933334404",
        LeadSource.referral,
        1,
        "ingliz tili",
        "A2",
        "dam olish kunlari",
        3,
    ),
    (
        "Sevara Ismoilova",
        "+998933334405",
        LeadSource.walk_in,
        2,
        "matematika",
        "6-sinf",
        "Se/Pay",
        1,
    ),
    (
        "Doston Mirzayev",
        "+998933334406",
        LeadSource.instagram,
        2,
        "ingliz tili",
        "A1",
        "Du/Chor/Ju 14:00",
        2,
    ),
    ("Lola Abdullayeva", "+998933334407", LeadSource.telegram, 3, "IELTS", "B1", "kechqurun", 4),
    (
        "Ulugʻbek Raximov",
        "+998933334408",
        LeadSource.referral,
        3,
        "matematika",
        "5-sinf",
        "istalgan",
        5,
    ),
]


def _slot(weekday: int, start: str, end: str) -> Slot:
    return Slot(
        weekday=weekday, starts_at=time.fromisoformat(start), ends_at=time.fromisoformat(end)
    )


# Who has paid last month's tuition (in soʻm), and how; the rest owe it.
PAID = {
    "Sardor": (450_000, Method.cash),
    "Madina": (450_000, Method.card),
    "Bekzod": (380_000, Method.cash),
    "Zarina": (700_000, Method.card),
    "Kamola": (350_000, Method.cash),
}


async def _lessons_and_money(db: AsyncSession, office: Office, start: date, today: date) -> None:
    await lessons.generate(db, office.organization_id, start, today + timedelta(days=14), None)
    this_month = today.replace(day=1)
    for month in (start, this_month):
        await charges.run_month(db, office.organization_id, month, today, office.user_id)
    cards = {
        s.first_name: s
        for s in await db.scalars(
            select(Student).where(Student.organization_id == office.organization_id)
        )
    }
    for first, (amount, method) in PAID.items():
        await money.pay(
            db,
            office.organization_id,
            cards[first].id,
            amount * 100,
            method,
            note="Oʻtgan oy uchun",
            by=office.user_id,
        )


async def seed(settings: CrmSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo data is only for development.")
    async with standalone_session(settings) as db:
        owner = await db.scalar(select(User).where(User.phone == OWNER_PHONE))
        teacher = await db.scalar(select(User).where(User.phone == TEACHER_PHONE))
        organization = owner and await db.scalar(
            select(Organization).where(Organization.owner_id == owner.id)
        )
        if owner is None or teacher is None or organization is None:
            return "No demo learning centre: run main's seed-demo first."
        if await db.scalar(select(Room.id).where(Room.organization_id == organization.id)):
            return "Demo office is already there."
        office = Office(organization.id, owner.id, StaffRole.director)
        db.add(Staff(organization_id=organization.id, user_id=teacher.id, role=StaffRole.teacher))
        rooms = {
            name: await groups.add_room(db, organization.id, name, seats) for name, seats in ROOMS
        }
        classes = {
            g.name: g
            for g in await db.scalars(
                select(StudyGroup).where(StudyGroup.organization_id == organization.id)
            )
        }
        # The groups started on the first of last month, so the office has a history to show.
        start = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
        made = []
        for name, room, price, places, slots in GROUPS:
            view = await groups.add_group(
                db,
                office,
                GroupCreate(
                    study_group_id=classes[name].id,
                    room_id=rooms[room].id,
                    starts_on=start,
                    monthly_price=price * 100,
                    capacity=places,
                    schedule=[_slot(*s) for s in slots],
                ),
            )
            made.append(view.group)
        for first, last, born, parent, phone, index in STUDENTS:
            student = await students.add_student(
                db,
                office,
                StudentFields(
                    first_name=first,
                    last_name=last,
                    birth_date=born,
                    parent_name=parent,
                    parent_phone=phone,
                ),
            )
            discount = (
                Discount(discount_percent=10, discount_reason="Aka-uka")
                if first == "Temur"
                else Discount()
            )
            await enrolments.enrol(db, made[index], student.id, start, discount)
        stages = await leads.list_stages(db, organization.id)
        today = date.today()
        for name, phone, source, stage, subject, level, times, days in LEADS:
            lead = await leads.add_lead(
                db,
                office,
                LeadCreate(
                    name=name,
                    phone=phone,
                    source=source,
                    stage_id=stages[stage].id,
                    subject=subject,
                    level=level,
                    preferred_times=times,
                    next_step_on=today + timedelta(days=days),
                ),
            )
            await leads.add_activity(
                db,
                office,
                lead,
                ActivityCreate(kind=ActivityKind.call, text="Narxlar va jadval aytildi"),
            )
        won = await leads.add_lead(
            db,
            office,
            LeadCreate(
                name="Shoira Qosimova",
                phone="+998901112242",
                source=LeadSource.instagram,
                subject="IELTS",
            ),
        )
        await leads.change_lead(db, office, won, LeadChange(stage_id=stages[-1].id))
        await leads.convert_lead(
            db,
            office,
            won,
            LeadConvert(first_name="Shoira", last_name="Qosimova", parent_phone="+998901112242"),
        )
        await _lessons_and_money(db, office, start, today)
        lost = await leads.add_lead(
            db,
            office,
            LeadCreate(name="Rustam Oripov", phone="+998933334410", source=LeadSource.website),
        )
        await leads.lose_lead(db, office, lost, LostReason.too_expensive, "Chegirma soʻradi")
    return (
        "Demo office added: Ziyo oʻquv markazi — 3 rooms, 3 groups with schedules, "
        f"{len(STUDENTS) + 1} students, {len(LEADS) + 2} leads; "
        f"teacher {TEACHER_PHONE} on the staff."
    )
