"""Whole-article tagging, with and without reading paragraphs in their article's context.

    python benchmarks/article_context.py [--model DIR] [--margins none,1,2,3] [FILES...]

Reads article-level gold (default: ``benchmarks/data/articles*.jsonl``), one article per
line: ``{"id", "kind", "paragraphs": [{"text", "relevant", "themes"}, ...], "relevant",
"themes"}``. The paragraphs are labelled as read in their article; the article's themes
are the union of its relevant paragraphs' themes. The files were written for this
benchmark from ``../shared/THEMES.md`` (trafficking news and treaty excerpts whose later
paragraphs do not name the crime, articles with unrelated paragraphs, news round-ups
with one trafficking item, and off-topic articles with the same vocabulary).

For each ``context_margin`` (``none``: every paragraph tagged alone) it tags every
article with :meth:`tagger.Tagger.tag_article` and prints article-level F1 per theme and
macro-F1, article relevance errors, paragraph relevance F1 and paragraph macro-F1, and
how many paragraphs were relevant in context.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

import tagger

HERE = Path(__file__).resolve().parent


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def read(paths: list[Path]) -> list[dict[str, Any]]:
    arts = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            arts += [json.loads(line) for line in fh if line.strip()]
    return arts


def measure(t: Any, arts: list[dict[str, Any]]) -> dict[str, Any]:
    themes = list(t.theme_ids)
    art = {th: [0, 0, 0] for th in themes}
    par = {th: [0, 0, 0] for th in themes}
    rel = [0, 0, 0]
    art_rel_errors = in_context = 0
    for a in arts:
        res = t.tag_article("\n\n".join(p["text"] for p in a["paragraphs"]))
        if len(res.paragraphs) != len(a["paragraphs"]):
            raise SystemExit(f"{a['id']}: {len(res.paragraphs)} paragraphs after splitting, {len(a['paragraphs'])} in the file")
        art_rel_errors += res.relevant != a["relevant"]
        for th in themes:
            g, p = th in a["themes"], th in res.themes
            art[th][0] += g and p
            art[th][1] += p and not g
            art[th][2] += g and not p
        for gold, pr in zip(a["paragraphs"], res.paragraphs, strict=True):
            r = pr.tags
            in_context += r.in_context
            rel[0] += gold["relevant"] and r.relevant
            rel[1] += r.relevant and not gold["relevant"]
            rel[2] += gold["relevant"] and not r.relevant
            for th in themes:
                g, p = th in gold["themes"], th in r.themes
                par[th][0] += g and p
                par[th][1] += p and not g
                par[th][2] += g and not p
    return {
        "article_f1": {th: f1(*art[th]) for th in themes},
        "article_macro": sum(f1(*art[th]) for th in themes) / len(themes),
        "article_relevance_errors": art_rel_errors,
        "paragraph_relevance_f1": f1(*rel),
        "paragraph_relevance_fp_fn": (rel[1], rel[2]),
        "paragraph_macro": sum(f1(*par[th]) for th in themes) / len(themes),
        "in_context": in_context,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="article gold files (default: benchmarks/data/articles*.jsonl)")
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--margins", default="none,1,1.5,2,2.5,3", help="context_margin values, comma-separated ('none': off)")
    args = ap.parse_args(argv)
    files = args.files or sorted((HERE / "data").glob("articles*.jsonl"))
    if not files:
        print("no article files", file=sys.stderr)
        return 1
    arts = read(files)
    base = tagger.load(args.model)
    n_par = sum(len(a["paragraphs"]) for a in arts)
    print(
        f"{len(arts)} articles, {n_par} paragraphs ({', '.join(f.name for f in files)}); model default margin {base.context_margin}"
    )
    print(
        f"{'margin':>7} {'art macro':>9} {'per theme (' + ' / '.join(t[:4] for t in base.theme_ids) + ')':>34} "
        f"{'art rel err':>11} {'para rel F1':>11} {'fp/fn':>7} {'para macro':>10} {'in context':>10}"
    )
    for m in args.margins.split(","):
        t = copy.copy(base)
        t.context_margin = None if m.strip().lower() == "none" else float(m)
        r = measure(t, arts)
        per = " / ".join(f"{v:.2f}" for v in r["article_f1"].values())
        fp, fn = r["paragraph_relevance_fp_fn"]
        print(
            f"{m:>7} {r['article_macro']:>9.3f} {per:>34} {r['article_relevance_errors']:>11} "
            f"{r['paragraph_relevance_f1']:>11.3f} {f'{fp}/{fn}':>7} {r['paragraph_macro']:>10.3f} {r['in_context']:>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
