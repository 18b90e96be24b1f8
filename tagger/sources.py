"""Reading collections to tag: JSONL, CSV/TSV, text/Markdown/HTML files, folders, stdin.

Every input is read lazily, one record at a time, as :class:`Unit` objects (something
to tag) or :class:`BadRecord` objects (a record that cannot be tagged, with file and
line). Returning bad records as values, rather than raising, lets the caller decide
whether to skip them (``--skip-errors``) or to stop after writing what came before.

Kinds of input:

* ``.jsonl``: one JSON object per line; the text and id fields are configurable.
  The id defaults to the line number.
* ``.csv`` / ``.tsv``: a header row naming the columns; the id defaults to the line
  on which the row starts. Fields may hold quoted newlines.
* ``.txt`` / ``.md`` / ``.html`` / ``.htm``: one article per file, id = the path
  (relative to the folder it was found in). HTML is reduced to text with the
  standard library's parser; scripts, styles and similar non-text elements are dropped.
* a directory: every such article file inside, recursively, in sorted order;
  hidden files and folders (names starting with ".") are skipped.
* ``-``: standard input, read as ``input_format`` (JSONL unless told otherwise).
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .errors import DataFileError, TaggerError
from .io import _open_binary, iter_jsonl_lenient

RECORD_FORMATS = ("jsonl", "csv", "tsv")
ARTICLE_FORMATS = ("txt", "md", "html")
INPUT_FORMATS = RECORD_FORMATS + ARTICLE_FORMATS
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class Unit:
    """Something to tag: an id, its text, where it came from, and columns kept from the input.

    ``article`` is True for article files (tagged as articles, rolled up from paragraphs)
    and False for records of JSONL/CSV files (each tagged as one unit).
    """

    id: Any
    text: str
    source: str
    line: int | None = None
    article: bool = False
    keep: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot be tagged, with the reason (``error`` names file and line)."""

    error: DataFileError


Item = Unit | BadRecord


def format_of(path: str | Path) -> str | None:
    """The input format implied by a file name's extension, or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


# ------------------------------------------------------------------------ HTML
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "title", "iframe", "object", "canvas", "select"}
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead",
        "tbody", "tfoot", "caption", "figure", "figcaption", "hr", "address", "form", "fieldset", "details",
        "summary", "body", "html", "head",
    }
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID_TAGS:
                self.skip.append(tag)
            return
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag == "br":
            self.parts.append("\n")
        elif not self.skip and tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def html_to_text(html: str) -> str:
    """Visible text of an HTML document: paragraphs (block elements) separated by blank
    lines, ``<br>`` as a line break, entities decoded; scripts, styles, ``<title>`` and
    other non-text elements dropped. Malformed HTML is read as well as possible."""
    p = _TextExtractor()
    p.feed(html)
    p.close()
    paras = []
    for block in _PARA_BREAK.split("".join(p.parts)):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paras.append(text)
    return "\n\n".join(paras)


# ------------------------------------------------------------------------ readers
def _check_keep(keep: Sequence[str], available: Iterable[str] | None, name: str) -> None:
    if available is None:
        return
    have = set(available)
    missing = [k for k in keep if k not in have]
    if missing:
        raise DataFileError(name, None, f"--keep-columns: no column(s) {missing}; columns are {sorted(have)}")


def _field_text(value: Any, name: str, line: int, text_field: str) -> str | DataFileError:
    if value is None:
        return DataFileError(name, line, f"missing field {text_field!r}")
    if not isinstance(value, str):
        return DataFileError(name, line, f"field {text_field!r} must be a string, got {type(value).__name__}")
    return value


def read_jsonl(path: str, text_field: str = "text", id_field: str = "id", keep: Sequence[str] = ()) -> Iterator[Item]:
    """Records of a JSONL file (``-`` for stdin); blank lines are skipped."""
    for rec in iter_jsonl_lenient(path):
        if isinstance(rec, DataFileError):
            yield BadRecord(rec)
            continue
        data, name, lineno = rec.data, rec.path, rec.line
        text = _field_text(data.get(text_field), name, lineno, text_field)
        if isinstance(text, DataFileError):
            yield BadRecord(text)
            continue
        uid = data.get(id_field, lineno)
        if uid is None or isinstance(uid, (dict, list)):
            uid = lineno
        yield Unit(uid, text, name, lineno, False, {k: data.get(k) for k in keep})


def _raise_csv_limit() -> None:
    limit = sys.maxsize
    while True:  # the C long may be smaller than sys.maxsize
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def read_csv(
    path: str, text_field: str = "text", id_field: str = "id", keep: Sequence[str] = (), delimiter: str = ","
) -> Iterator[Item]:
    """Rows of a CSV/TSV file with a header row (``-`` for stdin)."""
    name = "<stdin>" if path == "-" else path
    _raise_csv_limit()
    fh = _open_binary(path)
    text_io = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text_io, delimiter=delimiter, strict=False)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataFileError(name, 1, f"cannot read the header row ({exc})") from None
        if header is None:
            return
        if text_field not in header:
            raise DataFileError(name, 1, f"no column {text_field!r} (use --text-field); columns are {header}")
        _check_keep(keep, header, name)
        ti = header.index(text_field)
        ii = header.index(id_field) if id_field in header else None
        ki = [header.index(k) for k in keep]
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                raise DataFileError(name, start, f"not valid UTF-8 ({exc.reason}); the rest of the file cannot be read") from None
            except csv.Error as exc:
                yield BadRecord(DataFileError(name, start, f"not valid CSV ({exc})"))
                continue
            if not row or (len(row) == 1 and not row[0].strip() and len(header) > 1):
                continue
            if len(row) != len(header):
                yield BadRecord(DataFileError(name, start, f"expected {len(header)} fields like the header, got {len(row)}"))
                continue
            uid: Any = row[ii] if ii is not None and row[ii] != "" else start
            yield Unit(uid, row[ti], name, start, False, {k: row[j] for k, j in zip(keep, ki, strict=True)})
    finally:
        text_io.detach()
        if path != "-":
            fh.close()


def read_article(path: str, fmt: str, uid: str | None = None) -> Item:
    """One article file as a :class:`Unit` (HTML reduced to text)."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with _open_binary(path) as fh:
                raw = fh.read()
    except DataFileError as exc:
        return BadRecord(exc)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return BadRecord(DataFileError(name, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})"))
    if "\x00" in text:
        return BadRecord(DataFileError(name, None, "contains NUL bytes; is it a binary file?"))
    if fmt == "html":
        text = html_to_text(text)
    return Unit(uid if uid is not None else name, text, name, None, True)


