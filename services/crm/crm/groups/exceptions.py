from alif.errors import Conflict, NotFound


class RoomNotFound(NotFound):
    message = "This room was not found."


class RoomNameTaken(Conflict):
    message = "The organization already has a room with this name."


class StudyGroupNotFound(NotFound):
    message = "This organization has no such study group."


class GroupNotFound(NotFound):
    message = "This group was not found."


class GroupExists(Conflict):
    message = "This study group already has its office settings."


class ScheduleConflict(Conflict):
    message = "The room or the teacher is busy at this time."
