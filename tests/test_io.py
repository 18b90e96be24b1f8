from __future__ import annotations

import gzip

import pytest

from tagger.errors import DataFileError
from tagger.io import iter_jsonl, read_labelled, read_texts
from tagger.rules import load_rules
from tagger.themes import load_taxonomy

THEMES = ("prevention", "prosecution", "protection", "partnership")


def write(tmp_path, lines, name="f.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_multi_label_format(tmp_path):
    p = write(
        tmp_path,
        [
            '{"text": "a", "relevant": true, "themes": ["protection", "partnership"]}',
            '{"text": "b", "relevant": false, "themes": []}',
        ],
    )
    a, b = read_labelled(p, THEMES)
    assert a.y == (1, 0, 0, 1, 1) and a.primary is None
    assert b.y == (0, 0, 0, 0, 0)


def test_single_label_format_leaves_other_themes_unknown(tmp_path):
    (item,) = read_labelled(write(tmp_path, ['{"text": "a", "labels": ["prosecution"]}']), THEMES)
    assert item.y == (1, -1, 1, -1, -1) and item.primary == "prosecution"


def test_unlabelled_items_are_negatives_only_when_allowed(tmp_path):
    p = write(tmp_path, ['{"text": "a"}'])
    assert read_labelled(p, THEMES, allow_unlabelled=True)[0].y == (0, 0, 0, 0, 0)
    with pytest.raises(DataFileError, match=r"f\.jsonl:1: no labels"):
        read_labelled(p, THEMES)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a", "relevant": true, "themes": ["victims"]}', "unknown theme id(s) ['victims']"),
        ('{"relevant": true, "themes": []}', "missing field 'text'"),
        ('{"text": 5, "relevant": true, "themes": []}', "field 'text' must be a string"),
        ('{"text": "a", "relevant": "yes", "themes": []}', "must be true or false"),
        ('{"text": "a", "relevant": false, "themes": ["prevention"]}', "must be relevant"),
        ('{"text": "a", "labels": []}', "'labels' is empty: list the item's primary theme first; write an off-topic item as"),
        ('{"text": "a", "labels": "prevention"}', "must be a list"),
        ("not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_errors_name_file_line_and_problem(tmp_path, line, message):
    p = write(tmp_path, ['{"text": "fine", "relevant": false, "themes": []}', line])
    with pytest.raises(DataFileError) as err:
        read_labelled(p, THEMES)
    assert f"{p}:2: " in str(err.value) and message in str(err.value)


def test_file_problems(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        read_texts(tmp_path / "missing.jsonl")
    with pytest.raises(DataFileError, match="is a directory"):
        read_texts(tmp_path)
    gz = tmp_path / "g.jsonl"
    gz.write_bytes(gzip.compress(b'{"text": "a"}\n'))
    with pytest.raises(DataFileError, match="gzip"):
        read_texts(gz)
    bad = tmp_path / "b.jsonl"
    bad.write_bytes(b'{"text": "ok"}\n{"text": "\xff\xfe"}\n')
    with pytest.raises(DataFileError, match=r"b\.jsonl:2: not valid UTF-8"):
        read_texts(bad)
    empty = tmp_path / "e.jsonl"
    empty.write_text("")
    with pytest.raises(DataFileError, match="no items"):
        read_labelled(empty, THEMES)


@pytest.mark.parametrize(("load", "what"), [(load_rules, "rules file"), (load_taxonomy, "themes file")], ids=["rules", "themes"])
def test_toml_files_that_cannot_be_read_name_the_file_and_the_problem(tmp_path, load, what):
    # both readers of the seeds' TOML files go through io.read_toml
    bad_utf8 = tmp_path / "latin1.toml"
    bad_utf8.write_bytes(b'[[rules]]\nname = "caf\xe9"\n')  # Latin-1, not UTF-8
    not_toml = tmp_path / "broken.toml"
    not_toml.write_text("[[rules]\n")
    for path, message in [
        (tmp_path / "none.toml", f"{what} not found"),
        (tmp_path, "is a directory"),
        (bad_utf8, "not UTF-8 text"),
        (not_toml, "not valid TOML"),
    ]:
        with pytest.raises(DataFileError, match=message) as err:
            load(path)
        assert str(path) in str(err.value)


def test_blank_lines_skipped_and_line_numbers_kept(tmp_path):
    p = write(tmp_path, ['{"text": "a"}', "", '{"text": "b"}'])
    assert [(r.line, r.data["text"]) for r in iter_jsonl(p)] == [(1, "a"), (3, "b")]
