"""Text intake: checking that a value is a text, normalising it for hashing, and the
form of it a reader sees (what the rules and the features read: see :func:`reading_form`).

Contract (documented in the README, "Input contract"): a text must be a ``str``.
``None``, bytes, numbers and other types raise :class:`~tagger.errors.InputTypeError`.
Any string is accepted: empty or whitespace-only strings are "not relevant, no
themes", and :func:`language_supported` tells whether a text looks like English.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from .errors import InputTypeError


def check_text(value: Any, what: str = "text") -> str:
    """Return ``value`` if it is a string, else raise a clear :class:`InputTypeError`."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        raise InputTypeError(f"{what} must be str, got bytes; decode it first (e.g. value.decode('utf-8'))")
    raise InputTypeError(f"{what} must be str, got {type(value).__name__}")


# How a reader sees a text, which is what the rules and the features read. Characters
# that render as nothing are left out: the soft hyphen of hyphenation hints (HTML
# ``&shy;``), zero-width space, non-joiner and joiner, the word joiner and a stray
# byte-order mark; web pages put them inside words ("traf\u00adficking"). The Latin
# ligatures that text copied from a PDF keeps ("tra\ufb03cking", "o\ufb03cials") are
# spelled out.
_UNREAD = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufb00-\ufb06]")
_READING: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff")),
    **{
        ord(k): v
        for k, v in zip("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06", ("ff", "fi", "fl", "ffi", "ffl", "st", "st"), strict=True)
    },
}


def reading_form(text: str) -> str:
    """``text`` as a reader sees it: characters that render as nothing left out,
    ligatures spelled out (``text`` itself when it has neither; a plain-ASCII text
    never has one)."""
    if text.isascii() or _UNREAD.search(text) is None:
        return text
    return text.translate(_READING)


def reading_form_with_offsets(text: str) -> tuple[str, list[int]] | None:
    """``(reading_form(text), where each of its characters comes from in text)``, or
    ``None`` when the reading form is ``text`` itself. A span ``[s, e)`` found in the
    reading form is :func:`original_span` ``(offsets, s, e)`` in ``text``."""
    if text.isascii() or _UNREAD.search(text) is None:
        return None
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        shown = _READING.get(ord(ch), ch)
        if shown:
            chars.append(shown)
            offsets.extend([i] * len(shown))
    return "".join(chars), offsets


