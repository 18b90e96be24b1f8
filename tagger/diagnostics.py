"""Rule diagnostics and active learning: which rules are wrong, and what to label next.

Four tools, each a function returning JSON-ready data (the ``tagger rules ...`` and
``tagger suggest-labels`` commands print them):

:func:`rules_report`
    Per rule: **coverage** (share of corpus texts it fires on), **sole** firings (no
    other rule of its label fired: its marginal contribution), **overlaps** (other
    rules firing on the same texts), **conflicts** and, given gold labels, its
    **precision** and the gold positives it **misses**. Per label: the share of texts
    any of its rules fires on, the share that gets the weak label, and (with gold) the
    weak labels' precision/recall and the gold positives no rule of the label covers.

    Definitions. A rule *fires* on a text when it has at least one hit. Two rules
    *overlap* on a text when both fire on it (same label: redundancy; different labels:
    the text gets evidence for both, which is normal for multi-theme texts). Two
    theme rules of different themes are in *span conflict* on a text when their hits
    cover some of the same characters: the same words are read as evidence for two
    themes. A rule is in *gold conflict* on a text when it fires but the gold label of
    its label is 0 (for a theme rule this includes gold "not relevant"): these are its
    false positives. A theme rule is *gated* on a text when it fires but the rules do
    not find the text relevant, so its vote is discarded.

:func:`disagreements`
    Texts where the model's decisions and the rules' weak labels differ, per label:
    *model-only* (the model assigns the label, the rules do not: generalisation or a
    model error) and *rule-only* (the rules assign it, the model rejects it: a rule
    that may be too loose). Confidence is the distance of the model's score from the
    threshold, scaled to [0, 1]: ``(p - t) / (1 - t)`` above the threshold,
    ``(t - p) / t`` below. Texts are ranked by their most confident disagreement.

:func:`suggest_terms`
    Per label, the vocabulary terms with the largest positive model weight that no rule
    of that label matches (rules of other labels that match the term are listed: a hint
    of a rule put under the wrong theme).

:func:`suggest_labels`
    From unlabelled texts, the ``n`` whose labels should teach the model most, as gold
    items ready to label. Each text gets a priority: its largest *uncertainty* over the
    labels, where ``u = 1 - confidence`` (1 at the threshold, 0 far from it; a theme's
    uncertainty is scaled by ``min(1, relevance / relevance threshold)``, since themes
    of an off-topic text do not matter), plus 0.5 when the model and the rules disagree
    on some label. Selection is greedy with a diversity penalty (maximal marginal
    relevance): each pick maximises ``priority - diversity * max cosine similarity``
    (TF-IDF) to the texts already picked; exact duplicates are skipped.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import InputValueError, check_positive_int
from .evaluation import decisions, match_all
from .io import LabelledText
from .rules import RuleHit, RuleSet
from .text import text_key
from .themes import RELEVANCE
from .weak_labels import weak_label_matrix

logger = logging.getLogger(__name__)

DISAGREEMENT_BONUS = 0.5

# Function words are never useful rule keywords: terms made only of these (or of digits)
# are left out of the term suggestions.
_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "said",
        "says",
        "say",
        "one",
        "two",
        "three",
        "new",
        "last",
        "year",
        "years",
        "since",
        "told",
        "per",
    ]
)


def _r4(x: float) -> float:
    return round(float(x), 4)


def _snippet(text: str, width: int = 200) -> str:
    t = " ".join(text.split())
    return t if len(t) <= width else t[: width - 3] + "..."


def _model_matrix(tagger: Any, P: np.ndarray) -> np.ndarray:
    """0/1 model decisions ``[relevance, *themes]`` (themes gated by relevance)."""
    labels = list(tagger.label_ids)
    pred = decisions(tagger, P)
    M = np.zeros(P.shape, dtype=np.int8)
    M[:, 0] = pred.relevant
    for i, ths in enumerate(pred.themes):
        for t in ths:
            M[i, labels.index(t)] = 1
    return M


def _confidence(p: np.ndarray, thr: np.ndarray) -> np.ndarray:
    """Distance of scores from their thresholds, scaled to [0, 1] on each side."""
    above = (p - thr) / np.maximum(1.0 - thr, 1e-9)
    below = (thr - p) / np.maximum(thr, 1e-9)
    return np.clip(np.where(p >= thr, above, below), 0.0, 1.0)


# ------------------------------------------------------------------ rules report
def rules_report(
    rules: RuleSet,
    label_ids: Sequence[str],
    corpus: Sequence[str] = (),
    gold: Sequence[LabelledText] = (),
    tagger: Any = None,
    min_votes: float = 1.0,
    examples: int = 3,
    gold_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Diagnostics of every rule and every label (see the module docstring for definitions).

    Args:
        rules: the rule set to diagnose.
        label_ids: ``("relevance", *theme_ids)``.
        corpus: texts for coverage; when empty, the gold texts are used.
        gold: gold items (``LabelledText``; unknown labels, -1, are skipped).
        tagger: a fitted tagger: adds, per rule, how often the model agrees with it.
        min_votes: vote total for a weak label (as in training).
        examples: how many example texts to list per rule and label.
        gold_ids: names for the gold items in examples (default: their ``id``, else ``#n``).
    """
    label_ids = list(label_ids)
    theme_ids = label_ids[1:]
    if not isinstance(examples, int) or examples < 0:
        raise InputValueError(f"examples must be a non-negative integer, got {examples!r}")
    cov_texts = list(corpus) if corpus else [g.text for g in gold]
    if not cov_texts:
        raise InputValueError("rules_report needs a corpus or gold items to look at; both are empty")
    gold = list(gold)
    gids = list(gold_ids) if gold_ids is not None else [g.id or f"#{i + 1}" for i, g in enumerate(gold)]
    cov_hits = match_all(rules, cov_texts)
    gold_hits = match_all(rules, [g.text for g in gold]) if corpus else cov_hits if gold else []
    n = len(cov_texts)
    names = [r.name for r in rules]
    label_of = {r.name: r.theme for r in rules}

    fired = [set(h.rule for h in hs) for hs in cov_hits]
    W = weak_label_matrix(cov_hits, theme_ids, min_votes)
    fire_count: Counter[str] = Counter()
    sole: Counter[str] = Counter()
    gated: Counter[str] = Counter()
    pair: Counter[tuple[str, str]] = Counter()
    span_conf: Counter[tuple[str, str]] = Counter()
    for i, (fs, hs) in enumerate(zip(fired, cov_hits, strict=True)):
        for a in fs:
            fire_count[a] += 1
            if not any(label_of[b] == label_of[a] for b in fs if b != a):
                sole[a] += 1
            if label_of[a] != RELEVANCE and not W[i, 0]:
                gated[a] += 1
            for b in fs:
                if b != a:
                    pair[(a, b)] += 1
        seen: set[tuple[str, str]] = set()
        th = [h for h in hs if h.theme != RELEVANCE]
        for x in th:
            for y in th:
                if x.theme != y.theme and x.start < y.end and y.start < x.end:
                    seen.add((x.rule, y.rule))
        for a, b in seen:
            span_conf[(a, b)] += 1

    agree: dict[str, float] = {}
    if tagger is not None:
        M = _model_matrix(tagger, tagger.predict_proba(cov_texts))
        for r in rules:
            j = label_ids.index(r.theme)
            rows = [i for i, fs in enumerate(fired) if r.name in fs]
            if rows:
                agree[r.name] = _r4(M[rows, j].mean())

    gold_fired = [set(h.rule for h in hs) for hs in gold_hits]
    Gw = weak_label_matrix(gold_hits, theme_ids, min_votes) if gold else np.zeros((0, len(label_ids)), dtype=np.int8)
    Y = np.array([g.y for g in gold], dtype=int).reshape(len(gold), len(label_ids))

    def ex(rows: Sequence[int]) -> list[dict[str, str]]:
        return [{"id": gids[i], "text": _snippet(gold[i].text)} for i in rows[:examples]]

    out_rules = []
    for r in rules:
        a = r.name
        k = fire_count[a]
        overlaps = sorted(((b, c) for (x, b), c in pair.items() if x == a), key=lambda bc: (-bc[1], names.index(bc[0])))
        conflicts = sorted(((b, c) for (x, b), c in span_conf.items() if x == a), key=lambda bc: (-bc[1], names.index(bc[0])))
        entry: dict[str, Any] = {
            "name": a,
            "label": r.theme,
            "weight": r.weight,
            "fired": k,
            "coverage": _r4(k / n),
            "sole": sole[a],
            "gated": gated[a] if r.theme != RELEVANCE else 0,
            "overlaps": [
                {"rule": b, "label": label_of[b], "texts": c, "share": _r4(c / k)} for b, c in overlaps[: max(examples, 5)]
            ],
            "span_conflicts": [{"rule": b, "label": label_of[b], "texts": c} for b, c in conflicts[: max(examples, 5)]],
        }
        if tagger is not None:
            entry["model_agreement"] = agree.get(a)
        if gold:
            j = label_ids.index(r.theme)
            known = Y[:, j] >= 0
            on = np.array([a in fs for fs in gold_fired], dtype=bool)
            tp = np.flatnonzero(on & known & (Y[:, j] == 1))
            fp = np.flatnonzero(on & known & (Y[:, j] == 0))
            pos = np.flatnonzero(known & (Y[:, j] == 1))
            missed = [i for i in pos if not on[i]]
            # list first the misses that no rule of this label catches: the actionable ones
            any_rule = [any(label_of[b] == r.theme for b in gold_fired[i]) for i in range(len(gold))]
            missed.sort(key=lambda i: (any_rule[i], i))
            entry["gold"] = {
                "fired": int(len(tp) + len(fp)),
                "true_positives": int(len(tp)),
                "false_positives": int(len(fp)),
                "precision": _r4(len(tp) / (len(tp) + len(fp))) if len(tp) + len(fp) else None,
                "positives": int(len(pos)),
                "recall": _r4(len(tp) / len(pos)) if len(pos) else None,
                "missed": len(missed),
                "false_positive_examples": ex(list(fp)),
                "missed_examples": ex(missed),
            }
        out_rules.append(entry)

    out_labels: dict[str, Any] = {}
    for j, lab in enumerate(label_ids):
        lab_rules = [r.name for r in rules if r.theme == lab]
        anyf = sum(1 for fs in fired if fs & set(lab_rules))
        e: dict[str, Any] = {
            "rules": len(lab_rules),
            "any_rule_coverage": _r4(anyf / n),
            "weak_label_coverage": _r4(W[:, j].mean()),
        }
        if gold:
            known = Y[:, j] >= 0
            y, p = Y[known, j], Gw[known, j]
            tp, fp, fn = int(((y == 1) & (p == 1)).sum()), int(((y == 0) & (p == 1)).sum()), int(((y == 1) & (p == 0)).sum())
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            uncovered = [i for i in np.flatnonzero(known & (Y[:, j] == 1)) if not gold_fired[i] & set(lab_rules)]
            e["gold"] = {
                "support": tp + fn,
                "precision": _r4(prec),
                "recall": _r4(rec),
                "f1": _r4(2 * prec * rec / (prec + rec) if prec + rec else 0.0),
                "uncovered": len(uncovered),
                "uncovered_examples": ex(uncovered),
            }
        out_labels[lab] = e
    return {"n_corpus": n, "n_gold": len(gold), "min_votes": min_votes, "labels": out_labels, "rules": out_rules}


