"""Lesson blocks from what an author sent to what is stored and shown: Markdown rendered and
sanitised on the server (no script an author typed reaches a child's screen), embeds only from
the allowed hosts, questions in the assessment kernel's form."""

from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

from alif.assessment.questions import key_fields, options_read, student_view
from alif.assessment.schemas import QuestionIn, StudentQuestion
from lessions.courses.exceptions import EmbedHostNotAllowed
from lessions.courses.models import Question
from lessions.courses.schemas import (
    Block,
    BlockRead,
    BlockSource,
    QuizBlock,
    StoryBlock,
    TextBlock,
    VideoBlock,
)

# CommonMark with raw HTML turned off (it is shown as text), then nh3 as the second wall.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def render_markdown(text: str) -> str:
    return nh3.clean(
        _MARKDOWN.render(text),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def check_embed(url: str, allowed_hosts: frozenset[str]) -> None:
    """A video is embedded only from an allowed host."""
    host = (urlsplit(url).hostname or "").lower()
    if host not in allowed_hosts:
        raise EmbedHostNotAllowed(details={"host": host, "allowed": sorted(allowed_hosts)})


def stored_block(block: Block, allowed_hosts: frozenset[str]) -> dict[str, Any]:
    """The JSON kept in the version; questions are kept in their own table, not here."""
    match block:
        case TextBlock():
            return {
                "type": "text",
                "markdown": block.markdown,
                "html": render_markdown(block.markdown),
            }
        case VideoBlock():
            check_embed(block.url, allowed_hosts)
            return block.model_dump()
        case QuizBlock():
            return {"type": "quiz"}
        case StoryBlock():
            return block.model_dump(exclude={"questions"})
        case _:
            return block.model_dump()


def read_blocks(blocks: list[dict[str, Any]], questions: list[Question]) -> list[BlockRead]:
    """The blocks as a learner sees them: HTML for text, questions without their keys."""
    by_block: dict[int, list[StudentQuestion]] = {}
    for question in questions:
        by_block.setdefault(question.block, []).append(student_view(question.id, question, None))
    shown: list[BlockRead] = []
    for index, block in enumerate(blocks):
        fields = {k: v for k, v in block.items() if k != "markdown"}
        shown.append(BlockRead(**fields, questions=by_block.get(index, [])))
    return shown


def question_in(question: Question) -> QuestionIn:
    """A stored question back in the form its author sent, key included (for editing)."""
    key = key_fields(question.answer_key)
    return QuestionIn.model_validate(
        {
            "type": question.type,
            "text": question.text,
            "options": [{"text": o.text, "correct": o.correct} for o in options_read(question)],
            **key,
            "points": question.points,
            "explanation": question.explanation,
            "image_url": question.image_url,
            "language": question.language,
            "topic": question.topic,
            "tags": list(question.tags),
            "difficulty": question.difficulty,
            "source_excerpt": question.source_excerpt,
        }
    )


def source_blocks(blocks: list[dict[str, Any]], questions: list[Question]) -> list[BlockSource]:
    """The blocks as their author wrote them: Markdown, not HTML, and questions with keys, so an
    editor can show a lesson and send it back whole."""
    by_block: dict[int, list[QuestionIn]] = {}
    for question in questions:
        by_block.setdefault(question.block, []).append(question_in(question))
    return [
        BlockSource(
            **{k: v for k, v in block.items() if k != "html"}, questions=by_block.get(i, [])
        )
        for i, block in enumerate(blocks)
    ]
