from __future__ import annotations

import copy
import shutil

import numpy as np
import pytest

import tagger
from tagger.errors import InputTypeError, InputValueError, NotFittedError
from tagger.training import Example, collect_examples, load_seeds
from tagger.weak_labels import weak_label

from .conftest import SEEDS, model_meta

# Held-aside texts, not in the fixture corpus, that no fixture rule matches: the rules
# abstain on all of them, while the model has learned their vocabulary.
HELD_ASIDE = [
    ("The court convicted a trafficking broker, who was jailed for six years.", {"prosecution"}),
    ("Survivors were repatriated and offered counselling after their ordeal.", {"protection"}),
    ("Posters in village schools now warn girls about trafficking.", {"prevention"}),
    ("Neighbouring countries held joint talks on trafficking at the border.", {"partnership"}),
    ("The home team won the match with a goal in the final minute.", None),
]


def test_model_beats_its_rules_where_no_rule_matches():
    # Without the stricter bar for texts no relevance rule fires on (all of these):
    # on this small corpus it is set by one or two out-of-fold texts, so it depends on
    # the fold draw (random_state 0 to 5 gave from 2 to 10 of the 10 decisions below),
    # while the model's own reading of the vocabulary gets all 10 with each of them.
    small = tagger.train(seeds=SEEDS, cv_folds=3, unanchored_precision=None)
    theme_ids = small.theme_ids
    assert all(small.rules_.match(t) == [] for t, _ in HELD_ASIDE)
    model_hits = rule_hits = 0
    for text, expected in HELD_ASIDE:
        res = small.tag(text)
        wl = weak_label(small.rules_.match(text), theme_ids)
        want_rel = expected is not None
        model_hits += (res.relevant == want_rel) + (set(res.themes) == (expected or set()))
        rule_hits += (wl.relevant == want_rel) + (set(wl.themes) == (expected or set()))
    assert model_hits > rule_hits
    assert model_hits >= 8  # of 10 decisions


def test_result_shape_and_ranges(small_tagger):
    r = small_tagger.tag("Police arrested two men for human trafficking and took victims to a shelter.")
    assert set(r.scores) == set(small_tagger.theme_ids)
    assert all(0.0 <= v <= 1.0 for v in r.scores.values()) and 0.0 <= r.relevance <= 1.0
    assert list(r.themes) == sorted(r.themes, key=lambda t: -r.scores[t])
    assert all(r.scores[t] >= small_tagger.thresholds_[t] for t in r.themes)
    text = "Police arrested two men for human trafficking and took victims to a shelter."
    for h in r.evidence.rule_hits:
        assert text[h.start : h.end] == h.text
    assert {h.rule for h in r.evidence.rule_hits} >= {"rel.trafficking", "pros.arrest", "prot.shelter"}
    d = r.to_dict()
    assert set(d) == {"relevant", "relevance", "themes", "scores", "evidence", "language_supported", "in_context"}
    assert d["in_context"] is False  # a text tagged alone is never relevant because of an article


def test_top_terms_are_given_for_each_assigned_theme(small_tagger):
    r = small_tagger.tag("A court convicted and jailed the human trafficking gang leader.")
    assert "prosecution" in r.themes
    for t in r.themes:
        assert r.evidence.top_terms[t], t
        assert all(w > 0 for _, w in r.evidence.top_terms[t])


def test_no_theme_without_relevance(small_tagger):
    r = small_tagger.tag("Police arrested two men for drug trafficking and seized heroin at the port.")
    assert not r.relevant and r.themes == ()


def test_batch_equals_single_calls_and_accepts_iterables(small_tagger):
    texts = [t for t, _ in HELD_ASIDE]
    batch = small_tagger.tag_batch(iter(texts))
    singles = [small_tagger.tag(t) for t in texts]
    assert [b.scores for b in batch] == [s.scores for s in singles]
    streamed = list(small_tagger.tag_stream(texts, batch_size=2))
    assert [b.scores for b in streamed] == [s.scores for s in singles]
    assert small_tagger.tag_batch([]) == []


