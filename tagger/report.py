"""An HTML report for people: one self-contained page (no scripts, no network).

For every article: its themes with scores, and its text with the evidence highlighted
per theme -- rule hits as coloured backgrounds, the model's top terms as coloured
underlines -- with a colour legend. At the top: counts per theme over the collection
as an inline SVG bar chart, and an index linking to each article.

All text from the inputs (and from the model: rule names, terms, theme names) is
HTML-escaped; nothing from the inputs ever reaches a tag, attribute name, class or
style. The page is written to a temporary file beside the target and renamed into
place, and article sections are spooled to disk while tagging, so memory stays
bounded however large the collection.
"""

from __future__ import annotations

import html
import io
import logging
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import DataFileError, check_positive_int
from .features import TOKEN_PATTERN
from .io import atomic_output, check_output_path
from .sources import BadRecord, Item, Unit
from .tags import ArticleResult, ParagraphResult
from .text import original_span, reading_form_with_offsets

logger = logging.getLogger(__name__)

# colour per label position: relevance, then the four themes (extra themes cycle)
_PALETTE = ("#6b7280", "#16a34a", "#dc2626", "#2563eb", "#d97706", "#7c3aed", "#0d9488", "#db2777")
_TOKEN = re.compile(TOKEN_PATTERN)


def _esc(value: Any) -> str:
    """HTML-escape any value (quotes too), replacing lone surrogates that cannot be encoded."""
    s = str(value).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return html.escape(s, quote=True)


