from __future__ import annotations

import copy
import json
import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import tagger
from tagger.errors import ModelFileError
from tagger.persistence import FORMAT_VERSION, load_model

from .conftest import SEEDS, model_meta, write_model_meta

TEXTS = [
    "Police arrested four people for human trafficking.",
    "Trafficking victims were taken to a shelter.",
    "The ministry ran an awareness campaign in schools.",
    "",
    "The football club won on Sunday.",
]


@pytest.fixture()
def saved(small_tagger, tmp_path) -> Path:
    return small_tagger.save(tmp_path / "model")


def test_round_trip_gives_identical_scores(small_tagger, saved):
    loaded = tagger.load(saved)
    assert np.array_equal(loaded.predict_proba(TEXTS), small_tagger.predict_proba(TEXTS))
    assert loaded.thresholds_ == small_tagger.thresholds_
    assert [r.to_dict() for r in loaded.tag_batch(TEXTS)] == [r.to_dict() for r in small_tagger.tag_batch(TEXTS)]


def test_metadata_records_what_the_brief_asks(saved):
    meta = model_meta(saved)
    assert meta["format_version"] == FORMAT_VERSION
    assert {"tagger", "numpy", "scipy", "scikit-learn"} <= set(meta["versions"])
    assert meta["labels"] == ["relevance", "prevention", "prosecution", "protection", "partnership"]
    assert set(meta["thresholds"]) == set(meta["labels"])
    assert len(meta["rules_sha256"]) == 64
    assert "seeds/rules.toml" in meta["training"]["data_sha256"]
    assert meta["training"]["summary"]["n_examples"] > 0
    assert "relevance" in meta["metrics"]["cross_validation"]
    assert sorted(p.name for p in saved.iterdir()) == sorted([*meta["sha256"], "model.json"])


def test_training_twice_gives_byte_identical_files(tmp_path):
    a = tagger.train(tmp_path / "a", seeds=SEEDS, cv_folds=3)
    b = tagger.train(tmp_path / "b", seeds=SEEDS, cv_folds=3)
    assert a is not b
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


@pytest.mark.parametrize("name", ["model.pkl", "extra.joblib", "weights.pickle"])
def test_directory_with_pickle_file_is_refused_without_loading_it(saved, name):
    class Boom:
        def __reduce__(self):
            return (os.system, ("touch should_not_exist",))

    (saved / name).write_bytes(pickle.dumps(Boom()))
    with pytest.raises(ModelFileError, match="refusing to load"):
        tagger.load(saved)
    assert not Path("should_not_exist").exists()


def test_pickle_stream_under_an_innocent_name_is_refused(saved):
    (saved / "notes.bin").write_bytes(pickle.dumps({"a": 1}, protocol=4))
    with pytest.raises(ModelFileError, match="looks like a pickle"):
        tagger.load(saved)


def test_modified_array_fails_the_hash_check(saved):
    coef = np.load(saved / "coef.npy")
    coef[0, 0] += 1.0
    np.save(saved / "coef.npy", coef)
    with pytest.raises(ModelFileError, match="coef.npy does not match the hash"):
        tagger.load(saved)


def test_truncated_array_is_refused(saved):
    data = (saved / "idf.npy").read_bytes()
    (saved / "idf.npy").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match="idf.npy"):
        tagger.load(saved)


def test_shape_disagreeing_with_metadata_is_refused(saved):
    meta = model_meta(saved)
    meta["arrays"]["coef"]["shape"][1] += 1
    write_model_meta(saved, meta)
    with pytest.raises(ModelFileError, match="coef.npy has dtype"):
        tagger.load(saved)


@pytest.mark.parametrize(("version", "message"), [(FORMAT_VERSION + 1, "newer than this tagger"), (0, "not supported")])
def test_other_format_versions_are_refused(saved, version, message):
    meta = model_meta(saved)
    meta["format_version"] = version
    write_model_meta(saved, meta)
    with pytest.raises(ModelFileError, match=message):
        tagger.load(saved)


