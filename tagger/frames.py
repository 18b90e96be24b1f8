"""Tagging pandas data frames (and, through them, Dask data frames).

pandas is optional: it is imported only when :func:`tag_dataframe` is called, and a
:class:`~tagger.errors.MissingDependencyError` says how to install it when missing.

For Dask, pass a model *path* (or nothing, for the default model) rather than a
loaded Tagger: each worker process then loads the model once and keeps it for every
partition it tags (see ``examples/dask_tagging.py``)::

    tagged = ddf.map_partitions(tag_dataframe, text_column="text", model="my-model/", meta=...)
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .errors import InputTypeError, InputValueError, MissingDependencyError, check_positive_int
from .pipeline import Tagger


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("tag_dataframe needs pandas; install it with: pip install 'tagger[pandas]'") from None
    return pd


def _model(model: Tagger | str | Path | None) -> Tagger:
    from .bulk import load_cached

    if isinstance(model, Tagger):
        return model
    if model is None or isinstance(model, (str, Path)):
        return load_cached(None if model is None else str(model))
    raise InputTypeError(f"model must be a Tagger, a model directory path or None, got {type(model).__name__}")


def tag_dataframe(
    df: Any,
    text_column: str = "text",
    *,
    model: Tagger | str | Path | None = None,
    prefix: str = "",
    batch_size: int = 512,
    articles: bool = False,
) -> Any:
    """Return a copy of ``df`` with tag columns added (``df`` itself is not changed).

    Added columns (each name preceded by ``prefix``): ``relevant`` (bool), ``relevance``
    (probability), ``themes`` (list of assigned theme ids, best first) and one probability
    column per theme id (``prevention``, ``prosecution``, ...). Each value of
    ``text_column`` is tagged as one unit, or with ``articles=True`` as a whole article
    (split into paragraphs, read in context and rolled up, as :meth:`Tagger.tag_article`
    does); the index and the other columns are kept.

    Args:
        df: a pandas DataFrame.
        text_column: the column holding the texts (strings; a missing value is an error
            naming its row: fill or drop missing texts first).
        model: a fitted Tagger, a model directory, or None for the default model. A path
            is loaded once per process and reused (what Dask workers need).
        prefix: put before every added column name, e.g. ``"tag_"``, when ``df``
            already has columns of those names.
        batch_size: texts (or articles) vectorised together.
        articles: each text is a whole article (see above).
    """
    pd = _pandas()
    if not isinstance(df, pd.DataFrame):
        raise InputTypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    if text_column not in df.columns:
        raise InputValueError(f"text_column {text_column!r} is not a column of df; columns are {list(df.columns)}")
    t = _model(model)
    theme_ids = list(t.theme_ids)
    names = [prefix + c for c in ("relevant", "relevance", "themes", *theme_ids)]
    clash = [c for c in names if c in df.columns]
    if clash:
        raise InputValueError(
            f"df already has column(s) {clash}; pass prefix= (e.g. prefix='tag_') to add them under other names"
        )
    texts = df[text_column].tolist()
    for i, v in enumerate(texts):
        if not isinstance(v, str):
            missing = v is None or (isinstance(v, float) and math.isnan(v))
            what = "a missing value" if missing else type(v).__name__
            label = df.index[i]
            label = label.item() if hasattr(label, "item") else label  # numpy scalar -> plain Python value
            raise InputTypeError(f"df[{text_column!r}] at row {label!r} is {what}, expected str; fill or drop it first")
    batch_size = check_positive_int("batch_size", batch_size)
    if articles:
        results: list[Any] = [r for i in range(0, len(texts), batch_size) for r in t._articles(texts[i : i + batch_size])]
    else:
        results = list(t.tag_stream(texts, batch_size=batch_size))
    out = df.copy()
    out[names[0]] = pd.Series([r.relevant for r in results], index=df.index, dtype=bool)
    out[names[1]] = pd.Series([r.relevance for r in results], index=df.index, dtype="float64")
    out[names[2]] = pd.Series([list(r.themes) for r in results], index=df.index, dtype=object)
    for name, tid in zip(names[3:], theme_ids, strict=True):
        out[name] = pd.Series([r.scores[tid] for r in results], index=df.index, dtype="float64")
    return out
