"""Count arguments across the public entry points are checked alike: a positive int,
not a bool, and an InputValueError that names the argument otherwise."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import tagger
from tagger.bulk import OutputOptions, tag_items
from tagger.diagnostics import suggest_labels, suggest_terms
from tagger.errors import InputValueError, check_positive_int
from tagger.report import write_report

BAD = [0, -3, True, 2.0, "4", None]


@pytest.mark.parametrize("value", [1, 7, 10**6])
def test_check_positive_int_returns_good_values(value: int) -> None:
    assert check_positive_int("n", value) == value


@pytest.mark.parametrize("value", [np.int64(3), np.int32(1), np.uint8(200)])
def test_check_positive_int_accepts_numpy_integers_as_plain_ints(value: Any) -> None:
    # A count taken from an array (len of a numpy selection, argmax) is an integer too.
    got = check_positive_int("n", value)
    assert got == int(value) and type(got) is int


@pytest.mark.parametrize("value", [*BAD, np.int64(0), np.float64(2.0), np.bool_(True)])
def test_check_positive_int_names_argument(value: Any) -> None:
    with pytest.raises(InputValueError, match=r"^size must be a positive integer, got "):
        check_positive_int("size", value)


def _calls(t: tagger.Tagger, tmp: Path) -> dict[str, Callable[[Any], Any]]:
    texts = ["Police rescued four workers held on a fishing boat.", "The council approved a new park."]
    return {
        "batch_size": lambda v: list(t.tag_stream(texts, batch_size=v)),
        "k": lambda v: suggest_terms(t, k=v),
        "n": lambda v: suggest_labels(t, texts, n=v),
        "jobs": lambda v: tag_items(t, iter([]), io.BytesIO(), OutputOptions("jsonl"), jobs=v),
        "limit": lambda v: write_report(t, iter([]), tmp / "r.html", limit=v),
    }


@pytest.mark.parametrize("arg", ["batch_size", "k", "n", "jobs", "limit"])
@pytest.mark.parametrize("value", [0, True, "4"])
def test_entry_points_reject_bad_counts(small_tagger: tagger.Tagger, tmp_path: Path, arg: str, value: Any) -> None:
    call = _calls(small_tagger, tmp_path)[arg]
    with pytest.raises(InputValueError, match=f"^{arg} must be a positive integer"):
        call(value)
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("arg", ["batch_size", "k", "n"])
def test_entry_points_take_numpy_counts_like_ints(small_tagger: tagger.Tagger, tmp_path: Path, arg: str) -> None:
    call = _calls(small_tagger, tmp_path)[arg]
    assert repr(call(np.int64(2))) == repr(call(2))


def test_report_and_bulk_check_batch_size_before_any_work(small_tagger: tagger.Tagger, tmp_path: Path) -> None:
    out = io.BytesIO()
    with pytest.raises(InputValueError, match="^batch_size must be a positive integer"):
        tag_items(small_tagger, iter([]), out, OutputOptions("jsonl"), batch_size=0)
    with pytest.raises(InputValueError, match="^batch_size must be a positive integer"):
        write_report(small_tagger, iter([]), tmp_path / "r.html", batch_size=0)
    assert out.getvalue() == b"" and not (tmp_path / "r.html").exists()
