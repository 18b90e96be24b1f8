"""Shared fixtures: a tiny seeds folder written for the tests, and a tagger trained on it."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture(scope="session")
def small_tagger() -> tagger.Tagger:
    return tagger.train(seeds=SEEDS, cv_folds=3)


@pytest.fixture(scope="session")
def default_tagger() -> tagger.Tagger:
    return tagger.load()
