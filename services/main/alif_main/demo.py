"""Demo accounts for `make run`: a family, a teacher, a learning centre and an admin.

Development only: the function refuses any other environment. Running it again changes nothing.
"""

from datetime import date

from sqlalchemy import select

from alif.auth import AccountStatus, Role
from alif.config import Environment
from alif.db import standalone_session, utcnow
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
    TeacherProfile,
    User,
)
from alif_main.auth.passwords import SecretHasher
from alif_main.config import MainSettings

DEMO_PASSWORD = "alif24-demo"
DEMO_PIN = "2024"
PARENT_PHONE = "+998900000001"

GUIDE = f"""Demo accounts (password {DEMO_PASSWORD}):
  parent        {PARENT_PHONE}   Dilnoza Karimova, two children
  children      username ali, laylo   PIN {DEMO_PIN}
  teacher       +998900000002   approved, member of Ziyo oʻquv markazi
  organization  +998900000003   Ziyo oʻquv markazi (learning centre)
  admin         +998900000009   admin UI at /api/main/admin"""


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
    return "Demo data added.\n" + GUIDE
