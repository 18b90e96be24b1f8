"""Where the packaged seeds and default model live (installed wheel or source checkout)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _package_dir(name: str, fallback: str) -> Path:
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            p = Path(loc)
            if p.is_dir():
                return p
    return Path(__file__).resolve().parent.parent / fallback


def seeds_dir() -> Path:
    """The ``seeds/`` folder: themes, rules and seed corpus."""
    return _package_dir("tagger.seeds", "seeds")


def default_model_dir() -> Path:
    """The shipped default model, built by ``tagger train`` from ``seeds/`` alone."""
    return _package_dir("tagger.models", "models") / "default"
