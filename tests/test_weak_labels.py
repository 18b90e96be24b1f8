from __future__ import annotations

from tagger.rules import RuleHit
from tagger.weak_labels import rule_votes, weak_label, weak_label_matrix

THEMES = ("prevention", "prosecution", "protection", "partnership")


def hit(rule: str, theme: str, weight: float = 1.0, start: int = 0) -> RuleHit:
    return RuleHit(rule, theme, start, start + 1, "x", weight)


def test_votes_count_each_rule_once():
    votes = rule_votes([hit("a", "relevance"), hit("a", "relevance", start=5), hit("b", "prosecution", 0.5)])
    assert votes == {"relevance": 1.0, "prosecution": 0.5}


def test_two_half_votes_make_a_label_and_one_does_not():
    one = weak_label([hit("r", "relevance"), hit("p1", "protection", 0.5)], THEMES)
    two = weak_label([hit("r", "relevance"), hit("p1", "protection", 0.5), hit("p2", "protection", 0.5)], THEMES)
    assert one.themes == ()
    assert two.themes == ("protection",)


def test_multi_label():
    wl = weak_label([hit("r", "relevance"), hit("a", "prosecution"), hit("b", "partnership")], THEMES)
    assert wl.relevant and wl.themes == ("prosecution", "partnership")


def test_relevance_gates_themes():
    wl = weak_label([hit("a", "prosecution"), hit("b", "protection")], THEMES)
    assert not wl.relevant and wl.themes == ()


def test_min_votes_is_configurable():
    hits = [hit("r", "relevance", 0.5)]
    assert not weak_label(hits, THEMES).relevant
    assert weak_label(hits, THEMES, min_votes=0.5).relevant


def test_matrix_columns_follow_label_order():
    m = weak_label_matrix([[hit("r", "relevance"), hit("a", "partnership")], []], THEMES)
    assert m.tolist() == [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0]]