def test_pandas_series_is_accepted(small_tagger):
    pd = pytest.importorskip("pandas")
    s = pd.Series([t for t, _ in HELD_ASIDE[:2]], index=[10, 20])
    assert len(small_tagger.tag_batch(s)) == 2


def test_empty_and_unknown_texts_score_zero(small_tagger):
    for text in ["", "   ", "?!", "zzqx qqvv"]:
        r = small_tagger.tag(text)
        assert r.relevance == 0.0 and not r.relevant and r.themes == ()


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a"]])
def test_non_string_text_is_a_type_error(small_tagger, bad):
    with pytest.raises(InputTypeError, match="must be str"):
        small_tagger.tag(bad)
    with pytest.raises(tagger.TaggerError):
        small_tagger.tag_batch(["fine", bad])


def test_single_string_passed_as_batch_is_refused(small_tagger):
    with pytest.raises(InputTypeError, match="not a single str"):
        small_tagger.tag_batch("one text")


def test_unfitted_tagger_says_so():
    with pytest.raises(NotFittedError, match="not fitted"):
        tagger.Tagger().tag("text")


def test_fit_returns_self_and_constructor_only_stores():
    t = tagger.Tagger(C=1.5, cv_folds=3)
    assert not hasattr(t, "model_") and t.C == 1.5
    s = load_seeds(SEEDS)
    t2 = tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy, cv_folds=3)
    assert t2.fit(list(s.corpus)) is t2


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("C", 0),
        ("ngram_range", (2, 1)),
        ("cv_folds", 1),
        ("cv_repeats", 0),
        ("cv_repeats", 1.5),
        ("default_threshold", 1.5),
        ("stem", "no"),
        ("stop_words", None),
    ],
)
def test_bad_parameters_are_named(param, value):
    s = load_seeds(SEEDS)
    with pytest.raises(InputValueError, match=param):
        tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy, **{param: value}).fit(list(s.corpus))


def test_theme_without_positive_examples_is_a_clear_error():
    s = load_seeds(SEEDS)
    exs = [Example(e.text, (*e.y[:4], 0), "seed") for e in s.corpus]
    with pytest.raises(InputValueError, match="'partnership' has no positive"):
        tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy).fit(exs)


def test_thresholds_are_tuned_where_there_is_enough_gold(small_tagger):
    # relevance has 34 positives in the fixture corpus (>= 10): tuned; themes have 8: default
    assert small_tagger.threshold_source_["relevance"].startswith("cross-validation")
    assert small_tagger.threshold_source_["prosecution"].startswith("default")
    assert small_tagger.thresholds_["prosecution"] == 0.5


def test_threshold_tuning_moves_off_half_when_half_is_wrong():
    from tagger.pipeline import choose_threshold

    y = np.array([1] * 10 + [0] * 30)
    proba = np.concatenate([np.linspace(0.2, 0.3, 10), np.linspace(0.0, 0.15, 30)])
    t = choose_threshold(y, proba)
    assert 0.15 < t <= 0.2
    assert (proba >= 0.5).sum() == 0  # a bare 0.5 would find nothing


def test_article_roll_up(small_tagger):
    art = (
        "Trafficking crackdown\n\n"
        "Police arrested four people for human trafficking in the capital.\n\n"
        "The football club won its match on Sunday.\n\n"
        "Trafficking victims were taken to a shelter for counselling."
    )
    res = small_tagger.tag_article(art)
    assert res.relevant
    assert "prosecution" in res.themes and "protection" in res.themes
    assert res.theme_paragraphs["prosecution"] == [1]
    assert res.theme_paragraphs["protection"] == [3]
    assert not res.paragraphs[2].tags.relevant
    assert art[res.paragraphs[3].start : res.paragraphs[3].end] == res.paragraphs[3].text
    assert res.scores["protection"] == max(p.tags.scores["protection"] for p in res.paragraphs if p.tags.relevant)


