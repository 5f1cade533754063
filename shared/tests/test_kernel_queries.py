"""The read-only kernel questions services ask: who is in a school, who teaches what, names."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.kernel import queries
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember
from alif.testing import make_school, make_study_group, make_user


async def test_students_of_an_organization_are_its_student_members_and_its_groups_students(
    db_session: AsyncSession,
) -> None:
    owner = await make_user(db_session, role=Role.organization)
    school = await make_school(db_session, owner)
    teacher = await make_user(db_session, role=Role.teacher)
    in_group, member, pending, elsewhere = [await make_user(db_session) for _ in range(4)]
    await make_study_group(db_session, teacher, [in_group], organization=school)
    await make_study_group(db_session, teacher, [elsewhere])  # the teacher's private group
    db_session.add_all(
        [
            OrganizationMember(
                organization_id=school.id,
                user_id=member.id,
                role=MemberRole.student,
                status=MembershipStatus.active,
            ),
            OrganizationMember(
                organization_id=school.id,
                user_id=pending.id,
                role=MemberRole.student,
                status=MembershipStatus.pending,
            ),
        ]
    )
    await db_session.flush()
    students = await queries.students_of_organization(db_session, school.id)
    assert set(students) == {in_group.id, member.id}


async def test_groups_taught_are_the_teachers_own_and_those_of_the_school_one_owns(
    db_session: AsyncSession,
) -> None:
    owner = await make_user(db_session, role=Role.organization)
    school = await make_school(db_session, owner)
    teacher = await make_user(db_session, role=Role.teacher)
    other = await make_user(db_session, role=Role.teacher)
    mine = await make_study_group(db_session, teacher, name="5-A")
    schools = await make_study_group(db_session, other, organization=school, name="6-B")
    await make_study_group(db_session, other, name="7-V")
    assert await queries.groups_taught_by(db_session, teacher.id) == [mine.id]
    assert await queries.groups_taught_by(db_session, owner.id) == [schools.id]
    found = await queries.get_groups(db_session, [schools.id, mine.id])
    assert [g.name for g in found] == ["5-A", "6-B"]
    assert [o.name for o in await queries.get_organizations(db_session, [school.id])] == [
        "12-maktab"
    ]
    assert await queries.get_groups(db_session, []) == []


async def test_display_names_show_only_the_last_names_initial(db_session: AsyncSession) -> None:
    dilnoza = await make_user(db_session, first_name="Dilnoza", last_name="Karimova")
    aziz = await make_user(db_session, first_name="Aziz", last_name="")
    whole = await make_user(db_session, first_name="Lola Rahimova", last_name="Rahimova")
    names = await queries.display_names(db_session, [dilnoza.id, aziz.id, whole.id])
    assert names == {dilnoza.id: "Dilnoza K.", aziz.id: "Aziz", whole.id: "Lola R."}
    assert await queries.display_names(db_session, []) == {}
