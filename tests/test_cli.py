"""The installed ``tagger`` console script, end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def tagger_exe() -> str | None:
    """The console script installed beside this interpreter, else one on PATH."""
    beside = Path(sys.executable).parent / "tagger"
    return str(beside) if beside.exists() else shutil.which("tagger")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = tagger_exe()
    assert exe, "pip install should put a 'tagger' command beside python or on PATH"
    return subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_console_script_is_installed():
    assert tagger_exe(), "pip install should put a 'tagger' command on PATH"


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "model"
    r = run("train", "--out", str(out), "--seeds", str(SEEDS))
    assert r.returncode == 0, r.stderr
    assert "saved model" in r.stderr
    return out


def test_tag_jsonl_gives_one_line_per_input_with_ids(model_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": "Police arrested two men for human trafficking."})
        + "\n"
        + json.dumps({"text": "The match ended in a draw."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    r = run("tag", str(src), "-o", str(out), "--model", str(model_dir))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["id"] for row in rows] == ["a1", 2]
    assert rows[0]["relevant"] and "prosecution" in rows[0]["themes"]
    assert not rows[1]["relevant"] and rows[1]["themes"] == []
    assert set(rows[0]) == {"id", "relevant", "relevance", "themes", "scores", "evidence", "language_supported", "in_context"}
    assert not any(r["in_context"] for r in rows)  # records are tagged alone, not as paragraphs of an article


def test_tag_reads_stdin(model_dir):
    r = run("tag", "-", "--model", str(model_dir), stdin='{"id": 7, "text": "Trafficking victims were taken to a shelter."}\n')
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)
    assert row["id"] == 7 and "protection" in row["themes"]


def test_tag_article_readable_and_json(model_dir):
    r = run("tag", str(EXAMPLE), "--model", str(model_dir))
    assert r.returncode == 0, r.stderr
    assert "Relevant: yes" in r.stdout and "[1]" in r.stdout
    rj = run("tag", str(EXAMPLE), "--model", str(model_dir), "--json")
    data = json.loads(rj.stdout)
    assert data["relevant"] and len(data["paragraphs"]) == 7
    assert set(data["theme_paragraphs"]) == set(data["themes"])


def test_default_model_tags_the_example():
    r = run("tag", str(EXAMPLE), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["relevant"]


def test_info(model_dir):
    r = run("info", "--model", str(model_dir))
    assert r.returncode == 0, r.stderr
    assert "Victim support (protection)" in r.stdout and "threshold" in r.stdout
    meta = json.loads(run("info", "--model", str(model_dir), "--json").stdout)
    assert meta["format"] == "tagger-model"


def test_evaluate(model_dir, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "Police arrested two traffickers.", "relevant": True, "themes": ["prosecution"]}) + "\n")
    r = run("evaluate", str(gold), "--model", str(model_dir), "--json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)["files"][str(gold)]
    assert rep["kind"] == "multi" and {"model", "rules"} <= set(rep)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tag", "missing.jsonl"], "file not found"),
        (["tag", "data.xlsx"], "unsupported input type"),
        (["tag", "-", "--model", "no-such-model"], "model directory not found"),
        (["info", "--model", "no-such-model"], "model directory not found"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(args, message):
    r = run(*args, stdin="")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr and "Traceback" not in r.stderr


def test_bad_jsonl_line_is_reported_with_line_number(model_dir, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "fine"}\n{"text": \n')
    r = run("tag", str(src), "--model", str(model_dir))
    assert r.returncode == 2 and f"{src}:2: not valid JSON" in r.stderr


def test_train_with_unknown_theme_in_gold_is_clear(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "x", "relevant": true, "themes": ["rescue"]}\n')
    r = run("train", "--out", str(tmp_path / "m"), "--seeds", str(SEEDS), "--labelled", str(gold))
    assert r.returncode == 2 and "gold.jsonl:1: unknown theme id(s) ['rescue']" in r.stderr
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("cmd", [[], ["tag"], ["train"], ["info"], ["evaluate"]])
def test_help_explains_each_command(cmd):
    r = run(*cmd, "--help")
    assert r.returncode == 0
    assert "usage:" in r.stdout
    if cmd:
        assert "example" in r.stdout


def test_python_dash_m_runs_the_cli():
    r = subprocess.run([sys.executable, "-m", "tagger", "--help"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "COMMAND" in r.stdout
