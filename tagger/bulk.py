"""Tagging whole collections: batches in, whole lines out, optionally in worker processes.

:func:`tag_items` reads :class:`~tagger.sources.Unit` records lazily, tags them in
batches (one vectorisation per batch, however many paragraphs it holds), formats each
batch as complete output lines (JSONL, CSV, TSV or a readable table) and writes and
flushes them batch by batch. Memory is bounded by the batch size, output starts after
the first batch, and a failure leaves only whole lines behind.

With ``jobs > 1`` batches are tagged and formatted in joblib worker processes, each of
which loads the model once; results come back in input order, so the output is
byte-for-byte the same as the serial one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DataFileError, InputValueError, check_positive_int
from .paragraphs import Paragraph, split_paragraphs
from .sources import BadRecord, Item, Unit
from .tags import ArticleResult, TagResult, article_result

logger = logging.getLogger(__name__)

OUTPUT_FORMATS = ("jsonl", "csv", "tsv", "table")
_OUT_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv"}
BASE_COLUMNS = (
    "id",
    "paragraph",
    "start",
    "end",
    "relevant",
    "relevance",
    "themes",
    "scores",
    "evidence",
    "theme_paragraphs",
    "n_paragraphs",
)


def output_format_of(path: str | Path) -> str | None:
    """The output format implied by a file name's extension, or None."""
    return _OUT_EXTENSIONS.get(Path(path).suffix.lower())


@dataclass(frozen=True)
class OutputOptions:
    """How records are written: ``fmt`` one of :data:`OUTPUT_FORMATS`; ``paragraphs``: one
    record per paragraph; ``keep``: input columns copied to the output; ``articles``:
    JSONL/CSV records are articles too (split into paragraphs, read in context, rolled
    up), as article files always are."""

    fmt: str = "jsonl"
    paragraphs: bool = False
    keep: tuple[str, ...] = ()
    articles: bool = False

    def check(self, theme_ids: Sequence[str]) -> None:
        if self.fmt not in OUTPUT_FORMATS:
            raise InputValueError(f"unknown output format {self.fmt!r}; expected one of {list(OUTPUT_FORMATS)}")
        taken = set(BASE_COLUMNS) | set(theme_ids)
        clash = [k for k in self.keep if k in taken]
        if clash:
            raise InputValueError(f"--keep-columns: {clash} clash with output columns {sorted(taken)}")


@dataclass
class Stats:
    """What a run did: units read, paragraphs (texts) tagged, records written, bad records."""

    units: int = 0
    paragraphs: int = 0
    records: int = 0
    bad: int = 0
    unsupported: int = 0  # texts that do not look like English (language_supported=False)


# --------------------------------------------------------------------- formatting
def _article_evidence(res: ArticleResult) -> dict[str, Any]:
    """Article-level evidence: rule hits with spans into the article (and their paragraph),
    and per assigned label the top terms of the paragraph that scored best for it."""
    rules = []
    for p in res.paragraphs:
        for h in p.tags.evidence.rule_hits:
            d = h.to_dict()
            d.update(start=p.start + h.start, end=p.start + h.end, paragraph=p.index)
            rules.append(d)
    terms: dict[str, list[dict[str, Any]]] = {}
    rel = [p for p in res.paragraphs if p.tags.relevant]
    if rel:
        best = max(rel, key=lambda p: p.tags.relevance)
        labels = [
            ("relevance", best),
            *((t, max((p for p in rel if t in p.tags.themes), key=lambda p, t=t: p.tags.scores[t])) for t in res.themes),
        ]
        for lab, p in labels:
            tt = p.tags.evidence.top_terms.get(lab, [])
            terms[lab] = [{"term": t, "weight": round(w, 6), "paragraph": p.index} for t, w in tt]
    return {"rules": rules, "terms": terms}


