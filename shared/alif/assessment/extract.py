"""Text out of an uploaded file, its type decided by its content (never by its name alone).

Uploads are untrusted: sizes are checked before parsing, a .docx (a zip) is measured before it is
unpacked, a PDF's pages are counted before they are read. Parsing is CPU work and runs in a worker
thread so the event loop keeps serving other requests.
"""

import io
import zipfile
from enum import StrEnum
from pathlib import PurePath

import anyio
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from alif.assessment.exceptions import (
    FileHasNoText,
    FileNotReadable,
    FileTooLarge,
    FileTypeMismatch,
    UnsupportedFileType,
)
from alif.assessment.parser import EMPHASIS
from alif.media import zip_unpacks_within

_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
DOCX_MAX_UNPACKED = 60 * 1024 * 1024
DOCX_MAX_ENTRIES = 2000
# At most two documents are parsed at a time: the machine has few cores to share.
_parsers = anyio.CapacityLimiter(2)


class FileKind(StrEnum):
    txt = "txt"
    docx = "docx"
    pdf = "pdf"


_EXTENSIONS = {".txt": FileKind.txt, ".docx": FileKind.docx, ".pdf": FileKind.pdf}


def sniff(data: bytes, filename: str | None) -> FileKind:
    if data.startswith(b"%PDF-"):
        kind = FileKind.pdf
    elif data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as error:
            raise FileNotReadable() from error
        if "word/document.xml" not in names:
            raise UnsupportedFileType()  # a spreadsheet, a presentation, a plain zip...
        kind = FileKind.docx
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFileType()  # Word 97-2003 (.doc)
    elif b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFileType()  # binary: an image, an executable...
    else:
        kind = FileKind.txt
    extension = PurePath(filename or "").suffix.lower()
    if extension and _EXTENSIONS.get(extension, kind) is not kind:
        raise FileTypeMismatch()
    if extension and extension not in _EXTENSIONS:
        raise UnsupportedFileType()
    return kind


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows files in Uzbekistan are usually Windows-1251 (Cyrillic).
        return data.decode("cp1251", errors="replace")


class _Numbering:
    """Word's automatic list numbers (they are not in the paragraph's text): `1.` for a decimal
    list and `A)` for a lettered one, so the parser sees what the teacher saw."""

    def __init__(self, document: object) -> None:
        part = getattr(document, "part", None)
        try:
            self._root = part.numbering_part.element if part is not None else None
        except (KeyError, NotImplementedError):
            self._root = None
        self._counters: dict[tuple[str, int], int] = {}

    def _format(self, num_id: str, level: int) -> tuple[str, int]:
        if self._root is None:
            return "", 1
        abstract = self._root.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if not abstract:
            return "", 1
        lvl = self._root.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]'
        )
        if not lvl:
            return "", 1
        # Plain lxml elements here: the namespace has to be given.
        fmt = lvl[0].xpath("./w:numFmt/@w:val", namespaces=_W)
        start = lvl[0].xpath("./w:start/@w:val", namespaces=_W)
        return (fmt[0] if fmt else ""), int(start[0]) if start else 1

    @staticmethod
    def _list_of(paragraph: Paragraph) -> tuple[str, int] | None:
        """The list (numId) and level of a paragraph: its own, or its style's ("List Number"
        carries the numbering in the style, and styles inherit)."""
        elements = [paragraph._p]
        style = paragraph.style
        for _ in range(5):  # styles are based on styles; a short chain is all Word makes
            if style is None:
                break
            elements.append(style.element)
            style = style.base_style
        for element in elements:
            num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            if num_ids:
                if num_ids[0] == "0":  # numId 0 switches inherited numbering off
                    return None
                levels = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
                return str(num_ids[0]), int(levels[0]) if levels else 0
        return None

    def label(self, paragraph: Paragraph) -> str:
        found = self._list_of(paragraph)
        if found is None:
            return ""
        num_id, level = found
        fmt, start = self._format(num_id, level)
        key = (num_id, level)
        self._counters[key] = self._counters.get(key, start - 1) + 1
        for deeper in [k for k in self._counters if k[0] == num_id and k[1] > level]:
            del self._counters[deeper]
        n = self._counters[key]
        if fmt == "decimal":
            return f"{n}. "
        if fmt in ("upperLetter", "lowerLetter") and 1 <= n <= 26:
            letter = chr(ord("A") + n - 1)
            return f"{letter if fmt == 'upperLetter' else letter.lower()}) "
        return ""


def _emphasised(paragraph: Paragraph) -> bool:
    """Bold or highlighted throughout: how teachers mark the right option in Word."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    return all(
        r.bold or (r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None)
        for r in runs
    )


def _docx_text(data: bytes) -> str:
    if not zip_unpacks_within(data, max_entries=DOCX_MAX_ENTRIES, max_bytes=DOCX_MAX_UNPACKED):
        raise FileTooLarge("This document unpacks to more than we accept.")
    document = Document(io.BytesIO(data))
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = numbering.label(block) + block.text
            lines.append((EMPHASIS if _emphasised(block) else "") + text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines)


def _pdf_text(data: bytes, max_pages: int) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise FileNotReadable()
    if len(reader.pages) > max_pages:
        raise FileTooLarge(f"A PDF may have at most {max_pages} pages.")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _extract(data: bytes, kind: FileKind, max_pages: int) -> str:
    if kind is FileKind.txt:
        return _decode(data)
    try:
        return _docx_text(data) if kind is FileKind.docx else _pdf_text(data, max_pages)
    except (FileTooLarge, FileNotReadable):
        raise
    except Exception as error:
        # Damaged or hostile files fail inside the parsers in many ways (zip, XML, PDF
        # syntax); to the teacher each means the same: this file cannot be read.
        raise FileNotReadable() from error


async def extract_text(
    data: bytes, filename: str | None, *, max_bytes: int, max_pages: int, max_chars: int
) -> tuple[FileKind, str]:
    if len(data) > max_bytes:
        raise FileTooLarge(f"A file may be at most {max_bytes // (1024 * 1024)} MB.")
    kind = sniff(data, filename)
    text = await anyio.to_thread.run_sync(_extract, data, kind, max_pages, limiter=_parsers)
    if not text.replace(EMPHASIS, "").strip():
        raise FileHasNoText()
    if len(text) > max_chars:
        raise FileTooLarge(f"The text may be at most {max_chars} characters long.")
    return kind, text
