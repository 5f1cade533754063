"""Excel workbooks in and out (openpyxl). Reading and writing are CPU work: callers run them in a
thread, never on the event loop."""

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from alif.media import zip_unpacks_within
from alif.text import fold_for_comparison
from crm.files.exceptions import ImportTooLarge, NotAnExcelFile

MAX_ROWS = 2000
# Rows and columns read, blank ones included: a sheet that claims cells as far as XFD1048576
# is a few bytes, and reading every blank cell up to it would keep a worker busy for hours.
MAX_SHEET_ROWS = 10 * MAX_ROWS
MAX_COLUMNS = 50
# An .xlsx is a zip: what it unpacks to is measured first (2,000 rows are a few megabytes).
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ENTRIES = 500
Cell = str | int | date | datetime | None


def write(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes, columns: dict[str, tuple[str, ...]]) -> list[tuple[int, dict[str, Any]]]:
    """The first sheet's rows as {field: value}, by a header row whose titles may be any of a
    field's names (uz, ru, en, any case and apostrophe); empty rows are skipped. Each row keeps
    its number in the sheet for the report."""
    try:
        if not zip_unpacks_within(data, max_entries=MAX_ENTRIES, max_bytes=MAX_UNPACKED):
            raise ImportTooLarge(details={"max_unpacked_bytes": MAX_UNPACKED})
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise NotAnExcelFile() from error
    sheet = book.worksheets[0]
    names = {
        fold_for_comparison(name): field for field, aliases in columns.items() for name in aliases
    }
    if (sheet.max_row or 0) > MAX_SHEET_ROWS:
        raise ImportTooLarge(details={"max_rows": MAX_ROWS})
    rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS, max_col=MAX_COLUMNS, values_only=True)
    header = next(rows, None) or ()
    fields = [names.get(fold_for_comparison(str(title or "")).strip()) for title in header]
    found: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(found) >= MAX_ROWS:
            raise ImportTooLarge(details={"max_rows": MAX_ROWS})
        row: dict[str, Any] = {}
        for field, value in zip(fields, values, strict=False):
            if field is None or value is None or str(value).strip() == "":
                continue
            if isinstance(value, datetime):
                value = value.date()
            row[field] = value if isinstance(value, date) else str(value).strip()
        found.append((number, row))
    book.close()
    return found
