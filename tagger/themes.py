"""The taxonomy: the relevance gate and the four response themes, loaded from TOML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .io import read_toml

RELEVANCE = "relevance"
THEME_IDS: tuple[str, ...] = ("prevention", "prosecution", "protection", "partnership")


@dataclass(frozen=True)
class Theme:
    """One label of the taxonomy: an id used everywhere, a display name and a definition."""

    id: str
    name: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    """The relevance label plus the ordered response themes."""

    relevance: Theme
    themes: tuple[Theme, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    @property
    def label_ids(self) -> tuple[str, ...]:
        """Relevance first, then the themes: the row order of the model's arrays."""
        return (self.relevance.id, *self.theme_ids)

    def get(self, theme_id: str) -> Theme:
        for t in (self.relevance, *self.themes):
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "relevance": _theme_dict(self.relevance),
            "themes": [_theme_dict(t) for t in self.themes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: object = "<taxonomy>") -> Taxonomy:
        try:
            relevance = _theme_from(data["relevance"])
            themes = tuple(_theme_from(t) for t in data["themes"])
        except (KeyError, TypeError) as exc:
            raise DataFileError(source, None, f"taxonomy is missing a field: {exc}") from None
        if relevance.id != RELEVANCE:
            raise DataFileError(source, None, f"the relevance label must have id {RELEVANCE!r}")
        ids = [t.id for t in themes]
        if len(set(ids)) != len(ids) or RELEVANCE in ids:
            raise DataFileError(source, None, f"theme ids must be unique and not {RELEVANCE!r}: {ids}")
        if not themes:
            raise DataFileError(source, None, "the taxonomy has no themes")
        return cls(relevance=relevance, themes=themes)


def _theme_dict(t: Theme) -> dict[str, str]:
    return {"id": t.id, "name": t.name, "definition": t.definition}


def _theme_from(d: dict[str, Any]) -> Theme:
    return Theme(id=str(d["id"]), name=str(d["name"]), definition=" ".join(str(d["definition"]).split()))


def load_taxonomy(path: str | Path) -> Taxonomy:
    """Read a ``themes.toml`` file (see ``seeds/themes.toml``)."""
    path = Path(path)
    data = read_toml(path, "themes file")
    return Taxonomy.from_dict(data, source=path)
