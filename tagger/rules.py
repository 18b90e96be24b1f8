"""Labelling rules as data: one frozen :class:`Rule` per rule, loaded from TOML.

A rule votes for one label (``relevance`` or a theme id) when any of its keywords
or regular expressions matches; a match that overlaps one of the rule's exclusion
patterns is dropped. A rule that does not match abstains. Matching returns
:class:`RuleHit` objects with character spans into the text.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataFileError

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
class _Compiled:
    """A rule compiled for matching, with a cheap word prefilter.

    ``words`` and ``prefixes`` are lowercase first words of the rule's keywords: the
    regex can only match if the text contains one of the words, or a word starting
    with one of the prefixes. ``always`` rules (raw patterns, keywords starting with
    ``*``) skip the prefilter.
    """

    rule: Rule
    regex: re.Pattern[str]
    exclude: re.Pattern[str] | None = field(default=None)
    words: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    always: bool = True
    scan_all: bool = False


class RuleSet:
    """An ordered, validated collection of rules, compiled once for matching."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        names = [r.name for r in rules]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"rule names must be unique; repeated: {dupes}")
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._compiled = tuple(_compile(r) for r in self.rules)
        self._trigger = _Trigger(self._compiled)

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
        (found through a word index built once per text), which gives the same
        hits as scanning the whole text, many times faster.
        """
        hits: list[RuleHit] = []
        original = text
        if _CONTROL.search(text):
            # control characters (NUL, ESC, DEL, ...) separate words like a space does;
            # same length, so spans and quotes still refer to the original text
            text = _CONTROL.sub(" ", text)
        candidates = self._trigger.candidates(text)
        for i, c in enumerate(self._compiled):
            if c.always:
                spans: Iterable[tuple[int, int, str]] = ((m.start(), m.end(), m.group()) for m in c.regex.finditer(text))
            else:
                starts = candidates.get(i)
                if not starts:
                    continue
                if c.scan_all:
                    spans = ((m.start(), m.end(), m.group()) for m in c.regex.finditer(text))
                else:
                    spans = _scan(c.regex, text, sorted(set(starts)))
            excluded: list[tuple[int, int]] | None = None
            for s, e, _matched in spans:
                if s == e:
                    continue
                if excluded is None:
                    excluded = [x.span() for x in c.exclude.finditer(text)] if c.exclude is not None else []
                if any(s < xe and xs < e for xs, xe in excluded):
                    continue
                hits.append(RuleHit(c.rule.name, c.rule.theme, s, e, original[s:e], c.rule.weight))
        hits.sort(key=lambda h: (h.start, h.end))
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


def _compile(rule: Rule) -> _Compiled:
    flags = 0 if rule.case_sensitive else re.IGNORECASE
    kws = sorted((keyword_regex(k) for k in rule.keywords), key=len, reverse=True)
    # Every keyword regex starts with the same look-behind: test it once per position,
    # not once per keyword (same matches, several times faster on long texts).
    alts = [_WORD_START + "(?:" + "|".join(k[len(_WORD_START) :] for k in kws) + ")"] if kws else []
    alts += [f"(?:{p})" for p in rule.patterns]
    if not alts:
        raise ValueError(f"rule {rule.name!r} has neither keywords nor patterns")
    regex = re.compile("|".join(alts), flags)
    excl = re.compile("|".join(f"(?:{p})" for p in rule.exclude), re.IGNORECASE) if rule.exclude else None
    words: set[str] = set()
    prefixes: set[str] = set()
    always = bool(rule.patterns) and not rule.triggers
    for k in (*rule.keywords, *rule.triggers):
        first = re.split(r"[\s\-]+", k.strip())[0]
        core = first.rstrip("*").lower()
        run = _WORD.search(core)
        if run is None:
            always = True
        elif run.group() == core and not first.endswith("*"):
            words.add(core)
        else:
            prefixes.add(run.group())
    return _Compiled(rule, regex, excl, frozenset(words), frozenset(prefixes), always, bool(rule.patterns))


class _Trigger:
    """Maps the words that can start a keyword match to the rules they may trigger.

    Built once per rule set: whole first words go in one dict; wildcard prefixes go
    in another, keyed by their first ``_KEY`` letters and checked with ``startswith``.
    """

    _KEY = 3

    def __init__(self, compiled: Sequence[_Compiled]) -> None:
        self.words: dict[str, list[int]] = {}
        self.prefixes: dict[str, list[tuple[str, int]]] = {}
        for i, c in enumerate(compiled):
            if c.always:
                continue
            for w in c.words:
                self.words.setdefault(w, []).append(i)
            for p in c.prefixes:
                self.prefixes.setdefault(p[: self._KEY], []).append((p, i))

    def candidates(self, text: str) -> dict[int, list[int]]:
        """Rule index -> sorted start offsets where that rule's keywords may match."""
        found: dict[int, list[int]] = {}
        words, prefixes, key = self.words, self.prefixes, self._KEY
        for m in _WORD.finditer(text.lower()):
            w = m.group()
            start = m.start()
            for i in words.get(w, ()):
                found.setdefault(i, []).append(start)
            for p, i in prefixes.get(w[:key], ()):
                if w.startswith(p):
                    found.setdefault(i, []).append(start)
        return found


def _scan(regex: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[tuple[int, int, str]]:
    """Like ``regex.finditer(text)`` when matches can only begin at ``starts``."""
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = regex.match(text, p)
        if m is not None and m.end() > p:
            pos = m.end()
            yield p, pos, m.group()


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
        _compile(rule)
    except (re.error, ValueError) as exc:
        raise DataFileError(source, None, f"rule {name!r}: {exc}") from None
    return rule


def load_rules(path: str | Path) -> RuleSet:
    """Read a rules TOML file (see ``seeds/rules.toml`` for the format)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise DataFileError(path, None, "rules file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(path, None, f"not valid TOML: {exc}") from None
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        raise DataFileError(path, None, "expected one or more [[rules]] tables")
    return RuleSet.from_list(items, source=path)
