"""Rule diagnostics, disagreements, term and label suggestions on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from tagger.diagnostics import disagreements, rules_report, suggest_labels, suggest_terms
from tagger.errors import InputValueError
from tagger.io import LabelledText
from tagger.rules import RuleSet

LABELS = ("relevance", "prosecution", "protection")

RULES = RuleSet.from_list(
    [
        {"name": "rel.a", "theme": "relevance", "keywords": ["trafficking"]},
        {"name": "pros.arrest", "theme": "prosecution", "keywords": ["arrest*"]},
        {"name": "pros.court", "theme": "prosecution", "keywords": ["court"]},
        {"name": "pros.police", "theme": "prosecution", "keywords": ["police"]},
        {"name": "prot.shelter", "theme": "protection", "keywords": ["shelter", "police shelter"]},
    ]
)

# text, gold labels (relevance, prosecution, protection)
GOLD = [
    LabelledText("trafficking arrest in court", (1, 1, 0), id="t1"),
    LabelledText("trafficking police shelter", (1, 0, 1), id="t2"),
    LabelledText("arrest at the match", (0, 0, 0), id="t3"),
    LabelledText("trafficking victims helped", (1, 0, 1), id="t4"),
]


@pytest.fixture(scope="module")
def report():
    return rules_report(RULES, LABELS, gold=GOLD)


def rule(report, name):
    return next(r for r in report["rules"] if r["name"] == name)


def test_rule_coverage_sole_and_gating(report):
    assert report["n_corpus"] == 4 and report["n_gold"] == 4
    a = rule(report, "pros.arrest")
    assert a["fired"] == 2 and a["coverage"] == 0.5
    assert a["sole"] == 1  # t1 also has pros.court; t3 has no other prosecution rule
    assert a["gated"] == 1  # t3: the rules do not find it relevant
    assert rule(report, "rel.a")["coverage"] == 0.75
    court = rule(report, "pros.court")
    assert court["sole"] == 0
    assert {"rule": "pros.arrest", "label": "prosecution", "texts": 1, "share": 1.0} in court["overlaps"]


def test_span_conflicts_between_themes(report):
    # "police" (prosecution) and "police shelter" (protection) cover the same characters in t2
    assert rule(report, "pros.police")["span_conflicts"] == [{"rule": "prot.shelter", "label": "protection", "texts": 1}]
    assert rule(report, "prot.shelter")["span_conflicts"] == [{"rule": "pros.police", "label": "prosecution", "texts": 1}]
    assert rule(report, "pros.arrest")["span_conflicts"] == []


def test_rule_precision_and_misses_against_gold(report):
    g = rule(report, "pros.arrest")["gold"]
    assert (g["true_positives"], g["false_positives"], g["precision"], g["recall"]) == (1, 1, 0.5, 1.0)
    assert [e["id"] for e in g["false_positive_examples"]] == ["t3"]
    assert rule(report, "pros.police")["gold"]["precision"] == 0.0
    s = rule(report, "prot.shelter")["gold"]
    assert (s["positives"], s["recall"], s["missed"]) == (2, 0.5, 1)
    assert [e["id"] for e in s["missed_examples"]] == ["t4"]
    assert rule(report, "rel.a")["gold"]["precision"] == 1.0


def test_label_coverage_and_weak_label_quality(report):
    pros = report["labels"]["prosecution"]
    assert pros["rules"] == 3 and pros["any_rule_coverage"] == 0.75 and pros["weak_label_coverage"] == 0.5
    # weak prosecution on t1, t2; gold only t1 -> P=0.5, R=1, F1=2/3
    assert pros["gold"]["precision"] == 0.5 and pros["gold"]["recall"] == 1.0
    assert pros["gold"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    prot = report["labels"]["protection"]["gold"]
    assert (prot["precision"], prot["recall"], prot["uncovered"]) == (1.0, 0.5, 1)
    assert [e["id"] for e in prot["uncovered_examples"]] == ["t4"]


def test_corpus_is_used_for_coverage_and_gold_for_precision():
    rep = rules_report(RULES, LABELS, corpus=["trafficking", "nothing here"], gold=GOLD)
    assert rep["n_corpus"] == 2 and rule(rep, "rel.a")["coverage"] == 0.5
    assert rule(rep, "pros.arrest")["gold"]["precision"] == 0.5


def test_report_needs_some_texts():
    with pytest.raises(InputValueError, match="corpus or gold"):
        rules_report(RULES, LABELS)


class StubTagger:
    """Fixed probabilities per text: lets the ranking be computed by hand."""

    label_ids = LABELS
    rules_ = RULES
    training_info_ = {"weak_min_votes": 1.0}
    thresholds_ = {"relevance": 0.5, "prosecution": 0.4, "protection": 0.5}

    def __init__(self, proba: dict[str, list[float]], vectors: dict[str, list[float]] | None = None) -> None:
        self.proba = proba
        self.vectors = vectors or {}
        self._last: list[str] = []
        stub = self

        class Features:
            terms_ = ["arrest", "raid", "shelter", "the", "police shelter"]
            n_features = 3  # the stub's TF-IDF rows have three columns

            def transform(self, texts):
                stub._last = list(texts)
                rows = [stub.vectors.get(t, [1.0, 0.0, 0.0]) for t in stub._last]
                X = np.array(rows, dtype=float)
                X /= np.linalg.norm(X, axis=1, keepdims=True)
                return sp.csr_matrix(X)

        class Model:
            coef_ = np.array([[0.1, 0.1, 0.1, 0.1, 0.1], [3.0, 2.0, 1.0, 5.0, 0.5], [0.0, 0.0, 4.0, 0.0, 2.0]])

        self.features_ = Features()
        self.model_ = Model()

    def predict_proba(self, texts):
        return np.array([self.proba[t] for t in texts])

    def _matrix(self, texts):
        X = self.features_.transform(texts)
        return X, self.rules_.match_many(list(texts)), np.zeros(len(texts), dtype=bool)

    def _proba(self, X, no_words, hits):
        return np.array([self.proba[t] for t in self._last])


def test_disagreements_ranked_by_confidence():
    t = StubTagger(
        {
            GOLD[0].text: [0.9, 0.8, 0.1],  # model = rules: no disagreement
            GOLD[1].text: [0.9, 0.2, 0.9],  # rules also say prosecution: rule-only, (0.4-0.2)/0.4 = 0.5
            GOLD[2].text: [0.7, 0.9, 0.1],  # model-only relevance (0.4) and prosecution (0.5/0.6)
            GOLD[3].text: [0.2, 0.1, 0.6],  # rules say relevant, model not: (0.5-0.2)/0.5 = 0.6
        }
    )
    items = disagreements(t, [g.text for g in GOLD], ids=[g.id for g in GOLD])
    assert [d["id"] for d in items] == ["t3", "t4", "t2"]
    t3, t4, t2 = items
    assert [x["label"] for x in t3["model_only"]] == ["prosecution", "relevance"]
    assert t3["confidence"] == pytest.approx(0.8333, abs=1e-4) and t3["rule_only"] == []
    assert t4["rule_only"] == [{"label": "relevance", "score": 0.2, "threshold": 0.5, "confidence": 0.6, "rules": ["rel.a"]}]
    assert t2["rule_only"][0]["label"] == "prosecution" and t2["rule_only"][0]["rules"] == ["pros.police"]
    assert t2["confidence"] == 0.5
    only_model = disagreements(t, [g.text for g in GOLD], kind="model_only")
    assert [d["id"] for d in only_model] == [3]  # default ids are 1-based positions
    with pytest.raises(InputValueError, match="kind"):
        disagreements(t, ["x"], kind="neither")


def test_term_suggestions_skip_covered_terms_and_function_words():
    t = StubTagger({})
    s = suggest_terms(t, k=3)
    # prosecution weights: the 5.0 > arrest 3.0 > raid 2.0 > shelter 1.0 > police shelter 0.5
    # "the" is a function word; "arrest" is matched by pros.arrest, "police shelter" by pros.police
    assert [d["term"] for d in s["prosecution"]] == ["raid", "shelter"]
    shelter = s["prosecution"][1]
    assert shelter["other_rules"] == ["prot.shelter (protection)"]
    # protection: shelter and police shelter are covered by prot.shelter; others have weight 0
    assert s["protection"] == []


def test_suggest_labels_priority_diversity_and_gold_format():
    near = "trafficking arrest near thresholds"
    twin = "trafficking arrest near thresholds again"
    other = "a different story"
    sure = "trafficking court confident"
    proba = {
        near: [0.5, 0.4, 0.5],  # every label at its threshold: uncertainty 1
        twin: [0.5, 0.4, 0.5],
        other: [0.45, 0.0, 0.0],  # relevance 0.45: u = 1 - 0.05/0.5 = 0.9; no rule fires, model says not relevant
        sure: [0.99, 0.99, 0.0],  # rules: relevant + prosecution; model agrees, confident
    }
    vecs = {near: [1.0, 0.0, 0.0], twin: [1.0, 0.01, 0.0], other: [0.0, 1.0, 0.0], sure: [0.0, 0.0, 1.0]}
    t = StubTagger(proba, vecs)
    texts = [near, twin, other, sure, near]  # a duplicate is skipped
    plain = suggest_labels(t, texts, ids=["a", "b", "c", "d", "e"], n=3, diversity=0.0)
    # near/twin: uncertainty 1 and the model says relevance+prosecution+protection while rules say
    # relevance+prosecution -> disagreement bonus 0.5 -> 1.5
    assert [r["id"] for r in plain] == ["a", "b", "c"]
    assert plain[0]["hints"]["priority"] == 1.5 and plain[2]["hints"]["priority"] == 0.9
    diverse = suggest_labels(t, texts, ids=["a", "b", "c", "d", "e"], n=3, diversity=1.0)
    assert [r["id"] for r in diverse][:2] == ["a", "c"]  # the near-twin is pushed below the different text
    r = plain[0]
    assert r["relevant"] is None and r["themes"] == [] and r["text"] == near
    assert r["hints"]["rule_themes"] == ["prosecution"] and r["hints"]["model_themes"] == ["prosecution", "protection"]
    assert "rules" in r["hints"] and "reason" in r["hints"]
    assert [x["id"] for x in suggest_labels(t, texts, ids=list("abcde"), n=4, exclude=[near.upper()])] == ["b", "c", "d"]


@pytest.mark.parametrize(("kw", "message"), [({"n": 0}, "n must be"), ({"diversity": 2.0}, "diversity")])
def test_suggest_labels_bad_arguments(kw, message):
    with pytest.raises(InputValueError, match=message):
        suggest_labels(StubTagger({}), ["x"], **kw)


def test_real_tagger_smoke(small_tagger):
    texts = [
        "Police arrested two traffickers after a raid on a brothel.",
        "The shelter gave trafficking survivors counselling and legal aid.",
        "The football match ended in a draw.",
        "Ministers signed a memorandum on joint patrols against human trafficking.",
    ]
    rows = suggest_labels(small_tagger, texts, n=2)
    assert len(rows) == 2 and all(set(r) == {"id", "text", "relevant", "themes", "hints"} for r in rows)
    rep = rules_report(small_tagger.rules_, small_tagger.label_ids, corpus=texts, tagger=small_tagger)
    assert all(0.0 <= r["coverage"] <= 1.0 for r in rep["rules"])
    assert any(r["model_agreement"] is not None for r in rep["rules"])
    sugg = suggest_terms(small_tagger, k=4, corpus=texts)
    assert set(sugg) == set(small_tagger.label_ids) and all(len(v) <= 4 for v in sugg.values())
