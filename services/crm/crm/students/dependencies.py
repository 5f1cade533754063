import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from crm.staff.dependencies import StudentManager, StudentViewer
from crm.students import service
from crm.students.models import Student


async def viewable_student(student_id: uuid.UUID, office: StudentViewer, db: SessionDep) -> Student:
    return await service.get_student(db, office.organization_id, student_id)


async def managed_student(student_id: uuid.UUID, office: StudentManager, db: SessionDep) -> Student:
    return await service.get_student(db, office.organization_id, student_id)


ViewableStudent = Annotated[Student, Depends(viewable_student)]
ManagedStudent = Annotated[Student, Depends(managed_student)]
