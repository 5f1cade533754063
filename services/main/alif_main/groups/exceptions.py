from alif.errors import Conflict, NotFound, TooManyRequests, Unprocessable


class GroupNotFound(NotFound):
    message = "Group not found."


class MemberNotFound(NotFound):
    message = "This student is not in the group."


class OrganizationNotAllowed(NotFound):
    message = "You do not belong to this organization."


class TeacherNotInOrganization(Unprocessable):
    message = "This teacher does not work in your organization."


class GroupArchived(Conflict):
    message = "This group is archived."


class GroupFull(Conflict):
    message = "This group is full."


class AlreadyInGroup(Conflict):
    message = "This student is already in the group."


class JoinCodeNotValid(NotFound):
    message = "This code is wrong or the group is closed. Ask your teacher for the code."


class TooManyJoinGuesses(TooManyRequests):
    message = "Too many wrong codes. Please wait a little and try again."


class TooManyMemberLookups(TooManyRequests):
    message = "Too many students added in a short time. Please wait a little."


class InvitationNotFound(NotFound):
    message = "This invitation is not there any more."