def _as_format(d: Path, version: int, keys: tuple[str, ...], params: tuple[str, ...]) -> None:
    """Rewrite the model.json in ``d`` as an older format wrote it: ``version``, without
    the top-level ``keys`` and the ``params`` that format did not have yet."""
    meta = model_meta(d)
    meta["format_version"] = version
    for key in keys:
        del meta[key]
    for key in params:
        del meta["params"][key]
    write_model_meta(d, meta)


def _edit_meta(d: Path, keys: tuple[str, ...], value: Any) -> None:
    """Set the entry of the model.json in ``d`` at ``keys`` (``("params", "C")`` for a
    parameter) to ``value``, or delete it when ``value`` is None. An infinite value is
    written as 1e999: standard JSON has no Infinity, and json reads 1e999 as inf."""
    meta = model_meta(d)
    *parents, last = keys
    node = meta
    for key in parents:
        node = node[key]
    if value is None:
        del node[last]
    else:
        node[last] = value
    (d / "model.json").write_text(json.dumps(meta).replace("Infinity", "1e999"))


def test_format_1_models_without_a_lead_column_still_load(tmp_path):
    # format 1 (before lead_rule_scale): no lead column, no such parameter in model.json
    old = tagger.train(
        tmp_path / "m",
        seeds=SEEDS,
        cv_folds=3,
        lead_rule_scale=0,
        aside_rule_scale=0,
        echo_rule_scale=0,
        unanchored_precision=None,
    )
    _as_format(
        tmp_path / "m",
        1,
        ("lead_vote_column", "aside_vote_column", "echo_vote_column", "relevance_shift"),
        ("lead_rule_scale", "aside_rule_scale", "echo_rule_scale", "unanchored_precision"),
    )
    loaded = tagger.load(tmp_path / "m")
    assert not loaded.lead_votes_ and loaded.lead_rule_scale == 0
    assert not loaded.aside_votes_ and loaded.aside_rule_scale == 0
    assert loaded.relevance_shift_ == 0.0 and loaded.unanchored_precision is None
    assert np.array_equal(loaded.predict_proba(TEXTS), old.predict_proba(TEXTS))


def test_format_2_models_without_a_relevance_shift_load_unshifted(tmp_path):
    # format 2 (before unanchored_precision): no relevance_shift, no such parameter
    old = tagger.train(tmp_path / "m", seeds=SEEDS, cv_folds=3, unanchored_precision=None, aside_rule_scale=0, echo_rule_scale=0)
    assert old.relevance_shift_ == 0.0
    _as_format(
        tmp_path / "m",
        2,
        ("relevance_shift", "aside_vote_column", "echo_vote_column"),
        ("unanchored_precision", "aside_rule_scale", "echo_rule_scale"),
    )
    loaded = tagger.load(tmp_path / "m")
    assert loaded.lead_votes_ and loaded.relevance_shift_ == 0.0
    assert np.array_equal(loaded.predict_proba(TEXTS), old.predict_proba(TEXTS))


def test_format_3_models_without_an_aside_column_load_without_one(tmp_path):
    # format 3 (before aside_rule_scale): no aside column, no such parameter
    old = tagger.train(tmp_path / "m", seeds=SEEDS, cv_folds=3, aside_rule_scale=0, echo_rule_scale=0)
    _as_format(tmp_path / "m", 3, ("aside_vote_column", "echo_vote_column"), ("aside_rule_scale", "echo_rule_scale"))
    loaded = tagger.load(tmp_path / "m")
    assert loaded.lead_votes_ and not loaded.aside_votes_ and loaded.aside_rule_scale == 0
    assert loaded.relevance_shift_ == old.relevance_shift_
    assert np.array_equal(loaded.predict_proba(TEXTS), old.predict_proba(TEXTS))


def test_an_aside_column_flag_that_disagrees_with_the_arrays_is_refused(saved):
    meta = model_meta(saved)
    assert meta["aside_vote_column"] is False  # off by default
    meta["aside_vote_column"] = True  # one column more than coef.npy has
    write_model_meta(saved, meta)
    with pytest.raises(ModelFileError, match="array shapes"):
        tagger.load(saved)


