"""Demo data for `make run`: a family, a teacher, a learning centre and an admin; subscription
plans and shop items; a few coins for the children to spend.

Development only: the function refuses any other environment. Running it again changes nothing.
"""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import AccountStatus, Role
from alif.config import Environment
from alif.db import standalone_session, utcnow
from alif.demo import days_ago, move_coins_to
from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
    Region,
    Relation,
    StudentProfile,
    StudyGroup,
    StudyGroupMember,
    TeacherProfile,
    User,
)
from alif.subscriptions import Feature, PlanAudience, SubscriptionPlan
from alif_main.auth.passwords import SecretHasher
from alif_main.config import MainSettings
from alif_main.groups.service import unique_join_code
from alif_main.shop import service as shop
from alif_main.shop.models import ItemKind, ShopItem

DEMO_PASSWORD = "alif24-demo"
DEMO_PIN = "2024"
PARENT_PHONE = "+998900000001"

GUIDE = f"""Demo accounts (password {DEMO_PASSWORD}):
  parent        {PARENT_PHONE}   Dilnoza Karimova, two children
  children      username ali, laylo   PIN {DEMO_PIN}
  teacher       +998900000002   approved, member of Ziyo oʻquv markazi
  organization  +998900000003   Ziyo oʻquv markazi (learning centre)
  class         "2-A sinf" of the teacher: ali, laylo and six classmates, join code DARS-2A24
  admin         +998900000009   admin UI at /api/main/admin
  plans         family_month (the 7-day trial), family_year, family_solo_month, school_month
  coins         100 coins a week ago; ali bought an owl, laylo a frame; games add the week"""

CENTRE_GROUPS = [
    ("Ingliz tili — Beginner", "ingliz tili"),
    ("Matematika — 5-sinf", "matematika"),
    ("IELTS 6.5", "ingliz tili"),
]

FAMILY_FEATURES = [
    Feature.olimp,
    Feature.premium_courses,
    Feature.games_plus,
    Feature.harf_audio,
    Feature.parent_reports,
]
# Prices in tiyin (1 so'm = 100 tiyin).
PLANS: list[dict[str, Any]] = [
    {
        "code": "family_solo_month",
        "name": "Bitta bola — 1 oy",
        "description": "Bir farzand uchun barcha imkoniyatlar, 30 kun.",
        "audience": PlanAudience.family,
        "price": 1_990_000,
        "duration_days": 30,
        "features": FAMILY_FEATURES,
        "max_children": 1,
        "sort_order": 10,
    },
    {
        "code": "family_month",
        "name": "Oila — 1 oy",
        "description": "Uchtagacha farzand uchun barcha imkoniyatlar, 30 kun.",
        "audience": PlanAudience.family,
        "price": 2_990_000,
        "duration_days": 30,
        "features": FAMILY_FEATURES,
        "max_children": 3,
        "sort_order": 20,
    },
    {
        "code": "family_year",
        "name": "Oila — 1 yil",
        "description": "Uchtagacha farzand uchun barcha imkoniyatlar, 365 kun: ikki oy bepul.",
        "audience": PlanAudience.family,
        "price": 29_900_000,
        "duration_days": 365,
        "features": FAMILY_FEATURES,
        "max_children": 3,
        "sort_order": 30,
    },
    {
        "code": "school_month",
        "name": "Maktab yoki oʻquv markazi — 1 oy",
        "description": "200 tagacha oʻquvchi va barcha oʻqituvchilar uchun, AI testlar bilan.",
        "audience": PlanAudience.organization,
        "price": 150_000_000,
        "duration_days": 30,
        "features": [*FAMILY_FEATURES, Feature.ai_tests],
        "max_children": 200,
        "sort_order": 40,
    },
]
SHOP_ITEMS: list[tuple[str, ItemKind, str, int]] = [
    ("avatar-lion", ItemKind.avatar, "Sher", 50),
    ("avatar-owl", ItemKind.avatar, "Boyoʻgʻli", 50),
    ("avatar-rocket", ItemKind.avatar, "Raketa", 80),
    ("frame-stars", ItemKind.frame, "Yulduzli ramka", 90),
    ("frame-gold", ItemKind.frame, "Oltin ramka", 120),
    ("theme-space", ItemKind.theme, "Koinot", 150),
    ("theme-ocean", ItemKind.theme, "Okean", 150),
]
DEMO_COINS = 100
DEMO_PURCHASES = ["avatar-owl", "frame-stars"]  # what ali and laylo bought with them
CLASS_NAME = "2-A sinf"
CLASS_CODE = "DARS2A24"  # shown as DARS-2A24; letters and digits of the join-code alphabet
# Classmates of the demo children, accounts the learning centre made (no family on the platform).
CLASSMATES = [
    ("Sardor", "Rahimov", "sardor"),
    ("Madina", "Yusupova", "madina"),
    ("Bekzod", "Aliyev", "bekzod"),
    ("Zarina", "Qodirova", "zarina"),
    ("Temur", "Nazarov", "temur"),
    ("Nilufar", "Saidova", "nilufar"),
]


async def seed_catalogue(db: AsyncSession) -> None:
    """The plans and shop items that are missing (by code); existing ones are left as they are."""
    plan_codes = set(await db.scalars(select(SubscriptionPlan.code)))
    db.add_all(SubscriptionPlan(**plan) for plan in PLANS if plan["code"] not in plan_codes)
    item_codes = set(await db.scalars(select(ShopItem.code)))
    db.add_all(
        ShopItem(
            code=code,
            kind=kind,
            name=name,
            price=price,
            image=f"/shop/{code}.svg",
            sort_order=order,
        )
        for order, (code, kind, name, price) in enumerate(SHOP_ITEMS)
        if code not in item_codes
    )
    await db.flush()


