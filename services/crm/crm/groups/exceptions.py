from alif.errors import Conflict, NotFound, Unprocessable


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


class EnrolmentNotFound(NotFound):
    message = "This enrolment was not found."


class AlreadyEnrolled(Conflict):
    message = "This student is already in this group."


class GroupFull(Conflict):
    message = "The group has no free place."


class OutsideGroupDates(Unprocessable):
    message = "The date is outside the group's start and end dates."


class LeavesBeforeJoining(Unprocessable):
    message = "A student cannot leave a group before the day they joined it."


class FreezeNotFound(NotFound):
    message = "This freeze was not found."


class FreezeOverlaps(Conflict):
    message = "The enrolment is already frozen on some of these days."


class OutsideEnrolment(Unprocessable):
    message = "The days are outside the student's time in the group."
