from alif.errors import NotFound


class ChildNotFound(NotFound):
    message = "Child not found."