def test_deterministic_scores():
    a = tagger.train(seeds=SEEDS, cv_folds=3)
    b = tagger.train(seeds=SEEDS, cv_folds=3)
    texts = [t for t, _ in HELD_ASIDE]
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))


def test_the_order_of_the_training_examples_does_not_matter(tmp_path):
    # The same units in two seed files whose names sort the other way round, and the
    # fixture's own single file: the folds, the cross-validated metrics, the
    # thresholds and the coefficients are the same.
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    lines = (d / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (d / "corpus" / "units.jsonl").unlink()
    half = len(lines) // 2
    (d / "corpus" / "z_first_half.jsonl").write_text("".join(lines[:half]), encoding="utf-8")
    (d / "corpus" / "a_second_half.jsonl").write_text("".join(lines[half:]), encoding="utf-8")
    a = tagger.train(seeds=SEEDS, cv_folds=3, min_positives_for_tuning=3)
    b = tagger.train(seeds=d, cv_folds=3, min_positives_for_tuning=3)
    assert a.cv_metrics_ == b.cv_metrics_
    assert a.thresholds_ == b.thresholds_ and a.relevance_shift_ == b.relevance_shift_
    assert np.array_equal(a.model_.coef_, b.model_.coef_)
    texts = [t for t, _ in HELD_ASIDE]
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))
    # fit itself sorts: the examples reversed give the same model
    s = load_seeds(SEEDS)
    c = tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy, cv_folds=3, min_positives_for_tuning=3).fit(list(s.corpus)[::-1])
    assert c.cv_metrics_ == a.cv_metrics_
    assert np.array_equal(c.predict_proba(texts), a.predict_proba(texts))


def test_rule_votes_are_model_columns_and_can_be_switched_off(small_tagger):
    import tagger as tg

    assert small_tagger.vote_columns_ == small_tagger.label_ids
    assert small_tagger.lead_votes_ and not small_tagger.aside_votes_  # the aside column is off by default
    assert small_tagger.echo_votes_  # the echo column is on
    names = small_tagger.column_names_
    assert len(names) == small_tagger.model_.coef_.shape[1]
    assert names[-3] == f"(rule votes: {small_tagger.label_ids[-1]})"
    assert names[-2] == f"(rule votes: {small_tagger.label_ids[0]}, in the lead)"
    assert names[-1] == f"(rule votes: {small_tagger.label_ids[0]}, echoing the lead)"
    with_aside = tg.train(seeds=SEEDS, cv_folds=3, aside_rule_scale=1.0)
    assert with_aside.aside_votes_
    assert with_aside.column_names_[-2] == f"(rule votes: {small_tagger.label_ids[0]}, in asides)"
    assert with_aside.model_.coef_.shape[1] == small_tagger.model_.coef_.shape[1] + 1
    plain = tg.train(
        seeds=SEEDS,
        cv_folds=3,
        rule_feature_scale=0,
        relevance_rule_scale=0,
        lead_rule_scale=0,
        aside_rule_scale=0,
        echo_rule_scale=0,
    )
    assert plain.vote_columns_ == () and not plain.lead_votes_ and not plain.aside_votes_ and not plain.echo_votes_
    assert plain.model_.coef_.shape[1] == plain.features_.n_features
    text = "Police arrested two traffickers and the court convicted them."
    assert small_tagger.tag(text).scores != plain.tag(text).scores


def test_rule_votes_raise_the_score_of_the_theme_they_vote_for(small_tagger):
    # The coefficient of each theme's own vote column is positive: rules vote for their theme.
    for j, lab in enumerate(small_tagger.label_ids):
        col = small_tagger.features_.n_features + small_tagger.vote_columns_.index(lab)
        assert small_tagger.model_.coef_[j, col] > 0, lab


def test_the_lead_and_echo_columns_are_seen_by_the_relevance_classifier_only(small_tagger):
    lead_col, echo_col = small_tagger.model_.coef_.shape[1] - 2, small_tagger.model_.coef_.shape[1] - 1
    assert small_tagger.model_.coef_[0, lead_col] > 0  # trafficking words in the lead raise relevance
    assert np.all(small_tagger.model_.coef_[1:, lead_col] == 0)  # themes are not fitted on it
    assert np.all(small_tagger.model_.coef_[1:, echo_col] == 0)  # nor on the echo column


