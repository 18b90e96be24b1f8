"""The ``tagger`` command: a thin layer over the Python API.

Errors the user can fix (bad files, bad model directories, bad arguments) print one
line ``tagger: error: ...`` on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import DataFileError, TaggerError

logger = logging.getLogger("tagger.cli")

EPILOG_TAG = """\
input kinds:
  FILE.jsonl   one JSON object per line with "text" (and optional "id");
               output: one JSON line per input with id, relevant, relevance,
               themes, scores, evidence. The id is the input's, else the line number.
  -            the same JSONL read from standard input.
  FILE.txt     one article: split into paragraphs, tagged, rolled up. Output is a
               readable summary; add --json for the full result as JSON.

examples:
  tagger tag examples/article.txt
  tagger tag news.jsonl -o tagged.jsonl
  cat news.jsonl | tagger tag - --model my-model/
"""

EPILOG_TRAIN = """\
Training data: the rules, taxonomy and hand-labelled seed corpus in seeds/, plus
  --labelled FILE.jsonl  gold labels, either {"text", "relevant": bool, "themes": [...]}
                         or {"text", "labels": [theme]} (primary theme only); gold
                         overrides other labels for the same text and weighs more;
  --unlabelled FILE.jsonl  texts ({"text"}) labelled by the rules (weak labels).
Per-theme thresholds are tuned by cross-validation when a theme has >= 10
positives among seed+gold examples, else 0.5 is kept; both are recorded.

examples:
  tagger train --out models/default            # the shipped default model
  tagger train --out my-model --labelled my-gold.jsonl --unlabelled my-news.jsonl
"""

EPILOG_EVAL = """\
Gold formats: {"text","relevant","themes"} (multi-label), {"text","labels":[theme]}
(primary theme), or items with neither (off-topic negatives: all expected not
relevant). Reports per file relevance P/R/F1, per-theme P/R/F1, micro/macro F1,
primary-theme recall and first-rank rate, or the false-positive rate, for the
model and the rules alone side by side.

