from alif.errors import Forbidden, NotFound, TooManyRequests, Unauthorized, Unprocessable


class InvalidCredentials(Unauthorized):
    message = "The login or password is wrong."


class AccountBlocked(Forbidden):
    message = "This account is blocked. Please contact support."


class IdentifierNotVerified(Forbidden):
    message = "Please confirm your phone number or e-mail first. We can send a new code."


class WeakPassword(Unprocessable):
    message = "This password is too easy to guess. Please choose another one."


class PinLocked(TooManyRequests):
    message = "Too many wrong PINs. Please wait or ask a parent to help."


class WrongPin(Unauthorized):
    message = "The username or PIN is wrong."


class InvalidRefreshToken(Unauthorized):
    message = "Your session has ended. Please log in again."


class RefreshTokenReused(Unauthorized):
    message = "Your session has ended for your safety. Please log in again."
    commit_changes = True  # the session family is revoked even though the request fails


class SessionNotFound(NotFound):
    message = "Session not found."


class WrongPassword(Forbidden):
    message = "The current password is wrong."


class DevicesForParents(Forbidden):
    message = "A parent sees and signs out a child's devices."