def test_the_relevance_shift_survives_a_round_trip(saved):
    loaded = tagger.load(saved)
    meta = model_meta(saved)
    assert meta["relevance_shift"] == loaded.relevance_shift_
    assert loaded.relevance_shift_ > 0  # the seeds' unanchored texts need it (see test_pipeline)


@pytest.mark.parametrize("value", [None, -0.5, "1", float("inf"), True])
def test_a_bad_or_missing_relevance_shift_is_refused(saved, value):
    _edit_meta(saved, ("relevance_shift",), value)
    with pytest.raises(ModelFileError, match="relevance_shift"):
        tagger.load(saved)


def test_a_lead_column_flag_that_disagrees_with_the_arrays_is_refused(saved):
    meta = model_meta(saved)
    assert meta["lead_vote_column"] is True
    meta["lead_vote_column"] = False
    write_model_meta(saved, meta)
    with pytest.raises(ModelFileError, match="array shapes"):
        tagger.load(saved)


def test_missing_or_wrong_paths(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        tagger.load(tmp_path / "nope")
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(ModelFileError, match="is a directory"):
        tagger.load(f)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelFileError, match="model.json' is missing"):
        load_model(tmp_path / "empty")


def test_failed_save_leaves_previous_model_intact(small_tagger, saved, monkeypatch):
    before = {p.name: p.read_bytes() for p in saved.iterdir()}
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        small_tagger.save(saved)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in saved.iterdir()}
    assert after == before
    assert [p.name for p in saved.parent.iterdir() if p.name.startswith(".")] == []
    assert tagger.load(saved).predict_proba(TEXTS).shape == (len(TEXTS), 5)


def test_save_replaces_existing_model(small_tagger, saved):
    (saved / "stale.txt").write_text("old")
    small_tagger.save(saved)
    assert not (saved / "stale.txt").exists()
    tagger.load(saved)


def test_format_4_models_still_count_every_rule_match(tmp_path):
    # format 4 (before vote_per_match): rule votes counted every match of a rule
    old = tagger.train(tmp_path / "m", seeds=SEEDS, cv_folds=3, vote_per_match=True, echo_rule_scale=0)
    assert old.vote_per_match_ is True
    assert model_meta(tmp_path / "m")["rule_votes_per_match"] is True
    _as_format(tmp_path / "m", 4, ("rule_votes_per_match", "echo_vote_column"), ("vote_per_match", "echo_rule_scale"))
    loaded = tagger.load(tmp_path / "m")
    assert loaded.vote_per_match_ is True and loaded.vote_per_match is True
    assert np.array_equal(loaded.predict_proba(TEXTS), old.predict_proba(TEXTS))


def test_a_format_5_model_without_its_vote_counting_flag_is_refused(saved):
    _edit_meta(saved, ("rule_votes_per_match",), None)
    with pytest.raises(ModelFileError, match="rule_votes_per_match"):
        tagger.load(saved)


QUOTED = '"Children must learn how recruiters lie to them. Lessons on human trafficking start next term," the minister said.'


@pytest.fixture(scope="module")
def no_echo() -> tagger.Tagger:
    """A model without the echo column, as formats 1 to 7 were."""
    return tagger.train(seeds=SEEDS, cv_folds=3, echo_rule_scale=0)


def test_format_6_models_end_the_lead_at_the_first_sentence(no_echo, tmp_path):
    # format 6 (before lead_quotation): an opening quotation's second sentence is not in the lead
    small_tagger = no_echo
    saved = no_echo.save(tmp_path / "m")
    assert small_tagger.lead_quotation_ is True and model_meta(saved)["lead_quotation"] is True
    _as_format(saved, 6, ("lead_quotation", "echo_vote_column"), ("echo_rule_scale",))
    loaded = tagger.load(saved)
    assert loaded.lead_quotation_ is False
    as_before = tagger.load(saved)
    as_before.lead_quotation_ = True
    assert np.array_equal(as_before.predict_proba(TEXTS + [QUOTED]), small_tagger.predict_proba(TEXTS + [QUOTED]))
    # the relevance rule in the quotation's second sentence votes in the lead only with the format 7 lead
    assert loaded.predict_proba([QUOTED])[0, 0] != small_tagger.predict_proba([QUOTED])[0, 0]
    assert np.array_equal(loaded.predict_proba(TEXTS), small_tagger.predict_proba(TEXTS))


