"""The :class:`Tagger` estimator: rules + TF-IDF + linear model -> tags with evidence.

Follows scikit-learn's conventions: the constructor stores parameters only, ``fit``
returns ``self``, learned state ends in ``_``, and predict methods check that the
tagger is fitted. Prediction (and :func:`tagger.load`) needs numpy only; fitting
uses scikit-learn and scipy.

The design matrix of a text is its TF-IDF row followed by one column per label holding
log(1 + the summed weights of that label's rules that fire): the model learns how far to
trust each rule family. A rule counts once per text however often it matches
(``vote_per_match=False``, the default): a country profile that says "victims" ten
times is no more about victim support than one that says it once. Models of formats 1
to 4 counted every match and still do. Theme classifiers see every vote column; the relevance
classifier sees only the relevance votes (``relevance_rule_scale``), so a court or
police story does not look relevant because prosecution rules fire on it, plus one more
column: the relevance votes of rules that fire in the text's lead, its headline or first
sentence, or the quotation a paragraph opens with (``lead_rule_scale``; see
:func:`tagger.text.lead_end`). A story is about what
its lead says; a trafficking headline glued on as a link or an aside after a sports
story counts in the full-text column but not in the lead column. A last column holds
the relevance votes that come after an aside marker of a news-alert snippet (" | "
lists, "Related:", "Read more:"; ``aside_rule_scale``, off by default; see
:func:`tagger.text.aside_start`), so that the model can discount links to other
stories without discounting every mention outside the lead. On the seed corpus it
lifts paragraphs that name trafficking only after their first sentence, but it also
lowered the learnt relevance shift and let more off-topic news through, so the
default model does without it. The echo column (``echo_rule_scale``, format 8) holds
the relevance votes after the lead in a sentence that echoes it, sharing at least two
content words with it (see :func:`tagger.text.echoes_lead`): a news alert whose
headline names the case and whose snippet names the crime ("Court extends detention
of Mr X - Daily. ... Mr X's detention on suspicion of human trafficking") is about
trafficking, where a snippet that changes the subject is a link or an aside.

Texts on which no relevance rule fires ("unanchored": no trafficking, forced labour or
slavery vocabulary at all) get their relevance score lowered by a fixed shift in
log-odds, ``relevance_shift_``. The seed corpus holds many such relevant texts on
purpose (assessment clauses, plan bullets), far more than a news stream does, where
almost every unanchored text is off-topic. The shift is learnt in ``fit``: it moves
the relevance threshold, for unanchored texts only, to the lowest one from which their
out-of-fold precision stays at ``unanchored_precision`` or above (see
:func:`unanchored_shift`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from ._parallel import check_n_jobs
from ._sparse import Rows
from ._textproc import DEFAULT_STEMMER, ENGLISH_STOP_WORDS
from .errors import InputTypeError, InputValueError, NotFittedError, check_positive_int
from .errors import is_int as _is_int
from .features import TfidfFeatures
from .model import LinearModel
from .paragraphs import lead_paragraphs, split_paragraphs
from .rules import RuleHit, RuleSet
from .tags import ArticleResult, Evidence, TagResult, article_result
from .text import aside_start, check_text, echoing_spans, language_supported, lead_end, text_key
from .themes import Taxonomy
from .training import Example, check_trainable, summarise
from .training import load_seeds as _load_seeds
from .weak_labels import rule_votes

logger = logging.getLogger(__name__)

#: Whether a text's opening quotation is its lead (see :func:`tagger.text.lead_end`):
#: every fit since model format 7; models of older formats load with False.
_QUOTATION_LEAD = True


def _rule_votes(hits_per_text: Sequence[Sequence[RuleHit]], columns: Sequence[str], per_match: bool = False) -> np.ndarray:
    """log(1 + summed rule weights) per text and label in ``columns`` (shape n x len(columns));
    a rule counts once per text, or once per match with ``per_match``."""
    V = np.zeros((len(hits_per_text), len(columns)), dtype=np.float64)
    if columns:
        index = {lab: j for j, lab in enumerate(columns)}
        for i, hits in enumerate(hits_per_text):
            for lab, weight in rule_votes(hits, per_match).items():
                j = index.get(lab)
                if j is not None:
                    V[i, j] = weight
    return np.log1p(V)


def fold_ids(texts: Sequence[str], folds: int, salt: str) -> np.ndarray:
    """The cross-validation fold (0 to ``folds`` - 1) of each text: a hash of the text and
    ``salt``, so a text keeps its fold whatever other texts are added or removed (with a
    random permutation of all examples, adding one seed unit moved every other unit and
    with them the tuned thresholds)."""
    prefix = salt.encode("utf-8") + b"\x00"
    return np.array(
        [int.from_bytes(hashlib.sha256(prefix + t.encode("utf-8", "surrogatepass")).digest()[:8], "big") % folds for t in texts],
        dtype=np.int64,
    )


def _canonical_order(example: Example) -> tuple[str, str, tuple[int, ...], str]:
    """Sort key of a training example: a hash of its text first, so that the order is
    independent of where the example came from and well mixed across sources."""
    return (text_key(example.text), example.text, tuple(example.y), example.kind)


#: The positional relevance-vote columns, in the order the design matrix holds them after
#: the per-label vote columns; each is there when its flag is on (see :func:`_positions`).
_POSITIONS = ("lead", "aside", "echo")


def _positions(lead: bool, aside: bool, echo: bool) -> list[str]:
    """The positional columns that the ``lead``, ``aside`` and ``echo`` flags switch on,
    in design-matrix order: the one place that order is written down (the votes, their
    scales and their names all follow it)."""
    return [name for name, on in zip(_POSITIONS, (lead, aside, echo), strict=True) if on]


def _votes(
    hits_per_text: Sequence[Sequence[RuleHit]],
    texts: Sequence[str],
    columns: Sequence[str],
    label: str,
    *,
    lead: bool = False,
    aside: bool = False,
    echo: bool = False,
    per_match: bool = False,
    quotation: bool = False,
) -> np.ndarray:
    """The rule-vote columns of the design matrix: one per label in ``columns``, then
    ``label``'s votes in each text's lead (with ``lead``), in its asides (with
    ``aside``) and after the lead in sentences that echo it (with ``echo``). Each rule
    counts once per text and column, or once per match with ``per_match``.
    ``quotation``: an opening quotation is the lead (see :func:`~tagger.text.lead_end`)."""
    V = _rule_votes(hits_per_text, columns, per_match)
    if not (lead or aside or echo):
        return V
    positional = _positional_votes(
        hits_per_text, texts, label, lead=lead, aside=aside, echo=echo, per_match=per_match, quotation=quotation
    )
    return np.hstack([V, positional])


def _positional_votes(
    hits_per_text: Sequence[Sequence[RuleHit]],
    texts: Sequence[str],
    label: str,
    *,
    lead: bool,
    aside: bool,
    echo: bool,
    per_match: bool = False,
    quotation: bool = False,
) -> np.ndarray:
    """log(1 + summed weights of ``label``'s rules that fire in each text's lead
    (:func:`~tagger.text.lead_end`, with ``quotation``; with ``lead``), after its first
    aside marker (:func:`~tagger.text.aside_start`; with ``aside``) and after the lead in
    sentences that echo it (:func:`~tagger.text.echoes_lead`; with ``echo``), one column
    each in :func:`_positions` order."""
    col = {name: j for j, name in enumerate(_positions(lead, aside, echo))}
    V = np.zeros((len(texts), len(col)), dtype=np.float64)
    for i, (hits, text) in enumerate(zip(hits_per_text, texts, strict=True)):
        mine = [h for h in hits if h.theme == label]
        if not mine:
            continue
        end = lead_end(text, quotation)
        if lead:
            V[i, col["lead"]] = rule_votes([h for h in mine if h.start < end], per_match).get(label, 0.0)
        after = [h for h in mine if h.start >= end]
        if aside and after:
            begin = aside_start(text, end)
            V[i, col["aside"]] = rule_votes([h for h in mine if h.start >= begin], per_match).get(label, 0.0)
        if echo and after:
            echoes = echoing_spans(text, end, [(h.start, h.end) for h in after])
            V[i, col["echo"]] = rule_votes([h for h, e in zip(after, echoes, strict=True) if e], per_match).get(label, 0.0)
    return np.log1p(V)


def _design(X: Any, V: np.ndarray) -> Any:
    """TF-IDF columns followed by the rule-vote columns (numpy :class:`Rows` stay
    numpy-only; scipy matrices, used in training, stay scipy)."""
    if V.shape[1] == 0:
        return X
    if isinstance(X, Rows):
        return X.append_dense(V)
    import scipy.sparse as sp

    return sp.hstack([X, sp.csr_matrix(V)], format="csr")


def _full_scales(scales: np.ndarray, n_terms: int) -> np.ndarray | None:
    """Per-label column scales over the whole design matrix (TF-IDF columns unscaled)."""
    if scales.shape[1] == 0:
        return None
    return np.hstack([np.ones((scales.shape[0], n_terms)), scales])


_THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
#: Smaller batches are scored in this process even when ``n_jobs`` > 1.
_MIN_PARALLEL = 1000


def _check_texts(texts: Iterable[Any], what: str = "texts") -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise InputTypeError(
            f"{what} must be an iterable of strings, not a single {type(texts).__name__}; use tag() for one text"
        )
    try:
        items = list(texts)
    except TypeError:
        raise InputTypeError(f"{what} must be an iterable of strings, got {type(texts).__name__}") from None
    if all(type(t) is str for t in items):  # the common case, checked without a call per text
        return items
    return [check_text(t, f"{what}[{i}]") for i, t in enumerate(items)]


def _is_number(v: Any) -> bool:
    """A finite int or float (Python or numpy), not a bool."""
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and bool(np.isfinite(v))


def _check_context_margin(value: Any) -> float | None:
    """``context_margin`` as a float (None stays None), or a clear error."""
    if value is None:
        return None
    if not (_is_number(value) and value >= 0):
        raise InputValueError(f"context_margin must be None or a number >= 0 (log-odds), got {value!r}")
    return float(value)


def _log_unsupported(results: list[TagResult]) -> list[TagResult]:
    """``results``, after one warning when some texts do not look like English."""
    unsupported = sum(not r.language_supported for r in results)
    if unsupported:
        logger.warning(
            "%d of %d texts do not look like English; they are not tagged as relevant and get no themes "
            "(language_supported=False)",
            unsupported,
            len(results),
        )
    return results


def prf(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Precision, recall, F1 and support of binary arrays (0 where undefined)."""
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    fp = int(np.sum((y_true == 0) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred == 0)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def choose_threshold(y: np.ndarray, proba: np.ndarray, tolerance: float = 0.01) -> float:
    """The threshold with the best F1 on (y, proba); among those within ``tolerance`` of
    the best, the one closest to 0.5 (a flat optimum should not drift to an extreme)."""
    f1s = np.array([prf(y, (proba >= t).astype(int))["f1"] for t in _THRESHOLD_GRID])
    good = _THRESHOLD_GRID[f1s >= f1s.max() - tolerance]
    return float(good[np.argmin(np.abs(good - 0.5))])


def _anchored(hits_per_text: Sequence[Sequence[RuleHit]], label: str) -> np.ndarray:
    """Which texts have a hit of one of ``label``'s rules."""
    return np.array([any(h.theme == label for h in hits) for hits in hits_per_text], dtype=bool)


def shift_down(p: np.ndarray, shift: float) -> np.ndarray:
    """Probabilities ``p`` with their log-odds lowered by ``shift`` (0 and 1 stay put)."""
    return p / (p + (1.0 - p) * np.exp(shift))


def unanchored_shift(
    y: np.ndarray, proba: np.ndarray, threshold: float, min_precision: float, need: int
) -> tuple[float, dict[str, Any]]:
    """The log-odds shift for texts no relevance rule fires on, and a record of the choice.

    ``y``/``proba`` are the out-of-fold labels and relevance scores of those texts. The
    shift moves ``threshold`` up to the lowest grid threshold from which their precision
    stays at ``min_precision`` or above at every higher grid threshold (the top of the
    grid if there is none); it is 0 when that is ``threshold`` itself or when there are
    fewer than ``need`` positives or negatives.
    """
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    info: dict[str, Any] = {"positives": pos, "negatives": neg, "min_precision": min_precision}
    if pos < need or neg < need:
        info.update(threshold=threshold, shift=0.0, reason=f"not shifted: {pos} positive / {neg} negative texts (< {need})")
        return 0.0, info
    # the lowest threshold from which precision stays at the target all the way up: a
    # lone lucky dip in a jagged precision curve is not taken (no prediction: no error)
    chosen = float(_THRESHOLD_GRID[-1])
    for t in _THRESHOLD_GRID[threshold <= _THRESHOLD_GRID][::-1]:
        pred = proba >= t
        if pred.any() and float(y[pred].mean()) < min_precision:
            break
        chosen = float(t)

    def logit(v: float) -> float:
        return float(np.log(v / (1.0 - v)))

    shift = max(0.0, logit(chosen) - logit(threshold))
    at = _r4(prf(y, (proba >= chosen).astype(int)))
    info.update(
        threshold=chosen,
        shift=round(shift, 6),
        out_of_fold=at,
        at_relevance_threshold=_r4(prf(y, (proba >= threshold).astype(int))),
        reason=(
            f"{pos} positive / {neg} negative out-of-fold texts; threshold {chosen:.2f} "
            f"(precision {at['precision']:.3f}, recall {at['recall']:.3f}) for precision >= {min_precision}"
        ),
    )
    return shift, info


def _r4(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}


class Tagger:
    """Tags texts about human trafficking with relevance and the 4P themes.

    Parameters are stored as given; ``rules`` and ``taxonomy`` default to those in
    ``seeds/`` when ``fit`` is called. Use :func:`tagger.train` to fit from files and
    :func:`tagger.load` to load a saved model.
    """

    def __init__(
        self,
        *,
        rules: RuleSet | None = None,
        taxonomy: Taxonomy | None = None,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_df: float = 0.9,
        max_features: int | None = 60000,
        stop_words: bool = True,
        stem: bool = True,
        C: float = 4.0,
        class_weight: str | None = "balanced",
        seed_weight: float = 1.0,
        gold_weight: float = 2.0,
        weak_weight: float = 0.5,
        default_threshold: float = 0.5,
        theme_scope: str = "relevant",
        rule_feature_scale: float = 0.5,
        relevance_rule_scale: float = 0.15,
        lead_rule_scale: float = 0.3,
        aside_rule_scale: float = 0.0,
        echo_rule_scale: float = 0.3,
        vote_per_match: bool = False,
        unanchored_precision: float | None = 0.99,
        min_positives_for_tuning: int = 10,
        cv_folds: int = 5,
        cv_repeats: int = 3,
        top_terms: int = 5,
        context_margin: float | None = 2.0,
        random_state: int = 0,
    ) -> None:
        self.rules = rules
        self.taxonomy = taxonomy
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.stop_words = stop_words
        self.stem = stem
        self.C = C
        self.class_weight = class_weight
        self.seed_weight = seed_weight
        self.gold_weight = gold_weight
        self.weak_weight = weak_weight
        self.default_threshold = default_threshold
        self.theme_scope = theme_scope
        self.rule_feature_scale = rule_feature_scale
        self.relevance_rule_scale = relevance_rule_scale
        self.lead_rule_scale = lead_rule_scale
        self.aside_rule_scale = aside_rule_scale
        self.echo_rule_scale = echo_rule_scale
        self.vote_per_match = vote_per_match
        self.unanchored_precision = unanchored_precision
        self.min_positives_for_tuning = min_positives_for_tuning
        self.cv_folds = cv_folds
        self.cv_repeats = cv_repeats
        self.top_terms = top_terms
        self.context_margin = context_margin
        self.random_state = random_state

    _PARAM_NAMES = (
        "ngram_range",
        "min_df",
        "max_df",
        "max_features",
        "stop_words",
        "stem",
        "C",
        "class_weight",
        "seed_weight",
        "gold_weight",
        "weak_weight",
        "default_threshold",
        "theme_scope",
        "rule_feature_scale",
        "relevance_rule_scale",
        "lead_rule_scale",
        "aside_rule_scale",
        "echo_rule_scale",
        "vote_per_match",
        "unanchored_precision",
        "min_positives_for_tuning",
        "cv_folds",
        "cv_repeats",
        "top_terms",
        "context_margin",
        "random_state",
    )

    def get_params(self) -> dict[str, Any]:
        """The scalar parameters (not rules/taxonomy), as saved in ``model.json`` (whose
        writer turns numpy scalars into plain numbers)."""
        p = {k: getattr(self, k) for k in self._PARAM_NAMES}
        p["ngram_range"] = list(p["ngram_range"])
        return p

    # ------------------------------------------------------------------ fitting
    def _new_features(self) -> TfidfFeatures:
        return TfidfFeatures(
            tuple(self.ngram_range),
            self.min_df,
            self.max_df,
            self.max_features,
            stop_words=ENGLISH_STOP_WORDS if self.stop_words else (),
            stem=DEFAULT_STEMMER if self.stem else None,
        )

    def _new_model(self) -> LinearModel:
        return LinearModel(C=self.C, class_weight=self.class_weight)

    def _validate_params(self) -> None:
        ng = self.ngram_range
        if not (isinstance(ng, (tuple, list)) and len(ng) == 2 and all(_is_int(v) for v in ng) and 1 <= ng[0] <= ng[1] <= 3):
            raise InputValueError(f"ngram_range must be (min, max) with 1 <= min <= max <= 3, got {ng!r}")
        for name in ("C", "seed_weight", "gold_weight", "weak_weight"):
            if not (_is_number(getattr(self, name)) and getattr(self, name) > 0):
                raise InputValueError(f"{name} must be a number > 0, got {getattr(self, name)!r}")
        if not (_is_number(self.default_threshold) and 0 < self.default_threshold < 1):
            raise InputValueError(f"default_threshold must be in (0, 1), got {self.default_threshold!r}")
        for name in ("rule_feature_scale", "relevance_rule_scale", "lead_rule_scale", "aside_rule_scale", "echo_rule_scale"):
            if not (_is_number(getattr(self, name)) and getattr(self, name) >= 0):
                raise InputValueError(f"{name} must be a number >= 0, got {getattr(self, name)!r}")
        for name in ("stop_words", "stem", "vote_per_match"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise InputValueError(f"{name} must be True or False, got {getattr(self, name)!r}")
        up = self.unanchored_precision
        if up is not None and not (_is_number(up) and 0 < up < 1):
            raise InputValueError(f"unanchored_precision must be None or a number in (0, 1), got {up!r}")
        if self.theme_scope not in ("relevant", "all"):
            raise InputValueError(f"theme_scope must be 'relevant' or 'all', got {self.theme_scope!r}")
        for name in ("cv_folds", "cv_repeats", "min_positives_for_tuning", "random_state"):
            if not _is_int(getattr(self, name)):
                raise InputValueError(f"{name} must be an integer, got {getattr(self, name)!r}")
        if self.cv_folds < 2:
            raise InputValueError(f"cv_folds must be >= 2, got {self.cv_folds!r}")
        if self.cv_repeats < 1:
            raise InputValueError(f"cv_repeats must be >= 1, got {self.cv_repeats!r}")
        if self.random_state < 0:
            raise InputValueError(f"random_state must be >= 0, got {self.random_state!r}")
        if self.class_weight not in (None, "balanced"):
            raise InputValueError(f"class_weight must be None or 'balanced', got {self.class_weight!r}")
        if not (_is_int(self.min_df) and self.min_df >= 1):
            raise InputValueError(f"min_df must be an integer >= 1, got {self.min_df!r}")
        if not (_is_number(self.max_df) and 0 < self.max_df <= 1):
            raise InputValueError(f"max_df must be a fraction in (0, 1], got {self.max_df!r}")
        if self.max_features is not None and not (_is_int(self.max_features) and self.max_features >= 1):
            raise InputValueError(f"max_features must be None or an integer >= 1, got {self.max_features!r}")
        if not (_is_int(self.top_terms) and self.top_terms >= 0):
            raise InputValueError(f"top_terms must be an integer >= 0, got {self.top_terms!r}")
        _check_context_margin(self.context_margin)

    def fit(self, examples: Sequence[Any]) -> Tagger:
        """Fit on :class:`~tagger.training.Example` objects (text, labels, kind).

        Thresholds are tuned per label by cross-validation on the seed and gold
        examples when the label has at least ``min_positives_for_tuning`` positives
        there; otherwise ``default_threshold`` is kept. Both choices and the
        cross-validated metrics are recorded: ``threshold_source_`` (one line per label),
        ``threshold_tuning_`` (per label: method, threshold, positive/negative counts and
        why) and ``cv_metrics_`` (out-of-fold precision/recall/F1 at the chosen threshold
        and at ``default_threshold``; at a tuned threshold they are optimistic, since the
        threshold was chosen on the same out-of-fold scores).

        The order of ``examples`` does not matter: they are sorted by a hash of their
        text first. Cross-validation is repeated ``cv_repeats`` times and the out-of-fold
        scores averaged; in each repeat an example's fold is a hash of its text and
        ``random_state``, so adding or removing examples leaves the other examples in
        their folds, and the tuned thresholds move only as much as the data does.
        """
        self._validate_params()
        if self.rules is None or self.taxonomy is None:
            seeds = _load_seeds()
        rules = self.rules if self.rules is not None else seeds.rules
        taxonomy = self.taxonomy if self.taxonomy is not None else seeds.taxonomy
        label_ids = taxonomy.label_ids
        examples = list(examples)
        for i, ex in enumerate(examples):
            if not isinstance(ex, Example):
                raise InputTypeError(f"examples[{i}] must be a tagger Example, got {type(ex).__name__}")
            check_text(ex.text, f"examples[{i}].text")
            if len(ex.y) != len(label_ids):
                raise InputValueError(f"examples[{i}] has {len(ex.y)} labels, expected {len(label_ids)} ({list(label_ids)})")
            if any(v not in (-1, 0, 1) for v in ex.y):
                raise InputValueError(f"examples[{i}] labels must be 1, 0 or -1 (unknown), got {ex.y!r}")
            if ex.kind not in ("seed", "gold", "weak"):
                raise InputValueError(f"examples[{i}] kind must be 'seed', 'gold' or 'weak', got {ex.kind!r}")
        # A canonical order (by a hash of each text): the model depends on which examples
        # it gets, not on their order, so renamed seed files or gold files listed in
        # another order give the same folds, thresholds and coefficients.
        examples = sorted((e for e in examples if e.text.strip()), key=_canonical_order)
        check_trainable(examples, label_ids)

        texts = [e.text for e in examples]
        Y = np.array([e.y for e in examples], dtype=np.int8)
        if self.theme_scope == "relevant":
            # Theme classifiers learn P(theme | relevant): off-topic texts teach
            # the relevance classifier, and relevance gates the themes.
            Y[Y[:, 0] == 0, 1:] = -1
        kind_w = {"seed": self.seed_weight, "gold": self.gold_weight, "weak": self.weak_weight}
        w = np.array([kind_w[e.kind] for e in examples], dtype=np.float64)
        W = np.repeat(w[:, None], len(label_ids), axis=1)
        trusted = np.array([e.kind != "weak" for e in examples])

        vote_columns = label_ids if (self.rule_feature_scale > 0 or self.relevance_rule_scale > 0) else ()
        lead = self.lead_rule_scale > 0
        aside = self.aside_rule_scale > 0
        echo = self.echo_rule_scale > 0
        train_hits = rules.match_many(texts)
        per_match = bool(self.vote_per_match)
        V = _votes(
            train_hits,
            texts,
            vote_columns,
            label_ids[0],
            lead=lead,
            aside=aside,
            echo=echo,
            per_match=per_match,
            quotation=_QUOTATION_LEAD,
        )
        scales = self._column_scales(label_ids, vote_columns, lead, aside, echo)

        logger.info("cross-validating on %d examples (%d folds)", len(texts), self.cv_folds)
        oof = self._out_of_fold(texts, V, Y, W, scales)
        thresholds: dict[str, float] = {}
        source: dict[str, str] = {}
        tuning: dict[str, dict[str, Any]] = {}
        metrics: dict[str, Any] = {}
        for j, lab in enumerate(label_ids):
            rows = trusted & (Y[:, j] >= 0) & ~np.isnan(oof[:, j])
            y = Y[rows, j]
            pos, neg = int((y == 1).sum()), int((y == 0).sum())
            need = self.min_positives_for_tuning
            if pos >= need and neg >= need:
                method = "cross-validation"
                thresholds[lab] = choose_threshold(y, oof[rows, j])
                source[lab] = f"cross-validation on {pos} positive / {neg} negative seed+gold examples"
                reason = f"{pos} positive and {neg} negative seed+gold examples with out-of-fold scores (>= {need} each)"
            else:
                method = "default"
                thresholds[lab] = float(self.default_threshold)
                short = "positives" if pos < need else "negatives"
                source[lab] = f"default ({min(pos, neg)} {short} < {need} for tuning)"
                reason = (
                    f"only {pos} positive / {neg} negative seed+gold examples with out-of-fold scores; "
                    f"tuning needs >= {need} of each"
                )
            tuning[lab] = {
                "method": method,
                "threshold": thresholds[lab],
                "default_threshold": float(self.default_threshold),
                "positives": pos,
                "negatives": neg,
                "reason": reason,
            }
            if rows.any():
                m = _r4(prf(y, (oof[rows, j] >= thresholds[lab]).astype(int)))
                m["threshold"] = thresholds[lab]
                m["at_default_threshold"] = _r4(prf(y, (oof[rows, j] >= self.default_threshold).astype(int)))
                metrics[lab] = m

        shift = 0.0
        if self.unanchored_precision is not None:
            rows = trusted & (Y[:, 0] >= 0) & ~np.isnan(oof[:, 0]) & ~_anchored(train_hits, label_ids[0])
            shift, info = unanchored_shift(
                Y[rows, 0],
                oof[rows, 0],
                thresholds[label_ids[0]],
                float(self.unanchored_precision),
                self.min_positives_for_tuning,
            )
            tuning[label_ids[0]]["unanchored"] = info
            logger.info("relevance of texts no relevance rule fires on: %s", info["reason"])

        logger.info("fitting final model")
        try:
            features = self._new_features().fit(texts)
        except ValueError as exc:  # e.g. scikit-learn: "After pruning, no terms remain"
            raise InputValueError(
                f"cannot build TF-IDF features from {len(texts)} training texts ({exc}); "
                f"add more texts or lower min_df (now {self.min_df})"
            ) from None
        try:
            model = self._new_model().fit(_design(features.transform(texts), V), Y, W, _full_scales(scales, features.n_features))
        except ValueError as exc:
            raise InputValueError(f"cannot fit the model on these training examples ({exc})") from None

        self.taxonomy_ = taxonomy
        self.rules_ = rules
        self.features_ = features
        self.model_ = model
        self.vote_columns_ = tuple(vote_columns)
        self.lead_votes_ = lead
        self.aside_votes_ = aside
        self.echo_votes_ = echo
        self.vote_per_match_ = per_match
        self.lead_quotation_ = _QUOTATION_LEAD
        self.__dict__.pop("_column_names_cache", None)  # names of a previous fit
        self.thresholds_ = thresholds
        self.relevance_shift_ = shift
        self.threshold_source_ = source
        self.threshold_tuning_ = tuning
        self.cv_metrics_ = metrics
        self.training_summary_ = summarise(examples, label_ids)
        return self

    def _column_scales(
        self, label_ids: Sequence[str], vote_columns: Sequence[str], lead: bool, aside: bool, echo: bool
    ) -> np.ndarray:
        """How strongly the rule-vote columns (and the lead, aside and echo columns) enter
        each label's classifier (one row per label)."""
        k = len(vote_columns)
        positions = _positions(lead, aside, echo)
        scales = np.full((len(label_ids), k + len(positions)), float(self.rule_feature_scale))
        # relevance sees only the relevance votes: a court or police story is not about
        # trafficking because prosecution rules fire on it
        scales[0, :k] = [float(self.relevance_rule_scale) if c == label_ids[0] else 0.0 for c in vote_columns]
        # the relevance votes in the lead, in asides and in echoing sentences: for the relevance classifier only
        scales[:, k:] = 0.0
        scale = {"lead": self.lead_rule_scale, "aside": self.aside_rule_scale, "echo": self.echo_rule_scale}
        for j, name in enumerate(positions):
            scales[0, k + j] = float(scale[name])
        return scales

    def _out_of_fold(self, texts: list[str], V: np.ndarray, Y: np.ndarray, W: np.ndarray, scales: np.ndarray) -> np.ndarray:
        """Out-of-fold probabilities averaged over ``cv_repeats`` fold draws (NaN where no
        repeat could score an example)."""
        if len(texts) < 2 * self.cv_folds:
            return np.full(Y.shape, np.nan)
        runs = []
        for r in range(self.cv_repeats):
            fold_of = fold_ids(texts, self.cv_folds, f"{self.random_state}:{r}")
            runs.append(self._one_cv(texts, V, Y, W, scales, [np.flatnonzero(fold_of == k) for k in range(self.cv_folds)]))
        stacked = np.stack(runs)
        scored = ~np.isnan(stacked)
        total = np.where(scored, stacked, 0.0).sum(axis=0)
        count = scored.sum(axis=0)
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)

    def _one_cv(
        self, texts: list[str], V: np.ndarray, Y: np.ndarray, W: np.ndarray, scales: np.ndarray, folds: list[np.ndarray]
    ) -> np.ndarray:
        """Out-of-fold probabilities of one cross-validation over ``folds`` (index arrays)."""
        oof = np.full(Y.shape, np.nan)
        for k, test_idx in enumerate(folds):
            if len(test_idx) == 0:
                continue
            train_idx = np.concatenate([f for i, f in enumerate(folds) if i != k])
            tr_texts = [texts[i] for i in train_idx]
            try:
                feats = self._new_features().fit(tr_texts)
            except ValueError:  # a fold too small for min_df/max_df: leave it unscored
                continue
            X_tr = _design(feats.transform(tr_texts), V[train_idx])
            X_te = _design(feats.transform([texts[i] for i in test_idx]), V[test_idx])
            full = _full_scales(scales, feats.n_features)
            for j in range(Y.shape[1]):
                y = Y[train_idx, j]
                if (y == 1).sum() == 0 or (y == 0).sum() == 0:
                    continue
                m = self._new_model().fit(
                    X_tr, Y[train_idx, j : j + 1], W[train_idx, j : j + 1], None if full is None else full[j : j + 1]
                )
                oof[test_idx, j] = m.predict_proba(X_te)[:, 0]
        return oof

    def retrain(
        self,
        out: str | Path | None = None,
        *,
        labelled: Sequence[str | Path] = (),
        unlabelled: Sequence[str | Path] = (),
        examples: Iterable[dict[str, Any]] = (),
        seeds: str | Path | None = None,
        reuse_inputs: bool = True,
        **params: Any,
    ) -> Tagger:
        """Train a new tagger with this one's configuration plus additional data.

        The new tagger uses this tagger's rules, taxonomy and parameters (override any
        with ``**params``), the seed corpus it was trained with (``seeds``: the
        folder recorded in the model, by default the packaged ``seeds/``), the
        labelled and unlabelled files it was trained with (when ``reuse_inputs``;
        they must still exist), and the new ``labelled`` files / in-memory
        ``examples`` (gold, overriding other labels for the same text) and
        ``unlabelled`` files. ``self`` is left untouched; the new tagger is returned
        and saved to ``out`` when given.

        >>> new = tagger.load().retrain(labelled=["my-gold.jsonl"])   # doctest: +SKIP
        """
        from .api import retrain

        return retrain(
            self,
            out,
            labelled=labelled,
            unlabelled=unlabelled,
            examples=examples,
            seeds=seeds,
            reuse_inputs=reuse_inputs,
            **params,
        )

    # --------------------------------------------------------------- prediction
    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError("this Tagger is not fitted; call fit(), tagger.train() or tagger.load() first")

    @property
    def label_ids(self) -> tuple[str, ...]:
        self._check_fitted()
        return self.taxonomy_.label_ids

    @property
    def theme_ids(self) -> tuple[str, ...]:
        self._check_fitted()
        return self.taxonomy_.theme_ids

    def predict_proba(self, texts: Iterable[str], n_jobs: int | None = None) -> np.ndarray:
        """Probabilities, shape ``(n_texts, 1 + n_themes)``: relevance first, then themes.

        A text with no word of the model's vocabulary (empty, punctuation only, an
        unsupported script) gets 0.0 everywhere: there is no evidence to score.
        ``n_jobs`` > 1 (or -1 for all cores) scores large batches in that many worker
        processes (same results; see :meth:`tag_batch`).
        """
        self._check_fitted()
        texts = _check_texts(texts)
        jobs = check_n_jobs(n_jobs)
        if jobs > 1 and len(texts) >= _MIN_PARALLEL:
            from . import _parallel

            return _parallel.proba(self, texts, jobs)
        X, hits, no_words = self._matrix(texts)
        return self._proba(X, no_words, hits)

    def _matrix(self, texts: list[str]) -> tuple[Any, list[list[RuleHit]], np.ndarray]:
        """The design matrix (TF-IDF, then rule-vote columns), each text's rule hits, and
        which texts have no word of the vocabulary (they get no score)."""
        hits = self.rules_.match_many(texts)
        X = self.features_.transform_rows(texts)
        no_words = np.diff(X.indptr) == 0
        return _design(X, self._vote_matrix(hits, texts)), hits, no_words

    def _vote_matrix(self, hits: Sequence[Sequence[RuleHit]], texts: Sequence[str]) -> np.ndarray:
        """The rule-vote columns of the design matrix for texts with these rule hits, as
        this fitted model defines them."""
        return _votes(
            hits,
            texts,
            self.vote_columns_,
            self.taxonomy_.label_ids[0],
            lead=self.lead_votes_,
            aside=self.aside_votes_,
            echo=self.echo_votes_,
            per_match=self.vote_per_match_,
            quotation=self.lead_quotation_,
        )

    def _proba(self, X: Any, no_words: np.ndarray, hits: Sequence[Sequence[RuleHit]]) -> np.ndarray:
        """Probabilities from the design matrix; the relevance of texts without a
        relevance-rule hit is shifted down by ``relevance_shift_`` (see the module doc)."""
        P = self.model_.predict_proba(X)
        shift = getattr(self, "relevance_shift_", 0.0)
        if shift > 0:
            loose = ~_anchored(hits, self.taxonomy_.label_ids[0])
            P[loose, 0] = shift_down(P[loose, 0], shift)
        P[no_words] = 0.0
        return P

    def tag(self, text: str) -> TagResult:
        """Tag one paragraph or short unit."""
        return self.tag_batch([check_text(text)])[0]

    def tag_batch(self, texts: Iterable[str], n_jobs: int | None = None) -> list[TagResult]:
        """Tag many texts with one vectorisation (a list, any iterable, a pandas Series).

        ``n_jobs`` > 1 (or -1 for all cores) splits a large batch (at least a thousand
        texts) between that many worker processes (joblib); each loads the model once
        and keeps it for later calls. Results are the same and in the same order.
        """
        self._check_fitted()
        texts = _check_texts(texts)
        if not texts:
            return []
        jobs = check_n_jobs(n_jobs)
        if jobs > 1 and len(texts) >= _MIN_PARALLEL:
            from . import _parallel

            return _parallel.tag_batch(self, texts, jobs)
        return _log_unsupported(self._tag_checked(texts))

    def _tag_checked(self, texts: list[str], articles: Sequence[int] | None = None) -> list[TagResult]:
        """Tag already-checked texts in this process, without logging (callers that
        report unsupported languages themselves, like the CLI, use this). ``articles``:
        the texts are the paragraphs of articles of these sizes, in order, and are read
        in the context of their article (see :meth:`tag_article`)."""
        X, hits, no_words = self._matrix(texts)
        P = self._proba(X, no_words, hits)
        supported = [language_supported(t) for t in texts]
        ctx = np.zeros(len(texts), dtype=bool) if articles is None else self._in_context(texts, P[:, 0], supported, articles)
        return [self._result(texts[i], P[i], X.row(i), hits[i], supported[i], bool(ctx[i])) for i in range(len(texts))]

    def _tag_articles(self, articles: Sequence[list[str]]) -> list[TagResult]:
        """The results of every paragraph of ``articles`` (each a list of paragraph
        texts), in order, read in the context of their article, with one vectorisation
        (and one warning for texts that do not look like English)."""
        self._check_fitted()
        texts = [t for paras in articles for t in paras]
        return _log_unsupported(self._tag_checked(texts, [len(p) for p in articles])) if texts else []

    def _in_context(
        self, texts: list[str], relevance: np.ndarray, supported: Sequence[bool], articles: Sequence[int]
    ) -> np.ndarray:
        """Which paragraphs (``texts``, the paragraphs of articles of sizes ``articles``;
        ``supported``: which look like English) are relevant only in the context of their
        article: below the relevance threshold but at or above :meth:`_context_bar`, in an
        article whose lead is relevant."""
        out = np.zeros(len(texts), dtype=bool)
        bar = self._context_bar()
        if bar is None:
            return out
        if sum(articles) != len(texts):
            raise InputValueError(f"articles must add up to the {len(texts)} texts, got {sum(articles)}")
        threshold = self.thresholds_[self.taxonomy_.label_ids[0]]
        start = 0
        for n in articles:
            end = start + n
            lead = range(start, start + lead_paragraphs(texts[start:end]))
            if any(relevance[i] >= threshold and supported[i] for i in lead):
                for i in range(start, end):
                    out[i] = bar <= relevance[i] < threshold and supported[i]
            start = end
        return out

    def tag_stream(self, texts: Iterable[str], batch_size: int = 512) -> Iterator[TagResult]:
        """Tag an iterable lazily in batches of ``batch_size`` (bounded memory, results in order)."""
        batch_size = check_positive_int("batch_size", batch_size)
        it = iter(texts)
        while batch := list(islice(it, batch_size)):
            yield from self.tag_batch(batch)

    def tag_article(self, text: str) -> ArticleResult:
        """Split an article into paragraphs, tag them together, and roll up (see ArticleResult).

        Paragraphs are read in the context of their article: when the article's lead (its
        paragraphs up to the first one of at least 20 words: a headline, byline or
        dateline is read with the paragraph it introduces; at most three) is relevant, a
        paragraph whose relevance falls short of the threshold by at most
        ``context_margin`` (log-odds) is relevant too
        (``tags.in_context``) and gets the themes it scores. Follow-on paragraphs of
        trafficking news ("The delegates also agreed to ...", "Each Party shall ...")
        seldom name the crime; an article whose lead is about something else passes
        nothing on. ``context_margin=None`` turns this off.
        """
        return self._articles([check_text(text, "article")])[0]

    def _articles(self, texts: list[str]) -> list[ArticleResult]:
        """:meth:`tag_article` for several articles, with one vectorisation."""
        paras = [split_paragraphs(t) for t in texts]
        results = self._tag_articles([[p.text for p in ps] for ps in paras])
        out: list[ArticleResult] = []
        k = 0
        for ps in paras:
            out.append(article_result(ps, results[k : k + len(ps)], self.theme_ids))
            k += len(ps)
        return out

    def _context_bar(self) -> float | None:
        """The relevance from which a paragraph of an article with a relevant lead is
        relevant: the relevance threshold lowered by ``context_margin`` in log-odds (None:
        no context)."""
        cm = _check_context_margin(self.context_margin)
        if cm is None:
            return None
        return float(shift_down(np.float64(self.thresholds_[self.taxonomy_.label_ids[0]]), cm))

    @property
    def column_names_(self) -> list[str]:
        """Names of the design-matrix columns: the TF-IDF terms, then one per rule-vote label."""
        rel = self.taxonomy_.label_ids[0]
        where = {"lead": "in the lead", "aside": "in asides", "echo": "echoing the lead"}
        positional = [
            f"(rule votes: {rel}, {where[name]})" for name in _positions(self.lead_votes_, self.aside_votes_, self.echo_votes_)
        ]
        return [*self.features_.terms_, *(f"(rule votes: {lab})" for lab in self.vote_columns_), *positional]

    def _result(
        self, text: str, p: np.ndarray, x_row: Any, hits: Sequence[RuleHit], supported: bool, in_context: bool = False
    ) -> TagResult:
        """The tags of one text; ``supported``: it looks like English (see
        :func:`~tagger.text.language_supported`); ``in_context``: relevant because of its
        article, whatever its own relevance (see :meth:`_in_context`)."""
        labels = self.taxonomy_.label_ids
        relevance = float(p[0])
        relevant = supported and (in_context or relevance >= self.thresholds_[labels[0]])
        scores = {lab: float(p[j]) for j, lab in enumerate(labels[1:], 1)}
        themes = tuple(sorted((t for t in scores if relevant and scores[t] >= self.thresholds_[t]), key=lambda t: -scores[t]))
        terms: dict[str, list[tuple[str, float]]] = {}
        if self.top_terms > 0 and (relevant or themes):
            tops = {
                lab: self.model_.top_terms(x_row, labels.index(lab), self._column_names(), self.top_terms)
                for lab in ((labels[0],) if relevant else ()) + themes
            }
            surface = self.features_.surface_forms(text, {term for top in tops.values() for term, _ in top})
            terms = {lab: [(surface.get(term, term), w) for term, w in top] for lab, top in tops.items()}
        evidence = Evidence(tuple(hits), terms)
        return TagResult(bool(relevant), relevance, themes, scores, evidence, supported, bool(in_context and relevant))

    def _column_names(self) -> list[str]:
        names = getattr(self, "_column_names_cache", None)
        if names is None:
            names = self.column_names_
            self._column_names_cache = names
        return names

    # ------------------------------------------------------------- persistence
    def save(self, path: str | Path) -> Path:
        """Save to a model directory atomically (see ``tagger.persistence``)."""
        from .persistence import save_model

        return save_model(self, path)
