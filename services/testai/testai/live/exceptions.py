from alif.errors import Conflict, Forbidden, NotFound, TooManyRequests, Unprocessable


class GameNotFound(NotFound):
    message = "No game with this code is running."


class NotGameHost(Forbidden):
    message = "Only the teacher who hosts this game can do this."


class NicknamesNotAllowed(Forbidden):
    message = "This game is for signed-in players: please log in first."


class NicknameNotAllowed(Unprocessable):
    message = "Please choose another name."


class NicknameTaken(Conflict):
    message = "Someone in this game already has this name."


class PlayerRemoved(Forbidden):
    message = "The teacher removed you from this game."


class NotAPlayer(Forbidden):
    message = "Join the game first."


class WrongPhase(Conflict):
    message = "The game is not at the step this needs."


class TooManyCodeGuesses(TooManyRequests):
    message = "Too many wrong game codes. Please wait and try again."


class GameFull(Conflict):
    message = "This game is full."


class UnsupportedVersion(Unprocessable):
    message = "Please reload the page: the app is older than the game server."
