"""Property-based tests (hypothesis): for any unicode text, tagging keeps its promises.

Example counts are modest so the suite stays fast; scripts/fuzz.py runs the same
properties (and the JSONL reader) with many more examples.
"""

from __future__ import annotations

import contextlib
import json

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tagger.errors import DataFileError, InputTypeError  # noqa: E402
from tagger.io import iter_jsonl, record_text  # noqa: E402
from tagger.text import language_supported  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any code point, surrogates included, mixed with words the rules and the model know.
WORDS = ["police", "arrested", "trafficking", "victims", "shelter", "human", "forced labour", "the", "and", "\n\n", " "]
texts = st.lists(st.one_of(st.text(alphabet=st.characters(), max_size=30), st.sampled_from(WORDS)), max_size=12).map("".join)


def check_result(t, text, r) -> None:
    assert 0.0 <= r.relevance <= 1.0
    assert set(r.scores) == set(t.theme_ids) and all(0.0 <= v <= 1.0 for v in r.scores.values())
    assert set(r.themes) <= set(t.theme_ids) and len(set(r.themes)) == len(r.themes)
    assert not r.themes or (r.relevant and r.language_supported)
    assert r.language_supported == language_supported(text)
    for h in r.evidence.rule_hits:
        assert 0 <= h.start < h.end <= len(text)
        assert text[h.start : h.end] == h.text
    assert json.loads(json.dumps(r.to_dict()))["themes"] == list(r.themes)


@SETTINGS
@given(text=texts)
def test_tag_keeps_its_promises_for_any_text(small_tagger, text):
    r = small_tagger.tag(text)
    check_result(small_tagger, text, r)
    assert r.to_dict() == small_tagger.tag_batch([text])[0].to_dict()


@SETTINGS
@given(article=texts)
def test_tag_article_spans_locate_paragraphs(small_tagger, article):
    a = small_tagger.tag_article(article)
    for p in a.paragraphs:
        assert article[p.start : p.end] == p.text
        check_result(small_tagger, p.text, p.tags)
    assert set(a.themes) <= set(small_tagger.theme_ids)
    assert all(0.0 <= v <= 1.0 for v in a.scores.values())


@SETTINGS
@given(batch=st.lists(texts, max_size=6))
def test_predict_proba_is_in_unit_interval(small_tagger, batch):
    P = small_tagger.predict_proba(batch)
    assert P.shape == (len(batch), len(small_tagger.label_ids))
    assert np.all((P >= 0.0) & (P <= 1.0))


@SETTINGS
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text(), max_size=2)))
def test_non_text_values_only_raise_the_documented_error(small_tagger, value):
    with pytest.raises(InputTypeError):
        small_tagger.tag(value)


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300))
def test_jsonl_reader_raises_only_data_file_errors(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    p.write_bytes(data)
    try:
        for rec in iter_jsonl(p):
            assert isinstance(rec.data, dict) and rec.line >= 1
            with contextlib.suppress(DataFileError):
                assert isinstance(record_text(rec), str)
    except DataFileError as exc:
        assert str(exc).startswith(str(p))