def test_the_aside_column_counts_relevance_votes_after_an_aside_marker_only(default_tagger):
    from tagger.pipeline import _votes

    lab = default_tagger.label_ids[0]
    texts = [
        "Storm shuts the coast road - Island Times. Crews expect to reopen it on Friday ... Related: Man charged with human trafficking",
        "Storm shuts the coast road - Island Times. Crews found two trafficking victims in a car ... Related: Ferry times change",
        "The ministry opened a centre in Pakse. It will house women rescued from human trafficking.",
    ]
    V = _votes(default_tagger.rules_.match_many(texts), texts, (), lab, lead=True, aside=True)
    assert V.shape == (3, 2)
    assert V[0, 1] > 0  # the mention follows "Related:"
    assert V[1, 1] == 0 and V[2, 1] == 0  # a mention in the snippet's own story, or in a paragraph's body
    assert not V[:, 0].any()  # and none is in a lead


def test_with_aside_rule_scale_the_model_learns_to_discount_asides(tmp_path):
    # a corpus where a trafficking link after "Related:" never makes a story relevant
    stories = ["rain", "a market", "a bridge", "bus fares", "a school fair", "a football final"]
    ex = []
    for i, what in enumerate(stories * 3):
        ex.append(Example(f"News on {what} - Daily. Details {i} ... Related: Human trafficking arrests", (0, 0, 0, 0, 0), "seed"))
        themes = tuple(int(j == i % 4) for j in range(4))  # every theme needs positives
        ex.append(Example(f"Human trafficking case {i} - Daily. Police and {what} ...", (1, *themes), "seed"))
        ex.append(Example(f"News on {what} {i} - Daily. It went well.", (0, 0, 0, 0, 0), "seed"))
    t = tagger.Tagger(
        aside_rule_scale=1.0, echo_rule_scale=0, cv_folds=2, min_positives_for_tuning=1000, unanchored_precision=None
    ).fit(ex)
    assert t.aside_votes_
    assert t.model_.coef_[0, -1] < 0 and np.all(t.model_.coef_[1:, -1] == 0)


def test_the_echo_column_counts_relevance_votes_in_sentences_that_echo_the_lead(default_tagger):
    from tagger.pipeline import _votes

    lab = default_tagger.label_ids[0]
    texts = [
        # the snippet goes on with the headline's story (Marco Vell, detention)
        "Court extends detention of Marco Vell - Daily Post. ... Marco Vell's detention on suspicion of human trafficking",
        # the snippet changes the subject: nothing in it echoes the headline
        "Storm shuts the coast road - Island Times. ... Two men were charged with human trafficking in another county.",
        # the mention is in the lead itself
        "Human trafficking ring broken up in Cebu - Island Post. Police in Cebu freed nine women.",
    ]
    V = _votes(default_tagger.rules_.match_many(texts), texts, (), lab, lead=True, echo=True)
    assert V.shape == (3, 2)
    assert V[0, 1] > 0 and V[0, 0] == 0
    assert V[1, 1] == 0 and V[1, 0] == 0
    assert V[2, 1] == 0 and V[2, 0] > 0


