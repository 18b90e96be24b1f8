"""tag_dataframe: pandas frames in, the same frames with tag columns out."""

from __future__ import annotations

import sys

import pytest

import tagger
from tagger.errors import InputTypeError, InputValueError, MissingDependencyError

pd = pytest.importorskip("pandas")

TEXTS = [
    "Police arrested two men for human trafficking.",
    "Trafficking victims were taken to a shelter.",
    "The band played a new song.",
]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"body": TEXTS, "source": ["a", "b", "c"]}, index=[10, 20, 30])


def test_adds_theme_columns_and_keeps_the_frame(small_tagger):
    df = frame()
    out = tagger.tag_dataframe(df, text_column="body", model=small_tagger)
    themes = list(small_tagger.theme_ids)
    assert list(out.columns) == ["body", "source", "relevant", "relevance", "themes", *themes]
    assert list(df.columns) == ["body", "source"]  # the input is not changed
    assert list(out.index) == [10, 20, 30] and list(out["source"]) == ["a", "b", "c"]
    expected = small_tagger.tag_batch(TEXTS)
    assert list(out["relevant"]) == [r.relevant for r in expected] and out["relevant"].dtype == bool
    assert list(out["relevance"]) == [r.relevance for r in expected]
    assert list(out["themes"]) == [list(r.themes) for r in expected]
    for t in themes:
        assert list(out[t]) == [r.scores[t] for r in expected]


def test_prefix_and_name_clashes(small_tagger):
    df = frame().rename(columns={"source": "themes"})
    with pytest.raises(InputValueError, match=r"already has column\(s\) \['themes'\]; pass prefix="):
        tagger.tag_dataframe(df, "body", model=small_tagger)
    out = tagger.tag_dataframe(df, "body", model=small_tagger, prefix="tag_")
    assert {"themes", "tag_themes", "tag_relevant", "tag_prosecution"} <= set(out.columns)


def test_clear_errors(small_tagger):
    with pytest.raises(InputValueError, match=r"text_column 'text' is not a column of df; columns are \['body', 'source'\]"):
        tagger.tag_dataframe(frame(), model=small_tagger)
    df = frame()
    df.loc[20, "body"] = None
    with pytest.raises(InputTypeError, match=r"df\['body'\] at row 20 is a missing value"):
        tagger.tag_dataframe(df, "body", model=small_tagger)
    with pytest.raises(InputTypeError, match="must be a pandas DataFrame"):
        tagger.tag_dataframe(TEXTS, model=small_tagger)
    with pytest.raises(InputTypeError, match="model must be a Tagger"):
        tagger.tag_dataframe(frame(), "body", model=3)


def test_empty_frame_gives_the_columns_and_dtypes(small_tagger):
    out = tagger.tag_dataframe(frame().iloc[:0], "body", model=small_tagger)
    assert len(out) == 0 and out["relevance"].dtype == "float64" and out["prosecution"].dtype == "float64"


def test_model_path_is_loaded_once_per_process(small_tagger, tmp_path):
    from tagger.bulk import load_cached

    small_tagger.save(tmp_path / "m")
    load_cached.cache_clear()
    a = tagger.tag_dataframe(frame(), "body", model=str(tmp_path / "m"))
    b = tagger.tag_dataframe(frame(), "body", model=tmp_path / "m")
    assert load_cached.cache_info().misses == 1
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, tagger.tag_dataframe(frame(), "body", model=small_tagger))


def test_missing_pandas_is_a_clear_error(monkeypatch, small_tagger):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'tagger\[pandas\]'"):
        tagger.tag_dataframe(object(), model=small_tagger)


def test_articles_are_rolled_up_as_tag_article_does(default_tagger):
    from .test_pipeline import CONTEXT_LEAD, DRUG_SEIZURE, FOLLOW_ON

    arts = [f"{CONTEXT_LEAD}\n\n{FOLLOW_ON}\n\n{DRUG_SEIZURE}", "The band played a new song.", ""]
    df = pd.DataFrame({"body": arts}, index=["a", "b", "c"])
    out = tagger.tag_dataframe(df, "body", model=default_tagger, articles=True, batch_size=2)
    want = [default_tagger.tag_article(a) for a in arts]
    assert "partnership" in want[0].themes and want[0].paragraphs[2].tags.in_context  # the case in point
    assert list(out["relevant"]) == [w.relevant for w in want] == [True, False, False]
    assert list(out["themes"]) == [list(w.themes) for w in want]
    for t in default_tagger.theme_ids:
        assert list(out[t]) == [w.scores[t] for w in want]
    # as one unit, the follow-on paragraph's partnership is not read in context
    unit = tagger.tag_dataframe(df, "body", model=default_tagger)
    assert list(unit["themes"])[0] == list(default_tagger.tag(arts[0]).themes)
    with pytest.raises(InputValueError, match="batch_size must be a positive integer"):
        tagger.tag_dataframe(df, "body", model=default_tagger, articles=True, batch_size=0)
