"""Assembling training data: seed corpus, gold files and weak labels, then fitting.

Sources, in increasing priority when the same text (after white-space and case
folding) appears more than once:

1. ``weak``: unlabelled texts labelled by the rules (``weak_weight``);
2. ``seed``: the hand-labelled seed corpus in ``seeds/corpus/`` (weight 1);
3. ``gold``: user-labelled files (``gold_weight``), which override the others.

Within one kind (e.g. the same text twice in gold files) the labels are combined:
a label known in one copy and unknown (``-1``) in the other takes the known value,
and copies that disagree (1 in one, 0 in the other) are an error naming both, since
no fallback would be right. Weak labels are an exception: the later copy wins.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._resources import seeds_dir
from .errors import DataFileError, InputValueError
from .io import UNKNOWN, LabelledText, read_labelled, read_texts
from .rules import RuleSet, load_rules
from .text import text_key
from .themes import Taxonomy, load_taxonomy
from .weak_labels import weak_label_matrix

logger = logging.getLogger(__name__)

KINDS = ("weak", "seed", "gold")


@dataclass(frozen=True)
class Example:
    """A training example: text, labels ``[relevance, *themes]`` (1/0/-1 unknown), and its kind."""

    text: str
    y: tuple[int, ...]
    kind: str = "gold"
    source: str = ""


@dataclass(frozen=True)
class Seeds:
    """What ``seeds/`` holds: the taxonomy, the rule set and the hand-labelled corpus."""

    taxonomy: Taxonomy
    rules: RuleSet
    corpus: tuple[Example, ...]
    hashes: dict[str, str]


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_seeds(directory: str | Path | None = None) -> Seeds:
    """Read ``themes.toml``, ``rules.toml`` and ``corpus/*.jsonl`` from a seeds folder."""
    d = Path(directory) if directory is not None else seeds_dir()
    if not d.is_dir():
        raise DataFileError(d, None, "seeds folder not found")
    taxonomy = load_taxonomy(d / "themes.toml")
    rules = load_rules(d / "rules.toml")
    rules.check_labels(taxonomy.label_ids, d / "rules.toml")
    corpus: list[Example] = []
    hashes = {"themes.toml": file_sha256(d / "themes.toml"), "rules.toml": file_sha256(d / "rules.toml")}
    files = sorted((d / "corpus").glob("*.jsonl"))
    if not files:
        raise DataFileError(d / "corpus", None, "no seed corpus files (*.jsonl)")
    for f in files:
        hashes[f"corpus/{f.name}"] = file_sha256(f)
        for item in read_labelled(f, taxonomy.theme_ids):
            corpus.append(Example(item.text, item.y, "seed", f"corpus/{f.name}"))
    return Seeds(taxonomy, rules, tuple(corpus), hashes)


def weak_examples(
    texts: Iterable[str], rules: RuleSet, theme_ids: Sequence[str], min_votes: float = 1.0, source: str = ""
) -> list[Example]:
    """Label unlabelled texts with the rules (relevance gates themes)."""
    texts = list(texts)
    Y = weak_label_matrix(rules.match_many(texts), theme_ids, min_votes)
    return [Example(t, tuple(int(v) for v in y), "weak", source) for t, y in zip(texts, Y, strict=True)]


def gold_examples(items: Iterable[LabelledText], source: str = "") -> list[Example]:
    """Gold examples; each remembers ``source:line`` (for warnings about conflicting labels)."""
    return [Example(i.text, i.y, "gold", i.where or (f"{source}:{i.line}" if i.line is not None else source)) for i in items]


def read_gold(path: str | Path, theme_ids: Sequence[str]) -> list[LabelledText]:
    """Read a gold file for training: every problem is a :class:`DataFileError` with the
    file and line (unknown theme ids, missing or empty text, missing labels, ...).

    A theme with no positive item in this file is only logged: other sources (the seed
    corpus, other gold files) may supply its positives; :func:`check_trainable` fails,
    naming the sources, when none does.
    """
    items = read_labelled(path, theme_ids)
    for it in items:
        if not it.text.strip():
            raise DataFileError(path, it.line, "field 'text' is empty")
    missing = [t for j, t in enumerate(theme_ids, 1) if not any(it.y[j] == 1 for it in items)]
    if missing:
        logger.warning("%s: no item has theme(s) %s; their positives must come from other training data", path, missing)
    return items


def _file_of(source: str) -> str:
    """``file`` of a ``file:line`` source."""
    head, sep, tail = source.rpartition(":")
    return head if sep and tail.isdigit() else source


def _combine(a: Example, b: Example, label_ids: Sequence[str] | None) -> Example:
    """One example from two of the same kind and text: known labels fill unknown ones;
    a 1 against a 0 is an :class:`InputValueError` naming both sources."""
    if len(a.y) != len(b.y):
        raise InputValueError(f"examples for the same text have {len(a.y)} and {len(b.y)} labels ({a.source}, {b.source})")
    y = []
    for j, (u, v) in enumerate(zip(a.y, b.y, strict=True)):
        if u == v or v == UNKNOWN:
            y.append(u)
        elif u == UNKNOWN:
            y.append(v)
        else:
            lab = label_ids[j] if label_ids is not None and j < len(label_ids) else f"#{j}"
            raise InputValueError(
                f"conflicting {a.kind} labels for the same text ({a.text[:60]!r}): {lab!r} is {u} in "
                f"{a.source or '?'} but {v} in {b.source or '?'}; fix one of them"
            )
    return Example(a.text, tuple(y), a.kind, a.source)


def merge_examples(examples: Iterable[Example], label_ids: Sequence[str] | None = None) -> list[Example]:
    """Keep one example per text (after white-space and case folding): gold over seed
    over weak. Copies of the same kind from the same file are combined (see the module
    docstring; a contradiction inside one file is an error); otherwise the later copy
    wins (a later gold file corrects an earlier one, with a warning).

    Texts are matched after white-space and case folding (:func:`~tagger.text.text_key`).
    Labels the winner leaves unknown (-1, e.g. the non-primary themes of a
    ``{"labels": [theme]}`` item) are filled from the example it replaces when both
    agree on relevance. Two gold items for the same text with different labels are
    logged as a warning naming both sources. Returns examples in first-seen order, so
    the result is deterministic.
    """
    best: dict[str, Example] = {}
    order: list[str] = []
    rank = {k: i for i, k in enumerate(KINDS)}
    for ex in examples:
        if not ex.text.strip():
            continue
        key = text_key(ex.text)
        cur = best.get(key)
        if cur is None:
            order.append(key)
            best[key] = ex
        elif ex.kind == cur.kind and ex.kind != "weak" and _file_of(ex.source) == _file_of(cur.source):
            best[key] = _combine(cur, ex, label_ids)  # one file contradicting itself is an error
        elif rank[ex.kind] >= rank[cur.kind]:
            if ex.kind == "gold" and cur.kind == "gold" and ex.y != cur.y:
                logger.warning("conflicting gold labels for the same text: %s and %s; the later wins", cur.source, ex.source)
            if UNKNOWN in ex.y and cur.y[0] == ex.y[0]:
                ex = Example(
                    ex.text, tuple(c if v == UNKNOWN else v for v, c in zip(ex.y, cur.y, strict=True)), ex.kind, ex.source
                )
            best[key] = ex
    return [best[k] for k in order]


def check_trainable(examples: Sequence[Example], label_ids: Sequence[str], sources: str = "") -> None:
    """Each label needs positive and negative examples; say which one lacks what, and
    (given ``sources``, a description of the training data) where we looked."""
    where = f" in the training data ({sources})" if sources else ""
    if not examples:
        raise InputValueError(f"no training examples{where} (all texts empty?)")
    for j, lab in enumerate(label_ids):
        pos = sum(1 for e in examples if e.y[j] == 1)
        neg = sum(1 for e in examples if e.y[j] == 0)
        if pos == 0:
            raise InputValueError(f"label {lab!r} has no positive training example{where}; add labelled texts for it")
        if neg == 0:
            raise InputValueError(f"label {lab!r} has no negative training example{where}")


def describe_sources(
    use_seed_corpus: bool, labelled: Sequence[str | Path] = (), unlabelled: Sequence[str | Path] = (), n_memory: int = 0
) -> str:
    """A short description of the training data, for error messages."""
    parts = ["the seed corpus"] if use_seed_corpus else []
    parts += [f"gold file {p}" for p in labelled]
    parts += [f"unlabelled file {p} (weak labels)" for p in unlabelled]
    if n_memory:
        parts.append(f"{n_memory} in-memory examples")
    return ", ".join(parts) or "nothing"


def summarise(examples: Sequence[Example], label_ids: Sequence[str]) -> dict[str, Any]:
    """Counts per kind and positives per label, for the model metadata."""
    out: dict[str, Any] = {"n_examples": len(examples), "by_kind": {}, "positives": {}}
    for k in KINDS:
        n = sum(1 for e in examples if e.kind == k)
        if n:
            out["by_kind"][k] = n
    for j, lab in enumerate(label_ids):
        out["positives"][lab] = sum(1 for e in examples if e.y[j] == 1)
    return out


def collect_examples(
    seeds: Seeds,
    labelled: Sequence[str | Path] = (),
    unlabelled: Sequence[str | Path] = (),
    min_votes: float = 1.0,
    use_seed_corpus: bool = True,
) -> tuple[list[Example], dict[str, str]]:
    """All training examples from seeds and files, merged; plus a sha256 per input file."""
    theme_ids = seeds.taxonomy.theme_ids
    hashes = {f"seeds/{k}": v for k, v in seeds.hashes.items()}
    examples: list[Example] = []
    for p in unlabelled:
        texts = read_texts(p)
        hashes[f"unlabelled/{Path(p).name}"] = file_sha256(p)
        examples += weak_examples(texts, seeds.rules, theme_ids, min_votes, source=str(p))
        logger.info("weak labels for %d texts from %s", len(texts), p)
    if use_seed_corpus:
        examples += list(seeds.corpus)
    for p in labelled:
        items = read_gold(p, theme_ids)
        hashes[f"labelled/{Path(p).name}"] = file_sha256(p)
        examples += gold_examples(items, source=str(p))
        logger.info("%d gold examples from %s", len(items), p)
    return merge_examples(examples, seeds.taxonomy.label_ids), hashes
