from alif.errors import BadRequest


class InvalidCode(BadRequest):
    message = "The code is wrong or has expired."
    commit_changes = True  # the failed attempt is counted


class CodeAttemptsExceeded(BadRequest):
    message = "Too many wrong codes. Please ask for a new code."
