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


@pytest.mark.parametrize("order", [1, -1], ids=["short-first", "long-first"])
def test_each_exclusion_pattern_vetoes_on_its_own(order: int) -> None:
    # The short pattern matches "a 2021 report" where the long one begins. Were the
    # patterns one alternation, the short match would consume the start and the long
    # one would never be tried there, so the body's name would keep its hit; and the
    # outcome would depend on the order the patterns are written in.
    exclude = (r"\ba\s+\d{4}\s+report\b", r"\ba\s+\d{4}\s+report\s+from\s+the\s+[A-Z]\w+\s+of\s+\w+")[::order]
    rules = rs(keywords=("Council of Europe", "Interpol"), exclude=exclude)
    text = "A 2021 report from the Council of Europe praised joint work with Interpol."
    assert [h.text for h in rules.match(text)] == ["Interpol"]
    assert [h.text for h in rules.match_many([text])[0]] == ["Interpol"]


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
        ('format = 3\n[[rules]]\nname = "a"\ntheme = "relevance"\nkeywords = ["x"]\n', "format = 3 is not one"),
        ('format = 1\n[lists]\ngoods = ["gold"]\n', "[lists] needs format = 2"),
        ('format = 2\n[lists]\ngoods = "gold"\n', "list 'goods' must be a non-empty list"),
        ('format = 2\n[lists]\ngoods = ["gold", ""]\n', "list 'goods' must be a non-empty list"),
        ('format = 2\n[lists]\n"bad name" = ["x"]\n', "list name 'bad name'"),
        ('format = 2\n[lists]\ngoods = ["(gold"]\n', "list 'goods'"),
        # a list may only use lists defined above it
        ('format = 2\n[lists]\na = ["{list:b}"]\nb = ["x"]\n', "list 'a': unknown list '{list:b}'"),
        (
            'format = 2\n[lists]\ngoods = ["gold"]\n[[rules]]\nname = "r"\ntheme = "relevance"\npatterns = ["{list:good}"]\n',
            "rule #1 (r) patterns: unknown list '{list:good}' (lists defined before it: goods)",
        ),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path, body, message):
    p = tmp_path / "rules.toml"
    p.write_text(body)
    with pytest.raises(DataFileError, match=re.escape(message)) as err:
        load_rules(p)
    assert str(p) in str(err.value)


def test_named_lists_are_spelled_out_in_patterns_and_exclusions(tmp_path):
    p = tmp_path / "rules.toml"
    p.write_text(
        "format = 2\n[lists]\n"
        "metal = ['gold', 'silver']\n"
        "goods = ['{list:metal}', 'timber']\n"
        "[[rules]]\nname = 'r'\ntheme = 'relevance'\n"
        "patterns = ['\\btraffick\\w*']\n"
        "exclude = ['\\b{list:goods}\\s+traffick\\w*']\n"
    )
    rule = load_rules(p).rules[0]
    assert rule.exclude == (r"\b(?:(?:gold|silver)|timber)\s+traffick\w*",)
    rs = load_rules(p)
    assert [(h.start, h.text) for h in rs.match("silver trafficking and people trafficking")] == [(30, "trafficking")]
    assert rs.match("timber trafficking") == []


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
        expected = [(s, e, name) for name, _, s, e, _, _ in full_scan(rules, text)]
        got = [(h.start, h.end, h.rule) for h in rules.match(text)]
        assert sorted(got) == sorted(expected), text


# --- batch matching (RuleSet.match_many) -------------------------------------


def full_scan(rules: RuleSet, text: str) -> list[tuple[str, str, int, int, str, float]]:
    """What matching means, without any shortcut (:meth:`RuleSet._full_scan`)."""
    return as_tuples(rules._full_scan(text))


def as_tuples(hits) -> list[tuple[str, str, int, int, str, float]]:
    return [(h.rule, h.theme, h.start, h.end, h.text, h.weight) for h in hits]


