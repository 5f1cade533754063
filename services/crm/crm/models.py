"""Every table crm owns, for alembic (the `alif.models` entry point)."""

from crm.leads.models import Lead, LeadActivity, LeadStage
from crm.staff.models import Staff
from crm.students.models import Student

__all__ = ["Lead", "LeadActivity", "LeadStage", "Staff", "Student"]
