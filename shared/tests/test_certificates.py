"""Certificate codes and PDFs (the verification routes are tested in each service that mounts
them, against its own table)."""

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from alif.certificates import (
    CertificateKind,
    CertificateText,
    new_code,
    normalise_code,
    render_pdf,
)
from alif.certificates.codes import ALPHABET
from alif.certificates.pdf import new_document
from alif.kernel.models import Language


def test_codes_are_random_grouped_and_unambiguous() -> None:
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert all(c in ALPHABET for c in "".join(groups))
        assert normalise_code(code) == code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7k3m-qx9p-2d4f", "7K3M-QX9P-2D4F"),
        ("7K3MQX9P2D4F", "7K3M-QX9P-2D4F"),
        (" 7K3M QX9P 2D4F ", "7K3M-QX9P-2D4F"),
        ("7K3M-QX9P-2DOI", "7K3M-QX9P-2D01"),  # O and I read from paper are 0 and 1
        ("7K3M-QX9P-2D4", None),
        ("7K3M-QX9P-2D4FF", None),
        ("7K3M-QX9P-2D4U", None),  # U is not in the alphabet
        ("../../etc/passwd", None),
        ("", None),
    ],
)
def test_typed_codes_normalise_or_are_refused(typed: str, stored: str | None) -> None:
    assert normalise_code(typed) == stored


def test_the_uzbek_marks_are_as_narrow_as_quotes_not_spaced_out() -> None:
    pdf = new_document()
    # Nunito's own U+02BB is 500 units wide ("o ʻ zbek"); the certificate face draws it as ‘.
    assert pdf.get_string_width("oʻzbek") == pdf.get_string_width("o‘zbek")
    assert pdf.get_string_width("ʻ") < pdf.get_string_width("o")
    # Every character of the three languages has a glyph (nothing falls back to a blank box).
    for text in ("Oʻzbekiston gʻalabasi tutuqʼ", "Ёжик в тумане щука", "Ğ Ş Ç ə ñ"):
        assert pdf.get_string_width(text) > 0
        font = pdf.current_font
        assert all(ord(c) in font.cmap for c in text if c != " ")


def test_the_pdf_prints_the_name_the_award_the_code_and_where_to_verify() -> None:
    body = render_pdf(
        CertificateText(
            kind=CertificateKind.diploma,
            language=Language.uz,
            holder_name="Gʻofur Oʻrinboyev",
            title="Viloyat matematika olimpiadasi",
            achievement="1-oʻrin · oltin",
            issuer="ALIF24 olimp",
            issued_at=datetime(2026, 12, 7, 20, 0, tzinfo=UTC),
            code="7K3M-QX9P-2D4F",
        ),
        "https://olimp.alif24.uz/certificates/7K3M-QX9P-2D4F",
    )
    assert body.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    for printed in (
        "DIPLOM",
        "Gʻofur Oʻrinboyev",
        "1-oʻrin · oltin",
        "Viloyat matematika olimpiadasi",
        "7K3M-QX9P-2D4F",
        "https://olimp.alif24.uz/certificates/7K3M-QX9P-2D4F",
        "08.12.2026",  # issued at 20:00 UTC is the 8th in Tashkent
    ):
        assert printed in text