def _records(
    units: Sequence[Unit],
    split: Sequence[list[Paragraph] | None],
    results: Sequence[TagResult],
    paragraphs: bool,
    theme_ids: Sequence[str],
) -> Iterator[tuple[Unit, dict[str, Any]]]:
    """Pair each output record with its unit; ``split`` holds each unit's paragraphs
    (None: tagged whole) and ``results`` follow in the order texts were queued."""
    k = 0
    for u, paras in zip(units, split, strict=True):
        if paras is None:
            r = results[k]
            k += 1
            yield u, {"id": u.id, **u.keep, **r.to_dict()}
        elif paragraphs:
            for para in paras:
                r = results[k]
                k += 1
                yield u, {"id": u.id, "paragraph": para.index, "start": para.start, "end": para.end, **u.keep, **r.to_dict()}
        else:
            a = article_result(paras, results[k : k + len(paras)], theme_ids)
            k += len(paras)
            yield (
                u,
                {
                    "id": u.id,
                    **u.keep,
                    "relevant": a.relevant,
                    "relevance": a.relevance,
                    "themes": list(a.themes),
                    "scores": dict(a.scores),
                    "theme_paragraphs": {t: list(v) for t, v in a.theme_paragraphs.items()},
                    "n_paragraphs": len(paras),
                    "evidence": _article_evidence(a),
                },
            )


def _split(units: Sequence[Unit], opts: OutputOptions) -> list[list[Paragraph] | None]:
    """Each unit's paragraphs (article files, and every unit with ``opts.paragraphs`` or
    ``opts.articles``), or None for a unit tagged whole."""
    every = opts.paragraphs or opts.articles
    return [split_paragraphs(u.text) if every or u.article else None for u in units]


def columns(opts: OutputOptions, theme_ids: Sequence[str]) -> list[str]:
    """The CSV/TSV/table columns: id, [paragraph], kept columns, relevant, relevance, themes, one score per theme."""
    return ["id", *(["paragraph"] if opts.paragraphs else []), *opts.keep, "relevant", "relevance", "themes", *theme_ids]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _row(rec: dict[str, Any], cols: Sequence[str], theme_ids: Sequence[str]) -> list[str]:
    out = []
    for c in cols:
        if c == "themes":
            out.append(";".join(rec["themes"]))
        elif c in theme_ids:
            out.append(repr(float(rec["scores"][c])))
        else:
            out.append(_cell(rec.get(c)))
    return out


def _table_widths(cols: Sequence[str]) -> list[int]:
    fixed = {"id": 24, "themes": 28}
    return [fixed.get(c, max(len(c), 4)) for c in cols]


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = []
    for c, w in zip(cells, widths, strict=True):
        c = " ".join(c.split())
        parts.append((c if len(c) <= w else c[: w - 1] + "\u2026").ljust(w))
    return "  ".join(parts).rstrip() + "\n"


def header(opts: OutputOptions, theme_ids: Sequence[str]) -> str:
    """What goes before the first record: the CSV/TSV header row or the table's header."""
    cols = columns(opts, theme_ids)
    if opts.fmt in ("csv", "tsv"):
        buf = io.StringIO()
        csv.writer(buf, delimiter="," if opts.fmt == "csv" else "\t", lineterminator="\n").writerow(cols)
        return buf.getvalue()
    if opts.fmt == "table":
        widths = _table_widths(cols)
        return _table_line(cols, widths) + _table_line(["-" * w for w in widths], widths)
    return ""


def format_records(recs: Sequence[dict[str, Any]], opts: OutputOptions, theme_ids: Sequence[str]) -> str:
    """Records as complete output lines in ``opts.fmt``."""
    if opts.fmt == "jsonl":
        return "".join(json_line(r) for r in recs)
    cols = columns(opts, theme_ids)
    if opts.fmt == "table":
        widths = _table_widths(cols)
        lines = []
        for r in recs:
            cells = _row(r, cols, theme_ids)
            for j, c in enumerate(cols):
                if c in theme_ids or c == "relevance":
                    v = r["scores"][c] if c in theme_ids else r["relevance"]
                    cells[j] = f"{v:.2f}" + (" *" if c in r["themes"] else "")
                elif c == "relevant":
                    cells[j] = "yes" if r["relevant"] else "no"
            lines.append(_table_line(cells, widths))
        return "".join(lines)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="," if opts.fmt == "csv" else "\t", lineterminator="\n")
    for r in recs:
        w.writerow(_row(r, cols, theme_ids))
    return buf.getvalue()


