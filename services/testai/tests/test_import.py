"""Importing through the API: pasted text, real .docx / .pdf / .txt files, the checks on them,
and the preview a teacher confirms before anything is saved."""

import io
import zipfile

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.testing import LoginAs
from testai.questions.models import Question
from testai.testing import API, docx_bytes, pdf_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(name: str, data: bytes, kind: str = "application/octet-stream") -> dict[str, object]:
    return {"files": {"file": (name, data, kind)}}


async def test_a_word_test_with_automatic_numbering_bold_answers_and_a_key_table(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    document = docx_bytes(
        [
            ("bold", "Ona tili. 6-sinf. Test"),
            ("List Number", "Oʻzbek alifbosida nechta harf bor?"),
            "A) 29",
            "B) 35",
            "C) 26",
            ("List Number", "Qaysi soʻz ot?"),
            "A) yugurmoq",
            ("bold", "B) kitob"),
            "C) chiroyli",
            ("List Number", "Kalitsiz savol?"),
            "A) bir",
            "B) ikki",
            "Javoblar:",
        ],
        table=[["1", "2"], ["A", "B"]],
    )
    response = await teacher.post(f"{API}/import/file", **_upload("test.docx", document, DOCX))
    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["file_kind"] == "docx" and preview["total"] == 3 and preview["flagged"] == 1
    first, second, third = preview["questions"]
    assert first["number"] == 1 and first["text"] == "Oʻzbek alifbosida nechta harf bor?"
    assert [o["correct"] for o in first["options"]] == [True, False, False]
    assert [o["text"] for o in second["options"] if o["correct"]] == ["kitob"]
    assert third["flagged"] and third["problems"] == ["no_answer"]
    assert not any(o["correct"] for o in third["options"])
    assert first["language"] == "uz"
    # A preview saves nothing.
    assert await db_session.scalar(select(func.count()).select_from(Question)) == 0


async def test_a_pdf_over_two_pages(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    document = pdf_bytes(
        [
            "Geografiya 8-sinf",
            "1. Eng uzun daryo qaysi?",
            "A) Amudaryo",
            "B) Sirdaryo",
            "Javob: B",
            "<page>",
            "2. Orol dengizi qaysi davlatlar orasida?",
            "A) Qozog'iston va O'zbekiston",
            "B) Turkmaniston va Eron",
            "Javob: A",
            "3. Which is the capital of Uzbekistan?",
            "A) Tashkent",
            "B) Bukhara",
            "Answer: A",
        ]
    )
    response = await teacher.post(f"{API}/import/file", **_upload("geo.pdf", document))
    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["file_kind"] == "pdf" and preview["flagged"] == 0
    assert [q["number"] for q in preview["questions"]] == [1, 2, 3]
    assert preview["questions"][1]["options"][0]["text"] == "Qozog'iston va O'zbekiston"
    assert [q["language"] for q in preview["questions"]] == ["uz", "uz", "en"]


async def test_an_old_windows_text_file_in_cyrillic(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    text = "1. Столица России?\nА) Москва\nБ) Казань\nОтвет: А\n".encode("cp1251")
    response = await teacher.post(f"{API}/import/file", **_upload("test.txt", text, "text/plain"))
    assert response.status_code == 200
    question = response.json()["questions"][0]
    assert question["options"][0] == {"text": "Москва", "correct": True}
    assert question["language"] == "ru"


async def test_pasted_text_previews_the_same_way(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    response = await teacher.post(
        f"{API}/import/text", json={"text": "1. 2+2?\nA) 3\nB) 4\nJavob: B", "language": "uz"}
    )
    assert response.status_code == 200
    assert response.json()["questions"][0]["options"][1] == {"text": "4", "correct": True}


async def test_files_are_checked_by_their_content(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    pdf = pdf_bytes(["1. Savol?", "A) ha", "B) yo'q", "Javob: A"])

    renamed = await teacher.post(f"{API}/import/file", **_upload("test.docx", pdf))
    assert renamed.status_code == 415
    assert renamed.json()["error"]["code"] == "file_type_mismatch"

    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert (
        await teacher.post(f"{API}/import/file", **_upload("eski.doc", old_word))
    ).status_code == 415

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    sheet = await teacher.post(f"{API}/import/file", **_upload("test.xlsx", archive.getvalue()))
    assert sheet.status_code == 415 and sheet.json()["error"]["code"] == "unsupported_file_type"

    image = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100
    assert (
        await teacher.post(f"{API}/import/file", **_upload("rasm.txt", image))
    ).status_code == 415

    broken = await teacher.post(f"{API}/import/file", **_upload("buzuq.pdf", b"%PDF-1.7\n garbage"))
    assert broken.status_code == 422 and broken.json()["error"]["code"] == "file_not_readable"

    empty_docx = docx_bytes([])
    empty = await teacher.post(f"{API}/import/file", **_upload("bosh.docx", empty_docx))
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "file_has_no_text"


async def test_a_zip_bomb_disguised_as_a_docx_is_refused_before_it_is_unpacked(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/huge.bin", b"\x00" * (70 * 1024 * 1024))
    assert len(archive.getvalue()) < 1024 * 1024  # it squeezes to almost nothing
    response = await teacher.post(f"{API}/import/file", **_upload("bomb.docx", archive.getvalue()))
    assert response.status_code == 413


async def test_a_file_over_the_size_limit_is_refused(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    big = b"1. Savol?\nA) ha\nB) yo'q\n" * 250_000  # over 5 MB
    response = await teacher.post(f"{API}/import/file", **_upload("katta.txt", big))
    assert response.status_code == 413 and response.json()["error"]["code"] == "file_too_large"


async def test_only_approved_teaching_accounts_import(login_as: LoginAs) -> None:
    for actor in (
        await login_as(Role.student),
        await login_as(Role.parent),
        await login_as(Role.teacher, status=AccountStatus.pending),
    ):
        response = await actor.post(f"{API}/import/text", json={"text": "1. a?\nA) b\nB) c"})
        assert response.status_code == 403
    anonymous = await actor.client.post(f"{API}/import/text", json={"text": "1. x"})
    assert anonymous.status_code == 401


async def test_a_source_file_gives_its_text_for_ai_generation(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    document = docx_bytes(["Amir Temur 1336-yilda Keshda tugʻilgan.", ("bold", "Muhim sana.")])
    response = await teacher.post(f"{API}/sources/extract", **_upload("matn.docx", document))
    assert response.status_code == 200
    assert response.json() == {
        "file_kind": "docx",
        "text": "Amir Temur 1336-yilda Keshda tugʻilgan.\nMuhim sana.",
    }


async def test_a_pdf_that_never_ends_or_loops_on_itself_is_refused_and_the_next_one_is_read(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    head = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    # A content stream that claims a gigabyte and stops mid-sentence: no end, no cross-reference.
    never_ends = (
        head + b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
        b"4 0 obj\n<< /Length 999999999 >>\nstream\nBT (Salom" + b" dunyo" * 20_000
    )
    # A page tree whose only child is itself.
    loops = head + b"2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n%%EOF\n"
    for name, data in (("cheksiz.pdf", never_ends), ("halqa.pdf", loops)):
        for url in (f"{API}/import/file", f"{API}/sources/extract"):
            refused = await teacher.post(url, **_upload(name, data))
            assert refused.status_code == 422, (url, refused.text)
            assert refused.json()["error"]["code"] == "file_not_readable"
    honest = pdf_bytes(["1. 2 + 2 = ?", "A) 3", "B) 4", "Javob: B"])
    assert (
        await teacher.post(f"{API}/import/file", **_upload("test.pdf", honest))
    ).status_code == 200
