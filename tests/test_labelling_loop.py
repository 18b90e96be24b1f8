"""Retraining with gold data: gold overrides weak, threshold tuning, retrain, and clear errors."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

import tagger
from tagger.errors import DataFileError, InputValueError
from tagger.io import UNKNOWN
from tagger.text import text_key
from tagger.training import Example, collect_examples, load_seeds, merge_examples

from .conftest import SEEDS, model_meta


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# ------------------------------------------------------------- gold overrides weak
def test_merge_gold_over_seed_over_weak_and_fill_unknowns():
    weak = Example("Police  arrested a TRAFFICKER.", (1, 0, 1, 0, 0), "weak")
    seed = Example("police arrested a trafficker.", (1, 0, 1, 1, 0), "seed")
    gold = Example("Police arrested a trafficker.", (1, UNKNOWN, 1, UNKNOWN, UNKNOWN), "gold", "g.jsonl:3")
    other = Example("Something else", (0, 0, 0, 0, 0), "weak")
    out = merge_examples([weak, other, gold, seed])
    assert len(out) == 2 and out[1] is other
    # gold wins; its unknown labels are filled from the seed it replaced (the seed came after
    # the gold, but it ranks lower, so it never replaces the gold)
    assert out[0].kind == "gold" and out[0].y == (1, 0, 1, 0, 0)
    out2 = merge_examples([seed, gold])
    assert out2[0].kind == "gold" and out2[0].y == (1, 0, 1, 1, 0)


def test_merge_does_not_fill_unknowns_across_a_relevance_disagreement():
    weak = Example("x y z", (0, 0, 0, 0, 0), "weak")
    gold = Example("x y z", (1, 1, UNKNOWN, UNKNOWN, UNKNOWN), "gold")
    assert merge_examples([weak, gold])[0].y == (1, 1, UNKNOWN, UNKNOWN, UNKNOWN)


def test_conflicting_gold_is_logged(caplog):
    a = Example("same text", (1, 1, 0, 0, 0), "gold", "a.jsonl:1")
    b = Example("Same  text", (0, 0, 0, 0, 0), "gold", "b.jsonl:7")
    with caplog.at_level(logging.WARNING, logger="tagger.training"):
        out = merge_examples([a, b])
    assert out[0].y == b.y
    assert "a.jsonl:1" in caplog.text and "b.jsonl:7" in caplog.text


def test_gold_file_overrides_weak_labels_in_training_data(tmp_path):
    text = "Police arrested three people for human trafficking in a raid on the port."
    s = load_seeds(SEEDS)
    unl = write_jsonl(tmp_path / "unl.jsonl", [{"text": text}])
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"text": text.upper(), "relevant": True, "themes": ["protection"]}])
    weak_only, _ = collect_examples(s, unlabelled=[unl])
    w = next(e for e in weak_only if text_key(e.text) == text_key(text))
    assert w.kind == "weak" and w.y[2] == 1  # the rules say prosecution
    both, hashes = collect_examples(s, labelled=[gold], unlabelled=[unl])
    g = [e for e in both if text_key(e.text) == text_key(text)]
    assert len(g) == 1 and g[0].kind == "gold"
    assert g[0].y == (1, 0, 0, 1, 0) and g[0].source == f"{gold}:1"
    assert "labelled/gold.jsonl" in hashes and "unlabelled/unl.jsonl" in hashes


def test_gold_weighs_more_and_is_configurable(tmp_path):
    gold = write_jsonl(
        tmp_path / "g.jsonl", [{"text": "Shelters for rescued fishermen opened.", "relevant": True, "themes": ["protection"]}]
    )
    t1 = tagger.train(seeds=SEEDS, labelled=[gold], cv_folds=3, gold_weight=1.0)
    t5 = tagger.train(seeds=SEEDS, labelled=[gold], cv_folds=3, gold_weight=20.0)
    p1 = t1.predict_proba(["Shelters for rescued fishermen opened."])[0, 3]
    p5 = t5.predict_proba(["Shelters for rescued fishermen opened."])[0, 3]
    assert p5 > p1
    assert t5.get_params()["gold_weight"] == 20.0


# --------------------------------------------------------------- threshold tuning
def synthetic_examples() -> list[Example]:
    """Prosecution is rare (12 of 160) and weak in the text: unweighted logistic
    regression scores its positives well below 0.5, so a bare 0.5 finds none."""
    rng = np.random.RandomState(0)
    filler = [f"w{i}" for i in range(60)]
    out = []
    for i in range(160):
        words = list(rng.choice(filler, 8))
        pros = i % 13 == 0
        prot = i % 3 == 0
        if pros:
            words += ["arrested"]
        if prot:
            words += ["shelter", "care"]
        rel = 1 if (pros or prot or i % 2 == 0) else 0
        if rel:
            words += ["trafficking"]
        y = (rel, 0, int(pros and rel), int(prot and rel), 1 if i % 5 == 0 and rel else 0)
        if y[4]:
            words += ["joint"]
        out.append(Example(" ".join(words), y, "gold"))
    return out


def test_threshold_tuning_changes_thresholds_where_half_is_wrong():
    s = load_seeds(SEEDS)
    exs = synthetic_examples()
    exs[1] = Example(exs[1].text + " prevention", (1, 1, 0, 0, 0), "gold")  # one prevention positive: default kept
    t = tagger.Tagger(rules=s.rules, taxonomy=s.taxonomy, class_weight=None, C=0.3, min_df=1).fit(exs)
    tun = t.threshold_tuning_["prosecution"]
    assert tun["method"] == "cross-validation" and tun["positives"] >= 10
    assert t.thresholds_["prosecution"] < 0.5
    m = t.cv_metrics_["prosecution"]
    assert m["threshold"] == t.thresholds_["prosecution"]
    assert m["f1"] > m["at_default_threshold"]["f1"]
    prev = t.threshold_tuning_["prevention"]
    assert prev["method"] == "default" and t.thresholds_["prevention"] == 0.5 and "tuning needs >= 10" in prev["reason"]


def test_threshold_choice_and_cv_metrics_are_saved(small_tagger, tmp_path):
    small_tagger.save(tmp_path / "m")
    meta = model_meta(tmp_path / "m")
    assert meta["threshold_tuning"]["relevance"]["method"] == "cross-validation"
    assert meta["threshold_tuning"]["prosecution"]["method"] == "default"
    assert "at_default_threshold" in meta["metrics"]["cross_validation"]["relevance"]
    loaded = tagger.load(tmp_path / "m")
    assert loaded.threshold_tuning_ == json.loads(json.dumps(small_tagger.threshold_tuning_))


# ------------------------------------------------------------------------ retrain
EXTRA = [
    {
        "text": "Labour inspectors fined agencies that charged migrant workers recruitment fees.",
        "relevant": True,
        "themes": ["prevention"],
    },
    {
        "text": "The tribunal jailed a ship captain for holding fishermen in debt bondage.",
        "relevant": True,
        "themes": ["prosecution"],
    },
    {
        "text": "A new hostel offers rescued domestic workers counselling and legal aid.",
        "relevant": True,
        "themes": ["protection"],
    },
    {
        "text": "Coastal states signed a pact to share intelligence on forced labour at sea.",
        "relevant": True,
        "themes": ["partnership"],
    },
    {"text": "The harbour opened a new cruise terminal for tourists.", "relevant": False, "themes": []},
]


def dir_hashes(d: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def base_model(tmp_path_factory):
    d = tmp_path_factory.mktemp("base")
    gold1 = write_jsonl(d / "gold1.jsonl", EXTRA[:2])
    tagger.train(d / "model", seeds=SEEDS, labelled=[gold1], cv_folds=3, C=2.0)
    return d


def test_retrain_returns_new_model_and_leaves_old_untouched(base_model, tmp_path):
    before = dir_hashes(base_model / "model")
    old = tagger.load(base_model / "model")
    probe = [e["text"] for e in EXTRA]
    p_old = old.predict_proba(probe)
    thr_old = dict(old.thresholds_)
    gold2 = write_jsonl(tmp_path / "gold2.jsonl", EXTRA[2:])
    new = old.retrain(tmp_path / "new", labelled=[gold2])
    assert new is not old
    assert np.array_equal(old.predict_proba(probe), p_old) and old.thresholds_ == thr_old
    assert dir_hashes(base_model / "model") == before
    # configuration carried over: parameters, rules; data: seeds + the old gold file + the new one
    assert new.get_params() == old.get_params() and new.get_params()["C"] == 2.0
    assert new.rules_.sha256() == old.rules_.sha256()
    assert new.training_summary_["by_kind"]["gold"] == 5 and old.training_summary_["by_kind"]["gold"] == 2
    assert new.training_info_["inputs"]["labelled"] == [str(base_model / "gold1.jsonl"), str(gold2)]
    assert (tmp_path / "new" / "model.json").exists()
    assert not np.array_equal(new.predict_proba(probe), p_old)


def test_retrain_overrides_params_and_accepts_in_memory_examples(base_model):
    old = tagger.load(base_model / "model")
    new = old.retrain(examples=EXTRA[2:], C=1.0, reuse_inputs=False)
    assert new.get_params()["C"] == 1.0
    assert new.training_summary_["by_kind"]["gold"] == 3
    assert new.training_info_["inputs"]["in_memory_examples"] == 3


def test_retrain_names_a_missing_recorded_input(base_model, tmp_path):
    d = tmp_path / "copy"
    shutil.copytree(base_model, d)
    moved = tagger.train(d / "m", seeds=SEEDS, labelled=[d / "gold1.jsonl"], cv_folds=3)
    (d / "gold1.jsonl").unlink()
    with pytest.raises(InputValueError, match=r"labelled file .*gold1.jsonl, which is not found"):
        moved.retrain()


# -------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [{"text": "ok", "relevant": True, "themes": ["prosecution"]}, {"text": "x", "relevant": True, "themes": ["rescue"]}],
            ":2: unknown theme id(s) ['rescue'] in 'themes'",
        ),
        ([{"relevant": True, "themes": []}], ":1: missing field 'text'"),
        (
            [{"text": "ok", "relevant": False, "themes": []}, {"text": "   ", "relevant": False, "themes": []}],
            ":2: field 'text' is empty",
        ),
        ([{"text": "x", "relevant": None, "themes": []}], ":1: not labelled yet"),
        ([{"text": "x", "labels": ["victims"]}], ":1: unknown theme id(s) ['victims'] in 'labels'"),
        ([{"text": "x", "relevant": False, "themes": ["prevention"]}], ":1: an item with themes must be relevant"),
    ],
)
def test_gold_file_errors_name_file_and_line(tmp_path, lines, message):
    gold = write_jsonl(tmp_path / "gold.jsonl", lines)
    with pytest.raises(DataFileError) as exc:
        tagger.train(tmp_path / "m", seeds=SEEDS, labelled=[gold], cv_folds=3)
    assert str(exc.value).startswith(str(gold)) and message in str(exc.value)
    assert not (tmp_path / "m").exists()


def test_theme_without_any_positive_names_the_training_data(tmp_path):
    rows = [
        {
            "text": f"Police arrested trafficker number {i}.",
            "relevant": True,
            "themes": ["prosecution", "prevention", "protection"],
        }
        for i in range(6)
    ]
    rows += [{"text": f"The weather on day {i} was mild.", "relevant": False, "themes": []} for i in range(6)]
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    with pytest.raises(InputValueError) as exc:
        tagger.train(seeds=SEEDS, labelled=[gold], use_seed_corpus=False, cv_folds=3)
    msg = str(exc.value)
    assert "'partnership' has no positive training example" in msg and f"gold file {gold}" in msg


def test_gold_file_lacking_a_theme_is_only_a_warning_when_seeds_cover_it(tmp_path, caplog):
    gold = write_jsonl(tmp_path / "gold.jsonl", EXTRA[:1])
    with caplog.at_level(logging.WARNING, logger="tagger.training"):
        t = tagger.train(seeds=SEEDS, labelled=[gold], cv_folds=3)
    assert "no item has theme(s)" in caplog.text and "partnership" in caplog.text
    assert t.training_summary_["by_kind"]["gold"] == 1


def test_in_memory_examples_errors():
    with pytest.raises(DataFileError, match=r"<examples>:1: missing field 'text'"):
        tagger.train(seeds=SEEDS, examples=[{"relevant": True}], cv_folds=3)
    with pytest.raises(TypeError, match="examples must be an iterable of dicts"):
        tagger.train(seeds=SEEDS, examples={"text": "x"}, cv_folds=3)
