"""Metrics on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from tagger.evaluation import Predictions, file_kind, score
from tagger.io import LabelledText
from tagger.pipeline import prf

THEMES = ("prevention", "prosecution", "protection", "partnership")


def test_prf_hand_computed():
    # tp=2, fp=1, fn=1 -> P=2/3, R=2/3, F1=2/3
    m = prf(np.array([1, 1, 1, 0, 0]), np.array([1, 1, 0, 1, 0]))
    assert m["precision"] == pytest.approx(2 / 3, abs=1e-4) and m["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["f1"] == pytest.approx(2 / 3, abs=1e-4) and m["support"] == 3
    assert prf(np.array([0, 0]), np.array([0, 0]))["f1"] == 0.0


def test_multi_label_scores():
    items = [
        LabelledText("a", (1, 1, 0, 0, 0)),
        LabelledText("b", (1, 0, 1, 1, 0)),
        LabelledText("c", (0, 0, 0, 0, 0)),
    ]
    pred = Predictions(np.array([1, 1, 1]), [("prevention",), ("prosecution",), ()])
    s = score(items, pred, THEMES, "multi")
    assert s["relevance"]["precision"] == pytest.approx(2 / 3, abs=1e-4) and s["relevance"]["recall"] == 1.0
    assert s["themes"]["prevention"]["f1"] == 1.0
    assert s["themes"]["prosecution"]["f1"] == 1.0
    assert s["themes"]["protection"]["recall"] == 0.0 and s["themes"]["protection"]["support"] == 1
    # micro: tp=2, fp=0, fn=1 -> P=1, R=2/3, F1=0.8; macro: (1 + 1 + 0 + 0) / 4
    assert s["micro_f1"] == pytest.approx(0.8)
    assert s["macro_f1"] == pytest.approx(0.5)


def test_primary_label_scores():
    items = [
        LabelledText("a", (1, 1, -1, -1, -1), primary="prevention"),
        LabelledText("b", (1, -1, 1, -1, -1), primary="prosecution"),
        LabelledText("c", (1, -1, -1, 1, -1), primary="protection"),
    ]
    pred = Predictions(np.array([1, 1, 0]), [("prevention",), ("protection", "prosecution"), ()])
    s = score(items, pred, THEMES, "primary")
    assert s["primary_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["primary_first"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["per_theme_recall"] == {"prevention": 1.0, "prosecution": 1.0, "protection": 0.0}
    assert s["relevance"]["recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_negatives_false_positive_rate():
    items = [LabelledText(str(i), (0, 0, 0, 0, 0)) for i in range(4)]
    pred = Predictions(np.array([1, 0, 0, 0]), [("prosecution",), (), (), ()])
    s = score(items, pred, THEMES, "negatives")
    assert s["false_positive_rate"] == 0.25 and s["false_positives"] == 1 and s["with_theme"] == 1


def test_file_kind_detection():
    assert file_kind([LabelledText("a", (0, 0, 0, 0, 0))]) == "negatives"
    assert file_kind([LabelledText("a", (1, 1, -1, -1, -1), primary="prevention")]) == "primary"
    assert file_kind([LabelledText("a", (1, 1, 0, 0, 0)), LabelledText("b", (0, 0, 0, 0, 0))]) == "multi"