def test_with_echo_rule_scale_the_model_learns_that_an_echoing_snippet_is_the_story():
    # a corpus where a snippet that goes on with its headline's story and names
    # trafficking is relevant, and a snippet about another story is not
    names = ["Marco Vell", "Dana Roe", "Ivo Brandt", "Lena Koss", "Omar Saleh", "Rita Moss"]
    ex = []
    for i, who in enumerate(names * 3):
        themes = tuple(int(j == i % 4) for j in range(4))
        ex.append(
            Example(
                f"Court holds {who} for {i} more days - Daily. ... {who} is held on suspicion of human trafficking",
                (1, *themes),
                "seed",
            )
        )
        ex.append(
            Example(
                f"Court holds {who} for {i} more days - Daily. ... {who} is held on suspicion of tax fraud",
                (0, 0, 0, 0, 0),
                "seed",
            )
        )
        ex.append(
            Example(
                f"Storm hits town {i} - Daily. ... Two men were charged with human trafficking elsewhere", (0, 0, 0, 0, 0), "seed"
            )
        )
    t = tagger.Tagger(cv_folds=2, min_positives_for_tuning=1000, unanchored_precision=None).fit(ex)
    assert t.echo_votes_
    assert t.model_.coef_[0, -1] > 0 and np.all(t.model_.coef_[1:, -1] == 0)
    echo = "Court holds Nina Sol for 5 more days - Daily. ... Nina Sol is held on suspicion of human trafficking"
    aside = "Storm hits town 9 - Daily. ... Two men were charged with human trafficking elsewhere"
    assert t.predict_proba([echo])[0, 0] > t.predict_proba([aside])[0, 0]


def test_a_trafficking_headline_weighs_more_than_the_same_words_as_a_trailing_aside(default_tagger):
    story = "Human trafficking ring broken up in Cebu - Island Post. Police freed nine women from a bar."
    aside = "Cebu swimmers win three golds at the national meet - Island Post. Related: Human trafficking ring broken up."
    assert default_tagger.tag(story).relevant
    assert not default_tagger.tag(aside).relevant
    # the lead column counts the relevance rules firing in the headline: the story's, not the aside's
    from tagger.pipeline import _votes

    lab = default_tagger.label_ids[0]
    V = _votes(default_tagger.rules_.match_many([story, aside]), [story, aside], (), lab, lead=True)
    assert V[0, 0] > 0 and V[1, 0] == 0


def test_refitting_does_not_keep_the_previous_fits_evidence_names():
    s = load_seeds(SEEDS)
    exs, _ = collect_examples(s, [], [], 1.0, True)
    t = tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy, cv_folds=2).fit(exs)
    before = len(t._column_names())  # evidence caches the column names
    t.fit(exs[::2])  # fewer texts, a smaller vocabulary
    assert t.model_.coef_.shape[1] != before
    assert len(t._column_names()) == t.model_.coef_.shape[1]


# -- texts no relevance rule fires on ("unanchored") -------------------------------


def test_shift_down_lowers_log_odds_by_the_shift():
    from tagger.pipeline import shift_down

    p = np.array([0.0, 0.2, 0.5, 0.9, 1.0])
    assert np.array_equal(shift_down(p, 0.0), p)
    out = shift_down(p, np.log(4.0))
    assert out[0] == 0.0 and out[-1] == 1.0
    assert out[2] == pytest.approx(0.2)  # odds 1 -> 1/4
    assert out[3] == pytest.approx(9 / 13)  # odds 9 -> 9/4
    assert np.all(np.diff(out) > 0)  # order is kept


def test_unanchored_shift_moves_the_threshold_to_the_first_precise_enough_one():
    from tagger.pipeline import unanchored_shift

    # negatives score up to 0.69, positives from 0.55: precision reaches 1.0 at 0.70
    y = np.array([1] * 20 + [0] * 20)
    p = np.concatenate([np.linspace(0.55, 0.95, 20), np.linspace(0.05, 0.69, 20)])
    shift, info = unanchored_shift(y, p, 0.5, 0.99, 10)
    assert info["threshold"] == pytest.approx(0.70)
    assert shift == pytest.approx(np.log(0.7 / 0.3))  # from log-odds 0 (threshold 0.5)
    assert info["out_of_fold"]["precision"] == 1.0
    # a lower precision demand stops earlier
    shift2, info2 = unanchored_shift(y, p, 0.5, 0.8, 10)
    assert 0 < shift2 < shift and info2["out_of_fold"]["precision"] >= 0.8