VARIED_TEXTS = [
    "",
    " ",
    "x",
    "ANTI-TRAFFICKING police Arrested three traffickers; the court convicted them.",
    "Human trafficking, human\u00a0trafficking and human\u2014trafficking; HUMAN-TRAFFICKING.",
    # control characters separate words and are quoted as they are
    "human\x00trafficking and forced\x1blabour\x7fin a\x0cfactory",
    "\x00\x00victims of trafficking\x00",
    # characters that case-insensitive regexes treat as ASCII letters
    "\u0130stanbul: police rescued victims of human trafficking.",
    "\u0130\u0130\u0130 human trafficking \u0131n the \u017fhelter, \u212aOICA funding",
    "the \u017fex trafficking case and TRAFF\u0130CK\u0130NG",
    # other scripts and accents
    "\u0e01\u0e32\u0e23\u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c human trafficking \u0e41\u0e25\u0e30 forced labour",
    "La coop\u00e9ration r\u00e9gionale contre la traite; co\u00f6peration; caf\u00e9 trafficking",
    "\u0394\u03b9\u03ba\u03b1\u03c3\u03c4\u03ae\u03c1\u03b9\u03bf court \u03a3\u03a3 \u00df STRASSE",
    "emoji \U0001f600 trafficking\U0001f600victims \U0001d400rrest",
    "drug trafficking and wildlife trafficking, not people; trafficking 5 kg of heroin",
    "a food court, a tennis court, the court ruled; rescue package; flood rescue teams",
    "They trained forty judges and police were trained; identified 12 child victims.",
    "a memorandum of understanding (MOU) was signed; MoUs; mou; J/TIP and the EU, eu",
    "officials\u2019 meeting, the U.S. Department of State, T-visa and T visas",
    "in custody in cooperation with in partnership with in cahoots",
    "trafficking" * 3 + " trafficking-trafficking",
    # characters that render as nothing, inside and between words
    "traf\u00adficking victims in a shel\u00adter; human\u200btrafficking,\ufeff forced\u2060labour \u00ad\u00ad",
    "tra\ufb03cking o\ufb03cials \ufb01ned; a tra\ufb03c stop; \ufb00",
]


def seed_rules() -> RuleSet:
    return load_rules(seeds_dir() / "rules.toml")


def test_match_many_equals_a_full_scan_on_varied_texts():
    rules = seed_rules()
    long_text = " ".join(VARIED_TEXTS) * 40  # tens of thousands of characters
    texts = [*VARIED_TEXTS, long_text, *VARIED_TEXTS[::-1]]
    got = rules.match_many(texts)
    assert len(got) == len(texts)
    for text, hits in zip(texts, got, strict=True):
        assert as_tuples(hits) == full_scan(rules, text), text[:80]
        assert as_tuples(hits) == as_tuples(rules.match(text))
    assert any(got), "the texts exercise the rules"


def test_match_many_finds_hits_after_a_dotted_capital_i():
    # "İ" lowercases to two characters; offsets must still refer to the original text
    rules = seed_rules()
    text = "\u0130zmir and \u0130stanbul: the police fought human trafficking."
    (hits,) = rules.match_many([text])
    assert ("rel.human_trafficking", "human trafficking") in [(h.rule, h.text) for h in hits]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_match_many_quotes_control_characters_from_the_original_text():
    rules = rs(keywords=("forced labour",))
    (hits,) = rules.match_many(["forced\x00labour and forced\x1b labour"])
    assert [h.text for h in hits] == ["forced\x00labour", "forced\x1b labour"]


def test_characters_that_render_as_nothing_do_not_split_words():
    # web pages hyphenate with soft hyphens ('traf&shy;ficking'); a reader sees one word
    rules = seed_rules()
    plain = "Police raided the brothel and took 12 trafficking victims to a shelter."
    hidden = "\ufeffPolice raided the broth\u00adel and took 12 traf\u00adfick\u200bing victims to a shel\u00adter."
    (a,) = rules.match_many([plain])
    (b,) = rules.match_many([hidden])
    assert ("rel.trafficking_generic", "trafficking") in [(h.rule, h.text) for h in a]
    assert [(h.rule, h.text.replace("\u00ad", "").replace("\u200b", "")) for h in b] == [(h.rule, h.text) for h in a]
    # spans and quotes refer to the text as given
    assert all(hidden[h.start : h.end] == h.text for h in b)
    assert "traf\u00adfick\u200bing" in [h.text for h in b]


def test_ligatures_of_text_copied_from_a_pdf_are_read_as_letters():
    rules = seed_rules()
    text = "The o\ufb03cials signed an MOU against tra\ufb03cking in persons."
    (hits,) = rules.match_many([text])
    assert ("rel.trafficking_generic", "tra\ufb03cking") in [(h.rule, h.text) for h in hits]
    assert all(text[h.start : h.end] == h.text for h in hits)
    assert as_tuples(hits) == full_scan(rules, text)


def test_match_many_on_an_empty_batch_and_empty_texts():
    rules = seed_rules()
    assert rules.match_many([]) == []
    assert rules.match_many(["", "", ""]) == [[], [], []]


def test_match_many_across_chunk_boundaries(monkeypatch):
    """Batches are joined in chunks; hits must not depend on where a chunk ends."""
    from tagger import rules as rules_module

    rules = seed_rules()
    texts = [t for t in VARIED_TEXTS for _ in range(3)]
    whole = [as_tuples(h) for h in rules.match_many(texts)]
    monkeypatch.setattr(rules_module._Trigger, "_CHUNK", 50)
    assert [as_tuples(h) for h in rules.match_many(texts)] == whole
    assert whole == [full_scan(rules, t) for t in texts]


