"""The Dask recipe (examples/dask_tagging.py) on a local cluster of worker processes;
skipped when dask is not installed (pip install 'tagger[dask]')."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import tagger

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_tagging.py"


def load_example():
    spec = importlib.util.spec_from_file_location("dask_tagging", EXAMPLE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dask_partitions_are_tagged_like_pandas_with_one_model_load_per_worker(small_tagger, tmp_path):
    model = tmp_path / "model"
    small_tagger.save(model)
    texts = ["Police arrested a trafficker.", "Victims were taken to a shelter.", "The concert was sold out."]
    df = pd.DataFrame({"text": [texts[i % 3] + f" Item {i}." for i in range(60)], "n": range(60)})
    ddf = dd.from_pandas(df, npartitions=6)
    example = load_example()
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = example.tag_with_dask(ddf, model=str(model)).compute()
        loads = client.run(lambda: __import__("tagger.bulk").bulk.load_cached.cache_info().misses)
    expected = tagger.tag_dataframe(df, model=small_tagger)
    got = got.sort_index()
    assert list(got.columns) == list(expected.columns)
    assert list(got["text"]) == list(df["text"])  # (dask may store the strings with another dtype)
    added = ["relevant", "relevance", "themes", *small_tagger.theme_ids]
    pd.testing.assert_frame_equal(got[["n", *added]], expected[["n", *added]])
    assert len(loads) == 2 and all(n <= 1 for n in loads.values())  # 6 partitions, at most one load per worker