example:
  tagger evaluate ../shared/data/dev/*.jsonl --compare my-model/
"""


def _model(path: str | None) -> Any:
    from .api import load

    return load(path)


def _open_out(path: str | None) -> TextIO:
    if path is None or path == "-":
        return sys.stdout
    p = Path(path)
    if p.is_dir():
        raise TaggerError(f"{p}: output is a directory, expected a file path")
    return p.open("w", encoding="utf-8")


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Where results go: stdout, or a file written atomically (a temporary sibling
    renamed into place on success), so a failure never leaves a half-written output
    nor destroys an existing file, and ``-o`` may even name the input file."""
    if path is None or path == "-":
        yield sys.stdout
        return
    p = Path(path)
    if p.is_dir():
        raise TaggerError(f"{p}: output is a directory, expected a file path")
    parent = p.absolute().parent
    if not parent.is_dir():
        raise TaggerError(f"{p}: output folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_line(obj: Any) -> str:
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


def _read_article(p: Path) -> str:
    if not p.is_file():
        raise DataFileError(p, None, "file not found" if not p.exists() else "not a regular file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DataFileError(p, None, f"cannot read: {exc.strerror}") from None
    if data[:2] == b"\x1f\x8b":
        raise DataFileError(p, None, "looks gzip-compressed; decompress it first (e.g. gunzip)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(p, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def _jsonl_units(path: str, text_field: str, id_field: str) -> Iterator[tuple[Any, str]]:
    from .io import iter_jsonl, record_text

    for rec in iter_jsonl(path):
        text = record_text(rec, text_field)
        yield rec.data.get(id_field, rec.line), text


def _format_article(name: str, res: Any, taxonomy: Any) -> str:
    def pct(x: float) -> str:
        return f"{x:.2f}"

    out = [f"Article: {name}", f"Relevant: {'yes' if res.relevant else 'no'} (relevance {pct(res.relevance)})"]
    if res.themes:
        out.append("Themes:")
        for t in res.themes:
            paras = ", ".join(str(i + 1) for i in res.theme_paragraphs[t])
            out.append(f"  {taxonomy.get(t).name:<28} {pct(res.scores[t])}  (paragraphs {paras})")
    else:
        out.append("Themes: none")
    out.append("")
    for p in res.paragraphs:
        r = p.tags
        head = ", ".join(f"{t} {pct(r.scores[t])}" for t in r.themes) or "no theme"
        if not r.language_supported:
            head += " (does not look like English: not tagged)"
        out.append(f"[{p.index + 1}] relevance {pct(r.relevance)}; {head}")
        snippet = " ".join(p.text.split())
        out.append("    " + (snippet[:160] + "..." if len(snippet) > 160 else snippet))
        hits = [h for h in r.evidence.rule_hits if h.theme == "relevance" or h.theme in r.themes]
        if hits:
            out.append("    rules: " + "; ".join(f"{h.rule} '{h.text}'" for h in hits[:8]))
        for lab, terms in r.evidence.top_terms.items():
            if terms:
                out.append(f"    terms ({lab}): " + ", ".join(f"{t} {w:.3f}" for t, w in terms))
    return "\n".join(out) + "\n"


def cmd_tag(args: argparse.Namespace) -> int:
    t = _model(args.model)
    src = args.input
    if src != "-" and Path(src).suffix.lower() in (".txt", ".md"):
        p = Path(src)
        res = t.tag_article(_read_article(p))
        with _output(args.output) as out:
            if args.json:
                out.write(_json_line({"id": p.name, **res.to_dict()}))
            else:
                out.write(_format_article(str(p), res, t.taxonomy_))
        return 0
    if src != "-" and Path(src).suffix.lower() != ".jsonl":
        raise TaggerError(
            f"{src}: unsupported input type {Path(src).suffix or '(no extension)'!r}; expected .jsonl, .txt, .md or -"
        )
    n = 0
    with _output(args.output) as out:
        units = _jsonl_units(src, args.text_field, args.id_field)
        ids: list[Any] = []

        def texts() -> Iterator[str]:
            for uid, text in units:
                ids.append(uid)
                yield text

        for i, res in enumerate(t.tag_stream(texts(), batch_size=args.batch_size)):
            out.write(_json_line({"id": ids[i], **res.to_dict()}))
            n += 1
        out.flush()
    logger.info("tagged %d units", n)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .api import train

    params: dict[str, Any] = {"random_state": args.seed}
    for name in ("C", "gold_weight", "weak_weight"):
        v = getattr(args, name)
        if v is not None:
            params[name] = v
    t = train(
        args.out,
        seeds=args.seeds,
        labelled=args.labelled or (),
        unlabelled=args.unlabelled or (),
        use_seed_corpus=not args.no_seed_corpus,
        **params,
    )
    s = t.training_summary_
    print(f"saved model to {args.out}: {s['n_examples']} examples {s['by_kind']}", file=sys.stderr)
    for lab, m in t.cv_metrics_.items():
        print(f"  {lab:<12} threshold {t.thresholds_[lab]:.2f}  cross-validated F1 {m['f1']:.3f}", file=sys.stderr)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from .api import load

    t = load(args.model)
    meta = t.metadata_
    if args.json:
        print(json.dumps(meta, indent=1, ensure_ascii=False))
        return 0
    print(
        f"model format {meta['format_version']}, tagger {meta['versions']['tagger']}, "
        f"scikit-learn {meta['versions']['scikit-learn']}, numpy {meta['versions']['numpy']}"
    )
    print(f"features: {meta['n_features']} terms, n-grams {tuple(meta['features']['ngram_range'])}; C={meta['model']['C']}")
    print("labels (threshold; how chosen; cross-validated P/R/F1):")
    for lab in meta["labels"]:
        m = meta["metrics"]["cross_validation"].get(lab, {})
        prf = "/".join(f"{m[k]:.3f}" for k in ("precision", "recall", "f1")) if m else "n/a"
        print(
            f"  {t.taxonomy_.get(lab).name:<28} {meta['thresholds'][lab]:.2f}  {prf}  [{meta['threshold_source'].get(lab, '')}]"
        )
    s = meta["training"]["summary"]
    print(f"training data: {s['n_examples']} examples {s['by_kind']}; positives {s['positives']}")
    for k, v in sorted(meta["training"].get("data_sha256", {}).items()):
        print(f"  {k}: {v[:16]}")
    print(f"rules: {len(t.rules_)} (sha256 {meta['rules_sha256'][:16]})")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_report

    t = _model(args.model)
    compare = {"compare": _model(args.compare)} if args.compare else None
    report = evaluate(args.files, t, compare=compare, rules=not args.no_rules)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(format_report(report), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tagger",
        description="Tag news about human trafficking with relevance and the 4P themes "
        "(prevention, prosecution, protection, partnership), with evidence.",
        epilog="Run 'tagger COMMAND --help' for each command's inputs, outputs and an example.",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    t = sub.add_parser(
        "tag",
        help="tag a JSONL file of units or a .txt article",
        epilog=EPILOG_TAG,
        formatter_class=fmt,
        description="Tag texts with relevance and themes, with scores and evidence.",
    )
    t.add_argument("input", metavar="INPUT", help="a .jsonl file, '-' for JSONL on stdin, or a .txt/.md article")
    t.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    t.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    t.add_argument("--json", action="store_true", help="for an article: print the full result as JSON")
    t.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    t.add_argument("--id-field", default="id", help="JSONL field holding the id (default: id)")
    t.add_argument("--batch-size", type=int, default=512, help="texts vectorised together (default: 512)")
    t.set_defaults(func=cmd_tag)

    tr = sub.add_parser(
        "train",
        help="train a model from seeds/ and optional data",
        epilog=EPILOG_TRAIN,
        formatter_class=fmt,
        description="Train a tagger model and save it to a directory.",
    )
    tr.add_argument("--out", required=True, metavar="DIR", help="model directory to write (replaced atomically)")
    tr.add_argument("--seeds", metavar="DIR", help="seeds folder (default: the packaged seeds/)")
    tr.add_argument("--labelled", nargs="+", metavar="F.jsonl", help="gold-labelled JSONL files")
    tr.add_argument("--unlabelled", nargs="+", metavar="F.jsonl", help="unlabelled JSONL files for weak labels")
    tr.add_argument(
        "--no-seed-corpus", action="store_true", help="do not use seeds/corpus (rules and taxonomy still come from seeds/)"
    )
    tr.add_argument("--gold-weight", type=float, dest="gold_weight", help="weight of gold examples (default 2.0)")
    tr.add_argument("--weak-weight", type=float, dest="weak_weight", help="weight of weakly labelled examples (default 0.5)")
    tr.add_argument("--C", type=float, dest="C", help="inverse regularisation strength (default 4.0)")
    tr.add_argument("--seed", type=int, default=0, help="random seed for cross-validation folds (default 0)")
    tr.set_defaults(func=cmd_train)

    i = sub.add_parser(
        "info",
        help="show a model's themes, thresholds, training data and metrics",
        description="Describe a model directory.",
        epilog="example:\n  tagger info --model my-model/",
        formatter_class=fmt,
    )
    i.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    i.add_argument("--json", action="store_true", help="print the full metadata as JSON")
    i.set_defaults(func=cmd_info)

    e = sub.add_parser(
        "evaluate",
        help="score a model and the rules against gold files",
        epilog=EPILOG_EVAL,
        formatter_class=fmt,
        description="Evaluate a model (and the rules alone) on gold-labelled JSONL files.",
    )
    e.add_argument("files", nargs="+", metavar="DATA.jsonl")
    e.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    e.add_argument("--compare", metavar="DIR", help="another model directory to show side by side")
    e.add_argument("--no-rules", action="store_true", help="omit the rules-alone column")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.set_defaults(func=cmd_evaluate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except TaggerError as exc:
        print(f"tagger: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        print("tagger: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"tagger: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeEncodeError as exc:
        print(
            f"tagger: error: cannot write the output in encoding {exc.encoding!r}; "
            "set PYTHONIOENCODING=utf-8 or write to a file with -o",
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # a bug: still one line (the traceback with -v)
        if args.verbose:
            logger.exception("internal error")
        print(f"tagger: internal error (please report it; -v shows details): {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