def test_unanchored_shift_is_zero_when_not_needed_or_not_measurable():
    from tagger.pipeline import unanchored_shift

    y = np.array([1] * 20 + [0] * 20)
    separable = np.concatenate([np.full(20, 0.9), np.full(20, 0.1)])
    assert unanchored_shift(y, separable, 0.5, 0.98, 10)[0] == 0.0
    few = unanchored_shift(y[15:], separable[15:], 0.5, 0.98, 10)
    assert few[0] == 0.0 and "not shifted" in few[1]["reason"]


def test_unanchored_texts_get_the_shifted_relevance(small_tagger):
    rel = small_tagger.label_ids[0]
    anchored = "Police arrested four people for human trafficking."
    loose = "The ministry ran an awareness campaign in schools."
    assert any(h.theme == rel for h in small_tagger.rules_.match(anchored))
    assert not any(h.theme == rel for h in small_tagger.rules_.match(loose))
    shift = small_tagger.relevance_shift_
    assert shift > 0
    shifted = small_tagger.predict_proba([anchored, loose])
    small_tagger.relevance_shift_ = 0.0
    try:
        raw = small_tagger.predict_proba([anchored, loose])
    finally:
        small_tagger.relevance_shift_ = shift
    assert shifted[0, 0] == raw[0, 0]  # a relevance rule fired: untouched
    odds = lambda q: q / (1 - q)  # noqa: E731
    assert odds(shifted[1, 0]) == pytest.approx(odds(raw[1, 0]) / np.exp(shift))
    assert np.array_equal(shifted[:, 1:], raw[:, 1:])  # themes are not shifted
    assert small_tagger.tag(loose).relevance == pytest.approx(shifted[1, 0])


def test_unanchored_precision_none_fits_no_shift_and_bad_values_are_refused():
    t = tagger.train(seeds=SEEDS, cv_folds=3, unanchored_precision=None)
    assert t.relevance_shift_ == 0.0 and "unanchored" not in t.threshold_tuning_["relevance"]
    for bad in (0, 1, 1.5, "0.9", float("nan")):
        with pytest.raises(InputValueError, match="unanchored_precision"):
            tagger.train(seeds=SEEDS, cv_folds=3, unanchored_precision=bad)


def test_the_unanchored_choice_is_recorded(small_tagger):
    info = small_tagger.threshold_tuning_["relevance"]["unanchored"]
    assert info["shift"] == pytest.approx(small_tagger.relevance_shift_)
    assert info["threshold"] >= small_tagger.thresholds_["relevance"]
    assert info["min_precision"] == small_tagger.unanchored_precision


def test_a_rule_counts_once_per_text_unless_vote_per_match(default_tagger):
    from tagger.pipeline import _votes

    labels = default_tagger.label_ids
    once = "Most of the victims came from two hill districts."
    often = "Most of the victims came from two hill districts; other victims, and relatives of victims, came later."
    hits = default_tagger.rules_.match_many([once, often])
    assert {h.rule for h in hits[0]} == {h.rule for h in hits[1]}  # the same rules fire, one of them thrice
    assert len(hits[1]) > len(hits[0])
    per_rule = _votes(hits, [once, often], labels, labels[0], lead=True)
    per_match = _votes(hits, [once, often], labels, labels[0], lead=True, per_match=True)
    np.testing.assert_array_equal(per_rule[0], per_rule[1])
    assert per_match[1, labels.index("protection")] > per_match[0, labels.index("protection")]
    np.testing.assert_array_equal(per_rule[0], per_match[0])  # one match per rule: no difference


def test_the_fitted_tagger_records_how_it_counts_rule_votes(small_tagger):
    assert small_tagger.vote_per_match is False and small_tagger.vote_per_match_ is False
    with pytest.raises(InputValueError, match="vote_per_match"):
        tagger.train(seeds=SEEDS, cv_folds=3, vote_per_match="yes")


