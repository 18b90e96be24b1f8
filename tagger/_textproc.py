"""Token processing shared by training and prediction: English function words and a
small deterministic suffix stripper (``light-v1``, and ``light-v2``, which first folds
British and American spellings together).

Both are plain data and code in this package, recorded in each model's metadata, so a
saved model tokenises exactly as it did when it was trained.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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

#: The stemmer new models are trained with (``Tagger(stem=True)``); the names a model
#: may record are :data:`STEMMERS`.
DEFAULT_STEMMER = "light-v2"

# Suffixes tried longest first; a suffix is removed only if at least 4 letters remain.
# fmt: off
_SUFFIXES = (
    "isations", "izations", "isation", "ization", "ational", "ations", "ation", "ators", "ator",
    "nesses", "ness", "ments", "ment", "ities", "ity", "ings", "ing", "ions", "ion", "ives", "ive",
    "ated", "ates", "ate", "ers", "er", "ors", "or", "ied", "ies", "ed", "es", "ly", "al", "s", "e",
)
# fmt: on
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


# -- light-v2: British and American spellings fold together before stripping ----------
# Analysts read both: UN and Commonwealth texts write "labour", "organised",
# "counselling", "programme"; US news writes "labor", "organized", "counseling",
# "program". Without folding, a word learnt in one spelling carries no weight in the
# other. Only spellings are folded, never words with a different meaning.

# Words whose "-our" is "-or" in American spelling; any word starting with one of
# these is folded ("labourers" -> "laborers", "favourite" -> "favorite").
# fmt: off
_OUR_PREFIXES = (
    "armour", "behaviour", "colour", "endeavour", "favour", "flavour", "harbour", "honour",
    "humour", "labour", "neighbour", "odour", "parlour", "rumour", "saviour", "tumour",
    "valour", "vigour",
)
# fmt: on
# Stems that double a final "l" before a suffix in British spelling only
# ("counselling", "travelled", "labelled"); other "-lled" words ("compelled",
# "spelling") are left alone.
# fmt: off
_DOUBLE_L_STEMS = (
    "cancel", "channel", "counsel", "dial", "equal", "fuel", "label", "level", "marshal",
    "model", "rival", "signal", "total", "travel", "tunnel",
)
# fmt: on
_DOUBLE_L_ENDINGS = ("led", "ling", "lings", "ler", "lers", "lor", "lors")
# Whole words spelt differently (British -> American).
# fmt: off
_SPELLINGS = {
    "ageing": "aging", "anaesthetic": "anesthetic", "analogue": "analog", "catalogue": "catalog",
    "centre": "center", "centres": "centers", "centred": "centered", "cheque": "check",
    "cheques": "checks", "defence": "defense", "defences": "defenses", "dialogue": "dialog",
    "dialogues": "dialogs", "enrol": "enroll", "enrolment": "enrollment", "enrolments": "enrollments",
    "enrols": "enrolls", "fibre": "fiber", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "fulfils": "fulfills", "grey": "gray", "instalment": "installment", "instalments": "installments",
    "jewellery": "jewelry", "judgement": "judgment", "judgements": "judgments", "kilometre": "kilometer",
    "kilometres": "kilometers", "licence": "license", "licences": "licenses", "litre": "liter",
    "litres": "liters", "manoeuvre": "maneuver", "metre": "meter", "metres": "meters", "mould": "mold",
    "offence": "offense", "offences": "offenses", "paediatric": "pediatric", "plough": "plow",
    "practise": "practice", "practised": "practiced", "practises": "practices", "practising": "practicing",
    "pretence": "pretense", "programme": "program", "programmes": "programs", "sceptical": "skeptical",
    "theatre": "theater", "theatres": "theaters", "tyre": "tire", "tyres": "tires",
}
# fmt: on
# "-ize"/"-yze" endings are folded to "-ise"/"-yse" ("organized" -> "organised").
_IZE = re.compile(r"([iy])z(e|es|ed|ing|ation|ations|ational|er|ers)$")
# Stems light-v1 strips too far into another word: "organisation" and "organization"
# became "organ", the word of organ removal. light-v2 keeps them with "organised".
# fmt: off
_STEM_EXCEPTIONS = {
    "organisation": "organis", "organisations": "organis", "organisational": "organis",
    "reorganisation": "reorganis",
}
# fmt: on


def fold_spelling(word: str) -> str:
    """One spelling for British and American variants of a lower-cased word:
    "labour" and "labor" give "labor", "organised" and "organized" give "organised",
    "counselling" gives "counseling"; other words are returned unchanged."""
    folded = _SPELLINGS.get(word)
    if folded is not None:
        return folded
    if "our" in word:
        for prefix in _OUR_PREFIXES:
            if word.startswith(prefix):
                return prefix[:-2] + "r" + word[len(prefix) :]
    if "ll" in word:
        for stem in _DOUBLE_L_STEMS:
            if word.startswith(stem) and word[len(stem) :] in _DOUBLE_L_ENDINGS:
                return stem + word[len(stem) + 1 :]
    if len(word) > 5 and "z" in word:
        return _IZE.sub(r"\1s\2", word)
    return word


@lru_cache(maxsize=200_000)
def light_stem_v2(word: str) -> str:
    """``light-v2``: :func:`fold_spelling`, then :func:`light_stem`, so "labour" and
    "labor" share the stem "labor", and "organizations" keeps "organis" rather than
    turning into "organ"."""
    folded = fold_spelling(word)
    return _STEM_EXCEPTIONS.get(folded) or light_stem(folded)


#: Stemmer names a model may record, and their functions. A model keeps the one it was
#: trained with, so models trained with ``light-v1`` tokenise as before.
_STEM_FUNCTIONS: dict[str, Callable[[str], str]] = {"light-v1": light_stem, "light-v2": light_stem_v2}
STEMMERS = tuple(_STEM_FUNCTIONS)


def stemmer(name: str) -> Callable[[str], str]:
    """The stemming function recorded under ``name`` (one of :data:`STEMMERS`)."""
    try:
        return _STEM_FUNCTIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"stem must be None or one of {list(STEMMERS)}, got {name!r}") from None
