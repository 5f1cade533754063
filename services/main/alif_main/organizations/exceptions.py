from alif.errors import Conflict, NotFound, Unprocessable


class OrganizationDetailsRequired(Unprocessable):
    message = "Please fill in the organization's details."


class OrganizationNotFound(NotFound):
    message = "Organization not found."


class MemberNotFound(NotFound):
    message = "This person has not asked to join your organization."


class AlreadyMember(Conflict):
    message = "You have already asked to join this organization."
