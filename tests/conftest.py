"""Shared fixtures: a tiny seeds folder written for the tests, and a tagger trained on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tagger

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_file(rel: str) -> Path:
    """A file of ../shared/data, or skip the test when it is absent (e.g. an installed package)."""
    p = SHARED_DATA / rel
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


def model_meta(d: Path) -> dict[str, Any]:
    """The model.json of the saved model in ``d``, as the file holds it."""
    return json.loads((d / "model.json").read_text())


def write_model_meta(d: Path, meta: dict[str, Any]) -> None:
    """Replace the model.json in ``d`` (to see how loading treats an edited file)."""
    (d / "model.json").write_text(json.dumps(meta))


@pytest.fixture(scope="session")
def small_tagger() -> tagger.Tagger:
    return tagger.train(seeds=SEEDS, cv_folds=3)


@pytest.fixture(scope="session")
def default_tagger() -> tagger.Tagger:
    return tagger.load()
