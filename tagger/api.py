"""The top-level functions: :func:`load` and :func:`train`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._resources import default_model_dir
from .errors import DataFileError, InputTypeError, InputValueError, ModelFileError
from .io import Record, parse_labels
from .pipeline import Tagger
from .training import (
    Seeds,
    check_trainable,
    collect_examples,
    describe_sources,
    file_sha256,
    gold_examples,
    load_seeds,
    merge_examples,
)

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

    To add data to an existing model's configuration, see :meth:`Tagger.retrain`.
    """
    s = load_seeds(seeds)
    return _fit(s, seeds, labelled, unlabelled, examples, use_seed_corpus, weak_min_votes, params, out)


def _fit(
    s: Seeds,
    seeds_path: str | Path | None,
    labelled: Sequence[str | Path],
    unlabelled: Sequence[str | Path],
    examples: Iterable[dict[str, Any]],
    use_seed_corpus: bool,
    weak_min_votes: float,
    params: dict[str, Any],
    out: str | Path | None,
) -> Tagger:
    """Collect the examples, fit, record where the data came from, and save when asked."""
    labelled, unlabelled = list(labelled), list(unlabelled)
    mem = [parse_labels(Record("<examples>", i, d), s.taxonomy.theme_ids) for i, d in enumerate(_dicts(examples), 1)]
    exs, hashes = collect_examples(s, labelled, unlabelled, weak_min_votes, use_seed_corpus)
    for it in mem:
        if not it.text.strip():
            raise DataFileError("<examples>", it.line, "field 'text' is empty")
    if mem:
        exs = merge_examples([*exs, *gold_examples(mem, "<examples>")], s.taxonomy.label_ids)
        hashes["examples"] = f"{len(mem)} in-memory items"
    check_trainable(exs, s.taxonomy.label_ids, describe_sources(use_seed_corpus, labelled, unlabelled, len(mem)))
    t = Tagger(rules=s.rules, taxonomy=s.taxonomy, **params).fit(exs)
    t.training_info_ = {
        "data_sha256": hashes,
        "rules_sha256": s.rules.sha256(),
        "weak_min_votes": weak_min_votes,
        "inputs": {
            "seeds": None if seeds_path is None else str(seeds_path),
            "use_seed_corpus": use_seed_corpus,
            "labelled": [str(p) for p in labelled],
            "unlabelled": [str(p) for p in unlabelled],
            "in_memory_examples": len(mem),
        },
    }
    if out is not None:
        t.save(out)
        logger.info("saved model to %s", out)
    return t


def _dicts(examples: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(examples, (str, bytes, dict)):
        raise InputTypeError(f"examples must be an iterable of dicts, got a single {type(examples).__name__}")
    out = list(examples)
    for i, d in enumerate(out):
        if not isinstance(d, dict):
            raise InputTypeError(f"examples[{i}] must be a dict like {{'text', 'relevant', 'themes'}}, got {type(d).__name__}")
    return out


def retrain(
    model: Tagger,
    out: str | Path | None = None,
    *,
    labelled: Sequence[str | Path] = (),
    unlabelled: Sequence[str | Path] = (),
    examples: Iterable[dict[str, Any]] = (),
    seeds: str | Path | None = None,
    reuse_inputs: bool = True,
    **params: Any,
) -> Tagger:
    """Implementation of :meth:`Tagger.retrain` (see there)."""
    model._check_fitted()
    info = getattr(model, "training_info_", {}) or {}
    inputs = info.get("inputs", {}) or {}
    recorded = info.get("data_sha256", {}) or {}
    seeds_path = seeds if seeds is not None else inputs.get("seeds")
    s = load_seeds(seeds_path)
    if s.taxonomy.label_ids != model.taxonomy_.label_ids:
        raise InputValueError(
            f"the seeds folder has labels {list(s.taxonomy.label_ids)} but the model has "
            f"{list(model.taxonomy_.label_ids)}; pass seeds= the folder the model was trained from"
        )
    use_seed_corpus = bool(inputs.get("use_seed_corpus", True))
    if use_seed_corpus:
        changed = sorted(k for k, v in s.hashes.items() if k.startswith("corpus/") and recorded.get(f"seeds/{k}", v) != v)
        if changed:
            logger.warning("seed corpus files changed since the model was trained: %s; using their current content", changed)
    old_labelled: list[str] = []
    old_unlabelled: list[str] = []
    if reuse_inputs:
        if inputs.get("in_memory_examples"):
            logger.warning(
                "the model was trained with %d in-memory examples, which cannot be reused", inputs["in_memory_examples"]
            )
        for kind, paths, dest in (
            ("labelled", inputs.get("labelled", []), old_labelled),
            ("unlabelled", inputs.get("unlabelled", []), old_unlabelled),
        ):
            for p in paths:
                if not Path(p).is_file():
                    raise InputValueError(
                        f"the model was trained with {kind} file {p}, which is not found; "
                        "pass it again from where it now is, or reuse_inputs=False to leave it out"
                    )
                want = recorded.get(f"{kind}/{Path(p).name}")
                if want is not None and file_sha256(p) != want:
                    logger.warning("%s file %s changed since the model was trained; using its current content", kind, p)
                dest.append(str(p))
    new_labelled = [*old_labelled, *(str(p) for p in labelled if str(p) not in old_labelled)]
    new_unlabelled = [*old_unlabelled, *(str(p) for p in unlabelled if str(p) not in old_unlabelled)]
    s = replace(s, rules=model.rules_, taxonomy=model.taxonomy_)
    all_params = {k: v for k, v in model.get_params().items()}
    all_params["ngram_range"] = tuple(all_params["ngram_range"])
    all_params.update(params)
    return _fit(
        s,
        seeds_path,
        new_labelled,
        new_unlabelled,
        examples,
        use_seed_corpus,
        float(info.get("weak_min_votes", 1.0)),
        all_params,
        out,
    )