@pytest.mark.parametrize("value", [None, "yes", 1])
@pytest.mark.parametrize("key", ["lead_quotation", "echo_vote_column"])  # formats 7 and 8 record these flags
def test_a_model_without_a_boolean_lead_quotation_or_echo_column_flag_is_refused(saved, key, value):
    _edit_meta(saved, (key,), value)
    with pytest.raises(ModelFileError, match=key):
        tagger.load(saved)


def test_the_vote_counting_flag_round_trips(saved):
    loaded = tagger.load(saved)
    meta = model_meta(saved)
    assert meta["format_version"] == FORMAT_VERSION
    assert loaded.vote_per_match_ is meta["rule_votes_per_match"] is False


def test_format_5_models_roll_up_articles_without_context(no_echo, tmp_path):
    # format 5 (before context_margin): articles rolled up paragraphs tagged alone
    small_tagger = no_echo
    saved = no_echo.save(tmp_path / "m")
    _as_format(saved, 5, ("lead_quotation", "echo_vote_column"), ("context_margin", "echo_rule_scale"))
    loaded = tagger.load(saved)
    assert loaded.context_margin is None and small_tagger.context_margin is not None
    assert np.array_equal(loaded.predict_proba(TEXTS), small_tagger.predict_proba(TEXTS))


def test_the_context_margin_survives_a_round_trip(small_tagger, tmp_path):
    t = copy.copy(small_tagger)
    t.context_margin = 1.25
    loaded = tagger.load(t.save(tmp_path / "m"))
    assert model_meta(tmp_path / "m")["params"]["context_margin"] == 1.25
    assert loaded.context_margin == 1.25


@pytest.mark.parametrize(("value", "message"), [(None, "no params.context_margin"), (-1.0, "context_margin must be")])
def test_a_missing_or_bad_context_margin_is_refused(saved, value, message):
    _edit_meta(saved, ("params", "context_margin"), value)
    with pytest.raises(ModelFileError, match=message):
        tagger.load(saved)


def test_models_saved_before_cv_repeats_load_with_the_same_scores(small_tagger, saved):
    # cv_repeats only shapes training; a model.json written before it existed still loads
    assert model_meta(saved)["params"]["cv_repeats"] == small_tagger.cv_repeats
    _edit_meta(saved, ("params", "cv_repeats"), None)
    loaded = tagger.load(saved)
    assert np.array_equal(loaded.predict_proba(TEXTS), small_tagger.predict_proba(TEXTS))


ECHOING = "Court extends detention of Marco Vell - Daily Post. ... Marco Vell's detention on suspicion of human trafficking"


def test_format_7_models_load_without_an_echo_column(no_echo, tmp_path):
    # format 7 (before echo_rule_scale): no echo column, no such parameter
    saved = no_echo.save(tmp_path / "m")
    _as_format(saved, 7, ("echo_vote_column",), ("echo_rule_scale",))
    loaded = tagger.load(saved)
    assert not loaded.echo_votes_ and loaded.echo_rule_scale == 0
    assert np.array_equal(loaded.predict_proba([*TEXTS, ECHOING]), no_echo.predict_proba([*TEXTS, ECHOING]))


def test_the_echo_column_round_trips(small_tagger, saved):
    meta = model_meta(saved)
    assert meta["format_version"] == FORMAT_VERSION == 8
    assert meta["echo_vote_column"] is True and meta["params"]["echo_rule_scale"] > 0
    loaded = tagger.load(saved)
    assert loaded.echo_votes_ and loaded.column_names_ == small_tagger.column_names_
    assert np.array_equal(loaded.predict_proba([*TEXTS, ECHOING]), small_tagger.predict_proba([*TEXTS, ECHOING]))


def test_an_echo_column_flag_that_disagrees_with_the_arrays_is_refused(saved):
    _edit_meta(saved, ("echo_vote_column",), False)  # one column fewer than coef.npy has
    with pytest.raises(ModelFileError, match="array shapes"):
        tagger.load(saved)
