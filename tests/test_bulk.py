"""`tagger tag` on collections: every input kind, output formats, --paragraphs, --jobs,
--skip-errors, output validity after a failure, and the progress bar."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tagger.bulk import OutputOptions, tag_items
from tagger.cli import main
from tagger.errors import DataFileError, InputValueError
from tagger.sources import check_inputs, iter_items

from .test_cli import tagger_exe

ARTICLE = """Police arrested two men suspected of human trafficking in the port city.

The trafficking victims were taken to a shelter run by a charity.

The football club won its third match of the season."""

RECORDS = [
    {"id": "r1", "text": "Police arrested a recruiter accused of human trafficking.", "src": 'wire, "quoted"'},
    {"id": "r2", "text": "Trafficking victims found a shelter.\n\nThey received medical care.", "src": "line\nbreak"},
    {"id": "r3", "text": "The band played its new songs at the festival.", "src": "x"},
    {"id": "r4", "text": "Ministers signed a memorandum of understanding on human trafficking.", "src": "y"},
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, small_tagger) -> str:
    d = tmp_path_factory.mktemp("bulk") / "model"
    small_tagger.save(d)
    return str(d)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "b.md").write_text("# Shelter\n\nA shelter for trafficking victims opened.", encoding="utf-8")
    (d / "sub" / "c.html").write_text(
        "<html><head><script>var a = 'arrested';</script></head><body><p>Police arrested a trafficker.</p>"
        "<p>Aid groups run a shelter.</p></body></html>",
        encoding="utf-8",
    )
    (d / "ignored.pdf").write_bytes(b"%PDF")
    return d


def jsonl(tmp_path: Path, recs: list[dict], name: str = "in.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return p


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def tag(*args: str) -> int:
    return main(["tag", *args])


def test_folder_gives_one_article_record_per_file(model_dir, corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    assert tag(str(corpus), "-o", str(out), "--model", model_dir) == 0
    rows = rows_of(out)
    assert [r["id"] for r in rows] == ["a.txt", "sub/b.md", "sub/c.html"]
    a = rows[0]
    assert a["n_paragraphs"] == 3 and a["relevant"]
    assert set(a["theme_paragraphs"]) == set(a["themes"])
    # article-level rule evidence points into the article text
    for hit in a["evidence"]["rules"]:
        assert ARTICLE[hit["start"] : hit["end"]] == hit["text"]
    # the script of the HTML file is not text: its 'arrested' is the paragraph's, not the script's
    c = rows[2]
    assert c["n_paragraphs"] == 2
    assert [h["paragraph"] for h in c["evidence"]["rules"] if h["text"] == "arrested"] == [0]


def test_folder_to_csv_round_trip_matches_jsonl(model_dir, corpus, tmp_path):
    out_j, out_c = tmp_path / "out.jsonl", tmp_path / "out.csv"
    assert tag(str(corpus), "-o", str(out_j), "--model", model_dir) == 0
    assert tag(str(corpus), "-o", str(out_c), "--model", model_dir) == 0
    with out_c.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    expected = rows_of(out_j)
    assert list(rows[0]) == ["id", "relevant", "relevance", "themes", "prevention", "prosecution", "protection", "partnership"]
    assert len(rows) == len(expected)
    for row, exp in zip(rows, expected, strict=True):
        assert row["id"] == exp["id"]
        assert row["relevant"] == ("true" if exp["relevant"] else "false")
        assert float(row["relevance"]) == exp["relevance"]  # exact: floats are written with repr
        assert row["themes"].split(";") == exp["themes"] or (row["themes"] == "" and exp["themes"] == [])
        assert {t: float(row[t]) for t in exp["scores"]} == exp["scores"]


def test_csv_input_keeps_columns_with_commas_quotes_and_newlines(model_dir, tmp_path):
    src = tmp_path / "export.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "body", "src"])
        for r in RECORDS:
            w.writerow([r["id"], r["text"], r["src"]])
    out = tmp_path / "tagged.tsv"
    args = ["--text-field", "body", "--id-field", "url", "--keep-columns", "src", "--model", model_dir]
    assert tag(str(src), "-o", str(out), *args) == 0
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert [(r["id"], r["src"]) for r in rows] == [(r["id"], r["src"]) for r in RECORDS]
    assert list(rows[0])[:3] == ["id", "src", "relevant"]
    # the same texts from JSONL give the same scores
    out_j = tmp_path / "tagged.jsonl"
    assert tag(str(jsonl(tmp_path, RECORDS)), "-o", str(out_j), "--model", model_dir, "--keep-columns", "src") == 0
    exp = rows_of(out_j)
    assert [float(r["prosecution"]) for r in rows] == [e["scores"]["prosecution"] for e in exp]
    assert [e["src"] for e in exp] == [r["src"] for r in RECORDS]


def test_paragraphs_mode_emits_one_record_per_paragraph(model_dir, corpus, tmp_path):
    src = jsonl(tmp_path, RECORDS)
    out = tmp_path / "p.jsonl"
    assert tag(str(src), str(corpus / "a.txt"), "--paragraphs", "-o", str(out), "--model", model_dir) == 0
    rows = rows_of(out)
    assert [(r["id"], r["paragraph"]) for r in rows] == [
        ("r1", 0), ("r2", 0), ("r2", 1), ("r3", 0), ("r4", 0), (str(corpus / "a.txt"), 0), (str(corpus / "a.txt"), 1),
        (str(corpus / "a.txt"), 2),
    ]  # fmt: skip
    last = rows[-1]
    assert ARTICLE[last["start"] : last["end"]].startswith("The football club")
    assert not last["relevant"]
    art = [r for r in rows if r["id"].endswith("a.txt")]
    assert "prosecution" in art[0]["themes"] and "protection" in art[1]["themes"]


def test_stdin_jsonl_and_csv(model_dir, capsysbinary, monkeypatch):
    data = "text,id\nPolice arrested a man for human trafficking.,s1\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert tag("-", "--input-format", "csv", "--format", "csv", "--model", model_dir) == 0
    out = capsysbinary.readouterr().out.decode()
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["id"] == "s1" and "prosecution" in row["themes"].split(";")


def test_jobs_two_gives_byte_identical_output(model_dir, corpus, tmp_path):
    many = [dict(r, id=f"{r['id']}-{i}") for i in range(15) for r in RECORDS]
    src = jsonl(tmp_path, many)
    for extra in ([], ["--paragraphs"]):
        outs = []
        for jobs in ("1", "2"):
            out = tmp_path / f"out{jobs}.csv"
            assert (
                tag(str(src), str(corpus), "--jobs", jobs, "--batch-size", "7", "-o", str(out), "--model", model_dir, *extra) == 0
            )
            outs.append(out.read_bytes())
        assert outs[0] == outs[1]
        assert outs[0].count(b"\n") > len(many)  # header + all records (and more with --paragraphs? at least all)


def test_bad_record_stops_with_file_line_and_output_so_far_stays_valid(model_dir, tmp_path, capsys):
    lines = [json.dumps({"id": i, "text": f"Police arrested trafficker number {i}."}) for i in range(1, 11)]
    lines.insert(7, '{"id": 99, "text": ')  # line 8 is cut short
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert tag(str(src), "-o", str(out), "--batch-size", "3", "--model", model_dir) == 2
    err = capsys.readouterr().err
    assert f"{src}:8: not valid JSON" in err and err.count("\n") == 1
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    assert [r["id"] for r in rows_of(out)] == [1, 2, 3, 4, 5, 6, 7]  # everything before the bad line, nothing after


def test_skip_errors_reports_each_bad_record_and_goes_on(model_dir, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "Human trafficking case."}\nnot json\n{"id": "b"}\n{"id": "c", "text": ["x"]}\n{"id": "d", "text": "ok"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert tag(str(src), "--skip-errors", "-o", str(out), "--model", model_dir) == 0
    err = capsys.readouterr().err
    assert f"{src}:2: not valid JSON" in err and f"{src}:3: missing field 'text'" in err
    assert f"{src}:4: field 'text' must be a string" in err and "skipped 3 bad record(s)" in err
    assert [r["id"] for r in rows_of(out)] == ["a", "d"]


def test_skip_errors_in_folders_names_the_file(model_dir, corpus, tmp_path, capsys):
    (corpus / "broken.txt").write_bytes(b"caf\xe9 au lait")
    out = tmp_path / "o.jsonl"
    assert tag(str(corpus), "-o", str(out), "--model", model_dir) == 2
    assert f"{corpus / 'broken.txt'}: not valid UTF-8" in capsys.readouterr().err
    assert [r["id"] for r in rows_of(out)] == ["a.txt"]  # files sort: a.txt, broken.txt, sub/...
    assert tag(str(corpus), "-o", str(out), "--model", model_dir, "--skip-errors", "--quiet") == 0
    assert [r["id"] for r in rows_of(out)] == ["a.txt", "sub/b.md", "sub/c.html"]


def test_table_on_terminal_format(model_dir, tmp_path, capsysbinary):
    assert tag(str(jsonl(tmp_path, RECORDS)), "--format", "table", "--model", model_dir) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0].split()[:4] == ["id", "relevant", "relevance", "themes"]
    assert len(lines) == 2 + len(RECORDS)
    assert lines[2].startswith("r1") and "yes" in lines[2] and "*" in lines[2]
    assert lines[4].startswith("r3") and " no " in lines[4]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.xlsx"], "cannot tell the output format"),
        (["--keep-columns", "themes"], "clash with output columns"),
        (["--jobs", "0"], "expected a positive integer"),
    ],
)
def test_usage_errors(model_dir, tmp_path, capsys, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = jsonl(tmp_path, RECORDS)
    with pytest.raises(SystemExit) if "--jobs" in args else _noop():
        assert tag(str(src), "--model", model_dir, *args) == 2
    assert message in capsys.readouterr().err


class _noop:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_output_may_not_overwrite_an_input(model_dir, tmp_path, capsys):
    src = jsonl(tmp_path, RECORDS, "data.jsonl")
    before = src.read_bytes()
    assert tag(str(src), "-o", str(src), "--model", model_dir) == 2
    assert "overwrite" in capsys.readouterr().err and src.read_bytes() == before


def test_python_level_tag_items(small_tagger, tmp_path):
    src = jsonl(tmp_path, RECORDS)
    buf = io.BytesIO()
    seen = []
    stats = tag_items(small_tagger, iter_items(check_inputs([str(src)])), buf, OutputOptions("jsonl"), batch_size=3,
                      progress=lambda u, t: seen.append((u, t)))  # fmt: skip
    assert stats.units == stats.records == len(RECORDS) and stats.paragraphs == len(RECORDS)
    assert seen == [(3, 3), (1, 1)]
    assert [json.loads(x)["id"] for x in buf.getvalue().decode().splitlines()] == [r["id"] for r in RECORDS]
    with pytest.raises(InputValueError, match="jobs must be"):
        tag_items(small_tagger, iter([]), buf, OutputOptions(), jobs=0)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.jsonl:1: missing field"):
        tag_items(small_tagger, iter_items(check_inputs([str(bad)])), io.BytesIO(), OutputOptions())


def _run_with_tty_stderr(args: list[str], out_path: Path) -> tuple[int, bytes, bytes]:
    """Run the tagger command with stderr on a pseudo-terminal and stdout to a file."""
    exe = tagger_exe()
    assert exe
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    with out_path.open("wb") as out_fh:
        proc = subprocess.Popen([exe, *args], stdout=out_fh, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    err = b""
    while True:
        r, _, _ = select.select([master], [], [], 120)
        if not r:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    rc = proc.wait(timeout=120)
    os.close(master)
    return rc, out_path.read_bytes(), err


def test_progress_bar_goes_to_a_terminal_stderr_and_never_into_the_output(model_dir, tmp_path):
    pytest.importorskip("tqdm")
    src = jsonl(tmp_path, [dict(r, id=f"{r['id']}-{i}") for i in range(30) for r in RECORDS])
    rc, out, err = _run_with_tty_stderr(["tag", str(src), "--batch-size", "10", "--model", model_dir], tmp_path / "o1")
    assert rc == 0, err
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert len(rows) == 120
    assert b"120 units" in err  # the final count tqdm leaves on the terminal
    rc, out_q, err_q = _run_with_tty_stderr(["tag", str(src), "--quiet", "--model", model_dir], tmp_path / "o2")
    assert rc == 0 and out_q == out and b"units" not in err_q


def test_no_progress_bar_without_tqdm(monkeypatch):
    import argparse

    from tagger import cli

    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert cli._progress(argparse.Namespace(quiet=False)) is None


def test_stdin_html_article(model_dir, capsysbinary, monkeypatch):
    page = "<html><body><script>x()</script><p>Police arrested a man for human trafficking.</p><p>Weather was fine.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page.encode())))
    assert tag("-", "--input-format", "html", "--format", "jsonl", "--model", model_dir) == 0
    (row,) = [json.loads(x) for x in capsysbinary.readouterr().out.decode().splitlines()]
    assert row["id"] == "<stdin>" and row["n_paragraphs"] == 2 and "prosecution" in row["themes"]


def test_lone_surrogates_and_odd_text_still_give_valid_lines(model_dir, tmp_path):
    src = tmp_path / "odd.jsonl"
    src.write_text('{"id": "\\ud800x", "text": "human trafficking \\udfff\\u0000 \\u2028 end"}\n', encoding="utf-8")
    for ext in ("jsonl", "csv"):
        out = tmp_path / f"o.{ext}"
        assert tag(str(src), "-o", str(out), "--model", model_dir) == 0
        text = out.read_bytes().decode("utf-8")  # valid UTF-8
        if ext == "jsonl":
            (row,) = [json.loads(x) for x in text.splitlines()]
            assert row["id"] == "\ud800x"  # kept exactly, as a JSON escape
        else:
            assert len(list(csv.DictReader(io.StringIO(text)))) == 1


def test_unsupported_languages_are_summarised_once_not_per_batch(model_dir, tmp_path, capsys):
    texts = [
        "La police a arrêté trois personnes pour traite des êtres humains à Lyon.",
        "ตำรวจจับกุมผู้ต้องสงสัยค้ามนุษย์สามคนในเชียงราย",
        "Police in Chiang Rai arrested three people for human trafficking.",
        "Die Polizei hat in Berlin drei Menschenhändler festgenommen und die Opfer befreit.",
    ]
    src = tmp_path / "mixed.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert tag(str(src), "-o", str(out), "--batch-size", "1", "--model", model_dir) == 0
    err = capsys.readouterr().err
    assert err.count("do not look like English") == 1 and "tagger: 3 text(s)" in err
    flags = [r["language_supported"] for r in rows_of(out)]
    assert flags == [False, False, True, False]


def test_article_files_read_paragraphs_in_context_as_tag_article_does(default_tagger, tmp_path):
    from .test_pipeline import CONTEXT_LEAD, FOLLOW_ON

    article = f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    want = default_tagger.tag_article(article)
    assert want.paragraphs[2].tags.in_context  # the case in point
    out = tmp_path / "out.jsonl"
    assert tag(str(tmp_path / "a.txt"), "-o", str(out)) == 0  # the default model
    (rec,) = rows_of(out)
    assert rec["themes"] == list(want.themes) and rec["theme_paragraphs"] == want.theme_paragraphs
    assert tag(str(tmp_path / "a.txt"), "--paragraphs", "-o", str(out)) == 0
    assert [r["in_context"] for r in rows_of(out)] == [False, False, True]


def test_the_readable_summary_says_which_paragraphs_are_relevant_in_context(tmp_path, capsys):
    from .test_pipeline import CONTEXT_LEAD, FOLLOW_ON

    (tmp_path / "a.txt").write_text(f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}\n", encoding="utf-8")
    assert tag(str(tmp_path / "a.txt")) == 0
    lines = capsys.readouterr().out.splitlines()
    marked = [ln for ln in lines if ln.endswith("(relevant in the context of the article)")]
    assert len(marked) == 1 and marked[0].startswith("[3] ")


def test_records_are_articles_with_articles_flag(tmp_path):
    from .test_pipeline import CONTEXT_LEAD, DRUG_SEIZURE, FOLLOW_ON

    article = f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}\n\n{DRUG_SEIZURE}"
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": article}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert tag(str(src), "-o", str(out)) == 0  # one unit: no roll-up
    (unit,) = rows_of(out)
    assert "theme_paragraphs" not in unit
    assert tag(str(src), "--articles", "-o", str(out)) == 0
    (art,) = rows_of(out)
    assert art["id"] == "n1" and art["n_paragraphs"] == 4
    assert art["theme_paragraphs"]["partnership"] == [2]  # the follow-on paragraph, read in context
    assert 3 not in art["theme_paragraphs"].get("prosecution", [])
    csv_out = tmp_path / "out.csv"
    assert tag(str(src), "--articles", "-o", str(csv_out)) == 0
    (row,) = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    assert "partnership" in row["themes"].split(";")
