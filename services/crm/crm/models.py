"""Every table crm owns, for alembic (the `alif.models` entry point). The tuition links are
defined in `alif.tuition` because main reads them; crm alone writes them."""

from alif.tuition import TuitionLink
from crm.groups.models import Enrolment, Freeze, Group, GroupSlot, Room
from crm.leads.models import Lead, LeadActivity, LeadStage
from crm.lessons.models import Attendance, Holiday, Lesson, MakeupStudent
from crm.money.models import MoneyEntry, TeacherRate
from crm.sms.models import SmsBatch, SmsRecipient
from crm.staff.models import Staff
from crm.students.models import Student, StudentChange

__all__ = [
    "Attendance",
    "Enrolment",
    "Freeze",
    "Group",
    "GroupSlot",
    "Holiday",
    "Lead",
    "LeadActivity",
    "LeadStage",
    "Lesson",
    "MakeupStudent",
    "MoneyEntry",
    "Room",
    "SmsBatch",
    "SmsRecipient",
    "Staff",
    "Student",
    "StudentChange",
    "TeacherRate",
    "TuitionLink",
]
