from alif.errors import NotFound


class ItemNotFound(NotFound):
    message = "This item was not found."
