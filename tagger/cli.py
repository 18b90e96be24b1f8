"""The ``tagger`` command: a thin layer over the Python API.

Errors the user can fix (bad files, bad model directories, bad arguments) print one
line ``tagger: error: ...`` on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import DataFileError, TaggerError
from .io import atomic_output, check_output_path

logger = logging.getLogger("tagger.cli")

EPILOG_TAG = """\
inputs (several may be given, read in order):
  FILE.jsonl   one JSON object per line with the text (--text-field, default "text")
               and an optional id (--id-field, default "id"; else the line number);
               each tagged as one unit, or as an article with --articles.
  FILE.csv/.tsv  a header row, then one row per unit; same --text-field/--id-field
               (the id defaults to the line on which the row starts).
  FILE.txt/.md/.html  one article per file (HTML reduced to its visible text):
               split into paragraphs, tagged, rolled up to article level.
  FOLDER       every .txt/.md/.html file inside, recursively (hidden ones skipped).
  -            standard input, JSONL unless --input-format says otherwise.
outputs: one record per unit (or per paragraph with --paragraphs), as
  JSONL        id, relevant, relevance, themes, scores, evidence (articles also
               theme_paragraphs and n_paragraphs; paragraphs: paragraph, start, end);
  CSV/TSV      id, [paragraph], kept columns, relevant, relevance, themes (";"-separated),
               then one probability column per theme;
  table        a readable table (the default when stdout is a terminal; * = assigned).
  One .txt/.md/.html file alone gives a readable article summary (--json: full JSON).
Bad records (not JSON, no text, text not a string) stop the run with file:line;
everything before them has been written. --skip-errors reports them and goes on.

examples:
  tagger tag examples/article.txt
  tagger tag news.jsonl -o tagged.jsonl
  tagger tag scraped-articles.jsonl --articles -o tagged.csv
  tagger tag articles/ -o tagged.csv --jobs 2
  tagger tag export.csv --text-field body --id-field url --keep-columns title,date -o tagged.csv
  cat news.jsonl | tagger tag - --model my-model/
"""

EPILOG_REPORT = """\
Every input unit (a JSONL/CSV record or an article file) is shown as an article:
its themes with scores, then its paragraphs with the evidence highlighted -- rule
hits as a background in the theme's colour, the terms that weighed most as a
coloured underline -- and a colour legend. At the top: articles per theme as a bar
chart and an index. The page needs no network and runs no script; all input text
is escaped.

examples:
  tagger report articles/ -o report.html
  tagger report news.jsonl --text-field body -o report.html --limit 200
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
model and the rules alone side by side. Article files, one article per line as
{"paragraphs":[{"text","relevant","themes"}, ...]} (article-level "relevant" and
"themes" optional: else rolled up from the paragraphs), are scored as multi-label
on what tag_article decides for each whole article.

