"""Tag a corpus too large for one machine with Dask: the recipe.

Each partition of a Dask data frame is a pandas DataFrame; ``tagger.tag_dataframe``
tags one. Give it the model as a *directory path* (or None for the shipped default
model), not as a loaded Tagger: every worker process then loads the model once and
reuses it for all the partitions it tags, and the task graph stays small.

    pip install 'tagger[dask]'
    python examples/dask_tagging.py 'news-*.csv' tagged/ [--model my-model/] [--text-column text]
    python examples/dask_tagging.py              # a small demo on a generated frame

On a real cluster, replace LocalCluster with your scheduler's address
(``Client("tcp://scheduler:8786")``); the workers need tagger installed and the
model directory at the same path (or use the default model).
"""

from __future__ import annotations

import argparse
from typing import Any

import tagger


def tag_with_dask(ddf: Any, text_column: str = "text", model: str | None = None) -> Any:
    """The tagged Dask data frame (lazy): the partitions' columns plus tagger's columns."""
    # meta: the output's columns and dtypes, computed on an empty frame (no tagging work)
    meta = tagger.tag_dataframe(ddf._meta, text_column=text_column, model=model)
    return ddf.map_partitions(tagger.tag_dataframe, text_column=text_column, model=model, meta=meta)


def demo(n_workers: int = 2) -> None:
    import dask.dataframe as dd
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    texts = [
        "Police arrested two men accused of trafficking workers across the border.",
        "The rescued women were taken to a shelter and given legal aid.",
        "Ministers signed a memorandum of understanding to fight human trafficking.",
        "The football team won the final after extra time.",
    ]
    df = pd.DataFrame({"id": range(40), "text": [texts[i % len(texts)] for i in range(40)]})
    with (
        LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        ddf = dd.from_pandas(df, npartitions=8)
        tagged = tag_with_dask(ddf).compute()
        # how many times each worker process loaded the model (once each, however many partitions)
        loads = client.run(lambda: __import__("tagger.bulk").bulk.load_cached.cache_info().misses)
    print(tagged[["id", "relevant", "themes", "prosecution", "protection"]].head(4).to_string(index=False))
    print(f"tagged {len(tagged)} rows in {ddf.npartitions} partitions; model loads per worker: {sorted(loads.values())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="?", help="CSV files (a glob pattern); omit for the demo")
    ap.add_argument("out", nargs="?", help="output folder for Parquet/CSV parts")
    ap.add_argument("--model", help="model directory (default: the shipped default model)")
    ap.add_argument("--text-column", default="text")
    args = ap.parse_args()
    if not args.inputs:
        demo()
        return
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    with LocalCluster(processes=True, dashboard_address=None) as cluster, Client(cluster):
        tagged = tag_with_dask(dd.read_csv(args.inputs, dtype=str, blocksize="64MB"), args.text_column, args.model)
        tagged["themes"] = tagged["themes"].map(";".join, meta=("themes", "object"))
        tagged.to_csv(f"{args.out}/part-*.csv", index=False)
    print(f"wrote {args.out}/part-*.csv")


if __name__ == "__main__":
    main()
