from __future__ import annotations

from tagger.tags import Evidence, ParagraphResult, TagResult, roll_up

THEMES = ("prevention", "prosecution", "protection", "partnership")


def para(i: int, relevant: bool, themes: tuple[str, ...], scores: dict[str, float]) -> ParagraphResult:
    full = {t: scores.get(t, 0.1) for t in THEMES}
    return ParagraphResult(i, 0, 1, "x", TagResult(relevant, 0.9 if relevant else 0.1, themes, full, Evidence()))


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
