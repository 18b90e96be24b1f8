"""tagger: tag news about human trafficking with relevance and the 4P themes
(prevention, prosecution, protection, partnership), with evidence.

>>> import tagger
>>> t = tagger.load()                      # the shipped default model
>>> r = t.tag("Police rescued 12 victims of trafficking and arrested two recruiters.")
>>> r.relevant, r.themes                   # doctest: +SKIP
(True, ('prosecution', 'protection'))
"""

from ._version import __version__
from .api import load, train
from .errors import TaggerError
from .frames import tag_dataframe
from .pipeline import Tagger
from .tags import ArticleResult, TagResult

__all__ = ["ArticleResult", "TagResult", "Tagger", "TaggerError", "__version__", "load", "tag_dataframe", "train"]