def test_numpy_scalar_parameters_are_saved_as_plain_json(tmp_path):
    t = tagger.train(tmp_path / "m", seeds=SEEDS, cv_folds=3, vote_per_match=np.True_, C=np.float32(2.0), min_df=np.int64(1))
    params = model_meta(tmp_path / "m")["params"]
    assert params["vote_per_match"] is True and params["C"] == 2.0 and params["min_df"] == 1
    assert np.array_equal(
        tagger.load(tmp_path / "m").predict_proba(["Police arrested two traffickers."]),
        t.predict_proba(["Police arrested two traffickers."]),
    )


# -- paragraphs read in the context of their article (default model) -------------------
CONTEXT_LEAD = (
    "Border provinces review a year of work against human trafficking\n\n"
    "Officials from two neighbouring border provinces met on Friday to review cases of human trafficking "
    "and to plan their work for the coming year."
)
FOLLOW_ON = (
    "The two sides also agreed to exchange information on cross-border cases every quarter and to hold "
    "joint training for border officers."
)
DRUG_SEIZURE = "Police also seized 40 kilograms of methamphetamine at a checkpoint on the highway."


def test_a_follow_on_paragraph_is_read_in_its_articles_context(default_tagger):
    alone = default_tagger.tag(FOLLOW_ON)
    assert not alone.relevant and not alone.in_context and alone.scores["partnership"] > 0.5  # the case in point
    a = default_tagger.tag_article(f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}\n\n{DRUG_SEIZURE}")
    follow, drugs = a.paragraphs[2].tags, a.paragraphs[3].tags
    assert follow.relevant and follow.in_context and "partnership" in follow.themes
    assert a.theme_paragraphs["partnership"] == [2]  # the follow-on paragraph alone brings the theme
    assert follow.evidence.top_terms["partnership"]  # evidence as for any relevant paragraph
    assert not drugs.relevant and not drugs.in_context and drugs.themes == ()  # unrelated: below the bar
    assert 3 not in a.theme_paragraphs.get("prosecution", [])
    assert not any(p.tags.in_context for p in a.paragraphs[:2])  # relevant on their own


def test_no_context_without_a_relevant_lead_or_with_context_off(default_tagger):
    sports = "The home side won the derby 3-1 on Sunday, with two late goals from the captain in front of a full stadium."
    arrest = "In other news, police arrested two men suspected of human trafficking at a bus station."
    a = default_tagger.tag_article(f"{sports}\n\n{arrest}\n\n{FOLLOW_ON}")
    assert a.paragraphs[1].tags.relevant and not a.paragraphs[2].tags.relevant
    article = f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}"
    for margin in (None, 0.0):  # 0: the bar is the threshold itself, so nothing more is relevant
        t = copy.copy(default_tagger)
        t.context_margin = margin
        a = t.tag_article(article)
        assert not a.paragraphs[2].tags.relevant and "partnership" not in a.themes  # only the follow-on has it


def test_a_lead_the_model_cannot_read_passes_no_context(default_tagger):
    # a Spanish lead that scores high on its English words is not relevant (not English), so
    # it must not carry the English paragraph after it, which an English lead would carry
    spanish = (
        "La policía de la provincia dijo que los human trafficking victims de la red fueron rescatados en la "
        "frontera y que los traficantes de personas están en la cárcel desde el lunes por la noche."
    )
    english = (
        "Police in the province said the human trafficking victims of the network were rescued at the border "
        "and that the traffickers have been in jail since Monday night."
    )
    follow = "The delegates also agreed to share information on suspects."
    es = default_tagger.tag_article(f"{spanish}\n\n{follow}").paragraphs
    en = default_tagger.tag_article(f"{english}\n\n{follow}").paragraphs
    assert not es[0].tags.language_supported and es[0].tags.relevance >= default_tagger.thresholds_["relevance"]
    assert not es[0].tags.relevant and not es[1].tags.relevant and not es[1].tags.in_context
    assert en[0].tags.relevant and en[1].tags.relevant and en[1].tags.in_context
    assert es[1].tags.relevance == en[1].tags.relevance  # same paragraph, same own score