def process_batch(tagger: Any, units: Sequence[Unit], opts: OutputOptions) -> tuple[str, int, int, int]:
    """Tag a batch with one vectorisation; return (formatted lines, texts tagged, records,
    texts not in a supported language). Unsupported languages are counted here, for one
    summary at the end, rather than logged per batch."""
    split = _split(units, opts)
    groups = [[u.text] if ps is None else [p.text for p in ps] for u, ps in zip(units, split, strict=True)]
    texts = [t for g in groups for t in g]
    results = tagger._tag_checked(texts, [len(g) for g in groups]) if texts else []
    theme_ids = tagger.theme_ids
    recs = [rec for _, rec in _records(units, split, results, opts.paragraphs, theme_ids)]
    unsupported = sum(not r.language_supported for r in results)
    return format_records(recs, opts, theme_ids), len(texts), len(recs), unsupported


# ------------------------------------------------------------------------ workers
@lru_cache(maxsize=4)
def load_cached(path: str | None) -> Any:
    """Load a model once per process (worker processes keep it between batches)."""
    from .api import load

    return load(path)


def _work(model: Any, units: Sequence[Unit], opts: OutputOptions) -> tuple[str, int, int, int, int]:
    t = load_cached(model) if model is None or isinstance(model, str) else model
    return (*process_batch(t, units, opts), len(units))


# ---------------------------------------------------------------------------- run
def _batches(
    items: Iterator[Item],
    batch_size: int,
    max_chars: int,
    skip_errors: bool,
    on_error: Callable[[DataFileError], None],
    stats: Stats,
    stop: list[DataFileError],
) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    chars = 0
    for item in items:
        if isinstance(item, BadRecord):
            stats.bad += 1
            if not skip_errors:
                stop.append(item.error)
                break
            on_error(item.error)
            continue
        batch.append(item)
        chars += len(item.text)
        if len(batch) >= batch_size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def tag_items(
    model: Any,
    items: Iterator[Item],
    out: BinaryIO,
    opts: OutputOptions,
    *,
    jobs: int = 1,
    batch_size: int = 256,
    max_chars: int = 4_000_000,
    skip_errors: bool = False,
    on_error: Callable[[DataFileError], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Stats:
    """Tag ``items`` and write them to the binary stream ``out``.

    ``model`` is a fitted Tagger, or a model directory path (``None``: the default
    model) which worker processes then load once each. A bad record is passed to
    ``on_error`` and skipped when ``skip_errors``; otherwise everything before it is
    written and its :class:`DataFileError` is raised. ``progress(units, texts)`` is
    called after each batch is written.
    """
    jobs = check_positive_int("jobs", jobs)
    batch_size = check_positive_int("batch_size", batch_size)
    local = load_cached(model) if model is None or isinstance(model, str) else model
    opts.check(local.theme_ids)
    stats = Stats()
    stop: list[DataFileError] = []
    report = on_error or (lambda e: logger.warning("skipped %s", e))

    def write(text: str) -> None:
        if text:
            out.write(text.encode("utf-8", "replace"))
            out.flush()

    write(header(opts, local.theme_ids))
    batches = _batches(items, batch_size, max_chars, skip_errors, report, stats, stop)
    if jobs == 1:
        results: Iterator[tuple[str, int, int, int, int]] = (_work(local, b, opts) for b in batches)
    else:
        from joblib import Parallel, delayed

        ref = model if model is None or isinstance(model, str) else local
        results = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")(
            delayed(_work)(ref, b, opts) for b in batches
        )
    for text, n_texts, n_recs, n_unsupported, n_units in results:
        write(text)
        stats.unsupported += n_unsupported
        stats.units += n_units
        stats.paragraphs += n_texts
        stats.records += n_recs
        if progress is not None:
            progress(n_units, n_texts)
    if stop:
        raise stop[0]
    return stats


_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(obj: Any) -> str:
    """One JSON line, UTF-8 when possible; a text with lone surrogates (legal in JSON
    as ``\\ud800`` escapes, not encodable as UTF-8) is written with ASCII escapes instead.
    Characters that ``str.splitlines`` treats as line breaks are escaped too, so every
    reader sees one line per result."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, ensure_ascii=True) + "\n"
    for ch, esc in _LINE_BREAKS.items():
        if ch in line:
            line = line.replace(ch, esc)
    return line + "\n"
