from __future__ import annotations

import pytest

from tagger._textproc import ENGLISH_STOP_WORDS, light_stem


@pytest.mark.parametrize(
    "forms",
    [
        ("prosecute", "prosecuted", "prosecution", "prosecutions", "prosecutors"),
        ("trafficking", "trafficked", "traffickers", "trafficker"),
        ("convicted", "conviction", "convictions", "convict"),
        ("arrest", "arrests", "arrested", "arresting"),
        ("repatriated", "repatriation", "repatriate"),
        ("victim", "victims"),
    ],
)
def test_word_forms_share_one_stem(forms):
    assert len({light_stem(w) for w in forms}) == 1, {w: light_stem(w) for w in forms}


@pytest.mark.parametrize("word", ["police", "news", "lao", "mou", "business", "status", "ค้ามนุษย์"])
def test_short_or_special_words_are_not_mangled(word):
    stem = light_stem(word)
    assert len(stem) >= min(4, len(word)) and word.startswith(stem)


def test_police_and_policy_stay_apart():
    assert light_stem("police") != light_stem("policies")


def test_stop_list_keeps_negations_and_domain_words():
    for w in ("not", "no", "against", "without", "victims", "police"):
        assert w not in ENGLISH_STOP_WORDS
    assert {"the", "of", "and", "with"} <= set(ENGLISH_STOP_WORDS)
