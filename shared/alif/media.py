"""What an uploaded file really is, whether it may be kept, and smaller copies of pictures.

The type comes from the file's first bytes (its signature), never from its name or the type the
browser claimed, and it must be one the kind allows: a "picture" that is an HTML page or a
script is refused, so nothing a browser would run is ever served from our addresses. Pictures
are opened with Pillow (a file that only starts like a PNG fails there) and get resized WebP
copies, so a phone loads a small one.
"""

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from alif.assessment.exceptions import FileTooLarge
from alif.errors import AppError, Unprocessable


class MediaKind(StrEnum):
    image = "image"
    video = "video"
    audio = "audio"
    file = "file"


@dataclass(frozen=True)
class MediaType:
    extension: str
    media_type: str
    kind: MediaKind


# The largest file of each kind, in bytes (the gateway's limit on upload routes is the video's).
SIZE_LIMITS: dict[MediaKind, int] = {
    MediaKind.image: 10 * 1024 * 1024,
    MediaKind.audio: 20 * 1024 * 1024,
    MediaKind.video: 200 * 1024 * 1024,
    MediaKind.file: 20 * 1024 * 1024,
}
VARIANT_WIDTHS = (480, 960)  # a phone, a tablet or laptop; the original stays for larger
MAX_PIXELS = 40_000_000  # a picture that unpacks to more is refused (a decompression bomb)


def zip_unpacks_within(data: bytes, *, max_entries: int, max_bytes: int) -> bool:
    """Whether a zip (a .docx, an .xlsx) holds at most `max_entries` files that unpack to at
    most `max_bytes` in all, read from its directory before anything is unpacked: a zip bomb
    squeezes gigabytes into a few kilobytes. The directory cannot understate a size: Python's
    zipfile stops each entry at its declared size. Raises zipfile.BadZipFile for a non-zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    return len(entries) <= max_entries and sum(e.file_size for e in entries) <= max_bytes


class FileTypeNotAllowed(AppError):
    status_code = 415
    message = "Files of this type cannot be uploaded here."


class FileEmpty(Unprocessable):
    message = "The file is empty."


def sniff(head: bytes) -> MediaType | None:
    """The type the first bytes of a file show (at least 16 bytes are needed)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaType("png", "image/png", MediaKind.image)
    if head.startswith(b"\xff\xd8\xff"):
        return MediaType("jpg", "image/jpeg", MediaKind.image)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return MediaType("gif", "image/gif", MediaKind.image)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return MediaType("webp", "image/webp", MediaKind.image)
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return MediaType("wav", "audio/wav", MediaKind.audio)
    if head.startswith(b"OggS"):
        return MediaType("ogg", "audio/ogg", MediaKind.audio)
    if head.startswith(b"ID3") or head[:2] in {b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"}:
        return MediaType("mp3", "audio/mpeg", MediaKind.audio)
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in {b"M4A ", b"M4B "}:
            return MediaType("m4a", "audio/mp4", MediaKind.audio)
        return MediaType("mp4", "video/mp4", MediaKind.video)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return MediaType("webm", "video/webm", MediaKind.video)
    if head.startswith(b"%PDF-"):
        return MediaType("pdf", "application/pdf", MediaKind.file)
    if head.startswith(b"PK\x03\x04"):
        return MediaType("zip", "application/zip", MediaKind.file)
    return None


# Office documents are ZIP files; their name tells which one, once the bytes showed a ZIP.
_OFFICE = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _office(found: MediaType, filename: str) -> MediaType:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if found.extension == "zip" and extension in _OFFICE:
        return MediaType(extension, _OFFICE[extension], MediaKind.file)
    return found


def check(path: Path, kind: MediaKind, filename: str = "") -> MediaType:
    """The file's type if it may be kept as `kind`: 413 over the size, 415 another type.

    A download (`file`) may be any allowed type (a worksheet may be a PDF or a picture); the
    other kinds only their own.
    """
    size = path.stat().st_size
    if size == 0:
        raise FileEmpty()
    if size > SIZE_LIMITS[kind]:
        raise FileTooLarge(details={"kind": kind.value, "limit_bytes": SIZE_LIMITS[kind]})
    with path.open("rb") as handle:
        found = sniff(handle.read(16))
    if found is None or (kind is not MediaKind.file and found.kind is not kind):
        raise FileTypeNotAllowed(details={"kind": kind.value})
    if found.kind is MediaKind.image:
        _check_picture(path)
    return _office(found, filename)


def _check_picture(path: Path) -> None:
    try:
        with Image.open(path) as picture:
            if picture.width * picture.height > MAX_PIXELS:
                raise FileTypeNotAllowed(details={"kind": "image", "reason": "too_many_pixels"})
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise FileTypeNotAllowed(details={"kind": "image"}) from error


def picture_variants(path: Path, folder: Path) -> dict[int, Path]:
    """WebP copies no wider than each of `VARIANT_WIDTHS` (only those smaller than the picture),
    turned upright by their EXIF orientation. CPU work: call it from a worker thread."""
    made: dict[int, Path] = {}
    with Image.open(path) as opened:
        picture = ImageOps.exif_transpose(opened)
        if picture.mode not in {"RGB", "RGBA"}:
            picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
        for width in VARIANT_WIDTHS:
            if picture.width <= width:
                break
            height = max(1, round(picture.height * width / picture.width))
            target = folder / f"w{width}.webp"
            picture.resize((width, height), Image.Resampling.LANCZOS).save(
                target, "WEBP", quality=80, method=4
            )
            made[width] = target
    return made
