"""Issue 6: one test per kind of bad input, hostile file and failure, through the API
and the CLI. What each case yields is documented in README.md ("Input contract").

Model-file cases beyond those in test_persistence.py are here too, so that the whole
battery reads in one place; the JSONL reader's own cases are in test_io.py.
"""

from __future__ import annotations

import errno
import gzip
import json
import logging
import os
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import tagger
from tagger import cli
from tagger.errors import DataFileError, InputTypeError, InputValueError, ModelFileError, TaggerError
from tagger.text import language_supported

from .conftest import SEEDS, model_meta, write_model_meta

RELEVANT = "Police arrested two men for human trafficking and took the victims to a shelter run by a charity."

# Written for these tests (not taken from any corpus): the same kind of news sentence
# in other languages and scripts.
FOREIGN = {
    "french": "La police a arrêté deux hommes pour traite des êtres humains et les victimes sont dans un foyer.",
    "spanish": "La policía detuvo a dos hombres por trata de personas y las víctimas están en un refugio.",
    "indonesian": "Polisi menangkap dua pria dalam kasus perdagangan orang dan para korban dibawa ke rumah aman.",
    "lao": "ຕຳຫຼວດຈັບຜູ້ຊາຍສອງຄົນ ຍ້ອນການຄ້າມະນຸດ",
    "thai": "ตำรวจจับชายสองคนในคดีค้ามนุษย์ และพาผู้เสียหายไปที่บ้านพัก",
    "khmer": "ប៉ូលីសបានចាប់ខ្លួនបុរសពីរនាក់ពីបទជួញដូរមនុស្ស",
    "chinese": "警方逮捕了两名涉嫌贩卖人口的男子，受害者被送往庇护所。",
}


# ------------------------------------------------------------------ helpers
def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_line_error(rc: int, err: str, *fragments: str) -> None:
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tagger: error: "), err
    assert "Traceback" not in err
    for f in fragments:
        assert f in lines[0], (f, lines[0])


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def assert_valid_result(t: tagger.Tagger, text: str, r: tagger.TagResult) -> None:
    assert 0.0 <= r.relevance <= 1.0
    assert set(r.scores) == set(t.theme_ids) and all(0.0 <= v <= 1.0 for v in r.scores.values())
    assert set(r.themes) <= set(t.theme_ids)
    assert not r.themes or r.relevant
    for h in r.evidence.rule_hits:
        assert 0 <= h.start < h.end <= len(text) and text[h.start : h.end] == h.text


# ------------------------------------------------------------- text values
@pytest.mark.parametrize("value", [None, 5, 2.5, float("nan"), b"police", bytearray(b"x"), ["a text"], {"text": "a"}, ("a",)])
def test_non_string_text_is_a_type_error_naming_the_argument(small_tagger, value):
    with pytest.raises(InputTypeError, match="text must be str") as err:
        small_tagger.tag(value)
    assert isinstance(err.value, TypeError) and isinstance(err.value, TaggerError)
    with pytest.raises(InputTypeError, match=r"texts\[1\] must be str"):
        small_tagger.tag_batch(["fine", value])
    with pytest.raises(InputTypeError, match="article must be str"):
        small_tagger.tag_article(value)


def test_bytes_error_says_how_to_fix_it(small_tagger):
    with pytest.raises(InputTypeError, match="decode it first"):
        small_tagger.tag(b"police")


def test_pandas_missing_value_is_a_type_error(small_tagger):
    pd = pytest.importorskip("pandas")
    with pytest.raises(InputTypeError, match=r"texts\[1\] must be str, got float"):
        small_tagger.tag_batch(pd.Series([RELEVANT, None]))


@pytest.mark.parametrize("value", [None, 12, [1, 2], {"a": 1}])
def test_cli_non_string_text_field_is_a_one_line_error(tmp_path, capsys, small_tagger, value):
    model = small_tagger.save(tmp_path / "m")
    f = write_jsonl(tmp_path / "in.jsonl", [{"text": RELEVANT}, {"text": value}])
    rc, _, err = run_cli(capsys, "tag", str(f), "--model", str(model))
    assert_one_line_error(rc, err, f"{f}:2:", "'text'")


