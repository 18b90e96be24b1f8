"""Speed of the prediction path, side by side with the equivalent scikit-learn pipeline.

    python benchmarks/bench_speed.py [--model DIR] [--n 20000] [--repeats 3]

Builds a corpus of at least ``--n`` paragraphs (from ``../shared/data/`` when present:
unlabelled news alerts and factbook texts plus off-topic negatives, cycled to reach
the size; otherwise generated from the model's vocabulary and filler words) and
prints, in one run:

* batch throughput (paragraphs/s) of the scikit-learn pipeline (``TfidfVectorizer``
  with the model's vocabulary, idf and tokenizer + one ``LogisticRegression`` per
  label holding the model's coefficients) and of tagger's ``predict_proba``; the
  ratio; the largest absolute score difference;
* tagger with ``n_jobs=2`` (worker processes, model loaded once per worker);
* single-paragraph ``Tagger.tag`` (with evidence) p50/p99 latency;
* cold start: wall time of ``tagger tag`` on one short text in a new process;
* model load time; peak RSS of a process that only loads and tags;
* fastText, when the ``fasttext`` package is installed (trained on the seed corpus);
* the machine's core count and load average (other work on the machine slows
  every figure; ratios are measured in the same run, alternating the contenders).

Timings are the best of ``--repeats`` runs unless marked median.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SHARED_FILES = (
    "unlabelled/news_alerts.jsonl",
    "unlabelled/factbook_profiles.jsonl",
    "negatives/ag_news.jsonl",
    "negatives/reuters.jsonl",
    "negatives/whitehouse.jsonl",
)
SHORT_TEXT = "Police rescued 14 victims of trafficking and charged two recruiters with forced labour."


def build_corpus(n: int, vocabulary: list[str]) -> tuple[list[str], str]:
    texts: list[str] = []
    if all((SHARED / f).exists() for f in SHARED_FILES):
        for f in SHARED_FILES:
            with (SHARED / f).open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh if line.strip()]
        source = f"../shared/data ({len(texts)} distinct texts, cycled)"
    else:
        rng = random.Random(0)
        function_words = ["the", "a", "of", "and", "to", "in", "said", "on", "for", "with"]
        words = [w for t in vocabulary for w in t.split()] + function_words * 50
        for _ in range(5000):
            texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(15, 120))).capitalize() + ".")
        source = "generated (5000 distinct texts, cycled)"
    return list(itertools.islice(itertools.cycle(texts), max(n, len(texts)))), source


def best_of(fn: Any, repeats: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def sklearn_pipeline(t: Any, core: bool = False) -> Any:
    """The equivalent scikit-learn pipeline: TfidfVectorizer with tagger's vocabulary and
    idf, the same rule-vote columns (tagger's RuleSet, as a FunctionTransformer would),
    one LogisticRegression per label with tagger's coefficients, and the relevance shift
    for texts no relevance rule fires on (scipy's logit/expit).

    ``core=True``: the TF-IDF + linear part alone (coefficients of the TF-IDF columns),
    the part tagger's numpy path replaces."""
    import scipy.sparse as sp
    from scipy.special import expit, logit
    from sklearn.linear_model import LogisticRegression

    f = t.features_
    vec = f.sklearn_vectorizer()
    vec.set_params(vocabulary=f.vocabulary_)
    vec.idf_ = f.idf_
    n_cols = f.n_features if core else t.model_.coef_.shape[1]
    models = []
    for j in range(t.model_.coef_.shape[0]):
        lr = LogisticRegression()
        lr.coef_ = t.model_.coef_[j : j + 1, :n_cols].copy()
        lr.intercept_ = t.model_.intercept_[j : j + 1].copy()
        lr.classes_ = np.array([0, 1])
        models.append(lr)

    def predict(texts: list[str]) -> np.ndarray:
        T = vec.transform(texts)
        X = T
        hits = None
        if not core and (t.vote_columns_ or t.lead_votes_ or t.aside_votes_ or t.relevance_shift_):
            hits = [t.rules_.match(x) for x in texts]
            X = sp.hstack([T, sp.csr_matrix(t._vote_matrix(hits, texts))], format="csr")
        P = np.column_stack([m.predict_proba(X)[:, 1] for m in models])
        if hits is not None and t.relevance_shift_:
            # texts no relevance rule fires on: relevance log-odds lowered by the fitted shift
            rel = t.taxonomy_.label_ids[0]
            loose = np.array([not any(h.theme == rel for h in hs) for hs in hits], dtype=bool)
            P[loose, 0] = expit(logit(P[loose, 0]) - t.relevance_shift_)
        P[T.getnnz(axis=1) == 0] = 0.0  # tagger's convention: no known word, no score
        return P

    return predict


def tagger_core(t: Any) -> Any:
    """tagger's TF-IDF + linear part alone (numpy path), to compare with ``sklearn_pipeline(core=True)``."""
    from tagger.model import sigmoid

    W = t.model_.coef_[:, : t.features_.n_features]

    def predict(texts: list[str]) -> np.ndarray:
        X = t.features_.transform_rows(texts)
        P = sigmoid(X.matmul_t(W) + t.model_.intercept_)
        P[np.diff(X.indptr) == 0] = 0.0
        return P

    return predict


def run_py(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def cold_start(model: str | None, repeats: int) -> tuple[float, bool]:
    with tempfile.TemporaryDirectory() as d:
        inp = Path(d) / "one.jsonl"
        inp.write_text(json.dumps({"text": SHORT_TEXT}) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "tagger", "tag", str(inp), *(["--model", model] if model else [])]
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
    probe = run_py(
        f"import sys, tagger; t = tagger.load({model!r}); t.tag({SHORT_TEXT!r}); t.predict_proba([{SHORT_TEXT!r}] * 50);"
        "print(any(m == 'sklearn' or m.startswith('sklearn.') for m in sys.modules))"
    )
    return float(np.median(times)), probe.strip() == "True"


def tagger_only_rss(model: str | None, corpus_file: str) -> float:
    code = (
        "import json, tagger\n"
        f"t = tagger.load({model!r})\n"
        f"texts = json.load(open({corpus_file!r}))\n"
        "for i in range(0, len(texts), 4096): t.predict_proba(texts[i:i + 4096])\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
        "print(next(int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM')))\n"
    )
    return int(run_py(code)) / 1024


def fasttext_figures(t: Any, corpus: list[str], repeats: int) -> str:
    try:
        import fasttext  # type: ignore[import-not-found]
    except ImportError:
        return "not installed (pip install fasttext-wheel); skipped"
    from tagger.training import load_seeds

    seeds = load_seeds()
    labels = seeds.taxonomy.label_ids
    with tempfile.TemporaryDirectory() as d:
        train = Path(d) / "train.txt"
        with train.open("w", encoding="utf-8") as fh:
            for ex in seeds.corpus:
                tags = [f"__label__{lab}" for lab, v in zip(labels, ex.y, strict=True) if v == 1] or ["__label__none"]
                fh.write(" ".join(tags) + " " + " ".join(ex.text.lower().split()) + "\n")
        t0 = time.perf_counter()
        ft = fasttext.train_supervised(str(train), epoch=25, wordNgrams=2, loss="ova", thread=1, seed=0, verbose=0)
        train_s = time.perf_counter() - t0
    texts = [" ".join(x.lower().split()) for x in corpus]
    ft.predict(texts[:100], k=-1, threshold=0.0)
    secs, _ = best_of(lambda: ft.predict(texts, k=-1, threshold=0.0), repeats)
    return f"{len(corpus) / secs:,.0f} para/s (predict all labels, 1 thread; trained on seeds in {train_s:.1f} s)"


def main() -> None:
    import logging

    # the corpus holds a few non-English texts; Tagger.tag would warn about each one
    logging.getLogger("tagger").setLevel(logging.ERROR)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--n", type=int, default=20000, help="corpus size (paragraphs)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import tagger

    t0 = time.perf_counter()
    t = tagger.load(args.model)
    first_load = time.perf_counter() - t0
    load_s = float(np.median([best_of(lambda: tagger.load(args.model), 1)[0] for _ in range(7)]))
    corpus, source = build_corpus(args.n, t.features_.terms_)
    n = len(corpus)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; Python {sys.version.split()[0]}")
    print(f"model: {args.model or 'default'} ({t.features_.n_features} features, ngram_range {tuple(t.features_.ngram_range)})")
    print(f"corpus: {n} paragraphs, {sum(map(len, corpus)) / n:.0f} characters on average, from {source}")
    print()

    # first call on a fresh model: builds the lookup tables and fills the token cache
    t_cold = tagger.load(args.model)
    first_s, _ = best_of(lambda: t_cold.predict_proba(corpus), 1)

    skl = sklearn_pipeline(t)
    skl(corpus[:100])
    t.predict_proba(corpus[:100])
    skl_s, ours_s = float("inf"), float("inf")
    for _ in range(args.repeats):  # alternate, so both see the same machine load
        s, P_ref = best_of(lambda: skl(corpus), 1)
        skl_s = min(skl_s, s)
        s, P = best_of(lambda: t.predict_proba(corpus), 1)
        ours_s = min(ours_s, s)
    diff = float(np.max(np.abs(P - P_ref)))

    skl_core, ours_core = sklearn_pipeline(t, core=True), tagger_core(t)
    skl_core(corpus[:100])
    ours_core(corpus[:100])
    core_skl_s, core_ours_s = float("inf"), float("inf")
    for _ in range(args.repeats):
        s, C_ref = best_of(lambda: skl_core(corpus), 1)
        core_skl_s = min(core_skl_s, s)
        s, C = best_of(lambda: ours_core(corpus), 1)
        core_ours_s = min(core_ours_s, s)
    core_diff = float(np.max(np.abs(C - C_ref)))

    t.predict_proba(corpus[:2000], n_jobs=2)  # start the worker processes
    jobs_s, P2 = best_of(lambda: t.predict_proba(corpus, n_jobs=2), args.repeats)
    jobs_diff = float(np.max(np.abs(P2 - P)))

    singles = corpus[: min(n, 3000)]
    for x in singles[:100]:
        t.tag(x)
    lat = []
    for x in singles:
        a = time.perf_counter_ns()
        t.tag(x)
        lat.append((time.perf_counter_ns() - a) / 1e6)

    cold_s, imports_sklearn = cold_start(args.model, 5)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(corpus, fh)
    try:
        rss = tagger_only_rss(args.model, fh.name)
    finally:
        os.unlink(fh.name)
    ft = fasttext_figures(t, corpus, args.repeats)

    w = 44
    print(f"{'TF-IDF + linear part only (what numpy replaces)':{w}} {'para/s':>12}")
    print(f"{'  scikit-learn TfidfVectorizer + LR':{w}} {n / core_skl_s:>12,.0f}")
    print(
        f"{'  tagger numpy path':{w}} {n / core_ours_s:>12,.0f}   x{core_skl_s / core_ours_s:.1f} vs scikit-learn;"
        f" max |difference| {core_diff:.2e}"
    )
    print()
    print(f"{'full model, rule matching included (one process)':{w}} {'para/s':>12}")
    print(f"{'  scikit-learn pipeline':{w}} {n / skl_s:>12,.0f}")
    print(f"{'  tagger predict_proba':{w}} {n / ours_s:>12,.0f}   x{skl_s / ours_s:.1f} vs scikit-learn")
    print(f"{'  tagger, first call on a fresh model':{w}} {n / first_s:>12,.0f}   (builds lookup tables, fills the cache)")
    print(f"{'  tagger predict_proba(n_jobs=2)':{w}} {n / jobs_s:>12,.0f}   x{skl_s / jobs_s:.1f} vs scikit-learn")
    print(f"{'  fastText':{w}} {ft}")
    print(f"max |score difference| tagger vs scikit-learn: {diff:.2e}; n_jobs=2 vs 1: {jobs_diff:.2e}")
    print()
    print(
        f"single paragraph Tagger.tag with evidence ({len(singles)} calls): "
        f"p50 {np.percentile(lat, 50):.3f} ms, p99 {np.percentile(lat, 99):.3f} ms"
    )
    print(f"cold start `tagger tag` one short text, new process (median of 5): {cold_s:.3f} s wall")
    print(f"  scikit-learn imported when loading and tagging: {imports_sklearn}")
    print(f"model load: {load_s * 1000:.1f} ms (median of 7; first load in this process {first_load * 1000:.1f} ms)")
    print(
        f"peak RSS: {rss:.0f} MB (process that loads the model and tags the corpus in batches of 4096); "
        f"this benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
