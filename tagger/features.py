"""TF-IDF features: fitted with scikit-learn, applied with numpy/scipy only.

Training fits scikit-learn's ``TfidfVectorizer`` (imported lazily) and keeps only its
vocabulary and idf weights. :meth:`TfidfFeatures.transform` reproduces the
vectoriser's output (lower-casing, its token pattern, word n-grams, sublinear tf,
idf, l2 normalisation) without importing scikit-learn, so loading a model and
tagging text stay light; ``tests/test_features.py`` checks both agree.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._fastvec import Lookup, ngram_counts
from ._sparse import Rows
from ._textproc import stemmer
from .errors import NotFittedError
from .text import reading_form

if TYPE_CHECKING:
    import scipy.sparse as sp

TOKEN_PATTERN = r"(?u)\b\w\w+\b"

#: Batches of at most this many texts go through the plain per-text loop; larger ones
#: through the vectorised counter of ``tagger._fastvec`` (same counts; its lookup
#: tables are built on first use).
_SMALL_BATCH = 16
_BUILD_LOCK = threading.Lock()


class TfidfFeatures:
    """Word n-gram TF-IDF. Constructor stores parameters; learned state ends in ``_``."""

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_df: float = 0.9,
        max_features: int | None = 60000,
        sublinear_tf: bool = True,
        stop_words: Sequence[str] = (),
        stem: str | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.stem = stem

    # -- training (scikit-learn) -------------------------------------------------
    def sklearn_vectorizer(self) -> Any:
        """The equivalent, unfitted scikit-learn vectoriser."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._prepare()
        return TfidfVectorizer(
            lowercase=True,
            tokenizer=self.tokens,
            token_pattern=None,
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
            norm="l2",
            smooth_idf=True,
            dtype=np.float64,
        )

    def fit(self, texts: Sequence[str]) -> TfidfFeatures:
        vec = self.sklearn_vectorizer().fit(texts)
        terms = vec.get_feature_names_out().tolist()
        self._set_state(terms, np.asarray(vec.idf_, dtype=np.float64))
        return self

    # -- state -------------------------------------------------------------------
    def _set_state(self, terms: list[str], idf: np.ndarray) -> None:
        if len(terms) != idf.shape[0]:
            raise ValueError(f"vocabulary has {len(terms)} terms but idf has {idf.shape[0]} values")
        self.terms_ = terms
        self.vocabulary_ = {t: i for i, t in enumerate(terms)}
        self.idf_ = idf
        self._lookup: Lookup | None = None
        self._prepare()

    def _prepare(self) -> None:
        self._stem_word = None if self.stem is None else stemmer(self.stem)  # ValueError for an unknown name
        self._token_re = re.compile(TOKEN_PATTERN)
        self._stop = frozenset(self.stop_words)

    @classmethod
    def from_state(cls, params: dict[str, Any], terms: list[str], idf: np.ndarray) -> TfidfFeatures:
        obj = cls(**params)
        obj._set_state(terms, idf)
        return obj

    def get_params(self) -> dict[str, Any]:
        return {
            "ngram_range": list(self.ngram_range),
            "min_df": self.min_df,
            "max_df": self.max_df,
            "max_features": self.max_features,
            "sublinear_tf": self.sublinear_tf,
            "stop_words": list(self.stop_words),
            "stem": self.stem,
        }

    @property
    def n_features(self) -> int:
        self._check_fitted()
        return len(self.terms_)

    def _check_fitted(self) -> None:
        if not hasattr(self, "idf_"):
            raise NotFittedError("TfidfFeatures is not fitted; call fit() or load a model first")

    # -- prediction (numpy/scipy only) -------------------------------------------
    def tokens(self, text: str) -> list[str]:
        """Lower-cased word tokens, function words dropped and suffixes stripped as configured."""
        toks = self._token_re.findall(reading_form(text).lower())
        if self._stop:
            toks = [t for t in toks if t not in self._stop]
        if self._stem_word is not None:
            toks = [self._stem_word(t) for t in toks]
        return toks

    def surface_forms(self, text: str, terms: Iterable[str] | None = None) -> dict[str, str]:
        """Map each n-gram term of ``text`` to the words it came from in ``text``
        (first occurrence), so evidence quotes "victims of trafficking" rather than
        the internal term "victim traffick". With ``terms``, only those terms are looked
        up (what evidence needs: a few top terms, not every n-gram of a long text)."""
        self._check_fitted()
        wanted = None if terms is None else set(terms)
        text = reading_form(text)
        low = text.lower()
        same_length = len(low) == len(text)
        kept: list[tuple[str, int, int]] = []
        for m in self._token_re.finditer(low):
            tok = m.group()
            if tok in self._stop:
                continue
            kept.append((self._stem_word(tok) if self._stem_word is not None else tok, m.start(), m.end()))
        src = text if same_length else low
        out: dict[str, str] = {}
        lo, hi = self.ngram_range
        sizes = range(lo, hi + 1) if wanted is None else sorted({t.count(" ") + 1 for t in wanted} & set(range(lo, hi + 1)))
        for n in sizes:
            for i in range(len(kept) - n + 1):
                term = " ".join(k[0] for k in kept[i : i + n])
                if term not in out and (wanted is None or term in wanted):
                    out[term] = " ".join(src[kept[i][1] : kept[i + n - 1][2]].split())
        return out

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """TF-IDF matrix of ``texts`` (one row each) as a ``scipy.sparse.csr_matrix``,
        equal to scikit-learn's within 1e-12."""
        return self.transform_rows(texts).tocsr()

    def transform_rows(self, texts: Iterable[str]) -> Rows:
        """The TF-IDF matrix as plain numpy CSR arrays (:class:`~tagger._sparse.Rows`),
        without importing scipy: what prediction uses."""
        self._check_fitted()
        texts = texts if isinstance(texts, list) else list(texts)
        if len(texts) <= _SMALL_BATCH:
            return self._tfidf(*self._counts_loop(texts))  # tokens() reads each text's reading form
        return self._tfidf(*self._counts_vectorised([reading_form(t) for t in texts]))

    def _counts_loop(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-text n-gram counts with string lookups (cheapest for a few texts)."""
        vocab = self.vocabulary_
        lo, hi = self.ngram_range
        indptr = [0]
        indices: list[int] = []
        counts: list[int] = []
        for text in texts:
            toks = self.tokens(text)
            row: dict[int, int] = {}
            for n in range(lo, hi + 1):
                if n == 1:
                    grams: Iterable[str] = toks
                else:
                    grams = (" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
                for g in grams:
                    j = vocab.get(g)
                    if j is not None:
                        row[j] = row.get(j, 0) + 1
            for j in sorted(row):
                indices.append(j)
                counts.append(row[j])
            indptr.append(len(indices))
        return (
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(counts, dtype=np.float64),
        )

    def _get_lookup(self) -> Lookup:
        lk = self._lookup
        if lk is None:
            with _BUILD_LOCK:
                lk = self._lookup
                if lk is None:
                    lk = Lookup(self.terms_, self._stop, self._stem_word, self._token_re)
                    self._lookup = lk
        return lk

    def _counts_vectorised(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`_counts_loop`, plus the row of each count (the vectorised counter
        has it at hand)."""
        return ngram_counts(self._get_lookup(), texts, tuple(self.ngram_range), len(self.terms_))

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_lookup"] = None  # rebuilt on first use; not worth pickling
        return state

    def _tfidf(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, row_ids: np.ndarray | None = None) -> Rows:
        """Counts -> (sublinear) tf x idf, each row scaled to unit l2 norm (``row_ids``:
        the row of each count, when known)."""
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        data *= self.idf_[indices]
        n = indptr.shape[0] - 1
        rows = Rows(indptr, indices, data, (n, len(self.terms_)), row_ids)
        if data.size:
            r = rows.row_ids()
            norm = np.sqrt(np.bincount(r, weights=data * data, minlength=n))
            norm[norm == 0.0] = 1.0
            data /= norm[r]
        return rows