def original_span(offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that ``[start, end)`` of its reading form comes from
    (``offsets`` from :func:`reading_form_with_offsets`): a spelt-out ligature maps back
    to the whole ligature character."""
    return offsets[start], offsets[end - 1] + 1


def normalise_for_key(text: str) -> str:
    """Whitespace-collapsed, case-folded form used to match the same text across sources."""
    return " ".join(text.split()).casefold()


def text_key(text: str) -> str:
    """A stable identity for a text: sha1 of its normalised form (used for gold-overrides-weak)."""
    return hashlib.sha1(normalise_for_key(text).encode("utf-8", "surrogatepass")).hexdigest()


# ----------------------------------------------------------------- language check
# The model and the rules are English. A cheap check, with no dependency, says whether a
# text looks like something they can read: most of its letters are Latin script, and it
# does not use clearly more function words of other languages than English ones.
# English headlines often have no function word at all, so the absence of English
# function words alone is not held against a text. Only the first LANGUAGE_SAMPLE_CHARS
# characters are examined (the check stays cheap on very long texts).

LANGUAGE_SAMPLE_CHARS = 20_000
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = """the and to of is was for that with by from this have has had been their they which who it its at be
    not or but she he his would will said after into than were are we our you in on"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH.split())
# Frequent function words of other languages written in Latin script, leaving out any
# that are also common in English news or names ("a", "in", "on", "as", "do", "un" for
# UN, "el" and "la" for El Salvador and La Paz, "van", "per", "care", "ve", ...).
_OTHER = """le les des et est une du dans pour qui sur au aux avec ont été
    los las del y que por una fue con sus
    os em um uma com foi não pelo pela
    il che della sono gli delle
    der die das und ist mit von den dem ein eine nicht sich auf zu wurde
    het een en op dat zijn niet voor wordt
    yang dan di ke dari untuk dengan ini itu dalam tidak adalah oleh
    và của các những được người đã là trong với một có không này
    ang ng mga sa na ay
    wa kwa za
    og och er af av til som det med har ikke inte är
    się nie że jest oraz przez
    je že jsou
    și în cu fost
    az és hogy nem egy
    ja ei että oli
    bir bu ile için olarak"""
_OTHER_FUNCTION_WORDS = frozenset(_OTHER.split())


#: Where a lead ends: a sentence end followed by a space, a headline separator
#: (" - ", " | ", an en or em dash between spaces) or an ellipsis.
_LEAD_END = re.compile(r"[.!?](?=\s)|\s[-|\u2013\u2014]\s|\.\.\.|\u2026")
#: A full stop after one of these (or after a single letter: "U.S.", "J. Smith") does
#: not end a sentence.
# fmt: off
_ABBREVIATIONS = frozenset(
    {
        # titles and ranks
        "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "capt", "cmdr", "sgt", "sen", "rep", "gov", "pres", "st", "jr", "sr",
        # "No. 5", "vs.", companies, months
        "no", "vs", "co", "corp", "inc", "ltd", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)
# fmt: on
#: A dash this close to the start ends a dateline, not the lead.
_DATELINE_MAX = 40
_DASHES = frozenset("-\u2013\u2014")
_WORD_BEFORE = re.compile(r"(?<!\w)([A-Za-z]{1,5})$")
#: A text that opens with a quotation longer than this many characters has the whole
#: quotation as its lead (with ``quotation=True``); a shorter one is a quoted word or
#: phrase of a headline ("'Chilling' gaps in ...").
_QUOTATION_LEAD_MIN = 40
_OPENING_QUOTE = re.compile(r"\s*[\"\u201c]")
_CLOSING_QUOTE = re.compile(r"[\"\u201d]")


def lead_end(text: str, quotation: bool = False) -> int:
    """Where the lead of ``text`` ends: its headline or first sentence ("Headline -
    Outlet. Snippet..." -> the end of "Headline"; a one-sentence clause -> its end).
    News puts what a story is about first; a mention further on may be a link or an
    aside. Full stops after titles and initials ("Maj. Gen. Somkeo", "U.S.") are
    skipped, and so is a dash in the first 40 characters: it closes a dateline
    ("VIENTIANE, 12 March (KPL) - The committee ...") or a short headline before its
    outlet, whose sentence goes on.

    With ``quotation``, a text that opens with a quotation of more than 40 characters
    has the whole quotation as its lead, up to the closing quotation mark: meeting news
    quotes a speaker's statement as one unit ('"Each pupil needs to know the risks.
    Lessons on preventing human trafficking should start at lower secondary level," the
    deputy minister said.'), and its topic is often named in the quotation's second
    sentence. Without a closing mark the lead is the first sentence, as before.

    Saved models depend on this definition (formats 2 to 6 without ``quotation``,
    format 7 with it): changing it changes their scores, so it needs a new model format."""
    if quotation:
        opening = _OPENING_QUOTE.match(text)
        if opening:
            closing = _CLOSING_QUOTE.search(text, opening.end())
            if closing and closing.start() - opening.end() > _QUOTATION_LEAD_MIN:
                return closing.start()
    for m in _LEAD_END.finditer(text):
        if m.start() < _DATELINE_MAX and m.group().strip() in _DASHES:
            continue  # a dateline ("VIENTIANE, 12 March (KPL) - ...") or a short headline and its outlet
        if m.group() == ".":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if w and (len(w.group(1)) == 1 or w.group(1).lower() in _ABBREVIATIONS):
                continue
        return m.start()
    return len(text)


#: What opens an aside in a news-alert snippet: a " | " list of other stories, or a
#: label such as "Related:", "Read more:", "More from <outlet>:", "Watch:".
_ASIDE_MARK = re.compile(
    r"\s\|\s|\b(?:Related|Read more|Read also|Also read|See also|More from [\w .'&-]{1,30}|Also on [\w .'&-]{1,30}"
    r"|Most read|Most popular|Watch|Trending|Latest|Top stories|Recommended|More stories|In other news"
    r"|You might also like|Also)\s*:"
)
_SENTENCE_END = re.compile(r"[.!?\u2026](?=\s)")


def aside_start(text: str, lead: int | None = None) -> int:
    """Where the asides of ``text`` begin: the first aside marker (a " | " list of other
    stories, "Related:", "Read more:", "More from ...:", "Watch:" and the like) after the
    sentence that holds the lead ("Headline - Outlet." or the first sentence), or
    ``len(text)`` when there is none. A trafficking link listed there says nothing
    about what the story is. ``lead``: ``lead_end(text)`` when already known. Saved
    models (format 4) depend on this definition, as on :func:`lead_end`."""
    m = _SENTENCE_END.search(text, lead_end(text) if lead is None else lead)
    if m is None:
        return len(text)
    a = _ASIDE_MARK.search(text, m.end())
    return a.start() if a else len(text)


#: How many content words a sentence after the lead must share with the lead to echo it
#: (see :func:`echoes_lead`).
ECHO_MIN_SHARED = 2
_ECHO_WORD = re.compile(r"[a-z]{4,}")
#: Words that do not make a sentence echo the lead: common function and reporting words,
#: and the names of the crime itself (a snippet does not echo a headline by repeating
#: "trafficking": that is the mention being weighed).
_ECHO_IGNORED = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "that this with from have been were will their they them into about after over more than said says also which "
        "while would could other news what when where your year years week first last told people human trafficking "
        "exploitation slavery forced labour labor smuggling smugglers"
    ).split()
)