@pytest.mark.parametrize("text", ["", " \n\t  ", "a", "!?.,;:-–—…", "😀🎉🔥👍", "12 345 6789", "\u200b\u200b"])
def test_texts_without_words_are_not_relevant_with_zero_scores(small_tagger, text):
    r = small_tagger.tag(text)
    assert (r.relevant, r.themes, r.relevance) == (False, (), 0.0)
    assert set(r.scores.values()) == {0.0}
    assert r.language_supported is True
    assert r.evidence.rule_hits == ()


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_text_is_flagged_and_gets_no_themes(small_tagger, language):
    r = small_tagger.tag(FOREIGN[language])
    assert r.language_supported is False
    assert r.relevant is False and r.themes == ()
    assert r.to_dict()["language_supported"] is False
    assert_valid_result(small_tagger, FOREIGN[language], r)


def test_cognates_would_score_but_are_withheld(default_tagger):
    """The default model finds 'police'/'victimes'-like cognates in French; without the
    language check it would invent a theme. The scores stay, for information."""
    r = default_tagger.tag(FOREIGN["french"])
    assert r.language_supported is False and r.themes == () and not r.relevant
    assert max(r.scores.values()) > 0.0


def test_english_with_foreign_names_or_words_is_supported(small_tagger):
    for text in [
        "Police in Chiang Rai (เชียงราย) arrested two traffickers, said the UN office in La Paz.",
        "Trafficking ring busted",
        "El Salvador and the UN sign a deal on human trafficking",
        RELEVANT + " The charity's motto is 'la dignité pour tous'.",
    ]:
        assert language_supported(text), text
        assert small_tagger.tag(text).language_supported


def test_mixed_scripts_follow_the_majority_of_letters():
    english = "Police arrested two traffickers near the border and freed nine workers."
    assert language_supported(english + " " + FOREIGN["thai"][:10])
    assert not language_supported(FOREIGN["thai"] + FOREIGN["khmer"] + FOREIGN["lao"] + " police")


def test_non_english_warning_is_logged_once_per_batch(small_tagger, caplog):
    with caplog.at_level(logging.WARNING, logger="tagger.pipeline"):
        small_tagger.tag_batch([FOREIGN["french"], RELEVANT, FOREIGN["thai"], FOREIGN["chinese"]])
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "3 of 4 texts" in warnings[0].getMessage()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="tagger.pipeline"):
        small_tagger.tag_batch([RELEVANT, "Markets closed higher today."])
    assert not caplog.records


