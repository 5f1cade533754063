"""Lesson blocks from what an author sent to what is stored and shown: Markdown rendered and
sanitised on the server (no script an author typed reaches a child's screen), embeds only from
the allowed hosts, questions in the assessment kernel's form."""

import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

from alif.assessment.questions import key_fields, options_read, student_view
from alif.assessment.schemas import QuestionIn, StudentQuestion
from alif.media import MediaKind
from lessions.courses.exceptions import EmbedHostNotAllowed
from lessions.courses.models import Question
from lessions.courses.schemas import (
    AudioBlock,
    Block,
    BlockRead,
    BlockSource,
    FileBlock,
    ImageBlock,
    QuizBlock,
    StoryBlock,
    StoryPageRead,
    TextBlock,
    VideoBlock,
)
from lessions.media.schemas import MediaLink

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
            if block.url is not None:
                check_embed(block.url, allowed_hosts)
            return block.model_dump(mode="json")
        case QuizBlock():
            return {"type": "quiz"}
        case StoryBlock():
            return block.model_dump(mode="json", exclude={"questions"})
        case _:
            return block.model_dump(mode="json")


_BLOCK_KINDS: dict[type, MediaKind | None] = {
    ImageBlock: MediaKind.image,
    VideoBlock: MediaKind.video,
    AudioBlock: MediaKind.audio,
    FileBlock: None,  # a download may be any allowed file
}


def media_references(blocks: Sequence[Block]) -> dict[uuid.UUID, MediaKind | None]:
    """The uploads the blocks name, with the kind each must be (None: any)."""
    wanted: dict[uuid.UUID, MediaKind | None] = {}
    for block in blocks:
        if isinstance(block, ImageBlock | VideoBlock | AudioBlock | FileBlock):
            if block.upload_id is not None:
                wanted[block.upload_id] = _BLOCK_KINDS[type(block)]
        elif isinstance(block, StoryBlock):
            if block.audio_upload_id is not None:
                wanted[block.audio_upload_id] = MediaKind.audio
            for page in block.pages:
                if page.image_upload_id is not None:
                    wanted[page.image_upload_id] = MediaKind.image
                if page.audio_upload_id is not None:
                    wanted[page.audio_upload_id] = MediaKind.audio
    return wanted


def _url(links: dict[str, MediaLink], upload_id: str | None, url: str | None) -> str | None:
    if upload_id is None:
        return url
    found = links.get(upload_id)
    return found.url if found else None


def _story_page(page: dict[str, Any], links: dict[str, MediaLink]) -> StoryPageRead:
    return StoryPageRead(
        text=page.get("text", ""),
        picture=page.get("picture", ""),
        image_url=_url(links, page.get("image_upload_id"), page.get("image_url")),
        audio_url=_url(links, page.get("audio_upload_id"), None),
    )


def read_blocks(
    blocks: list[dict[str, Any]], questions: list[Question], links: dict[str, MediaLink]
) -> list[BlockRead]:
    """The blocks as a learner sees them: HTML for text, questions without their keys, links
    to uploaded files (signed, for a while)."""
    by_block: dict[int, list[StudentQuestion]] = {}
    for question in questions:
        by_block.setdefault(question.block, []).append(student_view(question.id, question, None))
    shown: list[BlockRead] = []
    for index, block in enumerate(blocks):
        fields = {k: v for k, v in block.items() if k not in {"markdown", "audio_upload_id"}}
        if block["type"] == "story":
            fields["pages"] = [_story_page(page, links) for page in block.get("pages", [])]
            fields["audio_url"] = _url(links, block.get("audio_upload_id"), block.get("audio_url"))
        elif (upload_id := block.get("upload_id")) is not None and upload_id in links:
            fields["url"] = links[upload_id].url
            fields["variants"] = links[upload_id].variants
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
