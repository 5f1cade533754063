"""Uploads that unpack to far more than they weigh: a picture of millions of pixels in a few
kilobytes, a zip of zeros. Each is refused from what it declares, before it is unpacked."""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from alif.media import FileTypeNotAllowed, MediaKind, check, zip_unpacks_within


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("1", (7_000, 7_000)).save(out, "PNG")  # 49 million pixels in a few kilobytes
    bomb = tmp_path / "rasm.png"
    bomb.write_bytes(out.getvalue())
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(FileTypeNotAllowed):
        check(bomb, MediaKind.image)


def test_a_zip_is_measured_by_what_it_unpacks_to() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (20 * 1024 * 1024))
    packed = out.getvalue()
    assert len(packed) < 100 * 1024
    assert not zip_unpacks_within(packed, max_entries=10, max_bytes=10 * 1024 * 1024)
    assert zip_unpacks_within(packed, max_entries=10, max_bytes=30 * 1024 * 1024)
    assert not zip_unpacks_within(packed, max_entries=0, max_bytes=30 * 1024 * 1024)
    with pytest.raises(zipfile.BadZipFile):
        zip_unpacks_within(b"not a zip", max_entries=10, max_bytes=10)
