"""A minimal CSR matrix in plain numpy for the prediction path.

Prediction only needs a few operations on the TF-IDF matrix (a product with the
coefficients, row slices for evidence, the number of stored values per row), so it
keeps the three CSR arrays itself instead of importing ``scipy.sparse`` (about a
fifth of a second of start-up). :meth:`Rows.tocsr` gives the scipy matrix when a
caller wants one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    (sorted within each row). ``rows``, if given, holds :meth:`row_ids` (saves
    recomputing them)."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]
    rows: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return self.shape[0]

    def row(self, i: int) -> RowView:
        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        return RowView(self.indices[a:b], self.data[a:b])

    def row_ids(self) -> np.ndarray:
        """The row of each stored value."""
        if self.rows is not None:
            return self.rows
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

    def append_dense(self, V: np.ndarray) -> Rows:
        """These columns followed by the columns of a dense ``V`` (zeros not stored)."""
        n, k = V.shape
        if n != self.shape[0]:
            raise ValueError(f"V has {n} rows, expected {self.shape[0]}")
        nz_r, nz_c = np.nonzero(V)
        old = np.diff(self.indptr)
        add = np.bincount(nz_r, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(old + add, out=indptr[1:])
        indices = np.empty(indptr[-1], dtype=np.int64)
        data = np.empty(indptr[-1], dtype=np.float64)
        # old values keep their order at the start of each row; new ones follow
        pos_old = indptr[:-1].repeat(old) + (np.arange(self.indices.size) - self.indptr[:-1].repeat(old))
        indices[pos_old] = self.indices
        data[pos_old] = self.data
        first_new = indptr[:-1] + old
        rank = np.arange(nz_r.size) - np.concatenate(([0], np.cumsum(add)))[nz_r]
        pos_new = first_new[nz_r] + rank
        indices[pos_new] = self.shape[1] + nz_c
        data[pos_new] = V[nz_r, nz_c]
        return Rows(indptr, indices, data, (n, self.shape[1] + k))

    def tocsr(self) -> Any:
        """The same matrix as a ``scipy.sparse.csr_matrix`` (imports scipy)."""
        import scipy.sparse as sp

        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
