from alif.errors import Conflict, Forbidden, NotFound


class OrganizationNotFound(NotFound):
    message = "This organization was not found."


class PermissionDenied(Forbidden):
    message = "Your role in this organization does not allow this."


class StaffMemberNotFound(NotFound):
    message = "This staff member was not found."


class AccountNotFound(NotFound):
    message = "No ALIF24 account has this phone number; ask the person to sign up first."


class StaffMemberExists(Conflict):
    message = "This person already works in this organization."
