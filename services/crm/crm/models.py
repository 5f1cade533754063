"""Every table crm owns, for alembic (the `alif.models` entry point)."""

from crm.groups.models import Enrolment, Group, GroupSlot, Room
from crm.leads.models import Lead, LeadActivity, LeadStage
from crm.staff.models import Staff
from crm.students.models import Student

__all__ = [
    "Enrolment",
    "Group",
    "GroupSlot",
    "Lead",
    "LeadActivity",
    "LeadStage",
    "Room",
    "Staff",
    "Student",
]
