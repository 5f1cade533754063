from alif.errors import Conflict, Forbidden, NotFound, Unprocessable


class TestNotFound(NotFound):
    message = "Test not found."


class TestReadOnly(Forbidden):
    message = "This test belongs to a colleague; duplicate it to change it."


class TestNotEditable(Conflict):
    message = "A published test's questions cannot change; duplicate it to make a new version."


class TestNotDraft(Conflict):
    message = "Only a draft can be published."


class TestNotPublished(Conflict):
    message = "Publish the test first."


class TestIsEmpty(Conflict):
    message = "Add at least one question first."


class QuestionsNeedKeys(Conflict):
    message = "Some questions have no correct answer yet."


class QuestionsNeedReview(Conflict):
    message = "Some questions made by AI are waiting for your review."


class SettingsNotValid(Unprocessable):
    message = "These test settings do not fit together."


class GroupNotFound(NotFound):
    message = "Group not found."


class StudentNotFound(NotFound):
    message = "Student not found among your groups."


class AssignmentNotFound(NotFound):
    message = "Assignment not found."


class AlreadyAssigned(Conflict):
    message = "This test is already assigned there."


class OrderNotValid(Unprocessable):
    message = "The new order must list every question of the test exactly once."
