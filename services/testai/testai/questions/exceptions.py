from alif.errors import Forbidden, NotFound


class QuestionNotFound(NotFound):
    message = "Question not found."


class QuestionReadOnly(Forbidden):
    message = "This question belongs to a colleague; copy it to change it."