def echo_words(text: str) -> set[str]:
    """The content words of ``text`` that :func:`echoes_lead` compares: lower-cased
    words of four letters or more, without the ignored ones."""
    return {w for w in _ECHO_WORD.findall(text.lower()) if w not in _ECHO_IGNORED and not w.startswith("traffick")}


def echoes_lead(text: str, lead: int, start: int, end: int) -> bool:
    """Whether the sentence of ``text`` holding ``text[start:end]`` (a span after the
    lead, which ends at ``lead``) shares at least :data:`ECHO_MIN_SHARED` content words
    with the lead: the snippet goes on with the headline's story ("Court extends
    detention of Mr X - Daily. ... Mr X's detention on suspicion of human trafficking"),
    where a link or an aside to another story shares none ("Storm closes schools -
    Daily. ... Two men charged with human trafficking").

    The sentence runs from the last ". ", "..." or "\u2026" before ``start`` (not before
    the lead's end) to the first sentence end after ``end``. Saved models with an echo
    column (format 8) depend on this definition."""
    return echoing_spans(text, lead, [(start, end)])[0]


def echoing_spans(text: str, lead: int, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """:func:`echoes_lead` for each ``(start, end)`` in ``spans``, in one pass over
    ``text``: the sentence boundaries are found once and looked up by bisection, and
    each sentence is compared once (linear in the text however many spans it holds)."""
    if not spans:
        return []
    lead_words = echo_words(text[:lead])
    stops = [m.start() + 1 for m in _SENTENCE_END.finditer(text)]
    # where a sentence may begin: ". ", "..." (overlapping runs of dots) and "\u2026", by
    # the last index at which each may start and still end before a span
    marks = (
        ([m.start() for m in re.finditer(r"\. ", text)], 2),
        ([m.start() for m in re.finditer(r"(?=\.\.\.)", text)], 3),
        ([m.start() for m in re.finditer("\u2026", text)], 1),
    )
    seen: dict[tuple[int, int], bool] = {}
    out = []
    for start, end in spans:
        begin = lead
        for found, width in marks:
            k = bisect_right(found, start - width) - 1
            if k >= 0 and found[k] >= lead:
                begin = max(begin, found[k])
        k = bisect_left(stops, end + 1)
        stop = stops[k] if k < len(stops) else len(text)
        key = (begin, stop)
        if key not in seen:
            seen[key] = len(echo_words(text[begin:stop]) & lead_words) >= ECHO_MIN_SHARED
        out.append(seen[key])
    return out


def language_supported(text: str) -> bool:
    """Whether ``text`` looks like English, the language the model and rules know.

    False when fewer than half of its letters are Latin script (Thai, Lao, Khmer,
    Chinese, Cyrillic, Arabic, ...), or when it has at least two function words of
    another Latin-script language (French, Spanish, Indonesian, Tagalog, ...) and more
    than twice as many as English ones. True otherwise, including for texts with no
    letters at all (empty, punctuation, emoji, numbers): nothing there is in another
    language. Deterministic and cheap (examines the first 20,000 characters).
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return True
    if 2 * len(_LATIN_LETTER.findall(sample)) < letters:
        return False
    english = other = 0
    for w in _WORD.findall(sample):
        w = w.lower()
        if w in _ENGLISH_FUNCTION_WORDS:
            english += 1
        elif w in _OTHER_FUNCTION_WORDS:
            other += 1
    return not (other >= 2 and other > 2 * english)
