from alif.errors import Conflict, NotFound, TooManyRequests, Unprocessable


class SessionNotFound(NotFound):
    message = "This game was not found."


class TooManyGamesStarted(TooManyRequests):
    message = "You have started many games in a short time. Please wait a little."


# A refused log closes its game for good (the refusal is kept: commit_changes), so a forged log
# cannot be corrected and tried again; a retry gets the same answer.


class SessionExpired(Conflict):
    commit_changes = True
    message = "This game was started too long ago to be counted. Start a new one."


class InputLogInvalid(Unprocessable):
    commit_changes = True
    message = "These moves could not have been played in this game."


class InputsTooFast(Unprocessable):
    commit_changes = True
    message = "These moves came faster than anyone can play."


class GameLongerThanSession(Unprocessable):
    commit_changes = True
    message = "This game claims more playing time than has passed since it started."


REFUSALS: dict[str, type[Unprocessable | Conflict]] = {
    error.code: error
    for error in (SessionExpired, InputLogInvalid, InputsTooFast, GameLongerThanSession)
}
