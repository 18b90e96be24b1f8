from __future__ import annotations

import numpy as np
import pytest

from tagger.errors import NotFittedError
from tagger.features import TfidfFeatures
from tagger.model import LinearModel, sigmoid

TEXTS = [
    "police arrested traffickers",
    "court convicted the trafficker",
    "victims in shelter",
    "shelter counselling for victims",
    "police raid and arrest",
    "victims repatriated home",
    "judge sentenced trafficker",
    "counselling and shelter care",
]
Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]], dtype=np.int8)


def test_predict_proba_equals_sklearn_logistic_regression():
    f = TfidfFeatures(min_df=1, max_df=1.0).fit(TEXTS)
    X = f.transform(TEXTS)
    W = np.ones(Y.shape)
    W[0] = 3.0
    m = LinearModel(C=2.0).fit(X, Y, W)
    for j in range(2):
        ref = m.sklearn_estimator().fit(X, Y[:, j], sample_weight=W[:, j])
        assert np.max(np.abs(m.predict_proba(X)[:, j] - ref.predict_proba(X)[:, 1])) < 1e-12


def test_unknown_labels_are_skipped_in_fit():
    f = TfidfFeatures(min_df=1, max_df=1.0).fit(TEXTS)
    X = f.transform(TEXTS)
    Yu = Y.copy()
    Yu[2:4, 0] = -1
    m = LinearModel().fit(X, Yu, np.ones(Y.shape))
    ref = m.sklearn_estimator().fit(X[[0, 1, 4, 5, 6, 7]], Y[[0, 1, 4, 5, 6, 7], 0])
    assert np.allclose(m.coef_[0], ref.coef_[0])


def test_fit_needs_both_classes():
    f = TfidfFeatures(min_df=1, max_df=1.0).fit(TEXTS)
    with pytest.raises(ValueError, match="both positive and negative"):
        LinearModel().fit(f.transform(TEXTS), np.ones((8, 1), dtype=np.int8), np.ones((8, 1)))


def test_sigmoid_is_stable_at_extremes():
    z = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
    s = sigmoid(z)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert np.isclose(s[1] + s[3], 1.0)


def test_predict_before_fit_is_clear():
    with pytest.raises(NotFittedError):
        LinearModel().predict_proba(None)  # type: ignore[arg-type]


def test_top_terms_are_positive_contributions_in_order():
    f = TfidfFeatures(min_df=1, max_df=1.0).fit(TEXTS)
    X = f.transform(TEXTS)
    m = LinearModel().fit(X, Y, np.ones(Y.shape))
    row = f.transform(["victims shelter police"])
    terms = m.top_terms(row, 1, f.terms_, 5)
    weights = [w for _, w in terms]
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    assert {t for t, _ in terms} <= {"victims", "shelter"}


def test_column_scale_is_absorbed_into_the_coefficients():
    """Fitting on scaled columns, then predicting on unscaled ones, equals fitting and
    predicting on the scaled matrix with scikit-learn."""
    import scipy.sparse as sp

    f = TfidfFeatures(min_df=1, max_df=1.0).fit(TEXTS)
    X = f.transform(TEXTS)
    scale = np.ones((2, X.shape[1]))
    scale[0, :3] = 0.1
    scale[1, -2:] = 5.0
    m = LinearModel().fit(X, Y, np.ones(Y.shape), column_scale=scale)
    for j in range(2):
        Xs = X @ sp.diags(scale[j]).tocsr()
        ref = m.sklearn_estimator().fit(Xs, Y[:, j])
        assert np.max(np.abs(m.predict_proba(X)[:, j] - ref.predict_proba(Xs)[:, 1])) < 1e-9
