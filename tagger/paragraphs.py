"""Splitting an article into paragraphs, keeping character offsets into the article."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"\n")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article: its index, its text, and where it sits in the article."""

    index: int
    start: int
    end: int
    text: str


def split_paragraphs(article: str) -> list[Paragraph]:
    """Split on blank lines; an article with no blank line is split on line breaks.

    Leading and trailing white space of each paragraph is trimmed and empty
    paragraphs are dropped; ``article[p.start:p.end] == p.text`` always holds.
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(article) else _LINE
    out: list[Paragraph] = []
    pos = 0
    for m in [*sep.finditer(article), None]:
        end = m.start() if m is not None else len(article)
        chunk = article[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            out.append(Paragraph(len(out), start, start + len(stripped), stripped))
        if m is not None:
            pos = m.end()
    return out


#: A paragraph with fewer words than this is a headline, byline or dateline: the lead
#: goes on into the paragraph after it.
HEADLINE_MAX_WORDS = 20
#: The lead never runs past this many paragraphs (headline, byline, first paragraph).
LEAD_MAX_PARAGRAPHS = 3


def lead_paragraphs(texts: list[str]) -> int:
    """How many of an article's first paragraphs (``texts``) make its lead: up to and
    including the first paragraph of at least 20 words, so that a headline, a byline
    or a dateline on lines of their own are read with the paragraph they introduce;
    at most 3 paragraphs."""
    for i, t in enumerate(texts[:LEAD_MAX_PARAGRAPHS]):
        if len(t.split()) >= HEADLINE_MAX_WORDS:
            return i + 1
    return min(len(texts), LEAD_MAX_PARAGRAPHS)
