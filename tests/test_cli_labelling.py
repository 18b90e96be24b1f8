"""The labelling-loop commands end to end: rules report/disagreements/suggest, suggest-labels, retrain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SEEDS, model_meta
from .test_cli import run

TEXTS = [
    {"id": "n1", "text": "Police arrested two men for human trafficking after a raid."},
    {"id": "n2", "text": "The shelter helped trafficking victims with counselling."},
    {"id": "n3", "text": "The football match ended in a draw on Sunday."},
    {"id": "n4", "text": "Ministers signed a memorandum of understanding against human trafficking."},
    {"text": "An awareness campaign on human trafficking reached schools."},
]
GOLD = [
    {"id": "g1", "text": "Police arrested a trafficker at the border.", "relevant": True, "themes": ["prosecution"]},
    {"id": "g2", "text": "A shelter opened for survivors of human trafficking.", "relevant": True, "themes": ["protection"]},
    {"id": "g3", "text": "Police arrested a man for speeding.", "relevant": False, "themes": []},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("loop")
    r = run("train", "--out", str(d / "model"), "--seeds", str(SEEDS))
    assert r.returncode == 0, r.stderr
    return {
        "dir": d,
        "model": d / "model",
        "texts": write_jsonl(d / "texts.jsonl", TEXTS),
        "gold": write_jsonl(d / "gold.jsonl", GOLD),
    }


def test_rules_report_json_and_table(env):
    r = run("rules", "report", "--model", str(env["model"]), "--gold", str(env["gold"]), "--corpus", str(env["texts"]), "--json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["n_corpus"] == 5 and rep["n_gold"] == 3
    arrest = next(x for x in rep["rules"] if x["name"] == "pros.arrest")
    # fires on g1 (prosecution) and g3 (not relevant): precision 1/2, one false positive g3
    assert arrest["gold"]["precision"] == 0.5 and [e["id"] for e in arrest["gold"]["false_positive_examples"]] == ["g3"]
    assert arrest["coverage"] == 0.2  # n1 only, of the 5 corpus texts
    table = run("rules", "report", "--model", str(env["model"]), "--gold", str(env["gold"]))
    assert table.returncode == 0 and "pros.arrest" in table.stdout and "false positive g3" in table.stdout


def test_rules_report_defaults_to_the_seed_corpus(env):
    r = run("rules", "report", "--model", str(env["model"]), "--seeds", str(SEEDS), "--json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["n_gold"] == rep["n_corpus"] > 0


def test_rules_report_with_a_rules_file(env, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rules]]\nname = "rel.only"\ntheme = "relevance"\nkeywords = ["trafficking"]\n')
    r = run("rules", "report", "--model", str(env["model"]), "--rules", str(rules), "--corpus", str(env["texts"]), "--json")
    assert r.returncode == 0, r.stderr
    assert [x["name"] for x in json.loads(r.stdout)["rules"]] == ["rel.only"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nname = "x"\ntheme = "rescue"\nkeywords = ["a"]\n')
    r = run("rules", "report", "--model", str(env["model"]), "--rules", str(bad))
    assert r.returncode == 2 and "unknown theme 'rescue'" in r.stderr


def test_rules_disagreements(env):
    r = run("rules", "disagreements", str(env["texts"]), "--model", str(env["model"]), "-n", "0", "--json")
    assert r.returncode == 0, r.stderr
    items = [json.loads(line) for line in r.stdout.splitlines()]
    confs = [d["confidence"] for d in items]
    assert confs == sorted(confs, reverse=True)
    for d in items:
        assert d["model_only"] or d["rule_only"]
        assert d["id"] in {"n1", "n2", "n3", "n4", "texts.jsonl:5"}
    r = run("rules", "disagreements", str(env["texts"]), "--model", str(env["model"]), "--kind", "rule-only")
    assert r.returncode == 0 and "model only" not in r.stdout


def test_rules_suggest(env):
    r = run("rules", "suggest", "--model", str(env["model"]), "-k", "3", "--corpus", str(env["texts"]), "--json")
    assert r.returncode == 0, r.stderr
    sugg = json.loads(r.stdout)
    assert set(sugg) == {"relevance", "prevention", "prosecution", "protection", "partnership"}
    assert all(len(v) <= 3 and all("texts" in x for x in v) for v in sugg.values())
    assert "arrested" not in [x["term"] for x in sugg["prosecution"]]  # covered by pros.arrest


def test_suggest_labels_writes_gold_format_and_unlabelled_lines_are_refused(env, tmp_path):
    out = tmp_path / "to-label.jsonl"
    r = run(
        "suggest-labels",
        str(env["texts"]),
        "-n",
        "3",
        "-o",
        str(out),
        "--model",
        str(env["model"]),
        "--exclude",
        str(env["gold"]),
    )
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3 and all(row["relevant"] is None and row["themes"] == [] and "hints" in row for row in rows)
    r = run("train", "--out", str(tmp_path / "m"), "--seeds", str(SEEDS), "--labelled", str(out))
    assert r.returncode == 2 and f"{out}:1: not labelled yet" in r.stderr
    # once labelled, the same file trains
    for row in rows:
        row["relevant"] = False
    write_jsonl(out, rows)
    r = run("retrain", "--out", str(tmp_path / "m2"), "--model", str(env["model"]), "--labelled", str(out))
    assert r.returncode == 0, r.stderr
    meta = model_meta(tmp_path / "m2")
    assert meta["training"]["summary"]["by_kind"]["gold"] == 3
    assert meta["training"]["inputs"]["labelled"] == [str(out)]


def test_retrain_refuses_to_overwrite_its_source_model(env):
    before = (env["model"] / "model.json").read_bytes()
    r = run("retrain", "--out", str(env["model"]), "--model", str(env["model"]), "--labelled", str(env["gold"]))
    assert r.returncode == 2 and "is the model being retrained" in r.stderr
    assert (env["model"] / "model.json").read_bytes() == before


@pytest.mark.parametrize(
    "cmd",
    [["rules"], ["rules", "report"], ["rules", "disagreements"], ["rules", "suggest"], ["suggest-labels"], ["retrain"]],
)
def test_help(cmd):
    r = run(*cmd, "--help")
    assert r.returncode == 0 and "usage:" in r.stdout and "example" in r.stdout
