"""Evaluation against gold files: the model, the rules alone, and other models side by side.

File kinds are detected from their items:

* ``multi``: ``{"relevant", "themes"}`` -> relevance P/R/F1, per-theme P/R/F1 with
  support, micro- and macro-F1 over themes;
* ``primary``: ``{"labels": [theme]}`` -> recall of the primary theme and how often
  it ranks first among the predicted themes;
* ``negatives``: neither -> every item is expected off-topic; false-positive rate;
* ``articles``: ``{"paragraphs": [{"text", "relevant", "themes"}, ...]}`` (optionally with
  article-level ``"relevant"`` and ``"themes"``; else any relevant paragraph makes the
  article relevant and its themes are those of its relevant paragraphs) -> the article
  roll-up of :meth:`~tagger.Tagger.tag_article` scored as ``multi``; the rules alone
  roll up the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from .errors import DataFileError
from .io import LabelledText, Record, iter_jsonl, parse_labels, read_labelled
from .paragraphs import _BLANK_LINE, split_paragraphs
from .pipeline import prf
from .rules import RuleHit, RuleSet
from .weak_labels import weak_label


@dataclass(frozen=True)
class Predictions:
    """Predicted relevance, themes (ranked) per item, from a model or the rules."""

    relevant: np.ndarray
    themes: list[tuple[str, ...]]


def decisions(tagger: Any, P: np.ndarray) -> Predictions:
    """A tagger's decisions from its probabilities ``P`` (as ``tag_batch`` would make them):
    relevant when relevance reaches its threshold; themes above their thresholds, only
    for relevant texts, best first."""
    labels = tagger.label_ids
    thr = np.array([tagger.thresholds_[lab] for lab in labels])
    on = np.greater_equal(P, thr)
    relevant = on[:, 0]
    themes = []
    for i in range(P.shape[0]):
        js = [j for j in range(1, len(labels)) if relevant[i] and on[i, j]]
        js.sort(key=lambda j: -P[i, j])
        themes.append(tuple(labels[j] for j in js))
    return Predictions(relevant.astype(int), themes)


def model_predictions(tagger: Any, texts: Sequence[str]) -> Predictions:
    """The model's decisions, without computing evidence (one vectorisation, no rule matching)."""
    if not texts:
        return Predictions(np.zeros(0, dtype=int), [])
    return decisions(tagger, tagger.predict_proba(texts))


def match_all(rules: RuleSet, texts: Sequence[str]) -> list[list[RuleHit]]:
    """The rule hits of every text (rule matching is the slow step: do it once per text)."""
    return rules.match_many(texts)


def rule_predictions(
    rules: RuleSet,
    theme_ids: Sequence[str],
    texts: Sequence[str],
    min_votes: float = 1.0,
    hits: Sequence[Sequence[RuleHit]] | None = None,
) -> Predictions:
    """The rules' weak labels as decisions (themes ranked by votes); pass ``hits`` from
    :func:`match_all` to avoid matching again."""
    if hits is None:
        hits = match_all(rules, texts)
    rel, themes = [], []
    for h in hits:
        wl = weak_label(h, theme_ids, min_votes)
        rel.append(int(wl.relevant))
        themes.append(tuple(sorted(wl.themes, key=lambda th: -wl.votes.get(th, 0.0))))
    return Predictions(np.array(rel, dtype=int), themes)


def is_article_file(path: str | Path) -> bool:
    """Whether a gold file holds articles (its first record has ``paragraphs``)."""
    for rec in iter_jsonl(path):
        return "paragraphs" in rec.data
    return False


