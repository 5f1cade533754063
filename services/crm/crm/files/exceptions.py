from alif.errors import Unprocessable


class ImportInvalid(Unprocessable):
    message = "Some rows of the file are not valid; nothing was imported."


class NotAnExcelFile(Unprocessable):
    message = "The file is not an Excel workbook (.xlsx)."


class ImportTooLarge(Unprocessable):
    message = "The file is too large to import at once."
