"""Reading collections: JSONL/CSV/TSV records, article files, HTML to text, folders."""

from __future__ import annotations

import pytest

from tagger.errors import DataFileError, TaggerError
from tagger.sources import BadRecord, Unit, check_inputs, html_to_text, iter_items, read_csv, read_jsonl, walk_articles


def test_html_to_text_keeps_visible_paragraphs_and_drops_code():
    html = """<!doctype html><html><head><title>Site name</title>
    <style>p { color: red }</style><script>var s = "human trafficking";</script></head>
    <body><nav><a href="/">Home</a></nav>
    <h1>Shelter   opens</h1>
    <p>A new shelter for <b>trafficking</b> victims opened &amp; took
       in twelve people.</p><p>Line one<br>line two</p>
    <noscript>enable javascript</noscript><svg><text>chart label</text></svg>
    </body></html>"""
    text = html_to_text(html)
    assert text.split("\n\n") == [
        "Home",
        "Shelter opens",
        "A new shelter for trafficking victims opened & took in twelve people.",
        "Line one\nline two",
    ]
    for hidden in ("Site name", "color", "var s", "javascript", "chart label"):
        assert hidden not in text


def test_html_to_text_survives_malformed_markup():
    text = html_to_text("<p>first <i>unclosed<p>second</div></span> &notanentity; <script>never closed")
    assert "first unclosed" in text and "second" in text and "never closed" not in text


def test_jsonl_custom_fields_ids_and_kept_fields(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"body": "a", "url": "u1", "title": "T"}\n\n{"body": "b"}\n{"body": "c", "url": null}\n', encoding="utf-8")
    units = list(read_jsonl(str(p), text_field="body", id_field="url", keep=("title",)))
    assert [(u.id, u.text, u.line) for u in units] == [("u1", "a", 1), (3, "b", 3), (4, "c", 4)]
    assert units[0].keep == {"title": "T"} and units[1].keep == {"title": None}
    assert not any(u.article for u in units)


def test_jsonl_bad_records_are_values_with_file_and_line(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"text": "ok"}\nnot json\n{"text": 3}\n{"title": "x"}\n[1]\n\xff\xfe\n{"text": "last"}\n')
    items = list(read_jsonl(str(p)))
    assert isinstance(items[0], Unit) and isinstance(items[-1], Unit) and items[-1].line == 7
    bad = [i.error for i in items if isinstance(i, BadRecord)]
    assert [e.line for e in bad] == [2, 3, 4, 5, 6]
    assert "not valid JSON" in bad[0].problem and "must be a string" in bad[1].problem
    assert "missing field 'text'" in bad[2].problem and "JSON object" in bad[3].problem and "UTF-8" in bad[4].problem
    assert all(e.path == str(p) for e in bad)


def test_csv_quoted_newlines_ids_from_row_start_and_bom(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text('\ufefftext,title\n"one, with comma",A\n"two\nlines ""quoted""",B\nthree,C\n', encoding="utf-8")
    units = list(read_csv(str(p), keep=("title",)))
    assert [u.text for u in units] == ["one, with comma", 'two\nlines "quoted"', "three"]
    assert [u.id for u in units] == [2, 3, 5]  # the line each row starts on
    assert [u.keep["title"] for u in units] == ["A", "B", "C"]


def test_tsv_and_id_column(tmp_path):
    p = tmp_path / "in.tsv"
    p.write_text("id\ttext\nx1\thello there\n\tno id here\n", encoding="utf-8")
    units = list(read_csv(str(p), delimiter="\t"))
    assert [(u.id, u.text) for u in units] == [("x1", "hello there"), (3, "no id here")]


def test_csv_without_text_column_is_a_clear_error(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text("body,title\nx,y\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"in\.csv:1: no column 'text' \(use --text-field\)"):
        list(read_csv(str(p)))
    with pytest.raises(DataFileError, match="--keep-columns: no column"):
        list(read_csv(str(p), text_field="body", keep=("date",)))


def test_csv_row_with_wrong_field_count_is_a_bad_record(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text("text,title\nfine,A\ntoo,many,fields\nfine again,B\n", encoding="utf-8")
    items = list(read_csv(str(p)))
    assert [type(i).__name__ for i in items] == ["Unit", "BadRecord", "Unit"]
    assert items[1].error.line == 3 and "expected 2 fields" in items[1].error.problem


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path):
    for rel in ["b.txt", "a/z.md", "a/y.html", "a/.hidden.txt", ".git/x.txt", "notes.pdf", "data.jsonl", "c.HTM"]:
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("text", encoding="utf-8")
    found = [(fmt, rel) for _, fmt, rel in walk_articles(str(tmp_path))]
    assert found == [("html", "a/y.html"), ("md", "a/z.md"), ("txt", "b.txt"), ("html", "c.HTM")]


def test_iter_items_reads_several_inputs_in_order(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one.txt").write_text("Para one.\n\nPara two.", encoding="utf-8")
    (tmp_path / "d" / "two.html").write_text("<p>Hello</p><script>x</script>", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00")
    j = tmp_path / "r.jsonl"
    j.write_text('{"text": "rec"}\n', encoding="utf-8")
    inputs = check_inputs([str(j), str(tmp_path / "d"), str(tmp_path / "bin.txt")])
    assert [f for _, f in inputs] == ["jsonl", "dir", "txt"]
    items = list(iter_items(inputs))
    assert [i.text for i in items[:3]] == ["rec", "Para one.\n\nPara two.", "Hello"]
    assert [i.article for i in items[:3]] == [False, True, True]
    assert items[1].id == str(tmp_path / "d" / "one.txt")  # full path when several inputs
    assert isinstance(items[3], BadRecord) and "UTF-8" in str(items[3].error)


def test_check_inputs_fails_before_reading_anything(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text("", encoding="utf-8")
    with pytest.raises(DataFileError, match="file not found"):
        check_inputs([str(good), str(tmp_path / "missing.csv")])
    with pytest.raises(TaggerError, match="unsupported input type '.pdf'"):
        check_inputs([str(tmp_path / "x.pdf")])
    with pytest.raises(TaggerError, match="only once"):
        check_inputs(["-", "-"])
    assert check_inputs(["-"], "csv") == [("-", "csv")]
