"""Tags with evidence: the result objects returned by the predict API, and the article roll-up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .rules import RuleHit

if TYPE_CHECKING:
    from .paragraphs import Paragraph


@dataclass(frozen=True)
class Evidence:
    """Why a text got its tags: the rule hits (with spans into the text) and, per
    assigned label, the terms with the largest contribution (coefficient x tf-idf)."""

    rule_hits: tuple[RuleHit, ...] = ()
    top_terms: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [h.to_dict() for h in self.rule_hits],
            "terms": {k: [{"term": t, "weight": round(w, 6)} for t, w in v] for k, v in self.top_terms.items()},
        }


@dataclass(frozen=True)
class TagResult:
    """Tags of one text (a paragraph, a headline, a short unit).

    ``relevance`` and every entry of ``scores`` are model probabilities in [0, 1];
    ``themes`` lists the theme ids whose score reaches their threshold, best first,
    and is empty when the text is not relevant.

    ``language_supported`` is False when the text does not look like English (see
    :func:`tagger.text.language_supported`). The model cannot read such a text, so it
    is then never marked relevant and gets no themes; ``relevance``, ``scores`` and
    the rule hits are still reported, for information.

    ``in_context`` is True for a paragraph of an article that is relevant because of its
    article: its own relevance is below the threshold, but the article's lead is relevant
    and the paragraph's relevance is within the model's ``context_margin`` of the
    threshold (see :meth:`tagger.Tagger.tag_article`). Texts tagged alone never are.
    """

    relevant: bool
    relevance: float
    themes: tuple[str, ...]
    scores: dict[str, float]
    evidence: Evidence
    language_supported: bool = True
    in_context: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "relevant": self.relevant,
            "relevance": self.relevance,
            "themes": list(self.themes),
            "scores": dict(self.scores),
            "evidence": self.evidence.to_dict(),
            "language_supported": self.language_supported,
            "in_context": self.in_context,
        }


@dataclass(frozen=True)
class ParagraphResult:
    """A paragraph of an article with its tags; ``start``/``end`` locate it in the article,
    and evidence spans are relative to the paragraph ``text``."""

    index: int
    start: int
    end: int
    text: str
    tags: TagResult

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text, **self.tags.to_dict()}


@dataclass(frozen=True)
class ArticleResult:
    """Article-level tags rolled up from its paragraphs.

    An article is relevant when any paragraph is; its score for a theme is the best
    score among its relevant paragraphs; it carries every theme assigned to at least
    one paragraph (``theme_paragraphs`` says which), best first. Paragraphs relevant in
    the context of their article (``tags.in_context``) count as relevant.
    """

    relevant: bool
    relevance: float
    themes: tuple[str, ...]
    scores: dict[str, float]
    theme_paragraphs: dict[str, list[int]]
    paragraphs: tuple[ParagraphResult, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "relevant": self.relevant,
            "relevance": self.relevance,
            "themes": list(self.themes),
            "scores": dict(self.scores),
            "theme_paragraphs": {k: list(v) for k, v in self.theme_paragraphs.items()},
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


def roll_up(paragraphs: Sequence[ParagraphResult], theme_ids: Sequence[str]) -> ArticleResult:
    """Combine paragraph results into an :class:`ArticleResult` (see its docstring)."""
    if not paragraphs:
        return ArticleResult(False, 0.0, (), {t: 0.0 for t in theme_ids}, {}, ())
    relevance = max(p.tags.relevance for p in paragraphs)
    relevant_ps = [p for p in paragraphs if p.tags.relevant]
    pool = relevant_ps or list(paragraphs)
    scores = {t: max(p.tags.scores[t] for p in pool) for t in theme_ids}
    carried = {t: [p.index for p in relevant_ps if t in p.tags.themes] for t in theme_ids}
    theme_paragraphs = {t: idx for t, idx in carried.items() if idx}
    themes = tuple(sorted(theme_paragraphs, key=lambda t: (-scores[t], theme_ids.index(t))))
    return ArticleResult(bool(relevant_ps), relevance, themes, scores, theme_paragraphs, tuple(paragraphs))


def article_result(paragraphs: Sequence[Paragraph], results: Sequence[TagResult], theme_ids: Sequence[str]) -> ArticleResult:
    """:func:`roll_up` of an article's paragraphs (as :func:`~tagger.paragraphs.split_paragraphs`
    gives them) and their results, in the same order."""
    prs = [ParagraphResult(p.index, p.start, p.end, p.text, r) for p, r in zip(paragraphs, results, strict=True)]
    return roll_up(prs, theme_ids)
