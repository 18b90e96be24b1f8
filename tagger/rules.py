"""Labelling rules as data: one frozen :class:`Rule` per rule, loaded from TOML.

A rule votes for one label (``relevance`` or a theme id) when any of its keywords
or regular expressions matches; a match that overlaps one of the rule's exclusion
patterns is dropped. A rule that does not match abstains. Matching returns
:class:`RuleHit` objects with character spans into the text.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import DataFileError, InputTypeError
from .io import read_toml
from .text import original_span, reading_form_with_offsets

_RULE_FIELDS = {"name", "theme", "description", "keywords", "patterns", "triggers", "exclude", "weight", "case_sensitive"}
_JOIN = r"[\s\-\u2010-\u2014]+"  # a space or hyphen in a keyword matches runs of either
_WORD_START = r"(?<!\w)"


@dataclass(frozen=True)
class Rule:
    """One labelling rule. Immutable; build it from a file with :func:`load_rules`."""

    name: str
    theme: str
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    weight: float = 1.0
    description: str = ""
    case_sensitive: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("keywords", "patterns", "exclude", "triggers"):
            d[k] = list(d[k])
        return d


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired: which rule, for which label, where, and the matched text."""

    rule: str
    theme: str
    start: int
    end: int
    text: str
    weight: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "theme": self.theme, "start": self.start, "end": self.end, "text": self.text}


def keyword_regex(keyword: str) -> str:
    """Translate a keyword into a regex: whole words, space/hyphen interchangeable,
    a trailing ``*`` on a word matches any ending, a lone ``*`` matches one word."""
    tokens = [t for t in re.split(r"[\s\-]+", keyword.strip()) if t]
    if not tokens:
        raise ValueError("empty keyword")
    parts = []
    for tok in tokens:
        if tok == "*":
            parts.append(r"\w+")
            continue
        star = tok.endswith("*")
        core = tok[:-1] if star else tok
        esc = re.escape(core).replace("'", "['\u2019]")
        parts.append(esc + (r"\w*" if star else ""))
    return _WORD_START + _JOIN.join(parts) + r"(?!\w)"


_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class _Exclusion:
    """One exclusion pattern of a rule, compiled, with its cheap prefilters:
    ``literals`` (:func:`_required_literals`: clauses of strings every match contains)
    and ``starts`` (:func:`_leading_literals`: strings every match begins with);
    ``None`` where no such shortcut is found.

    Each pattern of a rule runs on its own, so a pattern never hides another: were
    they one alternation, a shorter match of one pattern ("a 2021 report") would
    consume the text where a longer one ("a 2021 report from the Council of Europe")
    begins, and which exclusions veto would depend on their order in the file.
    """

    regex: re.Pattern[str]
    literals: tuple[tuple[str, ...], ...] | None = None
    starts: tuple[str, ...] | None = None


@dataclass(frozen=True)
class _Compiled:
    """A rule compiled for matching, with a cheap word prefilter.

    ``words`` and ``prefixes`` are the first words of the rule's keywords (and
    triggers), as written: the regex can only match where a word equal to one of
    ``words``, or starting with one of ``prefixes``, begins (case-insensitively).
    ``always`` rules (raw patterns without triggers, keywords that start with ``*`` or
    with a non-word character) skip the prefilter; ``scan_all`` rules (patterns with
    triggers) scan the whole text once a trigger word occurs in it.
    """

    rule: Rule
    regex: re.Pattern[str]
    exclude: tuple[_Exclusion, ...] = ()
    words: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    always: bool = True
    scan_all: bool = False


