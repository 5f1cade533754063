from alif.errors import Conflict, NotFound, Unprocessable


class LeadNotFound(NotFound):
    message = "This lead was not found."


class StageNotFound(NotFound):
    message = "This pipeline stage was not found."


class StageNameTaken(Conflict):
    message = "The pipeline already has a stage with this name."


class LeadClosed(Conflict):
    message = "This lead is closed (it became a student or was lost)."


class AssigneeNotStaff(Unprocessable):
    message = "A lead can only be given to someone who works in this organization."
