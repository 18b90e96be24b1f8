"""The HTML report: highlights for a known text, summary counts, escaping of hostile input, atomic writes."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tagger.cli import main
from tagger.errors import DataFileError
from tagger.report import highlight, term_spans, write_report
from tagger.sources import check_inputs, iter_items

KNOWN = "Police arrested two men for human trafficking.\n\nThe victims were taken to a shelter by aid workers."
HOSTILE = (
    'Human trafficking </p></div><script>alert("x")</script><img src=x onerror="alert(1)">'
    "<style>body{display:none}</style> &amp; \"quotes\" 'single' <!-- comment --> ]]> \ud800 end"
)


def items_of(tmp_path: Path, recs: list[dict]) -> list:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return list(iter_items(check_inputs([str(p)])))


def test_term_spans_follow_the_feature_tokenisation():
    text = "Forced-labour cases: forced labour, FORCED  labour; forcedlabour."
    assert [text[a:b] for a, b in term_spans(text, "forced labour")] == ["Forced-labour", "forced labour", "FORCED  labour"]
    assert term_spans(text, "") == []
    assert [text[a:b] for a, b in term_spans(text, "Forced-Labour")] == ["Forced-labour", "forced labour", "FORCED  labour"]


def test_term_spans_read_past_soft_hyphens_and_ligatures_and_index_the_text_as_given():
    text = "A shel\u00adter for tra\ufb03cking victims; a shelter."
    assert [text[a:b] for a, b in term_spans(text, "shelter")] == ["shel\u00adter", "shelter"]
    assert [text[a:b] for a, b in term_spans(text, "trafficking victims")] == ["tra\ufb03cking victims"]


def test_report_highlights_rule_hits_and_terms_of_a_known_text(small_tagger, tmp_path):
    out = tmp_path / "r.html"
    stats = write_report(small_tagger, iter(items_of(tmp_path, [{"id": "known-1", "text": KNOWN}])), out)
    page = out.read_text(encoding="utf-8")
    labels = list(small_tagger.label_ids)
    # rule hits of the fixture rules, each as a mark in its label's colour class with a tooltip naming the rule
    for word, rule, lab in [
        ("arrested", "pros.arrest", "prosecution"),
        ("shelter", "prot.shelter", "protection"),
        ("human trafficking", "rel.trafficking", "relevance"),
    ]:
        # the span may be cut into pieces where term underlines start or end: join the pieces
        pieces = re.findall(
            rf'<mark class="r{labels.index(lab)}[^"]*"[^>]*title="[^"]*rule {re.escape(rule)} \({lab}\)[^"]*">([^<]*)</mark>',
            page,
        )
        assert "".join(pieces) == word
    # every assigned theme's top terms that occur in the text are underlined in its colour
    res = small_tagger.tag_article(KNOWN)
    assert res.themes, "the fixture model should give the known text a theme"
    for p in res.paragraphs:
        for t in p.tags.themes:
            for term, _ in p.tags.evidence.top_terms[t]:
                if term_spans(p.text, term):
                    assert f"term &#x27;{term}&#x27; ({t}" in page
            assert f"u{labels.index(t)}" in page
    # summary: counts and the bar chart
    assert (
        stats.articles == 1
        and stats.relevant == 1
        and stats.per_theme
        == {t: int(t in res.themes) for t in res.themes} | {t: 0 for t in small_tagger.theme_ids if t not in res.themes}
    )
    assert page.count("<svg") == 1 and "Articles per theme" in page and 'href="#a1"' in page and 'id="a1"' in page


def test_report_escapes_hostile_text_and_ids(small_tagger, tmp_path):
    out = tmp_path / "r.html"
    write_report(small_tagger, iter(items_of(tmp_path, [{"id": '<b id="x">"bad"</b>', "text": HOSTILE}])), out, title="<i>t</i>")
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b id" not in page and "<i>t</i>" not in page
    assert page.count("<style>") == 1  # only the report's own stylesheet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;!-- comment --&gt;" in page and "\ufffd end" in page  # the lone surrogate became U+FFFD


def test_report_is_self_contained(small_tagger, tmp_path):
    out = tmp_path / "r.html"
    write_report(small_tagger, iter(items_of(tmp_path, [{"text": KNOWN}])), out)
    page = out.read_text(encoding="utf-8")
    urls = re.findall(r"(?:src|href)\s*=\s*\"([^\"]*)\"", page)
    assert urls and all(u.startswith("#") for u in urls)  # only in-page links
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "<script" not in page and "@import" not in page


def test_highlight_of_overlapping_spans_keeps_the_text():
    from tagger.report import _Mark

    text = "a human trafficking <case>"
    marks = [_Mark(2, 19, 0, "rule", "r1"), _Mark(8, 19, 2, "rule", "r2"), _Mark(2, 7, 1, "term", "t")]
    out = highlight(text, marks)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert out.count("<mark") == 3  # "human", " ", "trafficking"
    assert '<mark class="r2" title="r1; r2">trafficking</mark>' in out  # a theme's rule wins over relevance


def test_bad_record_stops_the_report_and_leaves_nothing(small_tagger, tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"text": "ok"}\n{"text": 1}\n', encoding="utf-8")
    out = tmp_path / "r.html"
    with pytest.raises(DataFileError, match=r"in\.jsonl:2"):
        write_report(small_tagger, iter_items(check_inputs([str(p)])), out)
    assert list(tmp_path.iterdir()) == [p]
    stats = write_report(small_tagger, iter_items(check_inputs([str(p)])), out, skip_errors=True, on_error=lambda e: None)
    assert stats.bad == 1 and stats.articles == 1 and out.exists()


def test_report_command(small_tagger, tmp_path, capsys):
    model = tmp_path / "model"
    small_tagger.save(model)
    d = tmp_path / "news"
    d.mkdir()
    (d / "one.txt").write_text(KNOWN, encoding="utf-8")
    (d / "two.html").write_text("<p>The band played a new song.</p>", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(d), "-o", str(out), "--model", str(model), "--title", "My news"]) == 0
    assert "2 article(s), 1 relevant" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "<title>My news</title>" in page and "one.txt" in page and "two.html" in page


def test_report_reads_paragraphs_in_their_articles_context(default_tagger, tmp_path):
    from .test_pipeline import CONTEXT_LEAD, FOLLOW_ON

    article = f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}"
    want = default_tagger.tag_article(article)
    assert want.theme_paragraphs["partnership"] == [2] and want.paragraphs[2].tags.in_context  # the case in point
    stats = write_report(default_tagger, iter(items_of(tmp_path, [{"id": "a", "text": article}])), tmp_path / "r.html")
    assert stats.per_theme == {t: int(t in want.themes) for t in default_tagger.theme_ids}
    assert stats.per_theme["partnership"] == 1