@pytest.mark.parametrize("value", [-1.0, "2", True, float("nan")])
def test_a_bad_context_margin_is_a_clear_error(default_tagger, value):
    t = copy.copy(default_tagger)
    t.context_margin = value
    with pytest.raises(InputValueError, match="context_margin must be None or a number >= 0"):
        t.tag_article(f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}")
    with pytest.raises(InputValueError, match="context_margin"):
        tagger.Tagger(context_margin=value).fit([])


def test_a_headline_and_a_byline_on_their_own_lines_lead_into_the_first_paragraph(default_tagger):
    title, byline = "Officials look back on 2023", "By a staff reporter, Savannakhet, 12 March"
    lead = CONTEXT_LEAD.split("\n\n")[1]  # the paragraph that names the crime
    a = default_tagger.tag_article(f"{title}\n\n{byline}\n\n{lead}\n\n{FOLLOW_ON}")
    assert not default_tagger.tag(title).relevant and not default_tagger.tag(byline).relevant  # the case in point
    assert a.paragraphs[2].tags.relevant and a.paragraphs[3].tags.in_context
    assert a.theme_paragraphs["partnership"] == [3]


def test_a_text_keeps_its_fold_when_other_texts_are_added_or_removed():
    from tagger.pipeline import fold_ids

    base = [f"Unit {i}: police in district {i % 7} met social workers about case {i * 13}." for i in range(400)]
    more = base[:150] + ["A new seed unit about a shelter in Savannakhet."] * 3 + base[150:] + ["Another new unit."]
    a, b = fold_ids(base, 5, "0:0"), fold_ids(more, 5, "0:0")
    where = dict(zip(more, b.tolist(), strict=True))
    assert [where[t] for t in base] == a.tolist()
    assert set(a.tolist()) == {0, 1, 2, 3, 4} and min(np.bincount(a)) > 50  # every fold used, none starved
    # another salt (random_state or repeat) draws other folds
    assert (fold_ids(base, 5, "1:0") != a).mean() > 0.5
    # texts are accepted with lone surrogates (from badly decoded input); they get a fold too
    assert fold_ids(["caf\udce9 workers held on the boat"], 5, "0:0")[0] in range(5)


def test_cross_validation_repeats_average_into_the_recorded_metrics():
    one = tagger.train(seeds=SEEDS, cv_folds=3, cv_repeats=1)
    three = tagger.train(seeds=SEEDS, cv_folds=3, cv_repeats=3)
    assert one.get_params()["cv_repeats"] == 1 and three.get_params()["cv_repeats"] == 3
    # the final model is fitted on all examples either way; only the out-of-fold tuning differs
    assert np.array_equal(one.model_.coef_, three.model_.coef_)
    # the repeats are averaged per example, not stacked: each example counts once
    for lab, tuning in three.threshold_tuning_.items():
        assert (tuning["positives"], tuning["negatives"]) == (
            one.threshold_tuning_[lab]["positives"],
            one.threshold_tuning_[lab]["negatives"],
        )


def test_soft_hyphens_zero_width_spaces_and_pdf_ligatures_do_not_change_the_tags(default_tagger):
    # text copied from a web page keeps its hyphenation hints (&shy;) inside words
    plain = "Border police in Nong Khai rescued 9 trafficking victims and sent them to a shelter."
    hidden = (
        "Border po\u00adlice in Nong Khai res\u00adcued 9 traf\u00adfick\u200bing vic\u00adtims and sent them to a shel\u00adter."
    )
    a, b = default_tagger.tag(plain), default_tagger.tag(hidden)
    assert a.relevant and "protection" in a.themes
    assert b.themes == a.themes
    assert b.relevance == pytest.approx(a.relevance, abs=1e-12)
    assert b.scores == pytest.approx(a.scores, abs=1e-12)
    # the evidence quotes the text as given
    assert all(hidden[h.start : h.end] == h.text for h in b.evidence.rule_hits)
    # so are the ligatures of text copied from a PDF report
    pdf = plain.replace("ffi", "\ufb03")
    assert pdf != plain and default_tagger.tag(pdf).scores == pytest.approx(a.scores, abs=1e-12)