async def seed_coins(db: AsyncSession, admin: User, children: list[User]) -> None:
    """Starting coins a week ago, and something each child bought two days ago (the games'
    demo adds the week's play and the coins it earned)."""
    items = {i.code: i for i in await db.scalars(select(ShopItem))}
    for child, bought in zip(children, DEMO_PURCHASES, strict=False):
        granted = await ledger.adjust(
            db,
            user_id=child.id,
            amount=DEMO_COINS,
            idempotency_key=f"demo:coins:{child.id}",
            reason="Demo coins to try the shop",
            actor_id=admin.id,
        )
        await move_coins_to(db, granted.transaction_id, days_ago(6, hour=10))
        owned, _ = await shop.buy(db, child.id, items[bought], f"demo:{bought}")
        owned.entry.acquired_at = days_ago(2, hour=18)
        await move_coins_to(db, owned.entry.coin_transaction_id, owned.entry.acquired_at)


async def seed_class(
    db: AsyncSession,
    teacher: User,
    owner: User,
    organization: Organization,
    children: list[User],
    pin_hash: str,
) -> None:
    """The teacher's class in the centre: the demo children joined it with its code, their
    classmates are the centre's own student accounts. testai's demo assigns tests to it."""
    classmates = [
        User(
            role=Role.student,
            status=AccountStatus.active,
            approved_at=utcnow(),
            first_name=first,
            last_name=last,
            username=username,
            pin_hash=pin_hash,
            created_by_id=owner.id,
        )
        for first, last, username in CLASSMATES
    ]
    db.add_all(classmates)
    group = StudyGroup(
        organization_id=organization.id,
        teacher_id=teacher.id,
        name=CLASS_NAME,
        subject="boshlangʻich sinf",
        grade=2,
        join_code=CLASS_CODE,
    )
    db.add(group)
    await db.flush()
    db.add_all(StudentProfile(user_id=s.id, grade=2) for s in classmates)
    db.add_all(StudyGroupMember(group_id=group.id, student_id=s.id) for s in children + classmates)
    await db.flush()


async def seed(settings: MainSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo data is only for development.")
    hasher = SecretHasher(2)
    password_hash = await hasher.hash(DEMO_PASSWORD)
    pin_hash = await hasher.hash(DEMO_PIN)
    now = utcnow()

    def adult(role: Role, phone: str, first: str, last: str) -> User:
        return User(
            role=role,
            status=AccountStatus.active,
            approved_at=now,
            first_name=first,
            last_name=last,
            phone=phone,
            phone_verified_at=now,
            password_hash=password_hash,
        )

    async with standalone_session(settings) as db:
        await seed_catalogue(db)
        if await db.scalar(select(User.id).where(User.phone == PARENT_PHONE)):
            return "Demo data is already there.\n" + GUIDE
        parent = adult(Role.parent, PARENT_PHONE, "Dilnoza", "Karimova")
        teacher = adult(Role.teacher, "+998900000002", "Jasur", "Toshmatov")
        owner = adult(Role.organization, "+998900000003", "Ziyo", "markazi")
        admin = adult(Role.admin, "+998900000009", "Admin", "ALIF24")
        children = [
            User(
                role=Role.student,
                status=AccountStatus.active,
                approved_at=now,
                first_name=name,
                last_name="Karimov" if name == "Ali" else "Karimova",
                username=name.lower(),
                pin_hash=pin_hash,
                created_by_id=parent.id,
            )
            for name in ("Ali", "Laylo")
        ]
        db.add_all([parent, teacher, owner, admin, *children])
        await db.flush()
        organization = Organization(
            owner_id=owner.id,
            name="Ziyo oʻquv markazi",
            kind=OrganizationKind.learning_centre,
            region=Region.tashkent_city,
            district="Yunusobod",
            address="Amir Temur koʻchasi 1",
        )
        db.add(organization)
        db.add(TeacherProfile(user_id=teacher.id, subjects=["matematika", "ona tili"]))
        for child, grade, born in zip(
            children, (2, 4), (date(2018, 3, 8), date(2016, 9, 1)), strict=True
        ):
            db.add(StudentProfile(user_id=child.id, grade=grade, birth_date=born, avatar="lion"))
            db.add(FamilyLink(parent_id=parent.id, child_id=child.id, relation=Relation.mother))
        await db.flush()
        db.add(
            OrganizationMember(
                organization_id=organization.id,
                user_id=teacher.id,
                role=MemberRole.teacher,
                status=MembershipStatus.active,
                decided_at=now,
                decided_by_id=owner.id,
            )
        )
        await seed_class(db, teacher, owner, organization, children, pin_hash)
        # The centre's classes, led by its teacher: crm's demo office gives them rooms, schedules
        # and students (`python -m crm seed-demo`).
        for name, subject in CENTRE_GROUPS:
            db.add(
                StudyGroup(
                    organization_id=organization.id,
                    teacher_id=teacher.id,
                    name=name,
                    subject=subject,
                    join_code=await unique_join_code(db),
                )
            )
        await seed_coins(db, admin, children)
    return "Demo data added.\n" + GUIDE
