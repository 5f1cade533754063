from alif.errors import Conflict, NotFound, TooManyRequests


class AttemptNotFound(NotFound):
    message = "Attempt not found."


class TestNotAvailable(NotFound):
    message = "This test is not available to you. Check the code or ask your teacher."


class TestNotOpenYet(Conflict):
    message = "This test has not opened yet."


class TestClosed(Conflict):
    message = "This test is closed."


class NoAttemptsLeft(Conflict):
    message = "You have used all your attempts at this test."


class AttemptClosed(Conflict):
    message = "Time is up: this attempt is closed and your saved answers were graded."
    # The server closes (and grades) an overdue attempt when it refuses a late answer; that
    # closing must be kept even though the request fails.
    commit_changes = True


class ChildNotFound(NotFound):
    message = "Child not found."


class TooManyCodeGuesses(TooManyRequests):
    message = "Too many wrong codes. Please wait a little and try again."