def walk_articles(root: str) -> Iterator[tuple[str, str, str]]:
    """``(path, format, id)`` of every article file under ``root``, recursively, in the
    order of their relative paths (files and folders sorted by name at each level);
    hidden files and folders are skipped; symbolic links to folders are not followed."""

    def walk(folder: str) -> Iterator[tuple[str, str, str]]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise DataFileError(folder, None, f"cannot list folder: {exc.strerror}") from None
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                yield from walk(e.path)
            elif e.is_file():
                fmt = format_of(e.name)
                if fmt in ARTICLE_FORMATS:
                    yield e.path, fmt, Path(os.path.relpath(e.path, root)).as_posix()

    yield from walk(root)


def check_inputs(paths: Sequence[str], input_format: str | None = None) -> list[tuple[str, str]]:
    """Resolve each input to ``(path, format)`` (format ``"dir"`` for a folder) before any
    reading, so that a typo in the last of several paths fails before output starts."""
    if not paths:
        raise TaggerError("no input given")
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise TaggerError(f"unknown input format {input_format!r}; expected one of {list(INPUT_FORMATS)}")
    if list(paths).count("-") > 1:
        raise TaggerError("'-' (standard input) can be given only once")
    out = []
    for p in paths:
        if p == "-":
            out.append((p, input_format or "jsonl"))
            continue
        path = Path(p)
        if path.is_dir():
            out.append((p, "dir"))
            continue
        fmt = input_format or format_of(p)
        if fmt is None:
            raise TaggerError(
                f"{p}: unsupported input type {path.suffix or '(no extension)'!r}; expected .jsonl, .csv, .tsv, "
                ".txt, .md, .html, a folder or - (or say which with --input-format)"
            )
        if not path.exists():
            raise DataFileError(p, None, "file not found")
        if not path.is_file():
            raise DataFileError(p, None, "not a regular file")
        out.append((p, fmt))
    return out


def iter_items(
    inputs: Sequence[tuple[str, str]],
    text_field: str = "text",
    id_field: str = "id",
    keep: Sequence[str] = (),
) -> Iterator[Item]:
    """Every record of every input (as resolved by :func:`check_inputs`), in order."""
    for path, fmt in inputs:
        if fmt == "jsonl":
            yield from read_jsonl(path, text_field, id_field, keep)
        elif fmt in ("csv", "tsv"):
            yield from read_csv(path, text_field, id_field, keep, "," if fmt == "csv" else "\t")
        elif fmt == "dir":
            for full, afmt, rel in walk_articles(path):
                yield read_article(full, afmt, rel if len(inputs) == 1 else full)
        else:
            yield read_article(path, fmt)
