"""The numpy-only TF-IDF transform must equal scikit-learn's vectoriser."""

from __future__ import annotations

import numpy as np
import pytest

from tagger._textproc import ENGLISH_STOP_WORDS
from tagger.errors import NotFittedError
from tagger.features import TfidfFeatures

TRAIN = [
    "Police arrested the traffickers after a raid in Phnom Penh.",
    "Victims were taken to a shelter and given counselling.",
    "The awareness campaign reached schools across the province.",
    "Ministers signed a memorandum of understanding on trafficking.",
    "Police and prosecutors met victims at the shelter in the province.",
    "Schools and police joined the campaign against trafficking.",
]
VARIED = [
    "",
    "   ",
    "!!! ??? ...",
    "Police police POLICE arrested arrested",
    "ການຄ້າມະນຸດ ການຄ້າມະນຸດ and police",  # Lao script
    "การค้ามนุษย์ shelter",  # Thai
    "\u00c9cole and caf\u00e9 \u00fcber victims",
    "emoji \U0001f600 victims \U0001f600 shelter",
    "the shelter " * 5000,
    "a b c d e f",
    "Counseling for victims at the shelter; counselled victims organised a campaign",
    "traffickers-police_raid 2024 victims",
    "a shel\u00adter for vic\u200btims\ufeff and the police",  # characters that render as nothing
    "tra\ufb03ckers \ufb01ned by o\ufb03cials",  # ligatures of text copied from a PDF
]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
@pytest.mark.parametrize("sublinear", [True, False])
@pytest.mark.parametrize("processing", ["plain", "stop+light-v1", "stop+light-v2"])
def test_transform_equals_sklearn(ngram_range, sublinear, processing):
    extra = {"stop_words": ENGLISH_STOP_WORDS, "stem": processing[5:]} if processing != "plain" else {}
    f = TfidfFeatures(ngram_range=ngram_range, min_df=1, max_df=1.0, max_features=None, sublinear_tf=sublinear, **extra)
    vec = f.sklearn_vectorizer().fit(TRAIN)
    f.fit(TRAIN)
    assert f.terms_ == vec.get_feature_names_out().tolist()
    ours = f.transform(TRAIN + VARIED).toarray()
    ref = vec.transform(TRAIN + VARIED).toarray()
    assert ours.shape == ref.shape
    assert np.max(np.abs(ours - ref)) < 1e-12


def test_rows_are_unit_length_or_zero():
    f = TfidfFeatures(min_df=1).fit(TRAIN)
    norms = np.sqrt(
        np.asarray(
            f.transform(TRAIN + ["", "zzz unknown"]).multiply(f.transform(TRAIN + ["", "zzz unknown"])).sum(axis=1)
        ).ravel()
    )
    assert np.allclose(norms[: len(TRAIN)], 1.0)
    assert norms[-1] == 0.0 and norms[-2] == 0.0


def test_transform_before_fit_is_a_clear_error():
    with pytest.raises(NotFittedError, match="not fitted"):
        TfidfFeatures().transform(["x"])


def test_from_state_rejects_mismatched_arrays():
    with pytest.raises(ValueError, match="idf has"):
        TfidfFeatures.from_state({}, ["a", "b"], np.ones(3))


def test_stop_words_are_dropped_before_ngrams_and_stems_merge_word_forms():
    f = TfidfFeatures(min_df=1, stop_words=ENGLISH_STOP_WORDS, stem="light-v1").fit(TRAIN)
    assert f.tokens("The victims of the traffickers") == ["victim", "traffick"]
    # "victims of trafficking": the bigram skips the dropped function word
    assert "victim traffick" in f.surface_forms("Victims of trafficking")
    a = f.transform(["Police arrested traffickers"]).toarray()
    b = f.transform(["police arrest the trafficker"]).toarray()
    assert np.allclose(a, b)


def test_surface_forms_quote_the_text():
    f = TfidfFeatures(min_df=1, stop_words=ENGLISH_STOP_WORDS, stem="light-v1").fit(TRAIN)
    text = "Two Victims of Trafficking were sheltered."
    forms = f.surface_forms(text)
    assert forms["victim traffick"] == "Victims of Trafficking"
    assert forms["shelt"] == "sheltered"
    assert all(v in text for v in forms.values())
    # asking for some terms gives the same quotes for those, and nothing else
    some = f.surface_forms(text, ["victim traffick", "shelt", "no such term"])
    assert some == {"victim traffick": "Victims of Trafficking", "shelt": "sheltered"}


def test_characters_that_render_as_nothing_do_not_split_words():
    # a web page's soft hyphens and zero-width spaces inside words ('traf&shy;fickers')
    f = TfidfFeatures(min_df=1, stop_words=ENGLISH_STOP_WORDS, stem="light-v1").fit(TRAIN)
    plain = "Police arrested the traffickers and took victims to a shelter."
    hidden = "Po\u00adlice arrested the traf\u00adfick\u00aders and took vic\u200btims to a shel\u2060ter.\ufeff"
    assert f.tokens(hidden) == f.tokens(plain)
    # the per-text loop (small batches) and the vectorised counter (large ones) agree
    for n in (1, 40):
        a = f.transform([plain] * n).toarray()
        b = f.transform([hidden] * n).toarray()
        assert a[0].any() and np.array_equal(a, b)
    assert f.surface_forms(hidden, ["shelt"]) == {"shelt": "shelter"}
    # and the ligatures of a PDF's text are letters
    assert f.tokens("Police arrested the tra\ufb03ckers") == f.tokens("Police arrested the traffickers")


def test_unknown_stemmer_is_a_clear_error():
    with pytest.raises(ValueError, match="stem must be"):
        TfidfFeatures(stem="porter").fit(TRAIN)


def test_a_saved_model_keeps_the_stemmer_it_was_trained_with():
    for stem, expected in (("light-v1", ["labour", "organ"]), ("light-v2", ["labor", "organis"])):
        f = TfidfFeatures(min_df=1, stem=stem).fit(TRAIN)
        g = TfidfFeatures.from_state(f.get_params(), f.terms_, f.idf_)
        assert g.tokens("labourers organizations") == expected
