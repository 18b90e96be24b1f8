from __future__ import annotations

import re

import pytest

from tagger._resources import seeds_dir
from tagger.errors import DataFileError
from tagger.rules import Rule, RuleSet, keyword_regex, load_rules


def rs(**kw) -> RuleSet:
    return RuleSet([Rule(name="r", theme="relevance", **kw)])


def test_keyword_match_returns_spans_and_text():
    text = "Officials discussed Human Trafficking in Vientiane."
    (hit,) = rs(keywords=("human trafficking",)).match(text)
    assert (hit.start, hit.end) == (20, 37)
    assert text[hit.start : hit.end] == hit.text == "Human Trafficking"
    assert hit.rule == "r" and hit.theme == "relevance"


def test_space_and_hyphen_are_interchangeable():
    rules = rs(keywords=("anti-trafficking",))
    assert len(rules.match("an anti trafficking unit")) == 1
    assert len(rules.match("an anti-trafficking unit")) == 1
    assert rules.match("an antitrafficking unit") == []


def test_whole_words_only_and_wildcard_suffix():
    assert rs(keywords=("arrest",)).match("the arrested men") == []
    hits = rs(keywords=("arrest*",)).match("the arrested men and two arrests")
    assert [h.text for h in hits] == ["arrested", "arrests"]


def test_lone_star_matches_one_word():
    assert [h.text for h in rs(keywords=("froze * assets",)).match("police froze their assets")] == ["froze their assets"]


def test_curly_apostrophe_matches_straight_one():
    assert len(rs(keywords=("officials' meeting",)).match("the senior officials\u2019 meeting")) == 1


def test_case_sensitive_rule_ignores_common_word():
    rules = RuleSet([Rule(name="c", theme="partnership", keywords=("COMMIT",), case_sensitive=True)])
    assert rules.match("countries commit to act") == []
    assert len(rules.match("the COMMIT process")) == 1


def test_exclusion_drops_only_overlapping_hits():
    rules = rs(keywords=("traffick*",), exclude=(r"drug\s+traffick\w*",))
    text = "drug trafficking and human trafficking"
    hits = rules.match(text)
    assert [h.start for h in hits] == [text.rindex("trafficking")]


def test_regex_patterns_match():
    rules = rs(patterns=(r"\btrain\w*\s+(?:\w+\s+){0,2}judges",))
    assert [h.text for h in rules.match("They trained forty judges.")] == ["trained forty judges"]


def test_rule_that_does_not_match_abstains():
    assert rs(keywords=("shelter",)).match("nothing to see here") == []


def test_rules_are_frozen():
    r = Rule(name="r", theme="relevance", keywords=("x",))
    with pytest.raises(AttributeError):
        r.name = "other"  # type: ignore[misc]


def test_keyword_regex_rejects_empty():
    with pytest.raises(ValueError):
        keyword_regex("  ")
    assert re.search(keyword_regex("T-visa*"), "two T visas were issued")


def test_duplicate_rule_names_rejected():
    with pytest.raises(ValueError, match="unique"):
        RuleSet([Rule(name="a", theme="relevance", keywords=("x",)), Rule(name="a", theme="relevance", keywords=("y",))])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rules]]\nname = "a"\ntheme = "relevance"\nkeywords = ["x"]\ncolour = "red"\n', "unknown fields"),
        ('[[rules]]\nname = "a"\ntheme = "relevance"\npatterns = ["(unclosed"]\n', "rule 'a'"),
        ('[[rules]]\nname = "a"\ntheme = "relevance"\n', "neither keywords nor patterns"),
        ('[[rules]]\ntheme = "relevance"\nkeywords = ["x"]\n', "needs a non-empty 'name'"),
        ('[[rules]]\nname = "a"\ntheme = "relevance"\nkeywords = ["x"]\nweight = -1\n', "weight must be a positive"),
        ("format = 1\n", "expected one or more"),
        ("[[rules]\n", "not valid TOML"),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path, body, message):
    p = tmp_path / "rules.toml"
    p.write_text(body)
    with pytest.raises(DataFileError, match=re.escape(message)) as err:
        load_rules(p)
    assert str(p) in str(err.value)


def test_rule_set_round_trips_and_hashes_stably():
    rules = load_rules_from_seeds()
    again = RuleSet.from_list(rules.to_list())
    assert again.sha256() == rules.sha256()
    assert [r.name for r in again] == [r.name for r in rules]


def load_rules_from_seeds() -> RuleSet:
    from tagger._resources import seeds_dir

    return load_rules(seeds_dir() / "rules.toml")


def test_seed_rules_use_known_labels_and_are_described():
    from tagger.themes import RELEVANCE, THEME_IDS

    rules = load_rules_from_seeds()
    rules.check_labels((RELEVANCE, *THEME_IDS))
    assert all(r.description for r in rules), "every seed rule says what it is for"
    assert set(rules.labels) == {RELEVANCE, *THEME_IDS}


def test_indexed_matching_equals_a_full_regex_scan():
    """The word-index shortcut in RuleSet.match must find exactly what scanning
    the whole text with each rule's regex finds (minus exclusions)."""
    rules = load_rules(seeds_dir() / "rules.toml")
    texts = [
        "ANTI-TRAFFICKING police Arrested three traffickers; the court convicted them.",
        "Anti\u2013trafficking: victims were repatriated and reintegrated with IOM's help.",
        "Traffickers' networks (trafficking-in-persons) and the children\u2019s shelter.",
        "co-operation, cooperation and Co operation between ASEAN and the EU.",
        "\u0e01\u0e32\u0e23\u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c human trafficking \u0e41\u0e25\u0e30 forced labour",
        "drug trafficking and wildlife trafficking, not people",
        "",
        "x",
        "a memorandum of understanding (MOU) was signed; MoUs; mou",
    ]
    for text in texts:
        expected = []
        for c in rules._compiled:
            excluded = [m.span() for m in c.exclude.finditer(text)] if c.exclude else []
            for m in c.regex.finditer(text):
                s, e = m.span()
                if s < e and not any(s < xe and xs < e for xs, xe in excluded):
                    expected.append((s, e, c.rule.name))
        got = [(h.start, h.end, h.rule) for h in rules.match(text)]
        assert sorted(got) == sorted(expected), text