example:
  tagger evaluate ../shared/data/dev/*.jsonl --compare my-model/
"""

EPILOG_RULES = """\
Diagnostics of the labelling rules (those stored in the model, or --rules FILE):

  report         per rule: coverage (share of texts it fires on), sole firings,
                 overlaps and span conflicts with other rules, agreement with the
                 model, and with --gold its precision, false positives and the gold
                 positives it misses; per label: coverage of the rule set and, with
                 --gold, the weak labels' precision/recall and uncovered positives.
                 Without --corpus/--gold the seed corpus (seeds/corpus) is the gold.
  disagreements  texts where the model and the rules disagree, most confident first:
                 model-only labels (generalisation) and rule-only labels the model
                 rejects (rules that may be too loose).
  suggest        per label, terms with high model weight that no rule of the label
                 matches: candidates for new keywords.

Definitions (overlap, span conflict, gold conflict, gated, confidence) are in the
README section "The labelling loop" and in tagger/diagnostics.py.

examples:
  tagger rules report --gold my-gold.jsonl --corpus news.jsonl
  tagger rules report --rules seeds/rules.toml --gold my-gold.jsonl --json > report.json
  tagger rules disagreements news.jsonl -n 30
  tagger rules suggest --corpus news.jsonl -k 15
"""

EPILOG_SUGGEST_LABELS = """\
Picks the N texts whose labels should teach the model most: uncertainty near the
per-label thresholds, plus a bonus where the model and the rules disagree, with a
diversity penalty (near-duplicates of picked texts are pushed down). Output: JSONL in
the gold format, ready to label:

  {"id": ..., "text": ..., "relevant": null, "themes": [],
   "hints": {"priority", "relevance", "scores", "model_themes", "rule_relevant",
             "rule_themes", "rules", "reason"}}

Set "relevant" to true/false and list the themes (hints are ignored by training), then
  tagger retrain --out my-model --labelled OUT.jsonl
A line left with "relevant": null is reported as not labelled yet.

example:
  tagger suggest-labels news.jsonl -n 50 -o to-label.jsonl --exclude my-gold.jsonl
"""

EPILOG_RETRAIN = """\
Trains a new model with an existing model's configuration (its rules, taxonomy and
parameters, the seed corpus and the labelled/unlabelled files it was trained with)
plus the new files. The existing model directory is not modified.

example:
  tagger retrain --out my-model-2 --model my-model --labelled new-gold.jsonl
  tagger evaluate held-out.jsonl --model my-model-2 --compare my-model
"""


def _model(path: str | None) -> Any:
    from .api import load

    return load(path)


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
        elif r.in_context:
            head += " (relevant in the context of the article)"
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


def _progress(args: argparse.Namespace) -> Any:
    """A tqdm bar on stderr when stderr is a terminal (and tqdm is installed), else None."""
    if args.quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    try:
        sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except (OSError, ValueError):
        sized = False
    # a terminal that reports no size (0 columns) would get an empty bar: use 80 there
    return tqdm(total=None, unit=" units", file=sys.stderr, dynamic_ncols=sized, ncols=None if sized else 80, leave=True)


def _resolve_output_format(args: argparse.Namespace) -> str | None:
    """--format, else the -o extension, else JSONL (a table when stdout is a terminal)."""
    from .bulk import output_format_of

    if args.format:
        return str(args.format)
    if args.json:
        return "jsonl"
    if args.output and args.output != "-":
        return output_format_of(args.output)
    return "table" if sys.stdout.isatty() else "jsonl"


def _tag_one_article(t: Any, path: str, args: argparse.Namespace) -> int:
    """The readable (or --json) summary of one article file."""
    from .bulk import json_line
    from .sources import BadRecord, format_of, read_article

    item = read_article(path, format_of(path) or "txt")
    if isinstance(item, BadRecord):
        raise item.error
    res = t.tag_article(item.text)
    text = json_line({"id": Path(path).name, **res.to_dict()}) if args.json else _format_article(path, res, t.taxonomy_)
    if args.output and args.output != "-":
        with atomic_output(args.output) as fh:
            fh.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _skip_reporter(shown_max: int = 20) -> Callable[[DataFileError], None]:
    """``--skip-errors``: one stderr warning per skipped record, the first ``shown_max``."""
    shown = 0

    def on_error(err: DataFileError) -> None:
        nonlocal shown
        shown += 1
        if shown <= shown_max:
            print(f"tagger: warning: skipped {err}", file=sys.stderr)
        elif shown == shown_max + 1:
            print("tagger: warning: more bad records skipped (not shown)", file=sys.stderr)

    return on_error


def _check_not_an_input(output: str | None, inputs: Sequence[tuple[str, str]]) -> None:
    if not output or output == "-":
        return
    o = Path(output).resolve()
    for p, fmt in inputs:
        if p != "-" and (o == Path(p).resolve() or (fmt == "dir" and Path(p).resolve() in o.parents)):
            raise TaggerError(f"{output}: output would overwrite or sit inside an input ({p})")


def cmd_tag(args: argparse.Namespace) -> int:
    from .bulk import OutputOptions, tag_items
    from .sources import ARTICLE_FORMATS, check_inputs, iter_items

    inputs = check_inputs(args.inputs, args.input_format)
    if args.output and args.output != "-":
        check_output_path(args.output)  # before the model is loaded
    fmt = _resolve_output_format(args)
    single_article = len(inputs) == 1 and inputs[0][1] in ARTICLE_FORMATS
    from .bulk import output_format_of

    chosen = args.format or (args.output and args.output != "-" and output_format_of(args.output))
    if single_article and not args.paragraphs and not chosen:
        return _tag_one_article(_model(args.model), inputs[0][0], args)
    if fmt is None:
        raise TaggerError(
            f"{args.output}: cannot tell the output format from the extension; use .jsonl, .csv or .tsv, or --format"
        )
    _check_not_an_input(args.output, inputs)
    keep = tuple(k.strip() for k in (args.keep_columns or "").split(",") if k.strip())
    opts = OutputOptions(fmt=fmt, paragraphs=args.paragraphs, keep=keep, articles=args.articles)
    model = _model(args.model)
    opts.check(model.theme_ids)
    items = iter_items(inputs, args.text_field, args.id_field, keep)
    on_error = _skip_reporter()
    bar = _progress(args)

    def progress(units: int, texts: int) -> None:
        if bar is not None:
            bar.update(units)

    to_file = bool(args.output and args.output != "-")
    if not to_file:
        sys.stdout.flush()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(args.output, keep_partial=True)) if to_file else sys.stdout.buffer
        if bar is not None:
            stack.callback(bar.close)
        stats = tag_items(
            args.model if args.jobs > 1 else model,
            items,
            out,
            opts,
            jobs=args.jobs,
            batch_size=args.batch_size,
            skip_errors=args.skip_errors,
            on_error=on_error,
            progress=progress,
        )
    if stats.bad and not args.quiet:
        print(f"tagger: skipped {stats.bad} bad record(s)", file=sys.stderr)
    if stats.unsupported and not args.quiet:
        print(
            f"tagger: {stats.unsupported} text(s) do not look like English: not tagged as relevant, no themes "
            "(language_supported=false in the output)",
            file=sys.stderr,
        )
    logger.info("tagged %d units (%d paragraphs), wrote %d records", stats.units, stats.paragraphs, stats.records)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report
    from .sources import check_inputs, iter_items

    inputs = check_inputs(args.inputs, args.input_format)
    _check_not_an_input(args.output, inputs)
    t = _model(args.model)
    on_error = _skip_reporter()
    stats = write_report(
        t,
        iter_items(inputs, args.text_field, args.id_field),
        args.output,
        title=args.title,
        limit=args.limit,
        skip_errors=args.skip_errors,
        on_error=on_error,
    )
    if not args.quiet:
        themes = ", ".join(f"{k} {v}" for k, v in stats.per_theme.items())
        print(f"wrote {args.output}: {stats.articles} article(s), {stats.relevant} relevant; {themes}", file=sys.stderr)
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
    _print_fit_summary(t, args.out)
    return 0


def _print_fit_summary(t: Any, out: Any) -> None:
    """What ``train`` and ``retrain`` report on stderr after saving."""
    s = t.training_summary_
    print(f"saved model to {out}: {s['n_examples']} examples {s['by_kind']}", file=sys.stderr)
    for lab, m in t.cv_metrics_.items():
        print(f"  {lab:<12} threshold {t.thresholds_[lab]:.2f}  cross-validated F1 {m['f1']:.3f}", file=sys.stderr)
    loose = t.threshold_tuning_.get(t.label_ids[0], {}).get("unanchored")
    if loose:
        print(f"  {t.label_ids[0]} with no {t.label_ids[0]}-rule hit: {loose['reason']}", file=sys.stderr)


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
    feats = meta["features"]
    extras = []
    if feats.get("stop_words"):
        extras.append(f"{len(feats['stop_words'])} function words dropped")
    if feats.get("stem"):
        extras.append(f"suffix stripping {feats['stem']}")
    if meta.get("rule_vote_columns"):
        each = "every match" if meta.get("rule_votes_per_match", True) else "each rule once per text"
        extras.append(f"rule-vote columns for {', '.join(meta['rule_vote_columns'])} (counting {each})")
    if meta.get("lead_vote_column"):
        extras.append(f"{meta['labels'][0]} votes in the lead")
    if meta.get("aside_vote_column"):
        extras.append(f"{meta['labels'][0]} votes in asides")
    if meta.get("echo_vote_column"):
        extras.append(f"{meta['labels'][0]} votes in sentences echoing the lead")
    print(
        f"features: {meta['n_features']} terms, n-grams {tuple(feats['ngram_range'])}"
        + "".join(f"; {e}" for e in extras)
        + f"; C={meta['model']['C']}"
    )
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


def _read_corpus(paths: Sequence[str]) -> tuple[list[str], list[Any]]:
    """Texts and ids of JSONL files; an item without ``id`` is named ``file:line``."""
    from .io import iter_jsonl, record_text

    texts: list[str] = []
    ids: list[Any] = []
    for p in paths:
        for rec in iter_jsonl(p):
            texts.append(record_text(rec))
            ids.append(rec.data.get("id", f"{Path(p).name}:{rec.line}"))
    return texts, ids


def _read_gold(paths: Sequence[str], theme_ids: Sequence[str]) -> tuple[list[Any], list[str]]:
    """Gold items of JSONL files (items without labels count as off-topic) and their names."""
    from .io import read_labelled

    items: list[Any] = []
    names: list[str] = []
    for p in paths:
        for it in read_labelled(p, theme_ids, allow_unlabelled=True):
            items.append(it)
            names.append(it.id if it.id is not None else f"{Path(p).name}:{it.line}")
    return items, names


def _rules_for(args: argparse.Namespace, t: Any) -> Any:
    """The model's rules, or those of ``--rules FILE`` (checked against the model's labels)."""
    if not getattr(args, "rules", None):
        return t.rules_
    from .rules import load_rules

    rs = load_rules(args.rules)
    rs.check_labels(t.label_ids, args.rules)
    return rs


def _min_votes(t: Any) -> float:
    return float(getattr(t, "training_info_", {}).get("weak_min_votes", 1.0))


def cmd_rules_report(args: argparse.Namespace) -> int:
    from .diagnostics import format_rules_report, rules_report

    t = _model(args.model)
    rules = _rules_for(args, t)
    corpus, _ = _read_corpus(args.corpus or [])
    if args.gold:
        gold, names = _read_gold(args.gold, t.theme_ids)
    elif not corpus:
        from .io import LabelledText
        from .training import load_seeds

        seed = load_seeds(args.seeds)
        gold = [LabelledText(e.text, e.y) for e in seed.corpus]
        names = [f"{e.source}#{i + 1}" for i, e in enumerate(seed.corpus)]
    else:
        gold, names = [], []
    rep = rules_report(
        rules, t.label_ids, corpus, gold, tagger=t, min_votes=_min_votes(t), examples=args.examples, gold_ids=names
    )
    if args.json:
        print(json.dumps(rep, indent=1, ensure_ascii=False))
    else:
        print(format_rules_report(rep), end="")
    return 0


def cmd_rules_disagreements(args: argparse.Namespace) -> int:
    from .diagnostics import disagreements, format_disagreements

    t = _model(args.model)
    texts, ids = _read_corpus(args.files)
    items = disagreements(t, texts, ids, rules=_rules_for(args, t), kind=args.kind.replace("-", "_"))
    items = items[: args.n] if args.n > 0 else items
    if args.json:
        for d in items:
            print(json.dumps(d, ensure_ascii=False))
    else:
        print(format_disagreements(items), end="")
    return 0


def cmd_rules_suggest(args: argparse.Namespace) -> int:
    from .diagnostics import format_terms, suggest_terms

    t = _model(args.model)
    corpus, _ = _read_corpus(args.corpus or [])
    sugg = suggest_terms(t, k=args.k, rules=_rules_for(args, t), corpus=corpus)
    if args.json:
        print(json.dumps(sugg, indent=1, ensure_ascii=False))
    else:
        print(format_terms(sugg), end="")
    return 0


def _write_jsonl(path: str | None, rows: Sequence[dict[str, Any]]) -> None:
    """Write JSON lines to ``path`` atomically (stdout for None/'-')."""
    from .bulk import json_line

    blob = "".join(json_line(r) for r in rows)
    if path is None or path == "-":
        sys.stdout.write(blob)
        return
    with atomic_output(path) as fh:
        fh.write(blob.encode("utf-8"))


def cmd_suggest_labels(args: argparse.Namespace) -> int:
    from .diagnostics import suggest_labels

    t = _model(args.model)
    texts, ids = _read_corpus(args.files)
    exclude: list[str] = []
    for p in args.exclude or []:
        exclude += _read_corpus([p])[0]
    rows = suggest_labels(
        t, texts, ids, n=args.n, diversity=args.diversity, exclude=exclude, rules=_rules_for(args, t), pool=args.pool
    )
    _write_jsonl(args.output, rows)
    if args.output not in (None, "-"):
        print(f"wrote {len(rows)} texts to label to {args.output}", file=sys.stderr)
    return 0


def cmd_retrain(args: argparse.Namespace) -> int:
    from ._resources import default_model_dir

    src = Path(args.model) if args.model else default_model_dir()
    if Path(args.out).resolve() == src.resolve():
        raise TaggerError(f"--out {args.out} is the model being retrained; write the new model to another directory")
    t = _model(args.model)
    params: dict[str, Any] = {}
    for name in ("C", "gold_weight", "weak_weight"):
        v = getattr(args, name)
        if v is not None:
            params[name] = v
    new = t.retrain(
        args.out,
        labelled=args.labelled or (),
        unlabelled=args.unlabelled or (),
        seeds=args.seeds,
        reuse_inputs=not args.no_reuse_inputs,
        **params,
    )
    _print_fit_summary(new, args.out)
    return 0


def _add_labelling_commands(sub: Any, fmt: Any) -> None:
    """The labelling-loop subcommands: rules report/disagreements/suggest, suggest-labels, retrain."""
    r = sub.add_parser(
        "rules",
        help="diagnose the labelling rules (report, disagreements, suggest)",
        epilog=EPILOG_RULES,
        formatter_class=fmt,
        description="Diagnostics of the labelling rules against a corpus, gold labels and the model.",
    )
    rsub = r.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND")

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
        q.add_argument("--rules", metavar="FILE", help="diagnose this rules TOML instead of the model's rules")
        q.add_argument("--json", action="store_true", help="print JSON instead of a table")

    rr = rsub.add_parser(
        "report",
        help="per-rule coverage, overlaps, conflicts, gold precision and misses",
        epilog=EPILOG_RULES,
        formatter_class=fmt,
        description="Per-rule and per-label diagnostics.",
    )
    rr.add_argument("--corpus", nargs="+", metavar="F.jsonl", help="texts for coverage (default: the gold texts)")
    rr.add_argument("--gold", nargs="+", metavar="F.jsonl", help="gold files (items without labels count as off-topic)")
    rr.add_argument("--seeds", metavar="DIR", help="seeds folder whose corpus is the gold when no --corpus/--gold")
    rr.add_argument("--examples", type=int, default=3, help="example texts listed per rule and label (default 3)")
    common(rr)
    rr.set_defaults(func=cmd_rules_report)

    rd = rsub.add_parser(
        "disagreements",
        help="texts where the model and the rules disagree, most confident first",
        epilog=EPILOG_RULES,
        formatter_class=fmt,
        description="Model-only and rule-only labels, ranked by the model's confidence.",
    )
    rd.add_argument("files", nargs="+", metavar="F.jsonl", help="JSONL texts ({'text', 'id'?})")
    rd.add_argument("-n", type=int, default=20, help="show the N most confident (0 = all; default 20)")
    rd.add_argument("--kind", choices=("both", "model-only", "rule-only"), default="both", help="which disagreements")
    common(rd)
    rd.set_defaults(func=cmd_rules_disagreements)

    rs = rsub.add_parser(
        "suggest",
        help="terms with high model weight that no rule covers",
        epilog=EPILOG_RULES,
        formatter_class=fmt,
        description="Candidate rule keywords, per label.",
    )
    rs.add_argument("-k", type=int, default=10, help="terms per label (default 10)")
    rs.add_argument("--corpus", nargs="+", metavar="F.jsonl", help="count how many of these texts contain each term")
    common(rs)
    rs.set_defaults(func=cmd_rules_suggest)

    sl = sub.add_parser(
        "suggest-labels",
        help="choose the texts to label next, written in the gold format",
        epilog=EPILOG_SUGGEST_LABELS,
        formatter_class=fmt,
        description="Active learning: the unlabelled texts whose labels would teach the model most.",
    )
    sl.add_argument("files", nargs="+", metavar="UNLABELLED.jsonl", help="JSONL texts ({'text', 'id'?})")
    sl.add_argument("-n", type=int, default=20, help="how many texts (default 20)")
    sl.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here (atomically) instead of stdout")
    sl.add_argument("--exclude", nargs="+", metavar="F.jsonl", help="texts already labelled: never suggested")
    sl.add_argument("--diversity", type=float, default=0.3, help="0 = rank by priority only; up to 1 (default 0.3)")
    sl.add_argument(
        "--pool", type=int, help="choose among the POOL most uncertain texts only (default all; with --rules, faster)"
    )
    sl.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    sl.add_argument("--rules", metavar="FILE", help="rules TOML for the disagreement bonus (default: the model's)")
    sl.set_defaults(func=cmd_suggest_labels)

    rt = sub.add_parser(
        "retrain",
        help="train a new model from an existing one's configuration plus new data",
        epilog=EPILOG_RETRAIN,
        formatter_class=fmt,
        description="Retrain a model with additional labelled (and unlabelled) data.",
    )
    rt.add_argument("--out", required=True, metavar="DIR", help="new model directory (must differ from --model)")
    rt.add_argument("--model", metavar="DIR", help="the model whose configuration to reuse (default: the shipped default)")
    rt.add_argument("--labelled", nargs="+", metavar="F.jsonl", help="additional gold-labelled JSONL files")
    rt.add_argument("--unlabelled", nargs="+", metavar="F.jsonl", help="additional unlabelled JSONL files")
    rt.add_argument("--seeds", metavar="DIR", help="seeds folder for the seed corpus (default: the one the model recorded)")
    rt.add_argument(
        "--no-reuse-inputs", action="store_true", help="do not reuse the labelled/unlabelled files the model was trained with"
    )
    rt.add_argument("--gold-weight", type=float, dest="gold_weight", help="override the weight of gold examples")
    rt.add_argument("--weak-weight", type=float, dest="weak_weight", help="override the weight of weak examples")
    rt.add_argument("--C", type=float, dest="C", help="override the inverse regularisation strength")
    rt.set_defaults(func=cmd_retrain)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    """The input options that 'tag' and 'report' share (both read inputs with tagger.sources)."""
    p.add_argument(
        "--input-format",
        choices=["jsonl", "csv", "tsv", "txt", "md", "html"],
        help="how to read stdin and files without a known extension (default: from the extension; stdin: jsonl)",
    )
    p.add_argument("--text-field", default="text", help="JSONL field / CSV column holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL field / CSV column holding the id (default: id, else the line number)")
    p.add_argument("--skip-errors", action="store_true", help="report bad records (file:line) on stderr and go on")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return n


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
        help="tag files, folders or stdin (JSONL, CSV/TSV, text, Markdown, HTML)",
        epilog=EPILOG_TAG,
        formatter_class=fmt,
        description="Tag texts with relevance and themes, with scores and evidence.",
    )
    t.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files (.jsonl, .csv, .tsv, .txt, .md, .html), folders (article files inside, recursively) or '-' for stdin",
    )
    t.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of stdout; the extension (.jsonl, .csv, .tsv) sets the format"
    )
    t.add_argument(
        "--format",
        choices=["jsonl", "csv", "tsv", "table"],
        help="output format (default: from OUT's extension; on stdout JSONL, or a table when stdout is a terminal)",
    )
    t.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    _add_input_options(t)
    t.add_argument(
        "--json", action="store_true", help="for one article file: print the full result as JSON; otherwise: JSONL output"
    )
    t.add_argument("--keep-columns", metavar="A,B", help="comma-separated JSONL fields / CSV columns to copy to the output")
    t.add_argument("--paragraphs", action="store_true", help="one record per paragraph (with the id and paragraph index)")
    t.add_argument(
        "--articles",
        action="store_true",
        help="JSONL/CSV records are articles: split each text into paragraphs, read them in context and roll up, "
        "as for .txt/.md/.html files (adds theme_paragraphs and n_paragraphs)",
    )
    t.add_argument(
        "--jobs", type=_positive_int, default=1, metavar="N", help="tag batches in N worker processes (same output, in order)"
    )
    t.add_argument("-q", "--quiet", action="store_true", help="no progress bar (shown on stderr only when it is a terminal)")
    t.add_argument("--batch-size", type=_positive_int, default=256, help="units vectorised together (default: 256)")
    t.set_defaults(func=cmd_tag)

    rp = sub.add_parser(
        "report",
        help="write a self-contained HTML report with themes, scores and highlighted evidence",
        epilog=EPILOG_REPORT,
        formatter_class=fmt,
        description="Tag inputs as articles and write one HTML page for people to read.",
    )
    rp.add_argument("inputs", nargs="+", metavar="INPUT", help="the same inputs as 'tagger tag' (files, folders, '-')")
    rp.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="the HTML file to write (replaced atomically)")
    rp.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    rp.add_argument("--title", default="Trafficking news: themes and evidence", help="the page title")
    rp.add_argument("--limit", type=_positive_int, metavar="N", help="report only the first N articles")
    _add_input_options(rp)
    rp.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    rp.set_defaults(func=cmd_report)

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
    _add_labelling_commands(sub, fmt)
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
