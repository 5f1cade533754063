from alif.errors import NotFound, ServiceUnavailable, Unprocessable


class AudioUnavailable(ServiceUnavailable):
    message = "No voice is available now; the app can read the letter itself."


class AudioPending(ServiceUnavailable):
    message = "This sound is being made; ask again in a moment."
    commit_changes = True  # the job that makes it is asked for in this request's transaction

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": "2"}, details={"retry_after": 2})


class RecordingNotAudio(Unprocessable):
    message = "This file is not a WAV, OGG, MP3 or WebM recording."


class WordNotFound(NotFound):
    message = "This letter has no example word with that number."
