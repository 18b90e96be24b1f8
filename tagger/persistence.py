"""Model directories: JSON metadata and ``.npy`` arrays, never pickle.

Layout of a model directory::

    model.json        metadata: format version, library versions, taxonomy, thresholds,
                      parameters, training summary and data hashes, metrics, and the
                      sha256, dtype and shape of every other file
    vocabulary.json   the TF-IDF terms, in column order
    rules.json        the rule set the model was trained with (used for evidence)
    idf.npy           float64 (n_features,)
    coef.npy          float64 (n_labels, n_features)
    intercept.npy     float64 (n_labels,)

Loading reads JSON with the standard library and arrays with
``numpy.load(allow_pickle=False)``; nothing in a model directory is executed. A
directory holding pickle-like files is refused, and every file is checked against
the hash recorded at save time. Saving writes a temporary sibling directory and
renames it into place, so a failure never leaves a half-written model.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputValueError, ModelFileError
from .features import TfidfFeatures
from .model import LinearModel
from .rules import RuleSet
from .themes import Taxonomy

FORMAT_NAME = "tagger-model"
FORMAT_VERSION = 8
#: Formats this version reads. 1: no lead-vote column (models before lead_rule_scale);
#: 2: no relevance shift for texts without a relevance-rule hit (before unanchored_precision);
#: 3: no aside-vote column (before aside_rule_scale); 1 to 4: rule votes count every
#: match of a rule (before vote_per_match, which format 5 records); 1 to 5: articles
#: roll up paragraphs tagged alone (before context_margin, which format 6 records);
#: 1 to 6: a text's lead is its headline or first sentence even when it opens with a
#: quotation (format 7 records ``lead_quotation``; see :func:`tagger.text.lead_end`);
#: 1 to 7: no echo-vote column (before echo_rule_scale, which format 8 records as
#: ``echo_vote_column``; see :func:`tagger.text.echoes_lead`).
READABLE_FORMATS = (1, 2, 3, 4, 5, 6, 7, 8)
METADATA = "model.json"
ARRAYS = ("idf", "coef", "intercept")
JSON_FILES = ("vocabulary.json", "rules.json")
_PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".dill", ".sav", ".pt", ".pth", ".npz"}


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    out = {"tagger": __version__, "numpy": np.__version__}
    for dist in ("scipy", "scikit-learn"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:  # pragma: no cover - scikit-learn is a dependency
            out[dist] = "not installed"
    return out


def _npy_bytes(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(a), allow_pickle=False)
    return buf.getvalue()


def _plain(o: Any) -> Any:
    """numpy scalars (a parameter given as ``np.int64(2)``, say) as their Python values."""
    if isinstance(o, np.generic):
        return o.item()
    raise TypeError(f"{type(o).__name__} is not JSON serializable")


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True, default=_plain) + "\n").encode("utf-8")


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def model_files(t: Any) -> dict[str, bytes]:
    """Serialise a fitted Tagger into file name -> bytes (deterministic)."""
    t._check_fitted()
    files: dict[str, bytes] = {
        "vocabulary.json": _json_bytes(t.features_.terms_),
        "rules.json": _json_bytes(t.rules_.to_list()),
    }
    arrays = {"idf": t.features_.idf_, "coef": t.model_.coef_, "intercept": t.model_.intercept_}
    array_meta = {}
    for name, a in arrays.items():
        a = np.asarray(a, dtype=np.float64)
        files[f"{name}.npy"] = _npy_bytes(a)
        array_meta[name] = {"file": f"{name}.npy", "dtype": "float64", "shape": list(a.shape)}
    meta = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "versions": _library_versions(),
        "labels": list(t.taxonomy_.label_ids),
        "taxonomy": t.taxonomy_.to_dict(),
        "thresholds": t.thresholds_,
        "relevance_shift": float(t.relevance_shift_),
        "threshold_source": t.threshold_source_,
        "threshold_tuning": t.threshold_tuning_,
        "params": t.get_params(),
        "features": t.features_.get_params(),
        "model": t.model_.get_params(),
        "n_features": len(t.features_.terms_),
        "rule_vote_columns": list(t.vote_columns_),
        "lead_vote_column": bool(t.lead_votes_),
        "aside_vote_column": bool(t.aside_votes_),
        "echo_vote_column": bool(t.echo_votes_),
        "rule_votes_per_match": bool(t.vote_per_match_),
        "lead_quotation": bool(t.lead_quotation_),
        "rules_sha256": t.rules_.sha256(),
        "training": getattr(t, "training_info_", {}) | {"summary": t.training_summary_},
        "metrics": {"cross_validation": t.cv_metrics_},
        "arrays": array_meta,
        "sha256": {name: _sha(b) for name, b in sorted(files.items())},
    }
    files[METADATA] = _json_bytes(meta)
    return files


def save_model(t: Any, path: str | Path) -> Path:
    """Write a model directory atomically; an existing model at ``path`` is replaced only
    once the new one is complete."""
    files = model_files(t)
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise ModelFileError(f"{target}: exists and is not a directory")
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
    try:
        os.chmod(tmp, 0o755)
        for name, data in files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            old.rmdir()
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _read(d: Path, name: str) -> bytes:
    p = d / name
    if p.exists() and not p.is_file():  # e.g. a directory, or a symlink to /dev/zero or a FIFO
        raise ModelFileError(f"{d}: model file {name!r} is not a regular file")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise ModelFileError(f"{d}: model file {name!r} is missing") from None
    except OSError as exc:
        raise ModelFileError(f"{d}: cannot read {name!r}: {exc.strerror}") from None


def _check_no_pickles(d: Path) -> None:
    for p in sorted(d.iterdir()):
        if p.suffix.lower() in _PICKLE_SUFFIXES:
            raise ModelFileError(f"{d}: refusing to load: contains {p.name!r}, a pickle-like file that this format never uses")
        if p.is_file():
            with p.open("rb") as fh:
                head = fh.read(2)
            if len(head) == 2 and head[0] == 0x80 and head[1] <= 5:
                raise ModelFileError(f"{d}: refusing to load: {p.name!r} looks like a pickle stream")


def _load_array(d: Path, name: str, blob: bytes, shape: Any) -> np.ndarray:
    """A float64 array from ``.npy`` bytes, after checking its header against the
    metadata ``shape`` and its length against the header (so a hostile header cannot
    make us allocate memory for data that is not there). Never unpickles."""
    from numpy.lib import format as npy

    if not (isinstance(shape, list) and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)):
        raise ModelFileError(f"{d}: metadata gives no valid shape for {name}: {shape!r}")
    buf = io.BytesIO(blob)
    try:
        major, _minor = npy.read_magic(buf)
        if major == 1:
            h_shape, fortran, dtype = npy.read_array_header_1_0(buf)
        elif major == 2:
            h_shape, fortran, dtype = npy.read_array_header_2_0(buf)
        else:
            raise ValueError(f"unsupported .npy version {major}")
    except (ValueError, EOFError, SyntaxError) as exc:
        raise ModelFileError(f"{d}: {name} is not a valid array file ({exc})") from None
    if dtype != np.dtype("<f8") or list(h_shape) != shape or fortran:
        raise ModelFileError(f"{d}: {name} has dtype {dtype} shape {list(h_shape)}, metadata says float64 {shape}")
    expected = 8 * math.prod(shape)
    if len(blob) - buf.tell() != expected:
        raise ModelFileError(
            f"{d}: {name} is truncated or has extra data ({len(blob) - buf.tell()} data bytes, expected {expected})"
        )
    try:
        return np.load(io.BytesIO(blob), allow_pickle=False)
    except (ValueError, EOFError) as exc:  # pragma: no cover - the checks above make this unreachable
        raise ModelFileError(f"{d}: {name} is not a valid array file ({exc})") from None


def read_metadata(path: str | Path) -> dict[str, Any]:
    """Read and check ``model.json`` only (cheap: used by ``tagger info``)."""
    d = Path(path)
    if not d.exists():
        raise ModelFileError(f"{d}: model directory not found")
    if not d.is_dir():
        raise ModelFileError(f"{d}: a model is a directory (with {METADATA}), got a file")
    _check_no_pickles(d)
    try:
        meta = json.loads(_read(d, METADATA).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{d}: {METADATA} is not valid JSON ({exc})") from None
    except RecursionError:
        raise ModelFileError(f"{d}: {METADATA} is nested too deeply to be tagger model metadata") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ModelFileError(f"{d}: {METADATA} is not tagger model metadata")
    v = meta.get("format_version")
    if not isinstance(v, int) or isinstance(v, bool):
        raise ModelFileError(f"{d}: {METADATA} has no valid format_version")
    if v > FORMAT_VERSION:
        raise ModelFileError(f"{d}: saved with model format {v}, newer than this tagger reads ({FORMAT_VERSION}); upgrade tagger")
    if v not in READABLE_FORMATS:
        raise ModelFileError(f"{d}: model format {v} is not supported (this tagger reads formats {list(READABLE_FORMATS)})")
    return meta


def _recorded_since(d: Path, meta: dict[str, Any], key: str, since: int, before: Any) -> Any:
    """``meta[key]``, which every model of format ``since`` or later must record
    (:class:`ModelFileError` naming ``key`` if it does not); ``before`` for older formats,
    which behaved that way without recording it."""
    v = meta["format_version"]
    if v < since:
        return before
    if key not in meta:
        raise ModelFileError(f"{d}: {METADATA} of a format {v} model has no {key}")
    return meta[key]


def load_model(path: str | Path) -> Any:
    """Load a model directory into a fitted :class:`~tagger.pipeline.Tagger`."""
    from .pipeline import Tagger

    d = Path(path)
    meta = read_metadata(d)
    v = meta["format_version"]
    try:
        hashes = meta["sha256"]
        blobs = {}
        for name in (*JSON_FILES, *(f"{a}.npy" for a in ARRAYS)):
            b = _read(d, name)
            if _sha(b) != hashes.get(name):
                raise ModelFileError(f"{d}: {name} does not match the hash recorded at save time (corrupted or modified)")
            blobs[name] = b
        arrays = {}
        for a in ARRAYS:
            arr = _load_array(d, f"{a}.npy", blobs[f"{a}.npy"], meta["arrays"][a]["shape"])
            if not np.isfinite(arr).all():
                raise ModelFileError(f"{d}: {a}.npy contains NaN or infinite values")
            arrays[a] = arr
        terms = json.loads(blobs["vocabulary.json"].decode("utf-8"))
        if not isinstance(terms, list) or not all(isinstance(x, str) for x in terms):
            raise ModelFileError(f"{d}: vocabulary.json must be a list of strings")
        taxonomy = Taxonomy.from_dict(meta["taxonomy"], source=d / METADATA)
        rules = RuleSet.from_list(json.loads(blobs["rules.json"].decode("utf-8")), source=d / "rules.json")
        labels = list(taxonomy.label_ids)
        n_feat = len(terms)
        vote_columns = tuple(meta.get("rule_vote_columns", ()))
        lead = meta.get("lead_vote_column", False)
        aside = meta.get("aside_vote_column", False)
        echo = _recorded_since(d, meta, "echo_vote_column", 8, before=False)  # formats 1 to 7 have no echo column
        # formats 1 to 4 counted every match of a rule
        per_match = _recorded_since(d, meta, "rule_votes_per_match", 5, before=True)
        # formats 1 to 6 end the lead at the first sentence, quotation or not
        quotation = _recorded_since(d, meta, "lead_quotation", 7, before=False)
        for key, flag in (
            ("lead_vote_column", lead),
            ("aside_vote_column", aside),
            ("echo_vote_column", echo),
            ("rule_votes_per_match", per_match),
            ("lead_quotation", quotation),
        ):
            if not isinstance(flag, bool):
                raise ModelFileError(f"{d}: {key} in {METADATA} must be true or false, got {flag!r}")
        if (
            meta["labels"] != labels
            or not set(vote_columns) <= set(labels)
            or arrays["coef"].shape != (len(labels), n_feat + len(vote_columns) + lead + aside + echo)
            or arrays["idf"].shape != (n_feat,)
            or arrays["intercept"].shape != (len(labels),)
        ):
            raise ModelFileError(f"{d}: array shapes do not agree with {len(labels)} labels and {n_feat} vocabulary terms")
        thresholds = {lab: float(meta["thresholds"][lab]) for lab in labels}
        bad = {lab: v for lab, v in thresholds.items() if not 0.0 <= v <= 1.0}  # also catches NaN
        if bad:
            raise ModelFileError(f"{d}: thresholds must be in [0, 1], got {bad}")
        params = dict(meta["params"])
        if not lead:  # format 1 files have no lead column (nor the parameter)
            params["lead_rule_scale"] = 0.0
        if not aside:  # formats 1 to 3 have no aside column (nor the parameter)
            params["aside_rule_scale"] = 0.0
        if not echo:  # formats 1 to 7 have no echo column (nor the parameter)
            params["echo_rule_scale"] = 0.0
        params["vote_per_match"] = per_match  # formats 1 to 4 counted every match (and lack the parameter)
        if v < 6:  # formats 1 to 5 read no paragraph in its article's context (and lack the parameter)
            params["context_margin"] = None
        elif "context_margin" not in params:
            raise ModelFileError(f"{d}: {METADATA} of a format {v} model has no params.context_margin")
        if v >= 3:
            if "relevance_shift" not in meta:
                raise ModelFileError(f"{d}: {METADATA} of a format {v} model has no relevance_shift")
            shift = meta["relevance_shift"]
            if not (isinstance(shift, (int, float)) and not isinstance(shift, bool) and 0.0 <= shift < float("inf")):
                raise ModelFileError(f"{d}: relevance_shift in {METADATA} must be a number >= 0, got {shift!r}")
        else:  # formats 1 and 2 have no relevance shift (nor the parameter)
            shift = 0.0
            params["unanchored_precision"] = None
        params["ngram_range"] = tuple(params["ngram_range"])
        feat_params = dict(meta["features"])
        feat_params["ngram_range"] = tuple(feat_params["ngram_range"])
        if feat_params["ngram_range"] != params["ngram_range"]:
            raise ModelFileError(f"{d}: feature n-gram range {feat_params['ngram_range']} disagrees with {params['ngram_range']}")
        t = Tagger(rules=rules, taxonomy=taxonomy, **params)
        try:
            t._validate_params()
        except InputValueError as exc:
            raise ModelFileError(f"{d}: invalid parameters in {METADATA}: {exc}") from None
        t.taxonomy_ = taxonomy
        t.rules_ = rules
        t.features_ = TfidfFeatures.from_state(feat_params, terms, arrays["idf"])
        t.model_ = LinearModel.from_state(meta["model"], arrays["coef"], arrays["intercept"])
        t.vote_columns_ = vote_columns
        t.lead_votes_ = lead
        t.aside_votes_ = aside
        t.echo_votes_ = echo
        t.vote_per_match_ = per_match
        t.lead_quotation_ = quotation
        t.thresholds_ = thresholds
        t.relevance_shift_ = float(shift)
        t.threshold_source_ = dict(meta.get("threshold_source", {}))
        t.threshold_tuning_ = dict(meta.get("threshold_tuning", {}))
        t.cv_metrics_ = dict(meta.get("metrics", {}).get("cross_validation", {}))
        t.training_summary_ = dict(meta.get("training", {}).get("summary", {}))
        t.training_info_ = {k: v for k, v in meta.get("training", {}).items() if k != "summary"}
        t.metadata_ = meta
        t._source_dir = str(d.resolve())  # lets worker processes load it themselves (n_jobs)
        return t
    except ModelFileError:
        raise
    except RecursionError:
        raise ModelFileError(f"{d}: a JSON file of the model is nested too deeply") from None
    except (KeyError, TypeError, ValueError, AttributeError, EOFError) as exc:
        raise ModelFileError(f"{d}: model metadata is incomplete or inconsistent ({type(exc).__name__}: {exc})") from None