@dataclass
class ReportStats:
    """What went into a report: articles, relevant ones, articles per theme, bad records skipped."""

    articles: int = 0
    relevant: int = 0
    paragraphs: int = 0
    per_theme: dict[str, int] = field(default_factory=dict)
    bad: int = 0


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    label: int  # position in label_ids
    kind: str  # "rule" or "term"
    note: str


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where an evidence term (a word n-gram as quoted in evidence, e.g. "victims of
    trafficking") occurs in ``text``, as character spans: the same words in the same
    order, case-insensitively, whatever lies between them (spaces, hyphens, line breaks).
    Words are read as the features read them (:func:`tagger.text.reading_form`: a soft
    hyphen inside a word does not split it); spans index ``text`` as given."""
    words = [w.lower() for w in _TOKEN.findall(term)]
    if not words:
        return []
    shown = reading_form_with_offsets(text)
    src = text if shown is None else shown[0]
    toks = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(src)]
    n = len(words)
    spans = [(toks[i][0], toks[i + n - 1][1]) for i in range(len(toks) - n + 1) if [t[2] for t in toks[i : i + n]] == words]
    if shown is None:
        return spans
    return [original_span(shown[1], a, b) for a, b in spans]


def _marks(p: ParagraphResult, label_ids: Sequence[str]) -> list[_Mark]:
    pos = {lab: i for i, lab in enumerate(label_ids)}
    marks = [
        _Mark(h.start, h.end, pos[h.theme], "rule", f"rule {h.rule} ({h.theme})")
        for h in p.tags.evidence.rule_hits
        if h.theme in pos and 0 <= h.start < h.end <= len(p.text)
    ]
    for lab, terms in p.tags.evidence.top_terms.items():
        if lab not in pos or pos[lab] == 0:  # relevance terms are mostly function words: too noisy to underline
            continue
        for term, w in terms:
            for a, b in term_spans(p.text, term):
                marks.append(_Mark(a, b, pos[lab], "term", f"term '{term}' ({lab}, {w:.3f})"))
    return marks


def highlight(text: str, marks: Sequence[_Mark]) -> str:
    """``text`` as escaped HTML with each evidence span wrapped in a styled ``<mark>``.

    Overlapping spans are cut at every boundary; a piece covered by rule hits gets the
    background of the first rule's label; each label whose top term covers it adds an
    underline stripe. The tooltip lists every piece of evidence covering the piece.
    """
    if not marks:
        return _esc(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = text[a:b]
        cover = [m for m in marks if m.start <= a and b <= m.end]
        if not cover:
            out.append(_esc(seg))
            continue
        rules = sorted({m.label for m in cover if m.kind == "rule"}, key=lambda i: (i == 0, i))
        terms = sorted({m.label for m in cover if m.kind == "term"})
        classes = []
        if rules:
            classes.append(f"r{rules[0]}")
        classes.extend(f"u{i}" for i in terms[:3])
        shadows = ", ".join(f"inset 0 -{2 * (k + 1)}px 0 0 var(--c{i})" for k, i in enumerate(terms[:3]))
        style = f' style="box-shadow: {shadows}"' if shadows else ""
        note = "; ".join(dict.fromkeys(m.note for m in cover))
        out.append(f'<mark class="{" ".join(classes)}"{style} title="{_esc(note)}">{_esc(seg)}</mark>')
    return "".join(out)


def _bar_chart(stats: ReportStats, labels: Sequence[tuple[int, str, int]]) -> str:
    """A horizontal bar chart as inline SVG: one bar per (colour index, name, count)."""
    total = max(stats.articles, 1)
    row, label_w, bar_w = 26, 230, 420
    h = row * len(labels) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 120}" height="{h}" role="img" '
        f'aria-label="articles per theme">'
    ]
    for k, (ci, name, n) in enumerate(labels):
        y = 10 + k * row
        w = round(bar_w * n / total, 1)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="lbl">{_esc(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="18" class="track"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="18" fill="var(--c{ci})"/>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 15}" class="num">{n} ({100 * n / total:.0f}%)</text>')
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
:root { %(vars)s }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1f2937;
       margin: 0 auto; max-width: 980px; padding: 24px; background: #fafafa; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 0; word-break: break-all; }
.muted { color: #6b7280; } .small { font-size: 13px; }
section.box, article { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.legend span { display: inline-block; margin: 2px 14px 2px 0; }
.sw { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 5px; }
.swu { display: inline-block; width: 26px; height: 14px; vertical-align: -2px; margin-right: 5px; }
svg .lbl { font-size: 13px; fill: #374151; } svg .num { font-size: 12px; fill: #374151; } svg .track { fill: #f3f4f6; }
table.index { border-collapse: collapse; width: 100%%; font-size: 13px; }
table.index td, table.index th { text-align: left; padding: 3px 8px; border-bottom: 1px solid #f0f0f0; vertical-align: top; }
table.index td.id { word-break: break-all; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; margin: 2px 4px 2px 0; white-space: nowrap; }
.rel { font-size: 13px; margin: 6px 0 10px; }
.para { display: grid; grid-template-columns: 34px 1fr; gap: 8px; padding: 6px 0; border-top: 1px dashed #eee; }
.para .n { color: #9ca3af; font-size: 12px; text-align: right; padding-top: 3px; }
.para.off p { color: #6b7280; }
.para p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.ptags { font-size: 12px; color: #4b5563; margin-top: 2px; }
mark { background: transparent; color: inherit; padding: 0 1px; border-radius: 2px; }
%(marks)s
"""


def _css(n_labels: int) -> str:
    colours = [_PALETTE[i % len(_PALETTE)] for i in range(n_labels)]
    var = " ".join(f"--c{i}: {c};" for i, c in enumerate(colours))
    marks = "\n".join(f"mark.r{i} {{ background: {c}33; outline: 1px solid {c}88; }}" for i, c in enumerate(colours))
    return _CSS % {"vars": var, "marks": marks}


class _Writer:
    def __init__(self, tagger: Any, title: str) -> None:
        self.t = tagger
        self.labels = tuple(tagger.label_ids)
        self.themes = tuple(tagger.theme_ids)
        self.names = {lab: tagger.taxonomy_.get(lab).name for lab in self.labels}
        self.title = title

    def badge(self, lab: str, score: float) -> str:
        i = self.labels.index(lab)
        return f'<span class="badge" style="background: var(--c{i})">{_esc(self.names[lab])} {score:.2f}</span>'

    def article(self, n: int, uid: Any, res: ArticleResult) -> str:
        th = "".join(self.badge(t, res.scores[t]) for t in res.themes) or '<span class="muted">no theme</span>'
        other = ", ".join(f"{_esc(self.names[t])} {res.scores[t]:.2f}" for t in self.themes if t not in res.themes)
        rel = "relevant" if res.relevant else "not relevant"
        out = [
            f'<article id="a{n}"><h2>{_esc(uid)}</h2>',
            f'<div class="rel">{th} <span class="muted">&middot; {rel} (relevance {res.relevance:.2f})'
            + (f" &middot; other scores: {other}" if other else "")
            + "</span></div>",
        ]
        for p in res.paragraphs:
            tags = ", ".join(f"{_esc(self.names[t])} {p.tags.scores[t]:.2f}" for t in p.tags.themes)
            note = f"relevance {p.tags.relevance:.2f}" + (f"; {tags}" if tags else "")
            off = "" if p.tags.relevant else " off"
            out.append(
                f'<div class="para{off}"><div class="n">{p.index + 1}</div><div><p>{highlight(p.text, _marks(p, self.labels))}</p>'
                f'<div class="ptags">{note}</div></div></div>'
            )
        out.append("</article>\n")
        return "".join(out)

    def index_row(self, n: int, uid: Any, res: ArticleResult) -> str:
        th = "".join(self.badge(t, res.scores[t]) for t in res.themes)
        return (
            f'<tr><td>{n}</td><td class="id"><a href="#a{n}">{_esc(uid)}</a></td><td>{res.relevance:.2f}</td><td>{th}</td></tr>\n'
        )

    def head(self, stats: ReportStats) -> str:
        legend = "".join(
            f'<span><i class="sw" style="background: var(--c{i})"></i>{_esc(self.names[lab])}</span>'
            for i, lab in enumerate(self.labels)
        )
        chart = _bar_chart(
            stats,
            [(0, "Relevant", stats.relevant)]
            + [(self.labels.index(t), self.names[t], stats.per_theme.get(t, 0)) for t in self.themes],
        )
        skipped = f" &middot; {stats.bad} bad record(s) skipped" if stats.bad else ""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_esc(self.title)}</title><style>{_css(len(self.labels))}</style></head><body>\n"
            f"<h1>{_esc(self.title)}</h1>"
            f'<div class="muted">{stats.articles} article(s), {stats.paragraphs} paragraph(s), {stats.relevant} relevant{skipped}</div>\n'
            f'<section class="box"><h2>Articles per theme</h2>{chart}</section>\n'
            f'<section class="box legend"><h2>Legend</h2><div>{legend}</div><div class="small muted">'
            '<mark class="r1">highlighted background</mark>: a rule matched (colour of its theme); '
            '<span class="swu" style="box-shadow: inset 0 -3px 0 0 var(--c2)"></span>coloured underline: one of the terms that '
            "weighed most for a theme the paragraph was given. Hover a highlight for details. Greyed paragraphs are not relevant."
            "</div></section>\n"
        )


