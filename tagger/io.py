"""Reading JSONL inputs: texts to tag, unlabelled texts, and gold-labelled examples.

Every problem is reported as a :class:`~tagger.errors.DataFileError` naming the file
and line. Two gold formats are accepted (those of ``../shared/data/dev/``):

* multi-label: ``{"text": ..., "relevant": true|false, "themes": [theme ids]}``
* single primary label: ``{"text": ..., "labels": [theme id]}`` -- the text is
  relevant and carries that theme; its other themes are *unknown*, not negative.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DataFileError, TaggerError

logger = logging.getLogger(__name__)

UNKNOWN = -1


@dataclass(frozen=True)
class Record:
    """One JSONL line: where it came from and its decoded object."""

    path: str
    line: int
    data: dict[str, Any]


@dataclass(frozen=True)
class LabelledText:
    """A text with labels in model order ``[relevance, *themes]``: 1, 0 or -1 (unknown).

    ``primary`` is the theme of a single-label item (else None); ``line`` is the line
    of the file it was read from (None for in-memory items) and ``where`` is
    ``file:line`` of the item (for messages about it).
    """

    text: str
    y: tuple[int, ...]
    id: str | None = None
    primary: str | None = None
    line: int | None = None
    where: str = ""


def _open_binary(path: str | Path) -> BinaryIO:
    if str(path) == "-":
        stdin = sys.stdin.buffer
        peek = getattr(stdin, "peek", None)
        if peek is not None and peek(2)[:2] == b"\x1f\x8b":
            raise DataFileError("<stdin>", None, "looks gzip-compressed; decompress it first (e.g. zcat FILE | tagger tag -)")
        return stdin
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, None, "file not found")
    if p.is_dir():
        raise DataFileError(p, None, "is a directory, expected a file")
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise DataFileError(p, None, f"cannot open: {exc.strerror}") from None
    if fh.peek(2)[:2] == b"\x1f\x8b":
        fh.close()
        raise DataFileError(p, None, "looks gzip-compressed; decompress it first (e.g. gunzip)")
    return fh


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """Read a TOML file; ``what`` names it in the error of a missing file ("rules
    file"). Every failure is a :class:`DataFileError` naming the path: not found, a
    directory, unreadable, not UTF-8, not valid TOML."""
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, None, f"{what} not found")
    if p.is_dir():
        raise DataFileError(p, None, "is a directory, expected a file")
    try:
        with p.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise DataFileError(p, None, f"cannot open: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(p, None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(p, None, f"not valid TOML: {exc}") from None


def iter_jsonl(path: str | Path) -> Iterator[Record]:
    """Decode a JSONL file line by line (``-`` is stdin); blank lines are skipped.

    Lines are decoded one at a time, so a bad line is reported with its own number
    and nothing after it has been read. A UTF-8 byte-order mark at the start of the
    file is ignored; a last line without a final newline is read like any other.
    """
    for rec in iter_jsonl_lenient(path):
        if isinstance(rec, DataFileError):
            raise rec
        yield rec


def iter_jsonl_lenient(path: str | Path) -> Iterator[Record | DataFileError]:
    """Like :func:`iter_jsonl`, but a bad line is yielded as its :class:`DataFileError`
    and reading goes on (for callers that can skip bad records)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    fh = _open_binary(path)
    try:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield DataFileError(name, lineno, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield DataFileError(name, lineno, f"not valid JSON ({exc.msg}){_json_hint(line, lineno)}")
                continue
            except RecursionError:
                yield DataFileError(name, lineno, "JSON nested too deeply")
                continue
            if not isinstance(data, dict):
                yield DataFileError(name, lineno, f"expected a JSON object, got {type(data).__name__}")
                continue
            yield Record(name, lineno, data)
    finally:
        if str(path) != "-":
            fh.close()


def _json_hint(line: str, lineno: int) -> str:
    """A hint for the usual reasons a file of the wrong format ends up here."""
    head = line.lstrip()[:1]
    if lineno == 1 and head == "[":
        return "; this looks like a JSON array, expected JSONL: one JSON object per line"
    if lineno == 1 and head not in ("{", ""):
        return "; expected JSONL: one JSON object per line"
    if head == "{" and not line.endswith("\n"):
        return "; the last line looks truncated"
    return ""


def record_text(rec: Record, field: str = "text") -> str:
    if field not in rec.data:
        raise DataFileError(rec.path, rec.line, f"missing field {field!r}")
    value = rec.data[field]
    if value is None:
        raise DataFileError(rec.path, rec.line, f"field {field!r} is null, expected a string")
    if not isinstance(value, str):
        raise DataFileError(rec.path, rec.line, f"field {field!r} must be a string, got {type(value).__name__}")
    return value


def read_texts(path: str | Path, field: str = "text") -> list[str]:
    """The texts of a JSONL file (e.g. unlabelled news for weak labels)."""
    return [record_text(r, field) for r in iter_jsonl(path)]


def parse_labels(rec: Record, theme_ids: Sequence[str], allow_unlabelled: bool = False) -> LabelledText:
    """Read one gold item in either format into a :class:`LabelledText`."""
    text = record_text(rec)
    d = rec.data
    rid = d.get("id")
    rid = None if rid is None else str(rid)
    where = f"{rec.path}:{rec.line}"

    def check(themes: Any, field: str) -> list[str]:
        if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
            raise DataFileError(rec.path, rec.line, f"field {field!r} must be a list of theme ids")
        bad = [t for t in themes if t not in theme_ids]
        if bad:
            raise DataFileError(rec.path, rec.line, f"unknown theme id(s) {bad} in {field!r}; expected some of {list(theme_ids)}")
        return themes

    if "relevant" in d:
        rel = d["relevant"]
        if rel is None:
            raise DataFileError(
                rec.path, rec.line, "not labelled yet ('relevant' is null): set it to true or false and list its themes"
            )
        if not isinstance(rel, bool):
            raise DataFileError(rec.path, rec.line, f"field 'relevant' must be true or false, got {rel!r}")
        themes = check(d.get("themes", []), "themes")
        if themes and not rel:
            raise DataFileError(rec.path, rec.line, "an item with themes must be relevant (relevant: true)")
        y = (int(rel), *(int(t in themes) for t in theme_ids))
        return LabelledText(text, y, rid, line=rec.line, where=where)
    if "labels" in d:
        labels = check(d["labels"], "labels")
        if not labels:
            raise DataFileError(
                rec.path,
                rec.line,
                "field 'labels' is empty: list the item's primary theme first;"
                ' write an off-topic item as {"relevant": false} and a relevant item'
                ' with no theme as {"relevant": true, "themes": []}',
            )
        y = (1, *(1 if t == labels[0] else (1 if t in labels else UNKNOWN) for t in theme_ids))
        return LabelledText(text, y, rid, primary=labels[0], line=rec.line, where=where)
    if allow_unlabelled:
        return LabelledText(text, (0, *(0 for _ in theme_ids)), rid, line=rec.line, where=where)
    raise DataFileError(rec.path, rec.line, "no labels: expected 'relevant' and 'themes', or 'labels'")


def read_labelled(path: str | Path, theme_ids: Sequence[str], allow_unlabelled: bool = False) -> list[LabelledText]:
    """All gold items of a JSONL file. With ``allow_unlabelled``, items without labels
    count as off-topic (not relevant, no themes), as in ``../shared/data/negatives/``."""
    items = [parse_labels(r, theme_ids, allow_unlabelled) for r in iter_jsonl(path)]
    if not items:
        raise DataFileError(path, None, "file has no items")
    first: dict[str, str] = {}
    repeated = []
    for it in items:
        if it.id is not None:
            if it.id in first:
                repeated.append(f"{it.id!r} ({first[it.id]}, {it.where})")
            first.setdefault(it.id, it.where)
    if repeated:
        logger.warning(
            "%s: %d repeated id(s), e.g. %s; ids are not used for training (items are matched by text)",
            path,
            len(repeated),
            "; ".join(repeated[:3]),
        )
    return items


def check_output_path(path: str | Path) -> Path:
    """``path`` as a Path, after checking that a file can be written there: it is not a
    directory and its folder exists (callers check before long work, not after)."""
    target = Path(path)
    if target.is_dir():
        raise TaggerError(f"{target}: output is a directory, expected a file path")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise TaggerError(f"{target}: output folder {parent} does not exist")
    return target


@contextlib.contextmanager
def atomic_output(path: str | Path, keep_partial: bool = False) -> Iterator[BinaryIO]:
    """A binary file handle for ``path``, written through a temporary sibling that
    replaces ``path`` only when the ``with`` block succeeds, so a failure never leaves a
    half-written file nor destroys an existing one. With ``keep_partial``, a failed
    write to a path that did not exist yet still moves what was written into place
    (callers that write whole lines use it to keep the output so far)."""
    target = check_output_path(path)
    parent = target.absolute().parent
    import tempfile

    existed = target.exists()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            yield fh
    except BaseException:
        if keep_partial and not existed:
            os.replace(tmp, target)
        else:
            Path(tmp).unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
