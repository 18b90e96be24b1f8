"""The scripts in examples/ run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(script: str, *args: str) -> str:
    r = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_tag_article_example():
    out = run("tag_article.py")
    assert out.startswith("relevant: True")
    assert "top terms for" in out and "rule " in out


def test_retrain_example(tmp_path):
    out = run("retrain.py", str(EXAMPLES / "labelled_extra.jsonl"), str(tmp_path / "m"))
    assert "saved retrained model" in out
    assert (tmp_path / "m" / "model.json").exists()
    assert "default:" in out and "retrained:" in out


def test_labelling_loop_example():
    out = run("labelling_loop.py", "--quick")
    assert "retrained on" in out and "'gold': 8" in out
    assert "held-out evaluation" in out and "before" in out and "rules" in out
    assert "macro-F1 before" in out and "what to label next" in out