def read_articles(path: str | Path, theme_ids: Sequence[str]) -> list[LabelledText]:
    """Article gold items: each article's paragraphs joined by blank lines (so that
    ``tag_article`` splits them back), with article-level labels (given, or rolled up
    from the paragraph labels: relevant when any paragraph is, the union of the
    relevant paragraphs' themes). Problems are :class:`DataFileError` with the line."""
    items: list[LabelledText] = []
    for rec in iter_jsonl(path):
        paras = rec.data.get("paragraphs")
        if not isinstance(paras, list) or not paras or not all(isinstance(p, dict) for p in paras):
            raise DataFileError(
                rec.path, rec.line, "field 'paragraphs' must be a non-empty list of objects with 'text' and labels"
            )
        labelled = [parse_labels(Record(rec.path, rec.line, p), theme_ids) for p in paras]
        for k, it in enumerate(labelled):
            if not it.text.strip() or _BLANK_LINE.search(it.text.strip()):
                raise DataFileError(rec.path, rec.line, f"paragraph {k} is empty or holds a blank line (several paragraphs)")
        text = "\n\n".join(it.text for it in labelled)
        if "relevant" in rec.data or "labels" in rec.data:
            art = parse_labels(Record(rec.path, rec.line, {**rec.data, "text": text}), theme_ids)
            y = art.y
        else:
            rel = [it for it in labelled if it.y[0] == 1]
            y = (int(bool(rel)), *(int(any(it.y[j] == 1 for it in rel)) for j in range(1, len(theme_ids) + 1)))
        rid = rec.data.get("id")
        items.append(LabelledText(text, y, None if rid is None else str(rid), line=rec.line, where=f"{rec.path}:{rec.line}"))
    if not items:
        raise DataFileError(path, None, "file has no items")
    return items


def article_predictions(predict: Any, texts: Sequence[str]) -> Predictions:
    """Article-level decisions: ``predict`` gives the :class:`Predictions` of a list of
    paragraph texts; an article is relevant when one of its paragraphs is, with the
    themes of its relevant paragraphs (best first by how many paragraphs carry them)."""
    paras = [[p.text for p in split_paragraphs(t)] for t in texts]
    flat = predict([p for ps in paras for p in ps])
    rel, themes = [], []
    k = 0
    for ps in paras:
        count: dict[str, int] = {}
        relevant = False
        for i in range(k, k + len(ps)):
            if flat.relevant[i]:
                relevant = True
                for t in flat.themes[i]:
                    count[t] = count.get(t, 0) + 1
        k += len(ps)
        rel.append(int(relevant))
        themes.append(tuple(sorted(count, key=lambda t: -count[t])))
    return Predictions(np.array(rel, dtype=int), themes)


def tagger_article_predictions(tagger: Any, texts: Sequence[str]) -> Predictions:
    """What :meth:`~tagger.Tagger.tag_article` decides for each article (all of them in
    one vectorisation)."""
    results = tagger._articles(list(texts))
    return Predictions(np.array([int(r.relevant) for r in results], dtype=int), [tuple(r.themes) for r in results])


def file_kind(items: Sequence[LabelledText]) -> str:
    if all(i.primary is not None for i in items):
        return "primary"
    if all(i.primary is None and not any(i.y) for i in items):
        return "negatives"
    if any(i.primary is not None for i in items):
        return "mixed"
    return "multi"


def score(items: Sequence[LabelledText], pred: Predictions, theme_ids: Sequence[str], kind: str) -> dict[str, Any]:
    """Metrics for one file and one predictor."""
    n = len(items)
    Y = np.array([i.y for i in items], dtype=int)
    P = np.zeros_like(Y)
    P[:, 0] = pred.relevant
    for r, ths in enumerate(pred.themes):
        for t in ths:
            P[r, 1 + theme_ids.index(t)] = 1
    out: dict[str, Any] = {"n": n}
    if kind == "negatives":
        out["false_positive_rate"] = float(P[:, 0].mean())
        out["false_positives"] = int(P[:, 0].sum())
        out["with_theme"] = int((P[:, 1:].sum(axis=1) > 0).sum())
        return out
    out["relevance"] = prf(Y[:, 0], P[:, 0])
    if kind == "primary":
        prim = [i.primary for i in items]
        hit = [p in ths for p, ths in zip(prim, pred.themes, strict=True)]
        first = [bool(ths) and ths[0] == p for p, ths in zip(prim, pred.themes, strict=True)]
        out["primary_recall"] = float(np.mean(hit))
        out["primary_first"] = float(np.mean(first))
        out["per_theme_recall"] = {
            t: float(np.mean([h for h, p in zip(hit, prim, strict=True) if p == t])) for t in theme_ids if t in prim
        }
        return out
    per = {}
    tp = fp = fn = 0
    for j, t in enumerate(theme_ids, 1):
        known = Y[:, j] >= 0
        m = prf(Y[known, j], P[known, j])
        per[t] = m
        tp += int(((Y[known, j] == 1) & (P[known, j] == 1)).sum())
        fp += int(((Y[known, j] == 0) & (P[known, j] == 1)).sum())
        fn += int(((Y[known, j] == 1) & (P[known, j] == 0)).sum())
    out["themes"] = per
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    out["micro_f1"] = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    out["macro_f1"] = float(np.mean([per[t]["f1"] for t in theme_ids]))
    return out


