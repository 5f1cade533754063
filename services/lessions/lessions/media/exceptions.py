from alif.errors import Conflict, NotConfigured, NotFound, Unprocessable


class UploadNotFound(Unprocessable):
    message = "A file this lesson names was not uploaded to it."


class UploadKindMismatch(Unprocessable):
    message = "This block needs a file of another kind."


class ReadAloudUnavailable(NotConfigured):
    message = "No voice is configured to read stories aloud."


class UploadInUse(Conflict):
    message = "This file is still shown in the lesson; take it out of the lesson first."


class FileNotFound(NotFound):
    message = "This file was not found."