class RuleSet:
    """An ordered, validated collection of rules, compiled once for matching.

    Immutable after construction, so one instance can match from several threads.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        names = [r.name for r in rules]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"rule names must be unique; repeated: {dupes}")
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._compiled = tuple(_compile(r) for r in self.rules)
        self._trigger = _Trigger(self._compiled)
        self._always = tuple(i for i, c in enumerate(self._compiled) if c.always)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels (relevance or theme ids) that at least one rule votes for."""
        return tuple(dict.fromkeys(r.theme for r in self.rules))

    def match(self, text: str) -> list[RuleHit]:
        """All hits of all rules in ``text``, sorted by position then rule order.

        Keyword rules only try their regex where one of their first words starts
        (found with one regex over the text), which gives the same hits as scanning
        the whole text with every rule, many times faster.
        """
        if not isinstance(text, str):
            raise InputTypeError(f"text must be a str, got {type(text).__name__}")
        return self.match_many([text])[0]

    def _full_scan(self, text: str) -> list[RuleHit]:
        """What :meth:`match` means, without any shortcut (no word index, no
        prefilters): every rule's regex over the whole text (control characters read as
        spaces), minus hits that overlap one of its exclusions, in position order (rule
        order among equal spans). Far slower; the reference that ``tests/test_rules.py``
        and ``benchmarks/bench_rules.py`` hold the fast path to."""
        norm = _CONTROL.sub(" ", text)
        shown = reading_form_with_offsets(norm)
        if shown is not None:
            norm = shown[0]
        quoted = text if shown is None else norm  # what the spans index (mapped back below)
        out = []
        for c in self._compiled:
            excluded = [m.span() for x in c.exclude for m in x.regex.finditer(norm)]
            for m in c.regex.finditer(norm):
                s, e = m.span()
                if s < e and not any(s < xe and xs < e for xs, xe in excluded):
                    out.append(RuleHit(c.rule.name, c.rule.theme, s, e, quoted[s:e], c.rule.weight))
        out.sort(key=lambda h: (h.start, h.end))
        return out if shown is None else _remap(out, shown[1], text)

    def match_many(self, texts: Sequence[str]) -> list[list[RuleHit]]:
        """``[self.match(t) for t in texts]``, several times faster on a batch: the
        places where keywords can match are found in one regex pass over the whole
        batch (joined), and each rule's regex only runs there."""
        if isinstance(texts, str):
            raise InputTypeError("texts must be a sequence of str, not a single str")
        texts = list(texts)
        for n, t in enumerate(texts):
            if not isinstance(t, str):
                raise InputTypeError(f"texts[{n}] must be a str, got {type(t).__name__}")
        # (a printable text has no control character: a fast test for most texts)
        norm = [t if t.isprintable() or not _CONTROL.search(t) else _CONTROL.sub(" ", t) for t in texts]
        # the rules read a text as a reader sees it ('traf\u00adficking', 'tra\ufb03cking': see
        # tagger.text.reading_form); the hits' spans and quotes are mapped back to the text as given
        offsets: dict[int, list[int]] = {}
        for n, t in enumerate(norm):
            shown = reading_form_with_offsets(t)  # None at once for a plain-ASCII text
            if shown is not None:
                norm[n], offsets[n] = shown
        cands = self._trigger.candidates_many(norm)
        return [
            _remap(self._match_one(text, text, cand), offsets[n], orig) if n in offsets else self._match_one(orig, text, cand)
            for n, (orig, text, cand) in enumerate(zip(texts, norm, cands, strict=True))
        ]

    def _match_one(self, original: str, text: str, candidates: dict[int, list[int]]) -> list[RuleHit]:
        # control characters (NUL, ESC, DEL, ...) separate words like a space does:
        # ``text`` has them replaced by spaces, same length, so spans and quotes
        # refer to ``original``
        order = sorted((*candidates, *self._always)) if self._always else sorted(candidates)
        if not order:
            return []
        hits: list[RuleHit] = []
        lowered: str | None = None
        seen: dict[str, bool] = {}
        compiled = self._compiled
        for i in order:
            c = compiled[i]
            if c.always or c.scan_all:
                spans = [m.span() for m in c.regex.finditer(text)]
            else:
                # like finditer, knowing that matches can only begin at the candidates
                spans = []
                pos = 0
                match = c.regex.match
                for p in candidates[i]:
                    if p >= pos:
                        m = match(text, p)
                        if m is not None:
                            e = m.end()
                            if e > p:
                                spans.append((p, e))
                                pos = e
            if not spans:
                continue
            if c.exclude:
                if lowered is None:
                    # case-insensitive matching of ASCII literals agrees with
                    # str.lower() unless one of these characters is present
                    lowered = "" if _FOLDS_TO_ASCII.search(text) else text.lower()
                excluded: list[tuple[int, int]] = []
                for x in c.exclude:
                    if lowered and x.literals is not None and not _may_contain(lowered, x.literals, seen):
                        continue
                    if lowered and x.starts is not None:
                        excluded += _finditer_at(x.regex, text, _occurrences(lowered, x.starts))
                    else:
                        excluded += [m.span() for m in x.regex.finditer(text)]
                if excluded:
                    spans = [(s, e) for s, e in spans if not any(s < xe and xs < e for xs, xe in excluded)]
            rule = c.rule
            name, theme, weight = rule.name, rule.theme, rule.weight
            for s, e in spans:
                if s < e:
                    hits.append(RuleHit(name, theme, s, e, original[s:e], weight))
        if len(hits) > 1:
            hits.sort(key=_position)
        return hits

    def to_list(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.rules]

    @classmethod
    def from_list(cls, items: Iterable[dict[str, Any]], source: object = "<rules>") -> RuleSet:
        rules = [_rule_from_dict(d, source, i) for i, d in enumerate(items, 1)]
        try:
            return cls(rules)
        except ValueError as exc:
            raise DataFileError(source, None, str(exc)) from None

    def sha256(self) -> str:
        """Hash of the canonical JSON form: identifies the rule set in model metadata."""
        blob = json.dumps(self.to_list(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def check_labels(self, allowed: Iterable[str], source: object = "<rules>") -> None:
        allowed = set(allowed)
        for r in self.rules:
            if r.theme not in allowed:
                raise DataFileError(
                    source, None, f"rule {r.name!r} has unknown theme {r.theme!r}; expected one of {sorted(allowed)}"
                )


def _remap(hits: list[RuleHit], offsets: list[int], original: str) -> list[RuleHit]:
    """Hits found in a text with some characters left out, with their spans and quotes
    in ``original`` (``offsets[i]``: where character ``i`` of that text is in it)."""
    out = []
    for h in hits:
        s, e = original_span(offsets, h.start, h.end)
        out.append(RuleHit(h.rule, h.theme, s, e, original[s:e], h.weight))
    return out


def _position(hit: RuleHit) -> tuple[int, int]:
    return hit.start, hit.end


def _compile(rule: Rule, prefilters: bool = True) -> _Compiled:
    flags = 0 if rule.case_sensitive else re.IGNORECASE
    kws = sorted((keyword_regex(k) for k in rule.keywords), key=len, reverse=True)
    # Every keyword regex starts with the same look-behind: test it once per position,
    # not once per keyword (same matches, several times faster on long texts).
    alts = [_WORD_START + "(?:" + "|".join(k[len(_WORD_START) :] for k in kws) + ")"] if kws else []
    alts += [f"(?:{p})" for p in rule.patterns]
    if not alts:
        raise ValueError(f"rule {rule.name!r} has neither keywords nor patterns")
    regex = re.compile("|".join(alts), flags)
    excl = tuple(re.compile(p, re.IGNORECASE) for p in rule.exclude)
    words: set[str] = set()
    prefixes: set[str] = set()
    always = bool(rule.patterns) and not rule.triggers
    for k in (*rule.keywords, *rule.triggers):
        first = re.split(r"[\s\-]+", k.strip())[0]
        core = first.rstrip("*")
        run = _WORD.match(core)
        if run is None:
            # "*", or a first word that starts with punctuation: no word start to key on
            always = True
        elif first.endswith("*") and run.group() == core:
            prefixes.add(core)
        else:
            # a whole word: the keyword's first word, or the word its first word starts
            # with when punctuation follows ("J/TIP", "officials'")
            words.add(run.group())
    return _Compiled(
        rule,
        regex,
        tuple(_Exclusion(x, *(_literal_prefilters(x) if prefilters else (None, None))) for x in excl),
        frozenset(words),
        frozenset(prefixes),
        always,
        bool(rule.patterns),
    )


class _Lazy:
    """A regex compiled on first use (most batches never need it). Two threads may
    both compile it; either result is the same immutable pattern."""

    __slots__ = ("_flags", "_pattern", "_regex")

    def __init__(self, pattern: str | Callable[[], str], flags: int) -> None:
        self._pattern, self._flags = pattern, flags  # the pattern, or a function making it
        self._regex: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        regex = self._regex
        if regex is None:
            pattern = self._pattern if isinstance(self._pattern, str) else self._pattern()
            regex = self._regex = re.compile(pattern, self._flags)
        return regex


class _Trigger:
    """Finds, for a batch of texts, where each keyword rule may match.

    Built once per rule set. One regex pass over the whole batch finds the positions
    where the head of some keyword of some keyword rule matches (its first word and
    the first letters of the second, see :func:`_head`; for rules with patterns: where
    a first word of one of their keywords or triggers occurs). At each such position
    a dict from the lowercase word found there to rule indices (one for whole first
    words, one for first-word prefixes) tells which rules may match. Rules whose first
    words are not ASCII, and words in the text that are not ASCII (where Unicode case
    folding and ``str.lower`` can disagree), are checked with each rule's own
    first-word regex instead. So the candidates of a rule always include every
    position where its regex matches, and matching there finds exactly what scanning
    the whole text would.

    The pass runs on the lowercased batch without ``re.IGNORECASE`` (about twice as
    fast). ``str.lower`` keeps lengths and word characters, and maps every character
    that matches an ASCII letter case-insensitively to that letter, except for the
    four characters of ``_FOLDS_TO_ASCII``: texts with one of them, and keywords that
    are not ASCII, use case-insensitive regexes on the original text instead.
    """

    _SEP = "\x00"  # joins the batch: not a word character, and never in a normalised text
    _KEY = 3
    _CHUNK = 1 << 20  # characters per regex pass, to bound the memory of the joined batch

    def __init__(self, compiled: Sequence[_Compiled]) -> None:
        words: dict[str, list[int]] = {}
        prefixes: dict[str, list[tuple[str, int]]] = {}
        unicode: list[tuple[int, _Lazy]] = []
        each: list[tuple[int, _Lazy]] = []
        ascii_frags: set[str] = set()
        other_frags: set[str] = set()
        for i, c in enumerate(compiled):
            if c.always:
                continue
            first = sorted({re.escape(w) + r"(?!\w)" for w in c.words} | {re.escape(p) for p in c.prefixes})
            each.append((i, _Lazy(_WORD_START + "(?:" + "|".join(first) + ")", re.IGNORECASE)))
            if c.scan_all:
                # patterns run on the whole text once a first word of a trigger occurs
                frags = [(f, f.isascii()) for f in first]
            else:
                frags = [(_head(keyword_regex(k)[len(_WORD_START) :]), k.isascii()) for k in c.rule.keywords]
            for f, is_ascii in frags:
                (ascii_frags if is_ascii else other_frags).add(f)
            if not all(w.isascii() for w in (*c.words, *c.prefixes)):
                unicode.append(each[-1])
                continue
            for w in c.words:
                words.setdefault(w.lower(), []).append(i)
            for pre in c.prefixes:
                pre = pre.lower()
                prefixes.setdefault(pre[: self._KEY], []).append((pre, i))
        self.words = {w: tuple(dict.fromkeys(v)) for w, v in words.items()}
        self.prefixes = {k: tuple(v) for k, v in prefixes.items()}
        self.prefix_lens = tuple(sorted({len(k) for k in prefixes}))
        self.unicode, self.each = tuple(unicode), tuple(each)
        # zero-width matches (a look-ahead), so that overlapping keywords all count
        # lower_rx and other_rx match the (non-word) character before a word start
        # where a keyword matches; fold_rx matches at the word start
        self.lower_rx = _after_nonword_regex([_lower_fragment(f) for f in ascii_frags], 0, capture=True)
        self.other_rx = _after_nonword_regex(list(other_frags), re.IGNORECASE)
        frags = sorted({*ascii_frags, *other_frags})
        self.fold_rx = _Lazy(lambda: _WORD_START + "(?=" + _trie(frags) + ")", re.IGNORECASE) if frags else None

    def candidates_many(self, texts: Sequence[str]) -> list[dict[int, list[int]]]:
        """For each text: rule index -> increasing start offsets where that rule may
        match. ``texts`` must be normalised (no control characters)."""
        found: list[dict[int, list[int]]] = [{} for _ in texts]
        if self.fold_rx is None:
            return found
        lo, n = 0, len(texts)
        memo: dict[str, list[int]] = {}
        while lo < n:  # in chunks, to bound the memory of the joined batch
            hi, size = lo + 1, len(texts[lo])
            while hi < n and size + len(texts[hi]) < self._CHUNK:
                size += len(texts[hi]) + 1
                hi += 1
            self._chunk(found, texts, range(lo, hi), memo)
            lo = hi
        return found

    def _chunk(
        self, found: list[dict[int, list[int]]], texts: Sequence[str], idx: Sequence[int], memo: dict[str, list[int]]
    ) -> None:
        sep = self._SEP
        # every text follows a separator, so a match of "non-word character, then a
        # keyword" marks each keyword at a word start (one character before it)
        joined = sep + sep.join(texts[k] for k in idx)
        if any(ch in joined for ch in _FOLD_CHARS):
            plain = []
            for k in idx:
                if _FOLDS_TO_ASCII.search(texts[k]):
                    self._add(found[k], texts[k], [m.start() for m in self.fold_rx.get().finditer(texts[k])], memo)
                else:
                    plain.append(k)
            if plain:
                self._chunk(found, texts, plain, memo)
            return
        hay = joined.lower()
        if self.other_rx is None and self.lower_rx is not None:
            self._plain(found, texts, idx, hay, memo)
            return
        per_text: list[list[int]] = [[] for _ in idx]
        for rx, h in ((self.lower_rx, hay), (self.other_rx, joined)):
            if rx is None:
                continue
            j, offset, end = 0, 1, 1 + len(texts[idx[0]])
            bucket = per_text[0]
            for m in rx.finditer(h):
                p = m.start() + 1
                if p > end:
                    while p > end:
                        offset = end + 1
                        j += 1
                        end = offset + len(texts[idx[j]])
                    bucket = per_text[j]
                bucket.append(p - offset)
        for j, k in enumerate(idx):
            if per_text[j]:
                self._add(found[k], texts[k], sorted(set(per_text[j])), memo)

    def _plain(
        self,
        found: list[dict[int, list[int]]],
        texts: Sequence[str],
        idx: Sequence[int],
        hay: str,
        memo: dict[str, list[int]],
    ) -> None:
        """The usual case of :meth:`_chunk` (all keywords ASCII), inlined: ``hay`` is
        the lowercased joined chunk and ``lower_rx`` captures the word at each match."""
        assert self.lower_rx is not None
        j, offset, end = 0, 1, 1 + len(texts[idx[0]])
        cand, text = found[idx[0]], texts[idx[0]]
        each = self.each
        for m in self.lower_rx.finditer(hay):
            p = m.start() + 1
            if p > end:
                while p > end:
                    offset = end + 1
                    j += 1
                    end = offset + len(texts[idx[j]])
                cand, text = found[idx[j]], texts[idx[j]]
            q = p - offset
            w = m.group(1)  # lowercase; ASCII exactly when the original word is
            if w.isascii():
                rules = memo.get(w)
                if rules is None:
                    rules = memo[w] = self._rules_for(w, text, q)
            else:
                rules = [i for i, rx in each if rx.get().match(text, q)]
            for i in rules:
                starts = cand.get(i)
                if starts is None:
                    cand[i] = [q]
                elif starts[-1] != q:
                    starts.append(q)

    def _add(self, cand: dict[int, list[int]], text: str, positions: Iterable[int], memo: dict[str, list[int]]) -> None:
        """Record which rules may match at each of ``positions`` (increasing word starts).

        ``memo`` caches the rules of each ASCII word (lowercased) for one batch."""
        word_at = _WORD.match
        for q in positions:
            w = word_at(text, q).group()  # type: ignore[union-attr]  # every fragment starts with a word character
            if w.isascii():
                w = w.lower()
                rules = memo.get(w)
                if rules is None:
                    rules = memo[w] = self._rules_for(w, text, q)
            else:
                rules = [i for i, rx in self.each if rx.get().match(text, q)]
            for i in rules:
                starts = cand.get(i)
                if starts is None:
                    cand[i] = [q]
                elif starts[-1] != q:
                    starts.append(q)

    def _rules_for(self, w: str, text: str, q: int) -> list[int]:
        """The rules that an ASCII word ``w`` (lowercase, found at ``q``) may start."""
        rules = list(self.words.get(w, ()))
        for n in self.prefix_lens:
            rules += [i for pre, i in self.prefixes.get(w[:n], ()) if w.startswith(pre)]
        # a first-word regex sees only the word at q: the answer holds for every q
        rules += [i for i, rx in self.unicode if rx.get().match(text, q)]
        return sorted(set(rules))


_FRAGMENT_TOKEN = re.compile(r"\[\\s\\-\\u2010-\\u2014\]\+|\['\u2019\]|\\w[*+]|\(\?!\\w\)|\\.|.", re.DOTALL)


_HEAD_CHARS = 3


def _head(fragment: str) -> str:
    """The start of a keyword fragment: its first word and the first letters of the
    second. It matches wherever the whole fragment does and is nearly as selective,
    while keeping the batch regex small (it is compiled when rules are loaded)."""
    tokens = _FRAGMENT_TOKEN.findall(fragment)
    if _JOIN not in tokens:
        return fragment
    end = tokens.index(_JOIN) + 1
    stop = end + _HEAD_CHARS
    while end < min(stop, len(tokens)) and (len(tokens[end]) == 1 or (len(tokens[end]) == 2 and tokens[end][0] == "\\")):
        end += 1  # literal characters (escaped or not) of the second word
    return "".join(tokens[:end])


def _lower_fragment(fragment: str) -> str:
    """An ASCII keyword fragment for matching lowercased text (no ``re.IGNORECASE``)."""
    return "".join(t.lower() if len(t) == 1 else t for t in _FRAGMENT_TOKEN.findall(fragment))


def _after_nonword_regex(fragments: Sequence[str], flags: int, capture: bool = False) -> re.Pattern[str] | None:
    """A regex matching each non-word character followed by a match of one of the
    fragments (regex engines skip fast to a character class, not to a look-behind);
    with ``capture``, group 1 is the word that follows."""
    if not fragments:
        return None
    return re.compile(r"\W(?=" + _trie(sorted(set(fragments))) + ")" + (r"(?=(\w+))" if capture else ""), flags)


def _trie(strings: Sequence[str]) -> str:
    """One regex alternation for regex fragments, sharing common literal prefixes.

    Fragments are keyword regexes (see :func:`keyword_regex`) without their leading
    look-behind; the result matches exactly where one of the fragments matches.
    """
    tree: dict[str, Any] = {}
    for s in strings:
        node = tree
        for tok in _FRAGMENT_TOKEN.findall(s):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = []
        for tok in sorted(node, key=lambda t: (t == "", t)):
            alts.append("" if tok == "" else tok + emit(node[tok]))
        if len(alts) == 1:
            return alts[0]
        if alts[-1] == "":
            return "(?:" + "|".join(alts[:-1]) + ")?"
        return "(?:" + "|".join(alts) + ")"

    return emit(tree)


# The only non-ASCII characters that a case-insensitive regex matches to ASCII letters
# (dotted and dotless i, long s, Kelvin sign); tests/test_rules.py checks the list.
_FOLD_CHARS = "\u0130\u0131\u017f\u212a"
_FOLDS_TO_ASCII = re.compile(f"[{_FOLD_CHARS}]")
_MAX_CLAUSES = 64
#: Clauses up to this many strings are pruned at every level of the parse tree; longer
#: ones (an exclusion's list of goods or species) once, at the top: pruning them at
#: every level cost most of the load time of a rule pack with such lists.
_PRUNE_INSIDE = 8
#: Longest clause kept in a prefilter (see _required_literals).
_MAX_CLAUSE_STRINGS = 24


@functools.lru_cache(maxsize=1024)
def _literal_prefilters(
    regex: re.Pattern[str] | None,
) -> tuple[tuple[tuple[str, ...], ...] | None, tuple[str, ...] | None]:
    """:func:`_required_literals` and :func:`_leading_literals` of ``regex``, from one
    parse (``None`` for both when there is no regex or it cannot be parsed). Cached,
    as ``re`` caches compiled patterns: loading a model again in the same process (a
    worker, a server reloading it) does not parse its exclusions again."""
    parsed = _parse(regex)
    if parsed is None:
        return None, None
    return _required_literals(parsed), _leading_literals(parsed)


def _required_literals(parsed: Any) -> tuple[tuple[str, ...], ...] | None:
    """A cheap necessary condition for a regex (``parsed`` by :func:`_parse`) to match
    anywhere in a text.

    Returns clauses, each a set of lowercase ASCII strings: every match of the regex
    (case-insensitive) contains, for every clause, at least one of its strings. So
    if a lowercased text lacks all strings of some clause, it holds no match and the
    regex need not run. ``None`` when no such condition is found.
    """
    try:
        cnf = _need(parsed)
    except Exception:  # noqa: BLE001 - a private module's structures; without them, no shortcut
        return None
    # the long clauses _need left unpruned are pruned here, once; a clause of dozens of
    # strings (an exclusion's list of goods or species) costs more to test on every text
    # than the regex run it may save: left out
    cnf = tuple(c for c in (_drop_longer(c) if len(c) > _PRUNE_INSIDE else c for c in cnf) if len(c) <= _MAX_CLAUSE_STRINGS)
    if not cnf:
        return None
    # test first the clauses most likely to fail (no short, common strings), and in
    # each clause first the strings most likely to occur (short ones)
    ordered = [tuple(sorted(c, key=lambda x: (len(x), x))) for c in cnf]
    return tuple(sorted(ordered, key=lambda c: (-len(c[0]), len(c), c)))


def _need(items: Any) -> tuple[frozenset[str], ...]:
    """Required literals (clauses, see :func:`_required_literals`) of a parsed regex
    sequence; empty when the sequence may match without any literal."""
    from re import _constants as C

    clauses: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            clauses.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is C.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        close()
        if op is C.SUBPATTERN:
            clauses += _need(av[3])
        elif op is C.ATOMIC_GROUP:
            clauses += _need(av)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses += _need(av[2])
        elif op is C.BRANCH:
            alts = [_need(b) for b in av[1]]
            if all(alts):
                # (a1 and a2 ...) or (b1 and ...) implies (ai or bj) for every i, j
                combined: list[frozenset[str]] = [frozenset()]
                for alt in alts:
                    if len(combined) * len(alt) > _MAX_CLAUSES:
                        alt = (min(alt, key=len),)
                    combined = [x | y for x in combined for y in alt]
                clauses += combined
    close()
    # a literal that contains another literal of its clause adds nothing to it (long
    # clauses are pruned once, in _required_literals), and a clause that contains
    # another clause says nothing more
    clauses = [_drop_longer(c) if len(c) <= _PRUNE_INSIDE else c for c in clauses]
    unique = sorted(set(clauses), key=len)
    return tuple(c for i, c in enumerate(unique) if not any(d < c for d in unique[:i]))


def _drop_longer(clause: frozenset[str]) -> frozenset[str]:
    """``clause`` without the strings that contain a shorter string of it (looks up each
    string's substrings of the lengths present, not every pair)."""
    lengths = sorted({len(y) for y in clause})
    return frozenset(
        x for x in clause if not any(x[i : i + k] in clause for k in lengths if k < len(x) for i in range(len(x) - k + 1))
    )


def _leading_literals(parsed: Any) -> tuple[str, ...] | None:
    """Lowercase ASCII strings one of which every match of a regex (``parsed`` by
    :func:`_parse`) starts with (case-insensitively); ``None`` when it can start
    otherwise."""
    try:
        lead = _lead(parsed)
    except Exception:  # noqa: BLE001 - a private module's structures; without them, no shortcut
        return None
    return tuple(sorted(lead)) if lead else None


def _parse(regex: re.Pattern[str] | None) -> Any:
    """The stdlib parser's tree of ``regex`` (``re._parser``, a private module), or
    ``None`` when there is no regex or the module cannot parse it."""
    if regex is None:
        return None
    try:
        from re import _parser

        return _parser.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - a private module; without it, just no shortcut
        return None


def _lead(items: Any) -> set[str] | None:
    from re import _constants as C

    items = list(items)
    k = 0
    while k < len(items) and items[k][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        k += 1  # zero-width: the match starts with what follows
    if k == len(items):
        return None
    op, av = items[k]
    if op is C.LITERAL:
        run = ""
        while k < len(items) and items[k][0] is C.LITERAL and chr(items[k][1]).isascii():
            run += chr(items[k][1]).lower()
            k += 1
        return {run} if run else None
    if op is C.SUBPATTERN:
        return _lead(av[3])
    if op is C.ATOMIC_GROUP:
        return _lead(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _lead(av[2])
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _lead(alt)
            if sub is None:
                return None
            out |= sub
        return out
    return None


def _occurrences(lowered: str, literals: Sequence[str]) -> list[int]:
    """Sorted start offsets of every occurrence of each of ``literals``."""
    found: set[int] = set()
    for lit in literals:
        i = lowered.find(lit)
        while i >= 0:
            found.add(i)
            i = lowered.find(lit, i + 1)
    return sorted(found)


def _finditer_at(regex: re.Pattern[str], text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """The spans of ``regex.finditer(text)`` when non-empty matches can only begin at
    ``starts`` (sorted) and the regex never matches the empty string."""
    spans = []
    pos = 0
    for p in starts:
        if p >= pos:
            m = regex.match(text, p)
            if m is not None and m.end() > p:
                pos = m.end()
                spans.append((p, pos))
    return spans


def _may_contain(lowered: str, clauses: tuple[tuple[str, ...], ...], seen: dict[str, bool]) -> bool:
    """Whether ``lowered`` has a string of every clause; ``seen`` caches ``str in lowered``
    for the rules of one text."""
    for clause in clauses:
        for lit in clause:
            found = seen.get(lit)
            if found is None:
                found = seen[lit] = lit in lowered
            if found:
                break
        else:
            return False
    return True


def _str_tuple(value: Any, what: str, source: object, idx: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(source, None, f"rule #{idx}: {what} must be a list of strings")
    return tuple(value)


def _rule_from_dict(d: Any, source: object, idx: int) -> Rule:
    if not isinstance(d, dict):
        raise DataFileError(source, None, f"rule #{idx} must be a table")
    unknown = set(d) - _RULE_FIELDS
    if unknown:
        raise DataFileError(source, None, f"rule #{idx} ({d.get('name', '?')}): unknown fields {sorted(unknown)}")
    name, theme = d.get("name"), d.get("theme")
    if not isinstance(name, str) or not name:
        raise DataFileError(source, None, f"rule #{idx} needs a non-empty 'name'")
    if not isinstance(theme, str) or not theme:
        raise DataFileError(source, None, f"rule {name!r} needs a 'theme'")
    weight = d.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0:
        raise DataFileError(source, None, f"rule {name!r}: weight must be a positive number, got {weight!r}")
    rule = Rule(
        name=name,
        theme=theme,
        keywords=_str_tuple(d.get("keywords"), "keywords", source, idx),
        patterns=_str_tuple(d.get("patterns"), "patterns", source, idx),
        exclude=_str_tuple(d.get("exclude"), "exclude", source, idx),
        triggers=_str_tuple(d.get("triggers"), "triggers", source, idx),
        weight=float(weight),
        description=" ".join(str(d.get("description", "")).split()),
        case_sensitive=bool(d.get("case_sensitive", False)),
    )
    try:
        _compile(rule, prefilters=False)
    except (re.error, ValueError) as exc:
        raise DataFileError(source, None, f"rule {name!r}: {exc}") from None
    return rule


#: Rule file formats this version reads. 2 adds named lists (``[lists]``, see
#: :func:`_named_lists`); a format 1 file has none.
RULE_FILE_FORMATS = (1, 2)
_LIST_REF = re.compile(r"\{list:([^{}]*)\}")
_LIST_NAME = re.compile(r"[A-Za-z_]\w*")


def _named_lists(raw: Any, source: object) -> dict[str, str]:
    """The ``[lists]`` table: each name holds regex alternatives that patterns and
    exclusions use as ``{list:name}``, written once instead of pasted into every regex
    that needs them (the goods a drug-trafficking exclusion names, say). A reference
    stands for the alternation ``(?:a|b|c)``. An item may refer to lists defined above
    it, so a list can be built from smaller ones."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataFileError(source, None, "[lists] must be a table of name = [regex, ...]")
    lists: dict[str, str] = {}
    for name, items in raw.items():
        if not _LIST_NAME.fullmatch(name):
            raise DataFileError(source, None, f"list name {name!r} must be letters, digits and underscores")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise DataFileError(source, None, f"list {name!r} must be a non-empty list of non-empty strings")
        alternation = "(?:" + "|".join(_expand(i, lists, source, f"list {name!r}") for i in items) + ")"
        try:
            re.compile(alternation)
        except re.error as exc:
            raise DataFileError(source, None, f"list {name!r}: {exc}") from None
        lists[name] = alternation
    return lists


def _expand(regex: str, lists: dict[str, str], source: object, where: str) -> str:
    def alternation(m: re.Match[str]) -> str:
        if m.group(1) not in lists:
            known = ", ".join(lists) or "none"
            raise DataFileError(source, None, f"{where}: unknown list {m.group()!r} (lists defined before it: {known})")
        return lists[m.group(1)]

    return _LIST_REF.sub(alternation, regex)


def _with_lists(item: Any, lists: dict[str, str], source: object, idx: int) -> Any:
    """A [[rules]] table with ``{list:name}`` in its patterns and exclusions spelled out."""
    if not isinstance(item, dict):
        return item
    out = dict(item)
    for field in ("patterns", "exclude"):
        values = item.get(field)
        if isinstance(values, list):
            where = f"rule #{idx} ({item.get('name', '?')}) {field}"
            out[field] = [_expand(v, lists, source, where) if isinstance(v, str) else v for v in values]
    return out


def load_rules(path: str | Path) -> RuleSet:
    """Read a rules TOML file (see ``seeds/rules.toml`` for the format)."""
    path = Path(path)
    data = read_toml(path, "rules file")
    version = data.get("format", 1)
    if isinstance(version, bool) or version not in RULE_FILE_FORMATS:
        raise DataFileError(path, None, f"format = {version!r} is not one this version reads {RULE_FILE_FORMATS}")
    if "lists" in data and version < 2:
        raise DataFileError(path, None, "[lists] needs format = 2")
    lists = _named_lists(data.get("lists"), path)
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        raise DataFileError(path, None, "expected one or more [[rules]] tables")
    return RuleSet.from_list([_with_lists(d, lists, path, i) for i, d in enumerate(items, 1)], source=path)
