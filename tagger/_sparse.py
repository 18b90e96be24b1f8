"""A minimal CSR matrix in plain numpy for the prediction path.

Prediction only needs a few operations on the TF-IDF matrix (a product with the
coefficients, row slices for evidence, the number of stored values per row), so it
keeps the three CSR arrays itself instead of importing ``scipy.sparse`` (about a
fifth of a second of start-up). :meth:`Rows.tocsr` gives the scipy matrix when a
caller wants one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class RowView:
    """One row: its column indices and values (what evidence needs)."""

    indices: np.ndarray
    data: np.ndarray


@dataclass(frozen=True)
class Rows:
    """CSR arrays: row ``i`` holds ``data[indptr[i]:indptr[i+1]]`` at columns ``indices[...]``
    (sorted within each row)."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    def __len__(self) -> int:
        return self.shape[0]

    def row(self, i: int) -> RowView:
        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        return RowView(self.indices[a:b], self.data[a:b])

    def row_ids(self) -> np.ndarray:
        """The row of each stored value."""
        return np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))

    def matmul_t(self, W: np.ndarray) -> np.ndarray:
        """``self @ W.T`` for a dense ``W`` of shape ``(k, n_columns)``: shape ``(n_rows, k)``."""
        n = self.shape[0]
        out = np.zeros((n, W.shape[0]), dtype=np.float64)
        if self.data.size:
            r = self.row_ids()
            for j in range(W.shape[0]):
                out[:, j] = np.bincount(r, weights=self.data * W[j, self.indices], minlength=n)
        return out

    def tocsr(self) -> Any:
        """The same matrix as a ``scipy.sparse.csr_matrix`` (imports scipy)."""
        import scipy.sparse as sp

        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
