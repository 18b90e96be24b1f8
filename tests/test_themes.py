"""The taxonomy file: the packaged one, and the errors a broken one gives."""

from __future__ import annotations

import re

import pytest

from tagger._resources import seeds_dir
from tagger.errors import DataFileError
from tagger.themes import RELEVANCE, THEME_IDS, Taxonomy, load_taxonomy


def test_packaged_taxonomy_has_relevance_first_then_the_four_themes():
    tax = load_taxonomy(seeds_dir() / "themes.toml")
    assert tax.label_ids == (RELEVANCE, *THEME_IDS)
    assert all(t.definition and t.name for t in tax.themes)
    assert Taxonomy.from_dict(tax.to_dict()) == tax


_ONE_THEME = '[relevance]\nid = "relevance"\nname = "R"\ndefinition = "d"\n'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[relevance\n", "not valid TOML"),
        (b'[relevance]\nid = "\xff"\n', "not UTF-8 text"),
        (_ONE_THEME.encode(), "taxonomy is missing a field"),
        ((_ONE_THEME + '[[themes]]\nid = "relevance"\nname = "x"\ndefinition = "d"\n').encode(), "must be unique"),
        (
            (
                _ONE_THEME.replace('id = "relevance"', 'id = "about"') + '[[themes]]\nid = "p"\nname = "P"\ndefinition = "d"\n'
            ).encode(),
            "must have id 'relevance'",
        ),
    ],
)
def test_broken_taxonomy_files_name_file_and_problem(tmp_path, content, message):
    p = tmp_path / "themes.toml"
    p.write_bytes(content)
    with pytest.raises(DataFileError, match=re.escape(message)) as err:
        load_taxonomy(p)
    assert str(p) in str(err.value)
