"""From text (pasted or read from a file) to a preview of questions; nothing is stored."""

from alif.assessment.extract import FileKind
from alif.assessment.language import guess_language
from alif.assessment.parser import ParsedQuestion, parse
from alif.kernel.models import Language
from testai.importing.schemas import ImportPreview, PreviewOption, PreviewQuestion


def _preview(question: ParsedQuestion, fallback: Language) -> PreviewQuestion:
    return PreviewQuestion(
        number=question.number,
        type=question.type,
        text=question.text,
        options=[
            PreviewOption(text=option, correct=index in question.correct)
            for index, option in enumerate(question.options)
        ],
        accepted_answers=question.accepted,
        numeric_answer=question.numeric,
        language=guess_language(" ".join([question.text, *question.options])) or fallback,
        source_excerpt=question.excerpt,
        flagged=question.flagged,
        problems=question.problems,
    )


def preview(text: str, *, language: Language | None, file_kind: FileKind | None) -> ImportPreview:
    result = parse(text)
    questions = [_preview(q, language or Language.uz) for q in result.questions]
    return ImportPreview(
        format=result.format,
        file_kind=file_kind,
        questions=questions,
        total=len(questions),
        flagged=sum(q.flagged for q in questions),
        warnings=result.warnings,
    )
