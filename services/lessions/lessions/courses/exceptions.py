from alif.errors import Conflict, NotFound, Unprocessable


class CourseNotFound(NotFound):
    message = "This course was not found."


class ModuleNotFound(NotFound):
    message = "This part of the course was not found."


class LessonNotFound(NotFound):
    message = "This lesson was not found."


class GroupNotFound(NotFound):
    message = "One of these groups was not found among the groups you teach."


class OrganizationNotFound(NotFound):
    message = "This organization was not found among yours."


class CourseHasNoLessons(Conflict):
    message = "Publish at least one lesson before publishing the course."


class CourseArchived(Conflict):
    message = "This course is archived."


class QuestionWithoutKey(Conflict):
    message = "Every question needs a correct answer before the lesson is published."


class VisibilityNeedsTarget(Unprocessable):
    message = "Choose the organization or the groups that may see this course."


class EmbedHostNotAllowed(Unprocessable):
    message = "Videos can be embedded only from the allowed sites."


class OrderIncomplete(Unprocessable):
    message = "Name every module and every lesson of the course exactly once."
