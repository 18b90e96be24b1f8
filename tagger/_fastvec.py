"""The vectorised n-gram counter behind :meth:`TfidfFeatures.transform` for batches.

It gives exactly the counts of scikit-learn's vectoriser configured as
:meth:`TfidfFeatures.sklearn_vectorizer` (lower-case, tokens ``(?u)\\b\\w\\w+\\b``, stop
words dropped, light stemming, word n-grams over the kept tokens), but does per token
only one dict lookup instead of building and looking up n-gram strings:

1. Tokenising. The batch is joined into one UTF-8 buffer (a NUL token between
   texts); one ``bytes.translate`` lower-cases ASCII letters and turns every ASCII
   byte that is not a word character into a space; one ``split`` cuts it. A piece
   that is plain ASCII is a regex token (or a one-letter word, which the regex skips:
   it is dropped like a stop word). A piece holding non-ASCII bytes is decoded,
   lower-cased and cut by the regex itself; this equals cutting the whole text,
   because pieces are separated by ASCII non-word characters, which the regex never
   crosses, and ``str.lower`` maps characters one by one, except the Greek capital
   sigma, so texts containing it (or a NUL) go through the regex whole.
2. Word ids. Every word of some vocabulary term gets an id; any other token gets the
   id ``oov``: it keeps its place, so it breaks the n-grams around it as in
   scikit-learn, whose n-grams run over all kept tokens. Raw pieces map to ids
   through a bounded cache, so stemming and stop-word checks run once per distinct
   piece.
3. N-grams. A run of word ids ``(a, b, c)`` has the integer key
   ``(a * base + b) * base + c``; keys are looked up with ``np.searchsorted`` in the
   sorted keys of the vocabulary; ``np.unique`` counts (text, feature) pairs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from itertools import chain

import numpy as np

from ._textproc import light_stem

#: The raw-piece cache is replaced by an empty one when it would grow past this size.
CACHE_MAX = 250_000
DROP = -1  # a stop word or a one-letter word: removed before n-grams are formed
_MISS = -2  # not cached yet
_BOUNDARY = -3  # the NUL token between two texts
_MULTI = -4  # codes <= _MULTI: a piece holding several tokens, expansion number _MULTI - code

_RESOLVE_LOCK = threading.Lock()  # misses are resolved one batch at a time
_WORD_RE = re.compile(r"(?u)\w")
#: Byte -> itself for ASCII word characters and non-ASCII bytes (A-Z -> a-z), NUL kept,
#: any other ASCII byte -> space.
_TABLE = bytes(
    c if c >= 128 or c == 0 else (c + 32 if 65 <= c <= 90 else c) if _WORD_RE.match(chr(c)) else 32 for c in range(256)
)


class _Cache(dict):  # type: ignore[type-arg]
    """A dict whose missing keys read as ``_MISS`` (``map(cache.__getitem__, ...)`` is
    the fastest per-item lookup)."""

    def __missing__(self, key: object) -> int:
        return _MISS


_U64 = np.uint64
#: MASKS[n] keeps the first n bytes (little-endian) of a uint64 word.
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [0xFFFFFFFFFFFFFFFF], dtype=np.uint64)
_H1, _H2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


class _PieceTable:
    """An open-addressing hash table in numpy arrays: a plain ASCII piece of 2 to 16
    bytes, packed exactly into two uint64 words (zero-padded: the packing is
    injective because pieces contain no NUL byte), -> its word id or DROP.

    Lookups are vectorised. Inserts run under ``_RESOLVE_LOCK``, write a slot's keys
    before its value and never change or remove a filled slot, so a reader racing an
    insert sees either the finished entry or an empty slot (a miss, resolved again).
    """

    BITS = 18
    MAX_FILL = (1 << BITS) // 2
    _EMPTY = np.uint64(_MISS & 0xFFFFFFFFFFFFFFFF)  # the value column of an empty slot

    def __init__(self) -> None:
        # one row per slot: key word 1, key word 2, value (int64 bits), padding
        self.rows = np.zeros((1 << self.BITS, 4), dtype=np.uint64)
        self.rows[:, 2] = self._EMPTY
        self.filled = 0

    def _slots(self, k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
        h = k1 * _H1 + k2 * _H2
        return ((h ^ (h >> _U64(31))) >> _U64(64 - self.BITS)).astype(np.int64)

    def get(self, k1: np.ndarray, k2: np.ndarray) -> np.ndarray:
        out = np.full(k1.shape[0], _MISS, dtype=np.int64)
        slot = self._slots(k1, k2)
        pend = np.arange(k1.shape[0])
        mask = (1 << self.BITS) - 1
        while pend.size:
            sl = slot[pend]
            r = self.rows[sl]
            full = r[:, 2] != self._EMPTY
            hit = full & (r[:, 0] == k1[pend]) & (r[:, 1] == k2[pend])
            out[pend[hit]] = r[hit, 2].view(np.int64)
            go_on = full & ~hit
            pend = pend[go_on]
            slot[pend] = (sl[go_on] + 1) & mask
        return out

    def put(self, k1: np.ndarray, k2: np.ndarray, vals: np.ndarray) -> None:
        mask = (1 << self.BITS) - 1
        rows = self.rows
        for a, b, v, sl in zip(k1.tolist(), k2.tolist(), vals.tolist(), self._slots(k1, k2).tolist(), strict=True):
            while True:
                if rows[sl, 2] == self._EMPTY:
                    rows[sl, 0] = a
                    rows[sl, 1] = b
                    rows[sl, 2] = v & 0xFFFFFFFFFFFFFFFF  # written last: the slot is now filled
                    self.filled += 1
                    break
                if rows[sl, 0] == a and rows[sl, 1] == b:
                    break
                sl = (sl + 1) & mask


class Lookup:
    """Integer lookup tables built from the vocabulary, plus the raw-piece cache.

    ``keys[n]`` holds the sorted integer keys of the vocabulary's n-grams (n >= 2) and
    ``feats[n]`` their feature indices; ``unigram[id]`` is the feature index of a
    word (or -1); ``first[n]``/``last[n]`` flag words that start/end some n-gram.
    """

    def __init__(self, terms: Sequence[str], stop: frozenset[str], stem: str | None, token_re: re.Pattern[str]) -> None:
        words: dict[str, int] = {}
        split = [[words.setdefault(w, len(words)) for w in t.split(" ")] for t in terms]
        self.words = words
        self.oov = len(words)
        self.base = len(words) + 1
        self.stop = stop
        self.stem = stem
        self.token_re = token_re
        self.unigram = np.full(self.base, -1, dtype=np.int64)
        grams: dict[int, tuple[list[int], list[int]]] = {}
        for f, ids in enumerate(split):
            if len(ids) == 1:
                self.unigram[ids[0]] = f
                continue
            key = 0
            for i in ids:
                key = key * self.base + i
            ks, fs = grams.setdefault(len(ids), ([], []))
            ks.append(key)
            fs.append(f)
        self.keys: dict[int, np.ndarray] = {}
        self.feats: dict[int, np.ndarray] = {}
        self.first: dict[int, np.ndarray] = {}
        self.last: dict[int, np.ndarray] = {}
        for n, (ks, fs) in grams.items():
            k = np.asarray(ks, dtype=np.int64)
            order = np.argsort(k, kind="stable")
            self.keys[n] = k[order]
            self.feats[n] = np.asarray(fs, dtype=np.int64)[order]
            self.first[n] = np.zeros(self.base, dtype=bool)
            self.first[n][self.keys[n] // self.base ** (n - 1)] = True
            self.last[n] = np.zeros(self.base, dtype=bool)
            self.last[n][self.keys[n] % self.base] = True
        # (cache, expansions), swapped as one object. cache: raw piece (bytes) or regex
        # token (str) -> word id, oov, DROP, _BOUNDARY or a _MULTI code indexing
        # expansions. A key's value never changes and expansions only grow, so threads
        # sharing them can only disagree about what is cached, never about a result.
        self._state: tuple[_Cache, list[np.ndarray]] = (_Cache(), [])
        self._table = _PieceTable()

    # -- tokens -> ids -----------------------------------------------------------
    def _word(self, token: str) -> int:
        if token in self.stop:
            return DROP
        return self.words.get(light_stem(token) if self.stem is not None else token, self.oov)

    def _resolve(self, piece: str | bytes, expansions: list[np.ndarray]) -> int:
        if isinstance(piece, str):  # a regex token
            return self._word(piece)
        if piece == b"\x00":
            return _BOUNDARY
        if piece.isascii():
            return DROP if len(piece) < 2 else self._word(piece.decode("ascii"))
        ids = [self._word(t) for t in self.token_re.findall(piece.decode("utf-8", "surrogatepass").lower())]
        ids = [i for i in ids if i != DROP]
        if len(ids) <= 1:
            return ids[0] if ids else DROP
        expansions.append(np.asarray(ids, dtype=np.int64))
        return _MULTI - (len(expansions) - 1)

    def ids(self, pieces: list[str] | list[bytes]) -> np.ndarray:
        """Word ids of the pieces in order (several for a piece holding several tokens),
        with DROP and _BOUNDARY markers."""
        ids, expansions = self._ids(pieces)
        multi = np.flatnonzero(ids <= _MULTI)
        if multi.size:
            ids = _expand(ids, multi, [expansions[c] for c in (_MULTI - ids[multi]).tolist()])
        return ids

    def _ids(self, pieces: list[str] | list[bytes]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Like :meth:`ids`, but a piece holding several tokens gives a _MULTI code
        indexing the returned expansions."""
        cache, expansions = state = self._state
        ids = np.fromiter(map(cache.__getitem__, pieces), dtype=np.int64, count=len(pieces))
        miss = np.flatnonzero(ids == _MISS)
        if miss.size:
            missing = miss.tolist()
            with _RESOLVE_LOCK:
                new = {p: self._resolve(p, expansions) for p in {pieces[i] for i in missing}}
                ids[miss] = [new[pieces[i]] for i in missing]
                if len(cache) + len(new) <= CACHE_MAX:
                    cache.update(new)
                elif self._state is state:
                    # Start afresh (never clear in place: other threads may be reading).
                    # Multi-token codes point into the old expansions, which this call
                    # keeps using, so they are not carried over.
                    self._state = (_Cache({p: v for p, v in new.items() if v > _MULTI}), [])
        return ids, expansions


    def buffer_ids(self, buf: bytes, all_ascii: bool) -> np.ndarray:
        """Word ids of the pieces of a translated buffer (see the module docstring):
        plain ASCII pieces of 2-16 bytes through the numpy hash table, other pieces
        through :meth:`ids`."""
        padded = buf + b" " * 16
        B = np.frombuffer(padded, dtype=np.uint8)
        edges = np.diff((B != 32).view(np.int8), prepend=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        lens = ends - starts
        ids = np.full(starts.shape[0], DROP, dtype=np.int64)  # one-letter pieces stay DROP
        ids[B[starts] == 0] = _BOUNDARY
        simple = (lens >= 2) & (lens <= 16)
        if not all_ascii:
            high = np.flatnonzero(B >= 128)
            if high.size:
                simple[np.searchsorted(starts, high, side="right") - 1] = False
        complex_ = np.flatnonzero(~simple & (lens > 1))
        at = np.flatnonzero(simple)
        st, ln = starts[at], lens[at]
        words = np.ndarray((B.shape[0] - 7,), dtype="<u8", buffer=padded, strides=(1,))
        k1 = words[st] & _MASKS[np.minimum(ln, 8)]
        k2 = words[st + 8] & _MASKS[np.maximum(ln - 8, 0)]
        table = self._table
        vals = table.get(k1, k2)
        miss = np.flatnonzero(vals == _MISS)
        if miss.size:
            # distinct missing pieces, resolved in Python once each
            _, first, inverse = np.unique(np.stack([k1[miss], k2[miss]], axis=1), axis=0, return_index=True, return_inverse=True)
            new = np.fromiter(
                (self._word(buf[s : s + n].decode("ascii")) for s, n in zip(st[miss[first]].tolist(), ln[miss[first]].tolist(), strict=True)),
                dtype=np.int64,
                count=first.shape[0],
            )
            vals[miss] = new[inverse.ravel()]
            with _RESOLVE_LOCK:
                if table is self._table:
                    if table.filled + first.shape[0] > table.MAX_FILL:
                        self._table = _PieceTable()  # start afresh; readers of the old one are unaffected
                    else:
                        table.put(k1[miss[first]], k2[miss[first]], new)
        ids[at] = vals
        if complex_.size:
            pieces = [buf[s:e] for s, e in zip(starts[complex_].tolist(), ends[complex_].tolist(), strict=True)]
            ids[complex_], expansions = self._ids(pieces)
            multi = np.flatnonzero(ids <= _MULTI)
            if multi.size:
                ids = _expand(ids, multi, [expansions[c] for c in (_MULTI - ids[multi]).tolist()])
        return ids


def _expand(ids: np.ndarray, at: np.ndarray, parts: list[np.ndarray]) -> np.ndarray:
    """Replace ``ids[at[k]]`` by the ids ``parts[k]``."""
    lens = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    reps = np.ones(ids.shape[0], dtype=np.int64)
    reps[at] = lens
    out = np.repeat(ids, reps)
    starts = (np.cumsum(reps) - reps)[at]
    offsets = np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
    out[np.repeat(starts, lens) + offsets] = np.concatenate(parts)
    return out


def ngram_counts(
    lk: Lookup, texts: list[str], ngram_range: tuple[int, int], n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays (indptr, indices, counts as float64) of the n-gram counts of ``texts``."""
    n_docs = len(texts)
    fast = [i for i, t in enumerate(texts) if "\x00" not in t and (t.isascii() or "\u03a3" not in t)]
    parts_ids: list[np.ndarray] = []
    parts_doc: list[np.ndarray] = []
    if fast:
        joined = " \x00 ".join([texts[i] for i in fast] if len(fast) < n_docs else texts)
        all_ascii = all(texts[i].isascii() for i in fast)
        ids = lk.buffer_ids(joined.encode("utf-8", "surrogatepass").translate(_TABLE), all_ascii)
        local = np.cumsum(ids == _BOUNDARY)
        keep = ids >= 0
        parts_ids.append(ids[keep])
        parts_doc.append(np.asarray(fast, dtype=np.int64)[local[keep]])
    if len(fast) < n_docs:
        fast_set = set(fast)
        other = [i for i in range(n_docs) if i not in fast_set]
        per_text = [lk.token_re.findall(texts[i].lower()) for i in other]
        lens = np.fromiter(map(len, per_text), dtype=np.int64, count=len(other))
        ids = lk.ids(list(chain.from_iterable(per_text)))
        doc = np.repeat(np.asarray(other, dtype=np.int64), lens)
        keep = ids >= 0
        parts_ids.append(ids[keep])
        parts_doc.append(doc[keep])
    ids = np.concatenate(parts_ids)
    doc = np.concatenate(parts_doc)
    lo, hi = ngram_range
    keys: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    n_ids = ids.shape[0]
    for n in range(lo, hi + 1):
        if n == 1:
            f = lk.unigram[ids]
            m = f >= 0
            keys.append(doc[m] * n_features + f[m])
            continue
        table = lk.keys.get(n)
        if table is None or n_ids < n:
            continue
        stop = n_ids - n + 1
        cand = np.flatnonzero(lk.first[n][ids[:stop]] & lk.last[n][ids[n - 1 :]] & (doc[:stop] == doc[n - 1 :]))
        k = ids[cand]
        for j in range(1, n):
            k = k * lk.base + ids[cand + j]
        pos = np.searchsorted(table, k)
        pos[pos == table.shape[0]] = 0
        m = table[pos] == k
        keys.append(doc[cand[m]] * n_features + lk.feats[n][pos[m]])
    uniq, counts = np.unique(np.concatenate(keys), return_counts=True)
    rows = uniq // n_features
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
    return indptr, uniq - rows * n_features, counts.astype(np.float64)
