"""The linear model: one logistic regression per label (relevance and each theme).

Fitting uses scikit-learn (imported lazily). The learned coefficients are plain
numpy arrays, and :meth:`LinearModel.predict_proba` is a sparse product plus a
sigmoid, so prediction needs numpy only (a scipy matrix is accepted too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._sparse import Rows
from .errors import NotFittedError

if TYPE_CHECKING:
    import scipy.sparse as sp


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function (matches scipy.special.expit)."""
    out = np.empty_like(z, dtype=np.float64)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


class LinearModel:
    """Per-label binary logistic regressions sharing one feature space."""

    def __init__(self, C: float = 4.0, class_weight: str | None = "balanced", max_iter: int = 2000) -> None:
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter

    def get_params(self) -> dict[str, Any]:
        return {"C": self.C, "class_weight": self.class_weight, "max_iter": self.max_iter}

    def sklearn_estimator(self) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="newton-cg", max_iter=self.max_iter)

    def fit(
        self, X: sp.csr_matrix, Y: np.ndarray, sample_weight: np.ndarray, column_scale: np.ndarray | None = None
    ) -> LinearModel:
        """Fit one classifier per column of ``Y`` (values 1, 0, or -1 = unknown, skipped).

        ``sample_weight`` has the same shape as ``Y``: each label may weigh a row differently.
        ``column_scale`` (shape ``(n_labels, n_features)``) multiplies the features seen by
        each label's classifier, which changes how strongly they are regularised; the
        stored coefficients absorb the scale, so prediction uses the unscaled ``X``.
        """
        n_labels = Y.shape[1]
        coef = np.zeros((n_labels, X.shape[1]), dtype=np.float64)
        intercept = np.zeros(n_labels, dtype=np.float64)
        for j in range(n_labels):
            known = Y[:, j] >= 0
            y = Y[known, j]
            if y.min(initial=1) == y.max(initial=0):
                raise ValueError(f"label column {j} needs both positive and negative examples")
            Xj = X[known]
            if column_scale is not None:
                import scipy.sparse as sparse  # training only

                Xj = Xj @ sparse.diags(column_scale[j]).tocsr()
            est = self.sklearn_estimator().fit(Xj, y, sample_weight=sample_weight[known, j])
            coef[j] = est.coef_[0] if column_scale is None else est.coef_[0] * column_scale[j]
            intercept[j] = est.intercept_[0]
        self.coef_ = coef
        self.intercept_ = intercept
        return self

    @classmethod
    def from_state(cls, params: dict[str, Any], coef: np.ndarray, intercept: np.ndarray) -> LinearModel:
        obj = cls(**params)
        obj.coef_ = coef
        obj.intercept_ = intercept
        return obj

    def decision_function(self, X: sp.csr_matrix | Rows) -> np.ndarray:
        """``X @ coef_.T + intercept_``: one product for all labels (``X`` a scipy
        sparse matrix or the numpy-only :class:`~tagger._sparse.Rows`)."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("LinearModel is not fitted; call fit() or load a model first")
        if isinstance(X, Rows):
            return X.matmul_t(self.coef_) + self.intercept_
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: sp.csr_matrix | Rows) -> np.ndarray:
        """Probability of each label, shape ``(n_texts, n_labels)``."""
        return sigmoid(self.decision_function(X))

    def top_terms(self, x_row: Any, label: int, terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """The ``k`` terms of one row with the largest positive contribution (coef x value)."""
        idx = x_row.indices
        contrib = self.coef_[label, idx] * x_row.data
        order = np.argsort(-contrib, kind="stable")[:k]
        return [(terms[idx[i]], float(contrib[i])) for i in order if contrib[i] > 0]