def write_report(
    tagger: Any,
    items: Iterator[Item],
    path: str | Path,
    *,
    title: str = "Trafficking news: themes and evidence",
    batch_size: int = 64,
    limit: int | None = None,
    skip_errors: bool = False,
    on_error: Callable[[DataFileError], None] | None = None,
) -> ReportStats:
    """Tag ``items`` as articles and write the HTML report to ``path`` (atomically).

    A bad record stops the report with its :class:`DataFileError` (nothing is written)
    unless ``skip_errors``, when it is passed to ``on_error`` and counted. ``limit``
    caps the number of articles shown and counted.
    """
    batch_size = check_positive_int("batch_size", batch_size)
    if limit is not None:
        limit = check_positive_int("limit", limit)
    path = check_output_path(path)  # before tagging anything
    w = _Writer(tagger, title)
    stats = ReportStats(per_theme={t: 0 for t in w.themes})
    report_error = on_error or (lambda e: logger.warning("skipped %s", e))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body, tempfile.TemporaryFile("w+", encoding="utf-8") as index:
        batch: list[Unit] = []

        def flush() -> None:
            for u, res in zip(batch, tagger._articles([u.text for u in batch]), strict=True):
                stats.articles += 1
                stats.paragraphs += len(res.paragraphs)
                stats.relevant += int(res.relevant)
                for t in res.themes:
                    stats.per_theme[t] += 1
                body.write(w.article(stats.articles, u.id, res))
                index.write(w.index_row(stats.articles, u.id, res))
            batch.clear()

        for item in items:
            if isinstance(item, BadRecord):
                stats.bad += 1
                if not skip_errors:
                    raise item.error
                report_error(item.error)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
            if limit is not None and stats.articles + len(batch) >= limit:
                break
        if batch:
            flush()
        with atomic_output(path) as fh, io.TextIOWrapper(fh, encoding="utf-8") as out:
            _assemble(out, w, stats, index, body)
    return stats


def _assemble(out: TextIO, w: _Writer, stats: ReportStats, index: TextIO, body: TextIO) -> None:
    out.write(w.head(stats))
    out.write(
        '<section class="box"><h2>Articles</h2><table class="index"><tr><th>#</th><th>id</th><th>relevance</th><th>themes</th></tr>\n'
    )
    index.seek(0)
    for line in index:
        out.write(line)
    out.write("</table></section>\n")
    body.seek(0)
    while chunk := body.read(1 << 20):
        out.write(chunk)
    out.write(
        '<p class="muted small">Made by tagger. Scores are model probabilities; themes are those above their thresholds.</p>\n'
    )
    out.write("</body></html>\n")
