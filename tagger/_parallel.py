"""Prediction spread over worker processes (joblib, imported only when used).

A tagger loaded from a model directory is sent to the workers as its path and file
hashes: each worker loads the model once and keeps it for later batches (joblib
reuses its worker processes). Any other tagger is pickled with each batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import numpy as np

from .errors import InputValueError, ModelFileError

logger = logging.getLogger(__name__)

#: Texts per task: large enough that the per-task cost is small, small enough to
#: balance the work between processes.
CHUNK = 2048

# In a worker process: (model directory, file hashes) -> the loaded Tagger.
_WORKER_MODELS: dict[tuple[str, str], Any] = {}


def check_n_jobs(n_jobs: Any) -> int:
    """``None`` -> 1; a positive int -> itself; -1 -> all cores (joblib's convention)."""
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise InputValueError(f"n_jobs must be None, a positive integer or -1 (all cores), got {n_jobs!r}")
    if n_jobs == -1:
        import os

        return os.cpu_count() or 1
    return n_jobs


def _source(tagger: Any) -> Any:
    src = getattr(tagger, "_source_dir", None)
    meta = getattr(tagger, "metadata_", None)
    if src is not None and isinstance(meta, dict):
        fingerprint = repr(sorted(meta.get("sha256", {}).items()))
        return ("dir", src, fingerprint, dict(tagger.thresholds_), tagger.top_terms)
    return ("object", tagger)


def _worker_tagger(source: Any) -> Any:
    if source[0] == "object":
        return source[1]
    _, path, fingerprint, thresholds, top_terms = source
    t = _WORKER_MODELS.get((path, fingerprint))
    if t is None:
        from .persistence import load_model

        t = load_model(path)
        if repr(sorted(t.metadata_.get("sha256", {}).items())) != fingerprint:
            raise ModelFileError(f"{path}: the model directory changed after it was loaded; load it again")
        _WORKER_MODELS[(path, fingerprint)] = t
    # settings a caller may have changed on the loaded tagger
    t.thresholds_ = thresholds
    t.top_terms = top_terms
    return t


def _run(source: Any, method: str, texts: list[str]) -> Any:
    return getattr(_worker_tagger(source), method)(texts)


def map_chunks(tagger: Any, method: str, texts: list[str], n_jobs: int, combine: Callable[[list[Any]], Any]) -> Any:
    """Call ``tagger.<method>(chunk)`` on chunks of ``texts`` in ``n_jobs`` processes, in order."""
    from joblib import Parallel, delayed

    chunk = max(1, min(CHUNK, -(-len(texts) // n_jobs)))
    chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    source = _source(tagger)
    logger.debug("%d texts in %d chunks over %d processes", len(texts), len(chunks), n_jobs)
    parts = Parallel(n_jobs=n_jobs)(delayed(_run)(source, method, c) for c in chunks)
    return combine(parts)


def proba(tagger: Any, texts: list[str], n_jobs: int) -> np.ndarray:
    return map_chunks(tagger, "predict_proba", texts, n_jobs, lambda parts: np.concatenate(parts, axis=0))


def tag_batch(tagger: Any, texts: list[str], n_jobs: int) -> list[Any]:
    return map_chunks(tagger, "tag_batch", texts, n_jobs, lambda parts: [r for p in parts for r in p])
