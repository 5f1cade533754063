"""The certificate's PDF: one A4 landscape page set in Nunito, with a QR code to its verification.

The faces in fonts/ are Nunito (latin, latin-ext and cyrillic in one face) pinned at two weights,
ʻ and ʼ drawn as Nunito's ‘ and ’ so "Oʻzbekiston" reads right (decision 18; built by
frontends/packages/ui/scripts/certificate-fonts.py).
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from fpdf import FPDF

from alif.certificates.models import CertificateKind
from alif.kernel.models import Language

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "certificate"
TASHKENT = ZoneInfo("Asia/Tashkent")
INK = (31, 41, 55)
ACCENT = (13, 148, 136)
GOLD = (180, 140, 40)

LABELS: dict[Language, dict[str, str]] = {
    Language.uz: {
        CertificateKind.certificate: "SERTIFIKAT",
        CertificateKind.diploma: "DIPLOM",
        "lead": "Ushbu hujjat bilan tasdiqlanadi:",
        "date": "Berilgan sana",
        "code": "Tekshirish kodi",
        "verify": "Haqiqiyligini tekshirish uchun QR kodni skanerlang yoki oching:",
    },
    Language.ru: {
        CertificateKind.certificate: "СЕРТИФИКАТ",
        CertificateKind.diploma: "ДИПЛОМ",
        "lead": "Настоящим подтверждается, что",
        "date": "Дата выдачи",
        "code": "Код проверки",
        "verify": "Чтобы проверить подлинность, отсканируйте QR-код или откройте:",
    },
    Language.en: {
        CertificateKind.certificate: "CERTIFICATE",
        CertificateKind.diploma: "DIPLOMA",
        "lead": "This certifies that",
        "date": "Issued on",
        "code": "Verification code",
        "verify": "To check it is genuine, scan the QR code or open:",
    },
}


@dataclass(frozen=True)
class CertificateText:
    kind: CertificateKind
    language: Language
    holder_name: str
    title: str
    achievement: str
    issuer: str
    issued_at: datetime
    code: str


def new_document() -> FPDF:
    """An A4 landscape document with the certificate faces loaded (also used to measure text)."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font(FONT, "", FONTS / "certificate-regular.ttf")
    pdf.add_font(FONT, "B", FONTS / "certificate-bold.ttf")
    pdf.set_font(FONT, size=12)
    return pdf


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code drawn as vector squares: sharp at any print size, no image library needed."""
    matrix = segno.make(url, error="m").matrix
    module = size / len(matrix)
    pdf.set_fill_color(*INK)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(x + col * module, y + row * module, module, module, style="F")


def render_pdf(text: CertificateText, verify_url: str) -> bytes:
    labels = LABELS[text.language]
    pdf = new_document()
    pdf.set_title(f"{labels[text.kind]} {text.code}")
    pdf.set_author(text.issuer)
    pdf.add_page()
    width, height = pdf.w, pdf.h

    frame = GOLD if text.kind is CertificateKind.diploma else ACCENT
    pdf.set_draw_color(*frame)
    pdf.set_line_width(2.0)
    pdf.rect(10, 10, width - 20, height - 20)
    pdf.set_line_width(0.5)
    pdf.rect(14, 14, width - 28, height - 28)

    pdf.set_text_color(*frame)
    pdf.set_font(FONT, "B", 40)
    pdf.set_xy(20, 32)
    pdf.cell(width - 40, 18, labels[text.kind], align="C")

    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 15)
    pdf.set_xy(20, 62)
    pdf.cell(width - 40, 8, labels["lead"], align="C")

    pdf.set_font(FONT, "B", 30)
    pdf.set_xy(30, 76)
    pdf.multi_cell(width - 60, 14, text.holder_name, align="C")

    pdf.set_font(FONT, "B", 18)
    pdf.set_x(30)
    pdf.multi_cell(width - 60, 10, text.achievement, align="C")
    pdf.set_font(FONT, "", 16)
    pdf.set_x(30)
    pdf.multi_cell(width - 60, 9, text.title, align="C")

    bottom = height - 56
    issued = text.issued_at.astimezone(TASHKENT).strftime("%d.%m.%Y")
    pdf.set_font(FONT, "B", 13)
    pdf.set_xy(26, bottom)
    pdf.cell(150, 7, text.issuer)
    pdf.set_font(FONT, "", 11)
    pdf.set_xy(26, bottom + 8)
    pdf.cell(150, 6, f"{labels['date']}: {issued}")
    pdf.set_xy(26, bottom + 14)
    pdf.cell(150, 6, f"{labels['code']}: {text.code}")
    pdf.set_font(FONT, "", 8)
    pdf.set_xy(26, bottom + 22)
    pdf.multi_cell(170, 4, f"{labels['verify']}\n{verify_url}")

    qr_size = 36.0
    _qr(pdf, verify_url, width - 26 - qr_size, bottom - 4, qr_size)
    return bytes(pdf.output())