def test_match_many_with_unusual_rules():
    """Keywords that are not ASCII, start with punctuation, contain punctuation or
    are short wildcards; case-sensitive rules; patterns with triggers; exclusions
    with and without leading literals, one of them able to match the empty string."""
    rules = RuleSet(
        [
            Rule(
                name="thai", theme="relevance", keywords=("\u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c", "caf\u00e9*")
            ),
            Rule(name="sigma", theme="relevance", keywords=("\u03c3\u03b5\u03be",)),
            Rule(name="paren", theme="partnership", keywords=("(MOU)", "'s view")),
            Rule(name="punct", theme="partnership", keywords=("J/TIP", "U.S. State", "officials' meeting")),
            Rule(name="short", theme="partnership", keywords=("co*", "x-ray*")),
            Rule(name="cs", theme="partnership", keywords=("EU",), case_sensitive=True),
            Rule(name="pat", theme="prosecution", patterns=(r"\btrain\w*\s+(?:\w+\s+){0,2}judges",), triggers=("train*",)),
            Rule(name="raw", theme="prosecution", patterns=(r"\d+\s+arrests",)),
            Rule(name="star", theme="protection", keywords=("* victims",)),
            Rule(name="excl_lead", theme="relevance", keywords=("traffick*",), exclude=(r"drug\s+traffick\w*",)),
            Rule(name="excl_word", theme="relevance", keywords=("court*",), exclude=(r"\w+\s+court",)),
            Rule(name="excl_empty", theme="protection", keywords=("shelter*",), exclude=("x*",)),
        ]
    )
    texts = [
        "\u0e01\u0e32\u0e23\u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c \u0e04\u0e49\u0e32\u0e21\u0e19\u0e38\u0e29\u0e22\u0e4c, CAF\u00c9S and caf\u00e9",
        "\u03a3\u0395\u039e, \u03c3\u03b5\u03be, \u03c2\u03b5\u03be",
        "an (MOU) signed; MOU; the minister's view",
        "J/TIP, the U.S. State Department, officials\u2019 meeting, officials' meeting",
        "co-operation, cooperation, Coordination, CO, x-rays, x ray",
        "EU, eu, Eu",
        "They trained two judges. 12 arrests, 3  arrests; 40 victims, victims",
        "drug trafficking, human trafficking, DRUG TRAFFICKERS",
        "the court, courts, high court, Court",
        "shelters, shelter, sheltered, xshelter",
        "\u0130 co \u017fhelter \u212aourt traffick\u0131ng",
        "",
    ]
    got = rules.match_many(texts)
    for text, hits in zip(texts, got, strict=True):
        assert as_tuples(hits) == full_scan(rules, text), text
    fired = {h.rule for hits in got for h in hits}
    assert {"thai", "paren", "punct", "short", "cs", "pat", "raw", "star", "excl_lead", "excl_word"} <= fired


def test_match_many_is_safe_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    rules = seed_rules()
    batches = [VARIED_TEXTS[i:] + VARIED_TEXTS[:i] for i in range(8)]
    expected = [[as_tuples(h) for h in rules.match_many(b)] for b in batches]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda b: [as_tuples(h) for h in rules.match_many(b)], batches * 3))
    assert got == expected * 3


def test_match_and_match_many_reject_what_is_not_text():
    from tagger.errors import InputTypeError

    rules = seed_rules()
    with pytest.raises(InputTypeError, match="text must be a str"):
        rules.match(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="not a single str"):
        rules.match_many("a text")
    with pytest.raises(InputTypeError, match=r"texts\[1\] must be a str, got NoneType"):
        rules.match_many(["a", None])  # type: ignore[list-item]


def test_unicode_facts_that_batch_matching_relies_on():
    """match_many lowercases the batch and matches without re.IGNORECASE: right only
    if str.lower keeps lengths and word characters, and maps every character that a
    case-insensitive regex equates with an ASCII letter to that letter, except for
    the characters in _FOLD_CHARS (texts with one of them take another route)."""
    import sys

    from tagger.rules import _FOLD_CHARS

    everything = "".join(map(chr, range(128, sys.maxunicode + 1)))
    folds_to_ascii = set(re.findall("[a-z]", everything, re.IGNORECASE))
    assert folds_to_ascii <= set(_FOLD_CHARS)
    word = re.compile(r"\w")
    for c in (chr(i) for i in range(sys.maxunicode + 1)):
        if c in _FOLD_CHARS:
            continue
        low = c.lower()
        assert len(low) == 1, hex(ord(c))
        assert low.isascii() == c.isascii(), hex(ord(c))
        assert bool(word.match(c)) == bool(word.match(low)), hex(ord(c))
