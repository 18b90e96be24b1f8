"""Token processing shared by training and prediction: English function words and a
small deterministic suffix stripper (``light-v1``).

Both are plain data and code in this package, recorded in each model's metadata, so a
saved model tokenises exactly as it did when it was trained.
"""

from __future__ import annotations

from functools import lru_cache

#: Function words dropped before n-grams are formed (``stop_words=True``). Negations
#: ("no", "not") and words that carry meaning in this domain ("against", "without")
#: are kept on purpose.
ENGLISH_STOP_WORDS: tuple[str, ...] = tuple(
    sorted(
        set(
            """
a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either else ever every few for
from further had has have having he her here hers herself him himself his how however i if in into
is it its itself just may me might more most much must my myself neither nor now of off on once only
or other our ours ourselves out over own per same shall she should so some such than that the their
theirs them themselves then there these they this those through thus to too under until up upon us
very was we were what when where whether which while who whom whose why will with within would yet
you your yours yourself yourselves
""".split()  # noqa: SIM905
        )
    )
)

STEMMERS = ("light-v1",)

# Suffixes tried longest first; a suffix is removed only if at least 4 letters remain.
_SUFFIXES = (
    "isations", "izations", "isation", "ization", "ational", "ations", "ation", "ators", "ator",
    "nesses", "ness", "ments", "ment", "ities", "ity", "ings", "ing", "ions", "ion", "ives", "ive",
    "ated", "ates", "ate", "ers", "er", "ors", "or", "ied", "ies", "ed", "es", "ly", "al", "s", "e",
)
_MIN_STEM = 4


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """Strip common English suffixes, at most two (``light-v1``): "prosecutions",
    "prosecuted", "prosecutors" and "prosecute" all become "prosecut", "sheltered"
    and "shelters" become "shelt". Deterministic and cheap; words of four letters or
    fewer, and non-ASCII words, are returned unchanged."""
    return _strip(_strip(word))


def _strip(word: str) -> str:
    if len(word) <= _MIN_STEM or not word.isascii():
        return word
    if word.endswith("ies") and len(word) - 3 >= _MIN_STEM - 1:
        return word[:-3] + "y"
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= _MIN_STEM:
            stem = word[: -len(suf)]
            if suf == "s" and stem.endswith(("s", "u", "i")):  # "business", "status", "analysis"
                return word
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":  # "committed" -> "commit"
                stem = stem[:-1]
            return stem
    return word
