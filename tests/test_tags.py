from __future__ import annotations

import pytest

from tagger.paragraphs import split_paragraphs
from tagger.tags import Evidence, ParagraphResult, TagResult, article_result, roll_up

THEMES = ("prevention", "prosecution", "protection", "partnership")


def tag_result(relevant: bool, themes: tuple[str, ...], scores: dict[str, float]) -> TagResult:
    """A paragraph's tags: relevance 0.9 or 0.1, ``scores`` for the themes named, 0.1 for the others."""
    full = {t: scores.get(t, 0.1) for t in THEMES}
    return TagResult(relevant, 0.9 if relevant else 0.1, themes, full, Evidence())


def para(i: int, relevant: bool, themes: tuple[str, ...], scores: dict[str, float]) -> ParagraphResult:
    return ParagraphResult(i, 0, 1, "x", tag_result(relevant, themes, scores))


def test_roll_up_takes_best_relevant_paragraph_scores():
    ps = [
        para(0, True, ("prosecution",), {"prosecution": 0.8}),
        para(1, False, (), {"protection": 0.99}),  # not relevant: ignored for scores
        para(2, True, ("protection", "prosecution"), {"protection": 0.7, "prosecution": 0.6}),
    ]
    r = roll_up(ps, THEMES)
    assert r.relevant and r.relevance == 0.9
    assert r.scores["protection"] == 0.7 and r.scores["prosecution"] == 0.8
    assert r.themes == ("prosecution", "protection")
    assert r.theme_paragraphs == {"prosecution": [0, 2], "protection": [2]}


def test_roll_up_of_irrelevant_article():
    r = roll_up([para(0, False, (), {})], THEMES)
    assert not r.relevant and r.themes == () and r.theme_paragraphs == {}


def test_roll_up_of_no_paragraphs():
    r = roll_up([], THEMES)
    assert not r.relevant and r.paragraphs == () and set(r.scores) == set(THEMES)


def test_article_result_pairs_each_paragraph_with_its_result():
    text = "Raid frees 12 workers\n\nPolice raided the farm on Monday.\n\nThe weather stayed dry."
    paras = split_paragraphs(text)
    results = [tag_result(True, (), {}), tag_result(True, ("prosecution",), {"prosecution": 0.6}), tag_result(False, (), {})]
    a = article_result(paras, results, THEMES)
    assert [(p.index, p.start, p.end, p.text) for p in a.paragraphs] == [(p.index, p.start, p.end, p.text) for p in paras]
    assert [p.tags for p in a.paragraphs] == results
    assert a.relevant and a.themes == ("prosecution",) and a.theme_paragraphs == {"prosecution": [1]}
    assert text[a.paragraphs[1].start : a.paragraphs[1].end] == "Police raided the farm on Monday."


def test_article_result_refuses_results_of_another_length():
    paras = split_paragraphs("One paragraph.\n\nAnother one.")
    with pytest.raises(ValueError):
        article_result(paras, [tag_result(True, (), {})], THEMES)
