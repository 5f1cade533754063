from alif.errors import Conflict, Forbidden, NotFound


class UserNotFound(NotFound):
    message = "User not found."


class NotPendingApproval(Conflict):
    message = "This account is not waiting for approval."


class StaffCannotBeBlocked(Forbidden):
    message = "Only an admin can block staff accounts."


class CannotChangeOwnRole(Forbidden):
    message = "You cannot change your own role."


class RoleChangeNotAllowed(Forbidden):
    message = "This account's role cannot be changed to that role."


class AskAParent(Forbidden):
    message = "Ask a parent to change this."
