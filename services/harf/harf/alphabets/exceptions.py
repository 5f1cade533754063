from alif.errors import NotFound


class LetterNotFound(NotFound):
    message = "This alphabet has no letter with that number."
