"""What goes wrong reading a file or an answer; the codes are part of every service's API."""

from alif.errors import AppError, Unprocessable


class UnsupportedFileType(AppError):
    status_code = 415
    message = "Upload a .docx, .pdf or .txt file (an old .doc must be saved as .docx first)."


class FileTypeMismatch(AppError):
    status_code = 415
    message = "The file's content does not match its name. Upload the file as it was saved."


class FileTooLarge(AppError):
    status_code = 413
    message = "The file is too large."


class FileNotReadable(Unprocessable):
    message = "This file could not be read. It may be damaged or password-protected."


class FileHasNoText(Unprocessable):
    message = "No text was found in this file (a scanned PDF has only pictures of text)."


class AnswerDoesNotFit(Unprocessable):
    message = "This answer does not fit the question."