def test_cli_output_carries_the_language_flag(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = write_jsonl(tmp_path / "in.jsonl", [{"text": RELEVANT}, {"text": FOREIGN["spanish"]}])
    rc, out, _ = run_cli(capsys, "tag", str(f), "--model", str(model))
    rows = [json.loads(x) for x in out.splitlines()]
    assert rc == 0 and [r["language_supported"] for r in rows] == [True, False]
    assert rows[1]["themes"] == [] and rows[1]["relevant"] is False


@pytest.mark.parametrize("sep", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\x0c"])
def test_control_characters_and_nul_bytes_separate_words(small_tagger, sep):
    text = RELEVANT.replace(" ", sep)
    r = small_tagger.tag(text)
    assert_valid_result(small_tagger, text, r)
    # the model sees the same words as in the text with spaces
    assert np.array_equal(small_tagger.predict_proba([text]), small_tagger.predict_proba([RELEVANT]))


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_characters_that_render_as_nothing_are_read_past(small_tagger, mark):
    # a soft hyphen (&shy;) or zero-width character in every word, as some web pages have
    text = " ".join(w[:2] + mark + w[2:] if len(w) > 3 else w for w in RELEVANT.split(" "))
    assert text != RELEVANT
    r = small_tagger.tag(text)
    assert_valid_result(small_tagger, text, r)
    assert np.array_equal(small_tagger.predict_proba([text]), small_tagger.predict_proba([RELEVANT]))
    assert [h.rule for h in r.evidence.rule_hits] == [h.rule for h in small_tagger.tag(RELEVANT).evidence.rule_hits]


def test_ligatures_of_text_copied_from_a_pdf_are_read_as_letters(small_tagger):
    text = RELEVANT.replace("ffi", "\ufb03").replace("fi", "\ufb01")
    assert text != RELEVANT
    r = small_tagger.tag(text)
    assert_valid_result(small_tagger, text, r)
    assert np.array_equal(small_tagger.predict_proba([text]), small_tagger.predict_proba([RELEVANT]))


def test_lone_surrogates_are_tagged_and_spans_stay_valid(small_tagger):
    text = "Police \ud800 arrested \udfff traffickers; victims \ud83d in a shelter."
    r = small_tagger.tag(text)
    assert_valid_result(small_tagger, text, r)
    assert r.relevant == small_tagger.tag(text.replace("\ud800", "").replace("\udfff", "").replace("\ud83d", "")).relevant


def test_cli_writes_valid_utf8_when_input_has_lone_surrogates(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x\\ud800y", "text": "Police \\udc00 arrested traffickers"}\n', encoding="ascii")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli(capsys, "tag", str(f), "-o", str(out), "--model", str(model))
    assert rc == 0, err
    row = json.loads(out.read_bytes().decode("utf-8"))  # strict UTF-8
    assert row["id"] == "x\ud800y"


def test_cli_output_has_one_line_per_result_whatever_the_characters(tmp_path, capsys, small_tagger):
    """Found by scripts/fuzz.py: U+0085, U+2028 and U+2029 are line breaks for str.splitlines()."""
    model = small_tagger.save(tmp_path / "m")
    ids = ["a\u0085b", "c\u2028d", "e\u2029f", "g\x1ch", "i\rj"]
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": RELEVANT + i} for i in ids])
    rc, out, _ = run_cli(capsys, "tag", str(f), "--model", str(model))
    lines = out.splitlines()
    assert rc == 0 and len(lines) == len(ids)
    assert [json.loads(x)["id"] for x in lines] == ids


def test_invalid_utf8_article_is_a_one_line_error(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = tmp_path / "a.txt"
    f.write_bytes(b"Police arrested traffickers.\n\nVictims \xff\xfe were freed.\n")
    rc, _, err = run_cli(capsys, "tag", str(f), "--model", str(model))
    assert_one_line_error(rc, err, str(f), "not valid UTF-8")


def test_html_with_scripts_is_tagged_as_plain_text(small_tagger):
    plain = "Police arrested two traffickers. The victims were taken to a shelter."
    html = f"<html><head><script>alert(document.cookie)</script></head><body><p>{plain}</p></body></html>"
    r = small_tagger.tag(html)
    assert_valid_result(small_tagger, html, r)
    assert r.relevant == small_tagger.tag(plain).relevant
    # one-letter tags such as <p> are not words; the script's words are read like any text
    assert np.array_equal(small_tagger.predict_proba([f"<p>{plain}</p>"]), small_tagger.predict_proba([plain]))


def test_ten_megabytes_in_one_unit_is_tagged(default_tagger):
    unit = "Police arrested two traffickers; victims went to a shelter. Markets closed early. "
    big = (unit * (10_000_000 // len(unit) + 1))[:10_000_000]
    r = default_tagger.tag(big)
    assert r.relevant and r.language_supported
    assert_valid_result(default_tagger, big, r)
    assert r.evidence.rule_hits[-1].end > 9_900_000  # the whole text was read, not a prefix


# --------------------------------------------------------------------- files
def test_missing_input_file(tmp_path, capsys):
    with pytest.raises(DataFileError, match="file not found"):
        tagger.train(seeds=SEEDS, labelled=[tmp_path / "nope.jsonl"])
    for name in ("nope.jsonl", "nope.txt"):
        rc, _, err = run_cli(capsys, "tag", str(tmp_path / name))
        assert_one_line_error(rc, err, name, "file not found")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files with mode 000")
def test_unreadable_input_file(tmp_path, capsys):
    f = write_jsonl(tmp_path / "in.jsonl", [{"text": RELEVANT}])
    a = tmp_path / "a.txt"
    a.write_text(RELEVANT)
    f.chmod(0)
    a.chmod(0)
    try:
        from tagger.io import read_texts

        with pytest.raises(DataFileError, match="cannot open"):
            read_texts(f)
        for p in (f, a):
            rc, _, err = run_cli(capsys, "tag", str(p))
            assert_one_line_error(rc, err, str(p))
    finally:
        f.chmod(0o644)
        a.chmod(0o644)


def test_directory_where_a_file_is_expected(tmp_path, capsys):
    d = tmp_path / "dir.jsonl"
    d.mkdir()
    with pytest.raises(DataFileError, match="is a directory"):
        tagger.train(seeds=SEEDS, unlabelled=[d])
    # (a directory given to `tagger tag` is a collection of article files: see test_bulk)
    f = write_jsonl(tmp_path / "in.jsonl", [{"text": RELEVANT}])
    rc, _, err = run_cli(capsys, "tag", str(f), "-o", str(tmp_path))
    assert_one_line_error(rc, err, "output is a directory")


def test_empty_file(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    rc, out, err = run_cli(capsys, "tag", str(empty), "--model", str(model))
    assert (rc, out, err) == (0, "", "")  # documented: no units in, no lines out
    with pytest.raises(DataFileError, match="no items"):
        tagger.train(seeds=SEEDS, labelled=[empty])
    rc, _, err = run_cli(capsys, "train", "--out", str(tmp_path / "new"), "--seeds", str(SEEDS), "--labelled", str(empty))
    assert_one_line_error(rc, err, "no items")
    assert not (tmp_path / "new").exists()
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n  \n")
    rc, out, _ = run_cli(capsys, "tag", str(blank), "--json", "--model", str(model))
    assert rc == 0 and json.loads(out)["paragraphs"] == [] and json.loads(out)["relevant"] is False


def test_truncated_last_line(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": RELEVANT}) + '\n{"text": "Police arr')
    rc, _, err = run_cli(capsys, "tag", str(f), "--model", str(model))
    assert_one_line_error(rc, err, f"{f}:2:", "not valid JSON", "truncated")
    # a complete last line without the final newline is fine
    f.write_text(json.dumps({"text": RELEVANT}) + "\n" + json.dumps({"text": "Markets rose."}))
    rc, out, _ = run_cli(capsys, "tag", str(f), "--model", str(model))
    assert rc == 0 and len(out.splitlines()) == 2


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("array.jsonl", json.dumps([{"text": "a"}, {"text": "b"}], indent=1), "looks like a JSON array"),
        ("table.jsonl", "id,text\n1,Police arrested traffickers\n", "expected JSONL"),
        ("numbers.jsonl", "1\n2\n", "expected a JSON object"),
    ],
)
def test_wrong_format_for_the_extension(tmp_path, capsys, name, content, fragment):
    f = tmp_path / name
    f.write_text(content)
    rc, _, err = run_cli(capsys, "tag", str(f))
    assert_one_line_error(rc, err, fragment)


def test_gzip_given_as_jsonl_or_txt(tmp_path, capsys, monkeypatch):
    payload = gzip.compress((json.dumps({"text": RELEVANT}) + "\n").encode())
    for name in ("news.jsonl", "article.txt"):
        f = tmp_path / name
        f.write_bytes(payload)
        rc, _, err = run_cli(capsys, "tag", str(f))
        assert_one_line_error(rc, err, "gzip")
    with pytest.raises(DataFileError, match="gzip"):
        tagger.train(seeds=SEEDS, labelled=[tmp_path / "news.jsonl"])


def test_utf8_byte_order_mark_is_accepted(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": RELEVANT}).encode() + b"\n")
    rc, out, _ = run_cli(capsys, "tag", str(f), "--model", str(model))
    assert rc == 0 and json.loads(out)["id"] == "a"


def test_failed_run_leaves_an_existing_output_untouched(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    out = tmp_path / "out.jsonl"
    out.write_text("previous results\n")
    bad = tmp_path / "in.jsonl"
    bad.write_text(json.dumps({"text": RELEVANT}) + "\nnot json\n")
    rc, _, err = run_cli(capsys, "tag", str(bad), "-o", str(out), "--model", str(model))
    assert_one_line_error(rc, err, f"{bad}:2:")
    assert out.read_text() == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "m", "out.jsonl"]  # no temporary left


def test_output_naming_its_own_input_is_refused_and_the_input_kept(tmp_path, capsys, small_tagger):
    model = small_tagger.save(tmp_path / "m")
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": RELEVANT} for i in range(3)])
    before = f.read_bytes()
    rc, _, err = run_cli(capsys, "tag", str(f), "-o", str(f), "--model", str(model))
    assert_one_line_error(rc, err, "would overwrite")
    assert f.read_bytes() == before


def test_cli_bad_model_directory_is_a_one_line_error(tmp_path, capsys):
    f = write_jsonl(tmp_path / "in.jsonl", [{"text": RELEVANT}])
    rc, _, err = run_cli(capsys, "tag", str(f), "--model", str(tmp_path / "nope"))
    assert_one_line_error(rc, err, "model directory not found")


def test_unexpected_errors_are_one_line_with_status_1(capsys, monkeypatch):
    import tagger.api

    def broken_load(path=None):
        raise RuntimeError("something broke")

    monkeypatch.setattr(tagger.api, "load", broken_load)
    rc, _, err = run_cli(capsys, "info")
    assert rc == 1 and len(err.strip().splitlines()) == 1
    assert "internal error" in err and "RuntimeError: something broke" in err and "Traceback" not in err


# ------------------------------------------------------------- training data
def gold(text: str, relevant: bool, themes: list[str], **extra: object) -> dict[str, object]:
    return {"text": text, "relevant": relevant, "themes": themes, **extra}


def test_unknown_theme_in_training_data(tmp_path, capsys):
    with pytest.raises(DataFileError, match=r"<examples>:1: unknown theme id\(s\) \['victims'\]"):
        tagger.train(seeds=SEEDS, examples=[gold(RELEVANT, True, ["victims"])])
    f = write_jsonl(tmp_path / "g.jsonl", [gold(RELEVANT, True, ["protection"]), {"text": RELEVANT, "labels": ["4p"]}])
    rc, _, err = run_cli(capsys, "train", "--out", str(tmp_path / "m"), "--seeds", str(SEEDS), "--labelled", str(f))
    assert_one_line_error(rc, err, f"{f}:2:", "unknown theme")


def test_same_text_with_conflicting_labels_in_one_file_is_an_error_naming_both(tmp_path):
    b = write_jsonl(
        tmp_path / "b.jsonl",
        [gold(RELEVANT, True, ["prosecution"]), gold("x y z", False, []), gold(RELEVANT.upper(), True, ["protection"])],
    )
    with pytest.raises(InputValueError, match="conflicting gold labels") as err:
        tagger.train(seeds=SEEDS, labelled=[b], cv_folds=3)
    assert f"{b}:1" in str(err.value) and f"{b}:3" in str(err.value)


def test_a_later_gold_file_corrects_an_earlier_one_with_a_warning(tmp_path, caplog):
    from tagger.training import Example, merge_examples

    first = Example(RELEVANT, (1, 0, 1, 0, 0), "gold", f"{tmp_path}/a.jsonl:1")
    fix = Example(RELEVANT.upper(), (1, 0, 0, 1, 0), "gold", f"{tmp_path}/b.jsonl:2")
    with caplog.at_level("WARNING", logger="tagger.training"):
        (merged,) = merge_examples([first, fix])
    assert merged.y == fix.y
    assert "a.jsonl:1" in caplog.text and "b.jsonl:2" in caplog.text


def test_same_text_with_compatible_labels_is_combined():
    from tagger.training import Example, merge_examples

    primary = Example("A text.", (1, -1, 1, -1, -1), "gold", "a:1")
    multi = Example("a   TEXT.", (1, 0, 1, 1, 0), "gold", "b:1")
    weak = Example("a text.", (0, 0, 0, 0, 0), "weak", "c:1")
    (merged,) = merge_examples([weak, primary, multi])
    assert merged.y == (1, 0, 1, 1, 0) and merged.kind == "gold"


def test_repeated_ids_are_a_warning_not_an_error(tmp_path, caplog):
    from tagger.io import read_labelled

    f = write_jsonl(tmp_path / "g.jsonl", [gold("one text", True, [], id=7), gold("another text", False, [], id=7)])
    with caplog.at_level(logging.WARNING, logger="tagger.io"):
        items = read_labelled(f, ("prevention", "prosecution", "protection", "partnership"))
    assert len(items) == 2
    assert "repeated id" in caplog.text and f"{f}:1" in caplog.text and f"{f}:2" in caplog.text


def test_theme_with_zero_positives_is_an_error_naming_it():
    examples = [gold(f"Police arrested trafficker number {i} in the port city.", True, ["prosecution"]) for i in range(8)]
    examples += [gold(f"The football club won match number {i} at home.", False, []) for i in range(8)]
    with pytest.raises(InputValueError, match="'prevention' has no positive training example"):
        tagger.train(seeds=SEEDS, examples=examples, use_seed_corpus=False, cv_folds=2)


def test_all_training_texts_empty_is_an_error():
    with pytest.raises((InputValueError, DataFileError), match="no training examples|text' is empty"):
        tagger.train(seeds=SEEDS, examples=[gold("", True, ["prevention"]), gold("  \n", False, [])], use_seed_corpus=False)


def test_too_few_texts_for_the_vocabulary_is_our_error_not_scikit_learns():
    themes = ["prevention", "prosecution", "protection", "partnership"]
    examples = [gold("alpha beta", True, themes), gold("gamma delta", False, [])]
    with pytest.raises(InputValueError, match="cannot build TF-IDF features from 2 training texts"):
        tagger.train(seeds=SEEDS, examples=examples, use_seed_corpus=False, cv_folds=2)


@pytest.mark.parametrize("examples", [["a text"], [None], "a text", {"text": "a"}])
def test_examples_must_be_dicts(examples):
    with pytest.raises(InputTypeError, match="examples"):
        tagger.train(seeds=SEEDS, examples=examples)


@pytest.mark.parametrize(
    "params",
    [
        {"class_weight": "bogus"},
        {"ngram_range": "ab"},
        {"ngram_range": (0, 2)},
        {"C": "x"},
        {"C": float("nan")},
        {"min_df": 0},
        {"max_df": 2.0},
        {"cv_folds": 1.5},
        {"top_terms": -1},
    ],
)
def test_bad_parameters_are_our_errors(params):
    with pytest.raises(InputValueError, match=next(iter(params))):
        tagger.Tagger(**params).fit([])


def test_bad_example_objects_are_our_errors():
    from tagger.training import Example

    with pytest.raises(InputTypeError, match=r"examples\[0\].text must be str"):
        tagger.Tagger().fit([Example(None, (1, 0, 0, 0, 0))])  # type: ignore[arg-type]
    with pytest.raises(InputValueError, match="must be 1, 0 or -1"):
        tagger.Tagger().fit([Example("a", (2, 0, 0, 0, 0))])


# --------------------------------------------------------------- model files
@pytest.fixture()
def saved(small_tagger, tmp_path) -> Path:
    return small_tagger.save(tmp_path / "model")


def rewrite(d: Path, name: str, data: bytes, *, fix_hash: bool = True, meta_edit=None) -> None:
    """Replace a model file, and (as a careful attacker would) update model.json to match."""
    (d / name).write_bytes(data)
    meta = model_meta(d)
    if fix_hash:
        import hashlib

        meta["sha256"][name] = hashlib.sha256(data).hexdigest()
    if meta_edit is not None:
        meta_edit(meta)
    write_model_meta(d, meta)


def test_joblib_file_in_the_model_directory_is_refused(saved):
    joblib = pytest.importorskip("joblib")
    joblib.dump({"coef": [1.0]}, saved / "model.joblib")
    with pytest.raises(ModelFileError, match="refusing to load.*model.joblib"):
        tagger.load(saved)


def test_object_array_with_a_pickle_inside_is_refused_without_running_it(saved, tmp_path):
    marker = tmp_path / "pwned"

    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    import io

    buf = io.BytesIO()
    np.save(buf, np.array([Boom()], dtype=object), allow_pickle=True)
    rewrite(saved, "idf.npy", buf.getvalue())
    with pytest.raises(ModelFileError, match="idf.npy"):
        tagger.load(saved)
    assert not marker.exists()


def test_array_header_claiming_a_huge_shape_is_refused_before_allocating(saved):
    import io

    buf = io.BytesIO()
    np.save(buf, np.zeros(3))
    huge = buf.getvalue().replace(b"(3,)", b"(10000000000000,)")

    def claim(meta):
        meta["arrays"]["intercept"]["shape"] = [10**13]

    rewrite(saved, "intercept.npy", huge, meta_edit=claim)
    with pytest.raises(ModelFileError, match="intercept.npy is truncated"):
        tagger.load(saved)


def test_truncated_array_with_matching_hash_is_refused(saved):
    data = (saved / "coef.npy").read_bytes()
    rewrite(saved, "coef.npy", data[:-8])
    with pytest.raises(ModelFileError, match="coef.npy is truncated"):
        tagger.load(saved)
    rewrite(saved, "coef.npy", data[:40])
    with pytest.raises(ModelFileError, match="coef.npy is not a valid array file"):
        tagger.load(saved)


def test_non_finite_weights_are_refused(saved):
    import io

    coef = np.load(saved / "coef.npy")
    coef[0, 0] = np.nan
    buf = io.BytesIO()
    np.save(buf, coef)
    rewrite(saved, "coef.npy", buf.getvalue())
    with pytest.raises(ModelFileError, match="NaN or infinite"):
        tagger.load(saved)


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda m: m["thresholds"].update(relevance=1.5), "thresholds must be in"),
        (lambda m: m["thresholds"].update(relevance="nan"), "thresholds must be in"),
        (
            lambda m: m["params"].update(ngram_range=[1, 10**6]) or m["features"].update(ngram_range=[1, 10**6]),
            "ngram_range must be",
        ),
        (lambda m: m["features"].update(ngram_range=[1, 3]), "disagrees"),
        (lambda m: m.update(format_version="1"), "no valid format_version"),
        (lambda m: m.pop("arrays"), "incomplete"),
        (lambda m: m.update(labels=["relevance"]), "do not agree"),
    ],
)
def test_inconsistent_or_hostile_metadata_is_refused(saved, edit, fragment):
    meta = model_meta(saved)
    edit(meta)
    write_model_meta(saved, meta)
    with pytest.raises(ModelFileError, match=fragment):
        tagger.load(saved)


def test_deeply_nested_json_is_refused(saved):
    (saved / "model.json").write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(ModelFileError, match="model.json"):
        tagger.load(saved)


@pytest.mark.parametrize("name", ["model.json", "coef.npy"])
def test_model_file_that_is_a_device_or_directory_is_refused(saved, name):
    (saved / name).unlink()
    if Path("/dev/zero").exists():
        (saved / name).symlink_to("/dev/zero")  # reading it would never end
    else:  # pragma: no cover
        (saved / name).mkdir()
    with pytest.raises(ModelFileError, match="not a regular file"):
        tagger.load(saved)


def test_vocabulary_of_the_wrong_type_is_refused(saved):
    rewrite(saved, "vocabulary.json", json.dumps({"police": 0}).encode())
    with pytest.raises(ModelFileError, match="vocabulary"):
        tagger.load(saved)


def test_loading_a_model_never_unpickles(saved, monkeypatch):
    def no(*a, **k):
        raise AssertionError("pickle used while loading a model")

    monkeypatch.setattr(pickle, "load", no)
    monkeypatch.setattr(pickle, "loads", no)
    monkeypatch.setattr(pickle, "Unpickler", no)
    assert tagger.load(saved).tag(RELEVANT).relevant


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def assert_intact(saved: Path, before: dict[str, bytes]) -> None:
    assert snapshot(saved) == before
    assert [p.name for p in saved.parent.iterdir() if p.name.startswith(".")] == []
    assert tagger.load(saved).tag(RELEVANT).relevant


def test_failure_while_serialising_arrays_leaves_previous_model_intact(small_tagger, saved, monkeypatch):
    before = snapshot(saved)
    real_save = np.save
    calls = {"n": 0}

    def failing_save(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("injected failure after the first array")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(np, "save", failing_save)
    with pytest.raises(RuntimeError, match="injected"):
        small_tagger.save(saved)
    monkeypatch.undo()
    assert calls["n"] == 2
    assert_intact(saved, before)


def test_full_disk_while_writing_leaves_previous_model_intact(small_tagger, saved, monkeypatch):
    import builtins

    before = snapshot(saved)
    real_open = builtins.open
    written = {"n": 0}

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            written["n"] += 1
            if written["n"] == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.fh.write(data)

        def __getattr__(self, name):
            return getattr(self.fh, name)

    def fake_open(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        return FullDisk(fh) if "w" in mode and ".tmp-" in str(file) else fh

    monkeypatch.setattr(builtins, "open", fake_open)
    with pytest.raises(OSError) as err:
        small_tagger.save(saved)
    monkeypatch.undo()
    assert err.value.errno == errno.ENOSPC and written["n"] == 2
    assert_intact(saved, before)


def test_failure_while_renaming_into_place_restores_previous_model(small_tagger, saved, monkeypatch):
    before = snapshot(saved)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:  # 1: old model moved aside; 2: new model into place
            raise OSError(errno.EIO, "injected rename failure")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="injected"):
        small_tagger.save(saved)
    monkeypatch.undo()
    assert_intact(saved, before)


def test_cli_train_failure_leaves_previous_model_intact(tmp_path, capsys, saved):
    before = snapshot(saved)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "relevant": true, "themes": ["nope"]}\n')
    rc, _, err = run_cli(capsys, "train", "--out", str(saved), "--seeds", str(SEEDS), "--labelled", str(bad))
    assert_one_line_error(rc, err, "unknown theme")
    assert_intact(saved, before)


def test_training_twice_gives_byte_identical_files_with_gold_and_weak_data(tmp_path):
    g = write_jsonl(tmp_path / "g.jsonl", [gold(RELEVANT, True, ["protection", "prosecution"]), gold("Rain is due.", False, [])])
    u = write_jsonl(tmp_path / "u.jsonl", [{"text": "Officers rescued trafficking victims at a farm."}])
    for out in ("a", "b"):
        tagger.train(tmp_path / out, seeds=SEEDS, labelled=[g], unlabelled=[u], cv_folds=3)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


# ---------------------------------------------------------------- concurrency
def test_one_model_from_many_threads_gives_serial_results(saved):
    t = tagger.load(saved)
    texts = [RELEVANT, "", FOREIGN["thai"], "Markets closed higher.", "Officers raided a brothel and freed four women."]
    texts = [f"{x} ({i})" if x else x for i, x in enumerate(texts * 40)]
    serial = [r.to_dict() for r in t.tag_batch(texts)]
    serial_articles = [t.tag_article("\n\n".join(texts[i : i + 5])).to_dict() for i in range(0, len(texts), 5)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        single = list(pool.map(lambda x: t.tag(x).to_dict(), texts))
        batches = list(pool.map(lambda i: [r.to_dict() for r in t.tag_batch(texts[i : i + 7])], range(0, len(texts), 7)))
        articles = list(pool.map(lambda i: t.tag_article("\n\n".join(texts[i : i + 5])).to_dict(), range(0, len(texts), 5)))
    assert single == serial
    assert [r for b in batches for r in b] == serial
    assert articles == serial_articles
