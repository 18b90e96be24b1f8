"""The shipped default model on real text it never saw (../shared/data; skipped when
absent): it must beat the rule pack alone, and stay quiet on off-topic news. The bounds
are regression guards well inside the measured figures (README, "Quality")."""

from __future__ import annotations

import pytest

from tagger.evaluation import evaluate

from .conftest import shared_file


@pytest.fixture(scope="module")
def report(default_tagger):
    files = [
        shared_file("dev/labelled_news.jsonl"),
        shared_file("dev/conventions_coe.jsonl"),
        shared_file("dev/us_code_tvpa.jsonl"),
        shared_file("dev/wh_factsheets.jsonl"),
    ]
    return {p.name: e for p, e in zip(files, evaluate(files, default_tagger)["files"].values(), strict=True)}


def test_model_beats_rules_on_labelled_news(report):
    e = report["labelled_news.jsonl"]
    assert e["model"]["macro_f1"] > e["rules"]["macro_f1"] + 0.15
    assert e["model"]["macro_f1"] >= 0.70
    assert e["model"]["relevance"]["f1"] > e["rules"]["relevance"]["f1"]
    assert e["model"]["relevance"]["f1"] >= 0.88


@pytest.mark.parametrize("name", ["conventions_coe.jsonl", "us_code_tvpa.jsonl", "wh_factsheets.jsonl"])
def test_model_finds_primary_themes_at_least_as_often_as_rules(report, name):
    e = report[name]
    assert e["model"]["primary_recall"] >= e["rules"]["primary_recall"]


@pytest.mark.parametrize("name", ["ag_news.jsonl", "reuters.jsonl", "whitehouse.jsonl"])
def test_off_topic_news_is_rarely_called_relevant(default_tagger, name):
    path = shared_file(f"negatives/{name}")
    (e,) = evaluate([path], default_tagger, rules=False)["files"].values()
    assert e["kind"] == "negatives"
    assert e["model"]["false_positive_rate"] <= 0.005  # the issue asks 0.3%; the current rates are in the README quality table


def test_reading_paragraphs_in_context_helps_on_the_article_benchmark(default_tagger):
    # benchmarks/data/articles.jsonl: articles written for the project (no ../shared text),
    # so this runs everywhere; the figures are in README ("Python quick start")
    import copy
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "article_context.py"
    spec = importlib.util.spec_from_file_location("article_context", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    arts = bench.read([path.parent / "data" / "articles.jsonl"])
    alone = copy.copy(default_tagger)
    alone.context_margin = None
    with_ctx, without = bench.measure(default_tagger, arts), bench.measure(alone, arts)
    assert without["in_context"] == 0 and with_ctx["in_context"] > 0
    assert with_ctx["article_macro"] >= without["article_macro"] + 0.03
    assert with_ctx["paragraph_relevance_f1"] >= without["paragraph_relevance_f1"] + 0.05
    assert with_ctx["article_relevance_errors"] <= without["article_relevance_errors"]
