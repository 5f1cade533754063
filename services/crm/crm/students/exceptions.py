from alif.errors import NotFound


class StudentNotFound(NotFound):
    message = "This student was not found."
