"""Keeps the seed knowledge honest: labels use the theme ids, no near-duplicates,
every theme well represented, and the shipped default model matches seeds/."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from tagger._resources import default_model_dir, seeds_dir
from tagger.themes import RELEVANCE, THEME_IDS
from tagger.training import file_sha256, load_seeds

from .conftest import model_meta


@pytest.fixture(scope="module")
def seeds():
    return load_seeds()


@pytest.fixture(scope="module")
def raw_units():
    units = []
    for f in sorted((seeds_dir() / "corpus").glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                units.append((f.name, n, json.loads(line)))
    return units


def test_taxonomy_ids_are_the_project_ids(seeds):
    assert seeds.taxonomy.relevance.id == RELEVANCE
    assert seeds.taxonomy.theme_ids == THEME_IDS
    assert seeds.taxonomy.get("protection").name == "Victim support (protection)"
    assert seeds.taxonomy.get("partnership").name == "Cooperation (partnership)"


def test_every_unit_is_well_formed(raw_units):
    ids = Counter(u["id"] for _, _, u in raw_units)
    assert [i for i, c in ids.items() if c > 1] == []
    for name, n, u in raw_units:
        where = f"{name}:{n}"
        assert set(u) == {"id", "text", "relevant", "themes"}, where
        assert isinstance(u["text"], str) and len(u["text"].split()) >= 8, where
        assert isinstance(u["relevant"], bool), where
        assert set(u["themes"]) <= set(THEME_IDS), where
        assert not (u["themes"] and not u["relevant"]), where


def test_no_near_duplicates(seeds):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [e.text for e in seeds.corpus]
    X = TfidfVectorizer().fit_transform(texts)
    sim = (X @ X.T).toarray()
    np.fill_diagonal(sim, 0.0)
    i, j = np.unravel_index(np.argmax(sim), sim.shape)
    assert sim[i, j] <= 0.8, f"near duplicates ({sim[i, j]:.2f}):\n{texts[i]}\n{texts[j]}"


def test_corpus_size_and_balance(seeds):
    Y = np.array([e.y for e in seeds.corpus])
    assert len(Y) >= 300
    for j, lab in enumerate(THEME_IDS, 1):
        assert (Y[:, j] == 1).sum() >= 60, lab
    assert ((Y[:, 0] == 1) & (Y[:, 1:].sum(axis=1) == 0)).sum() >= 30, "relevant units with no theme"
    assert (Y[:, 0] == 0).sum() >= 100, "off-topic units"
    assert (Y[:, 1:].sum(axis=1) >= 2).sum() >= 50, "multi-theme units"


def test_default_model_was_trained_on_these_seeds():
    meta = model_meta(default_model_dir())
    recorded = meta["training"]["data_sha256"]
    current = {f"seeds/{k}": v for k, v in load_seeds().hashes.items()}
    assert recorded == current, "seeds/ changed since models/default was built: run `tagger train --out models/default`"
    assert file_sha256(seeds_dir() / "rules.toml") == recorded["seeds/rules.toml"]
