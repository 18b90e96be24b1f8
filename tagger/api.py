"""The top-level functions: :func:`load` and :func:`train`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ._resources import default_model_dir
from .errors import InputTypeError, ModelFileError
from .io import Record, parse_labels
from .pipeline import Tagger
from .training import collect_examples, gold_examples, load_seeds, merge_examples

logger = logging.getLogger(__name__)


def load(path: str | Path | None = None) -> Tagger:
    """Load a saved model directory; with no argument, the shipped default model."""
    from .persistence import load_model

    if path is None:
        d = default_model_dir()
        if not (d / "model.json").exists():
            raise ModelFileError(f"the default model is missing at {d}; rebuild it with: tagger train --out {d}")
        return load_model(d)
    return load_model(path)


def train(
    out: str | Path | None = None,
    *,
    seeds: str | Path | None = None,
    labelled: Sequence[str | Path] = (),
    unlabelled: Sequence[str | Path] = (),
    examples: Iterable[dict[str, Any]] = (),
    use_seed_corpus: bool = True,
    weak_min_votes: float = 1.0,
    **params: Any,
) -> Tagger:
    """Train a tagger from ``seeds/`` (rules, taxonomy, seed corpus) plus optional data.

    Args:
        out: save the model to this directory (atomically) when given.
        seeds: a seeds folder; default the packaged ``seeds/``.
        labelled: gold JSONL files (``{"text","relevant","themes"}`` or ``{"text","labels"}``);
            gold overrides seed and weak labels for the same text and weighs ``gold_weight``.
        unlabelled: JSONL files of texts to label with the rules (weak labels, ``weak_weight``).
        examples: in-memory gold items as dicts in either gold format.
        use_seed_corpus: include ``seeds/corpus/*.jsonl``.
        weak_min_votes: rule vote total needed for a weak label.
        **params: :class:`Tagger` parameters (``C``, ``ngram_range``, ``gold_weight``, ...).
    """
    s = load_seeds(seeds)
    exs, hashes = collect_examples(s, labelled, unlabelled, weak_min_votes, use_seed_corpus)
    if isinstance(examples, (str, bytes, dict)):
        raise InputTypeError(f"examples must be an iterable of dicts, got a single {type(examples).__name__}")
    mem = []
    for i, d in enumerate(examples, 1):
        if not isinstance(d, dict):
            raise InputTypeError(f"examples[{i - 1}] must be a dict like {{'text': ..., 'labels': [...]}}, got {type(d).__name__}")
        mem.append(parse_labels(Record("<examples>", i, d), s.taxonomy.theme_ids))
    if mem:
        exs = merge_examples([*exs, *gold_examples(mem, "<examples>")], s.taxonomy.label_ids)
        hashes["examples"] = f"{len(mem)} in-memory items"
    t = Tagger(rules=s.rules, taxonomy=s.taxonomy, **params).fit(exs)
    t.training_info_ = {"data_sha256": hashes, "rules_sha256": s.rules.sha256(), "weak_min_votes": weak_min_votes}
    if out is not None:
        t.save(out)
        logger.info("saved model to %s", out)
    return t