def format_rules_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`rules_report` (the JSON has every detail)."""
    has_gold = report["n_gold"] > 0
    lines = [f"corpus: {report['n_corpus']} texts; gold: {report['n_gold']} items; weak label at {report['min_votes']} votes", ""]
    lines.append(
        "per label: rules, any-rule coverage, weak-label coverage"
        + ("; gold P/R/F1 of weak labels, uncovered" if has_gold else "")
    )
    for lab, e in report["labels"].items():
        s = f"  {lab:<12} {e['rules']:>3} rules  {e['any_rule_coverage']:.3f}  {e['weak_label_coverage']:.3f}"
        if has_gold:
            g = e["gold"]
            s += f"  {g['precision']:.3f}/{g['recall']:.3f}/{g['f1']:.3f} (n={g['support']})  uncovered {g['uncovered']}"
        lines.append(s)
    lines.append("")
    head = f"  {'rule':<28} {'label':<12} {'fired':>5} {'cover':>6} {'sole':>5} {'gated':>5}"
    if any("model_agreement" in r for r in report["rules"]):
        head += f" {'model':>6}"
    if has_gold:
        head += f" {'gold P':>6} {'gold R':>6} {'FP':>4}"
    lines.append("per rule (cover = share of corpus texts; sole = fired with no other rule of its label;")
    lines.append("gated = theme rule fired on a text the rules find not relevant; model = share the model agrees):")
    lines.append(head)

    def f(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}"

    for r in report["rules"]:
        s = f"  {r['name']:<28} {r['label']:<12} {r['fired']:>5} {r['coverage']:>6.3f} {r['sole']:>5} {r['gated']:>5}"
        if "model_agreement" in r:
            s += f" {f(r['model_agreement']):>6}"
        if has_gold:
            g = r["gold"]
            s += f" {f(g['precision']):>6} {f(g['recall']):>6} {g['false_positives']:>4}"
        lines.append(s)
        if r["span_conflicts"]:
            lines.append("      span conflicts: " + ", ".join(f"{c['rule']} ({c['texts']})" for c in r["span_conflicts"]))
        if has_gold:
            for e in r["gold"]["false_positive_examples"]:
                lines.append(f"      false positive {e['id']}: {e['text'][:110]}")
    if has_gold:
        lines.append("")
        lines.append("gold positives no rule of the label covers (examples):")
        for lab, e in report["labels"].items():
            for x in e["gold"]["uncovered_examples"]:
                lines.append(f"  {lab:<12} {x['id']}: {x['text'][:110]}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------- disagreements
def disagreements(
    tagger: Any,
    texts: Sequence[str],
    ids: Sequence[Any] | None = None,
    rules: RuleSet | None = None,
    min_votes: float | None = None,
    kind: str = "both",
) -> list[dict[str, Any]]:
    """Texts where the model and the rules disagree, most confident first.

    Each item: ``id``, ``text``, ``confidence`` (its largest), ``model_only`` and
    ``rule_only``: lists of ``{"label", "score", "threshold", "confidence"}`` (rule-only
    items also name the rules of that label that fired). ``kind`` keeps ``"model_only"``,
    ``"rule_only"`` or ``"both"``.
    """
    if kind not in ("both", "model_only", "rule_only"):
        raise InputValueError(f"kind must be 'both', 'model_only' or 'rule_only', got {kind!r}")
    texts = list(texts)
    ids = list(ids) if ids is not None else list(range(1, len(texts) + 1))
    if len(ids) != len(texts):
        raise InputValueError(f"ids has {len(ids)} items but texts has {len(texts)}")
    if not texts:
        return []
    rules = rules if rules is not None else tagger.rules_
    if min_votes is None:
        min_votes = float(getattr(tagger, "training_info_", {}).get("weak_min_votes", 1.0))
    labels = list(tagger.label_ids)
    hits = match_all(rules, texts)
    W = weak_label_matrix(hits, labels[1:], min_votes)
    P = tagger.predict_proba(texts)
    M = _model_matrix(tagger, P)
    thr = np.array([tagger.thresholds_[lab] for lab in labels])
    C = _confidence(P, thr)
    out = []
    for i in range(len(texts)):
        mo, ro = [], []
        for j, lab in enumerate(labels):
            if M[i, j] == W[i, j]:
                continue
            d = {"label": lab, "score": _r4(P[i, j]), "threshold": float(thr[j]), "confidence": _r4(C[i, j])}
            if M[i, j]:
                mo.append(d)
            else:
                d["rules"] = sorted({h.rule for h in hits[i] if h.theme == lab})
                ro.append(d)
        if kind == "model_only":
            ro = []
        elif kind == "rule_only":
            mo = []
        if mo or ro:
            conf = max(d["confidence"] for d in mo + ro)
            mo.sort(key=lambda d: -d["confidence"])
            ro.sort(key=lambda d: -d["confidence"])
            out.append({"id": ids[i], "text": texts[i], "confidence": conf, "model_only": mo, "rule_only": ro})
    order = sorted(range(len(out)), key=lambda k: (-out[k]["confidence"], k))
    return [out[k] for k in order]


def format_disagreements(items: Sequence[dict[str, Any]]) -> str:
    lines = []
    for d in items:
        lines.append(f"[{d['id']}] confidence {d['confidence']:.2f}: {_snippet(d['text'], 150)}")
        for x in d["model_only"]:
            lines.append(f"    model only: {x['label']} {x['score']:.2f} (threshold {x['threshold']:.2f})")
        for x in d["rule_only"]:
            lines.append(
                f"    rules only: {x['label']} {x['score']:.2f} (threshold {x['threshold']:.2f}; rules {', '.join(x['rules']) or '-'})"
            )
    return "\n".join(lines) + ("\n" if lines else "")


# ------------------------------------------------------------- term suggestions
def suggest_terms(
    tagger: Any,
    k: int = 10,
    rules: RuleSet | None = None,
    corpus: Sequence[str] = (),
    candidates: int = 300,
) -> dict[str, list[dict[str, Any]]]:
    """Per label, up to ``k`` terms with the largest positive weight that no rule of the
    label matches (function words and numbers skipped; among the ``candidates``
    heaviest terms), best first: ``{"term", "weight", "other_rules"}`` plus, given a
    ``corpus``, ``texts`` (how many corpus texts contain the term)."""
    k = check_positive_int("k", k)
    rules = rules if rules is not None else tagger.rules_
    terms = tagger.features_.terms_
    coef = tagger.model_.coef_[:, : len(terms)]  # TF-IDF columns only (not the rule-vote columns)
    df = None
    if corpus:
        X = tagger.features_.transform(list(corpus))
        df = np.asarray((X > 0).sum(axis=0)).ravel()
    out: dict[str, list[dict[str, Any]]] = {}
    for j, lab in enumerate(tagger.label_ids):
        order = np.argsort(-coef[j], kind="stable")[:candidates]
        picked: list[dict[str, Any]] = []
        for c in order:
            if coef[j, c] <= 0 or len(picked) >= k:
                break
            term = terms[c]
            if all(w in _STOPWORDS or w.isdigit() for w in term.split()):
                continue
            hits = rules.match(term)
            if any(h.theme == lab for h in hits):
                continue
            d: dict[str, Any] = {
                "term": term,
                "weight": _r4(coef[j, c]),
                "other_rules": sorted({f"{h.rule} ({h.theme})" for h in hits}),
            }
            if df is not None:
                d["texts"] = int(df[c])
            picked.append(d)
        out[lab] = picked
    return out


def format_terms(sugg: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for lab, items in sugg.items():
        lines.append(f"{lab}:")
        for d in items:
            extra = f"  in {d['texts']} texts" if "texts" in d else ""
            other = f"  (matched by {', '.join(d['other_rules'])})" if d["other_rules"] else ""
            lines.append(f"  {d['term']:<32} {d['weight']:>7.3f}{extra}{other}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ what to label next
def suggest_labels(
    tagger: Any,
    texts: Sequence[str],
    ids: Sequence[Any] | None = None,
    n: int = 20,
    diversity: float = 0.3,
    exclude: Sequence[str] = (),
    rules: RuleSet | None = None,
    min_votes: float | None = None,
    pool: int | None = None,
) -> list[dict[str, Any]]:
    """The ``n`` texts whose labels should teach the model most, as gold items to label.

    Each item is ``{"id", "text", "relevant": None, "themes": [], "hints": {...}}``: fill
    in ``relevant`` (true/false) and ``themes``, then train with it as a gold file (an
    unfilled ``"relevant": null`` is reported as "not labelled yet"). ``hints`` holds the
    priority, the model's relevance and theme scores, its themes, the rules' themes and
    fired rules, and a short reason. ``exclude``: texts already labelled (skipped).
    ``pool``: choose only among the ``pool`` most uncertain texts (default all); with
    ``rules`` other than the model's, only those are matched against them (faster on
    big files). Priority and diversity are defined in the module docstring.
    """
    n = check_positive_int("n", n)
    if not 0 <= diversity <= 1:
        raise InputValueError(f"diversity must be in [0, 1], got {diversity!r}")
    texts = list(texts)
    ids = list(ids) if ids is not None else list(range(1, len(texts) + 1))
    if len(ids) != len(texts):
        raise InputValueError(f"ids has {len(ids)} items but texts has {len(texts)}")
    skip = {text_key(t) for t in exclude}
    keep: list[int] = []
    seen: set[str] = set()
    for i, t in enumerate(texts):
        key = text_key(t)
        if t.strip() and key not in skip and key not in seen:
            seen.add(key)
            keep.append(i)
    if not keep:
        return []
    texts = [texts[i] for i in keep]
    ids = [ids[i] for i in keep]
    rules = rules if rules is not None else tagger.rules_
    if min_votes is None:
        min_votes = float(getattr(tagger, "training_info_", {}).get("weak_min_votes", 1.0))
    labels = list(tagger.label_ids)
    # one vectorisation and one rule-matching pass give the scores, the TF-IDF rows
    # (for the diversity penalty) and the model's rule hits
    D, model_hits, no_words = tagger._matrix(texts)
    P = tagger._proba(D, no_words, model_hits)
    X = D.tocsr()[:, : tagger.features_.n_features]
    thr = np.array([tagger.thresholds_[lab] for lab in labels])
    U = 1.0 - _confidence(P, thr)
    U[:, 1:] *= np.minimum(1.0, P[:, :1] / max(thr[0], 1e-9))
    M = _model_matrix(tagger, P)

    # With ``pool``, only the ``pool`` most uncertain texts are candidates (and, with
    # rules other than the model's, only they are matched against those rules).
    unc = U.max(axis=1)
    size = len(texts) if pool is None else min(len(texts), max(pool, n))
    cand = np.argsort(-unc, kind="stable")[:size]
    if rules is tagger.rules_:
        hits: dict[int, list[RuleHit]] = {i: model_hits[i] for i in cand.tolist()}
    else:
        hits = dict(zip(cand.tolist(), rules.match_many([texts[i] for i in cand]), strict=True))
    W = {i: weak_label_matrix([h], labels[1:], min_votes)[0] for i, h in hits.items()}
    prio = {i: float(unc[i]) + (DISAGREEMENT_BONUS if (W[i] != M[i]).any() else 0.0) for i in hits}

    ranked = sorted(hits, key=lambda i: (-prio[i], i))[: max(10 * n, n + 50)]
    chosen: list[int] = []
    max_sim = np.zeros(len(texts))
    while ranked and len(chosen) < n:
        best = max(ranked, key=lambda i: (prio[i] - diversity * max_sim[i], -i))
        chosen.append(best)
        ranked.remove(best)
        sims = np.asarray((X[ranked] @ X[best].T).todense()).ravel() if ranked else np.zeros(0)
        for r, s in zip(ranked, sims, strict=True):
            max_sim[r] = max(max_sim[r], s)

    out = []
    for i in chosen:
        reasons = []
        for j in np.argsort(-U[i], kind="stable"):
            if U[i, j] >= 0.7:
                reasons.append(f"{labels[j]} near its threshold ({P[i, j]:.2f} vs {thr[j]:.2f})")
        for j, lab in enumerate(labels):
            if W[i][j] and not M[i, j]:
                reasons.append(f"rules say {lab}, the model does not ({P[i, j]:.2f})")
            elif M[i, j] and not W[i][j]:
                reasons.append(f"the model says {lab} ({P[i, j]:.2f}), the rules do not")
        out.append(
            {
                "id": ids[i],
                "text": texts[i],
                "relevant": None,
                "themes": [],
                "hints": {
                    "priority": _r4(prio[i]),
                    "relevance": _r4(P[i, 0]),
                    "scores": {lab: _r4(P[i, j]) for j, lab in enumerate(labels) if j > 0},
                    "model_themes": [lab for j, lab in enumerate(labels) if j > 0 and M[i, j]],
                    "rule_relevant": bool(W[i][0]),
                    "rule_themes": [lab for j, lab in enumerate(labels) if j > 0 and W[i][j]],
                    "rules": sorted({h.rule for h in hits[i]}),
                    "reason": "; ".join(reasons) or "most uncertain remaining text",
                },
            }
        )
    return out