def evaluate(
    paths: Sequence[str | Path],
    tagger: Any,
    compare: dict[str, Any] | None = None,
    rules: bool = True,
) -> dict[str, Any]:
    """Evaluate ``tagger`` (and the rules alone, and other taggers in ``compare``) on files.

    Returns ``{"files": {path: {"kind", "n", "model": {...}, "rules": {...}, name: {...}}}}``.
    Scores are exact (not rounded): :func:`format_report` rounds each once, to three
    places, so that a score just below a target never shows as the target.
    """
    theme_ids = tagger.theme_ids
    report: dict[str, Any] = {"files": {}}
    min_votes = tagger.training_info_.get("weak_min_votes", 1.0) if hasattr(tagger, "training_info_") else 1.0
    for p in paths:
        articles = is_article_file(p)
        items = read_articles(p, theme_ids) if articles else read_labelled(p, theme_ids, allow_unlabelled=True)
        kind = file_kind(items)
        texts = [i.text for i in items]
        entry: dict[str, Any] = {"kind": "articles" if articles else kind, "n": len(items)}

        by_model = tagger_article_predictions if articles else model_predictions
        entry["model"] = score(items, by_model(tagger, texts), theme_ids, kind)
        if rules:
            rp = partial(rule_predictions, tagger.rules_, theme_ids, min_votes=min_votes)
            entry["rules"] = score(items, article_predictions(rp, texts) if articles else rp(texts), theme_ids, kind)
        for name, other in (compare or {}).items():
            entry[name] = score(items, by_model(other, texts), theme_ids, kind)
        report["files"][str(p)] = entry
    return report


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table per file, predictors side by side."""
    lines: list[str] = []
    for path, e in report["files"].items():
        names = [k for k in e if k not in ("kind", "n")]
        lines.append(f"{path}  ({e['kind']}, n={e['n']})")
        rows: list[tuple[str, list[str]]] = []

        def f(v: Any) -> str:
            return f"{v:.3f}" if isinstance(v, float) else str(v)

        first = e[names[0]]
        if e["kind"] == "negatives":
            rows.append(("false-positive rate", [f(e[n]["false_positive_rate"]) for n in names]))
            rows.append(("false positives", [f(e[n]["false_positives"]) for n in names]))
        else:
            for k in ("precision", "recall", "f1"):
                rows.append((f"relevance {k}", [f(e[n]["relevance"][k]) for n in names]))
            if "primary_recall" in first:
                rows.append(("primary-theme recall", [f(e[n]["primary_recall"]) for n in names]))
                rows.append(("primary ranked first", [f(e[n]["primary_first"]) for n in names]))
                for t in first["per_theme_recall"]:
                    rows.append((f"  recall {t}", [f(e[n]["per_theme_recall"][t]) for n in names]))
            if "themes" in first:
                for t in first["themes"]:
                    sup = first["themes"][t]["support"]
                    rows.append(
                        (
                            f"{t} P/R/F1 (n={sup})",
                            ["/".join(f(e[n]["themes"][t][k]) for k in ("precision", "recall", "f1")) for n in names],
                        )
                    )
                rows.append(("micro-F1", [f(e[n]["micro_f1"]) for n in names]))
                rows.append(("macro-F1", [f(e[n]["macro_f1"]) for n in names]))
        w0 = max(len(r[0]) for r in rows)
        ws = [max(len(n), *(len(r[1][i]) for r in rows)) for i, n in enumerate(names)]
        lines.append("  " + " " * w0 + "  " + "  ".join(n.rjust(w) for n, w in zip(names, ws, strict=True)))
        for label, vals in rows:
            lines.append("  " + label.ljust(w0) + "  " + "  ".join(v.rjust(w) for v, w in zip(vals, ws, strict=True)))
        lines.append("")
    return "\n".join(lines)
