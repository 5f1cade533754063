from alif.errors import NotConfigured, Unprocessable


class UploadNotFound(Unprocessable):
    message = "A file this lesson names was not uploaded to it."


class UploadKindMismatch(Unprocessable):
    message = "This block needs a file of another kind."


class ReadAloudUnavailable(NotConfigured):
    message = "No voice is configured to read stories aloud."
