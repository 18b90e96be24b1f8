"""The vectorised n-gram counter behind :meth:`TfidfFeatures.transform` for batches.

It gives exactly the counts of scikit-learn's vectoriser configured as
:meth:`TfidfFeatures.sklearn_vectorizer` (lower-case, tokens ``(?u)\\b\\w\\w+\\b``, stop
words dropped, light stemming, word n-grams over the kept tokens), but does per token
only one dict lookup instead of building and looking up n-gram strings:

1. Tokenising. The batch is joined into one UTF-8 buffer (a NUL token between
   texts); one ``bytes.translate`` lower-cases ASCII letters and turns every ASCII
   byte that is not a word character into a space; it is cut at the spaces. A piece
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
   Plain ASCII pieces of 2-16 bytes skip even that: they are packed into two uint64
   words and looked up in a numpy hash table (``_PieceTable``), filled as pieces are
   first met.
3. N-grams. The ids of all texts form one stream with a ``boundary`` id between two
   texts, which no n-gram crosses. A run of word ids ``(a, b, c)`` has the integer key
   ``(a * base + b) * base + c``; keys are looked up in a fixed numpy hash table of the
   vocabulary's n-gram keys (``_KeyTable``); one sort counts (text, feature) pairs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np

#: The raw-piece cache is replaced by an empty one when it would grow past this size.
CACHE_MAX = 250_000
DROP = -1  # a stop word or a one-letter word: removed before n-grams are formed
_MISS = -2  # not cached yet
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
_LONG = np.uint64(1 << 63)  # set in the first key word of a piece longer than 8 bytes


def _probe_insert(
    slot: np.ndarray, mask: int, marker: np.ndarray, empty: int, columns: Sequence[tuple[np.ndarray, np.ndarray]]
) -> None:
    """Vectorised linear-probing insert of distinct keys, not in the table yet, whose
    home slots are ``slot`` (advanced in place). A slot is free while ``marker`` holds
    ``empty`` there. Each round, every free slot that pending keys probe takes the first
    of them: ``columns`` pairs a table column with the per-key values written at its
    slot, in order (the marker column last, so a slot is filled only when complete);
    the other keys move one slot on."""
    pend = np.arange(slot.shape[0])
    while pend.size:
        sl = slot[pend]
        free = np.flatnonzero(marker[sl] == empty)
        _, first = np.unique(sl[free], return_index=True)
        win = pend[free[first]]
        at = slot[win]
        for column, values in columns:
            column[at] = values[win]
        left = np.ones(pend.shape[0], dtype=bool)
        left[free[first]] = False
        pend = pend[left]
        slot[pend] = (slot[pend] + 1) & mask


def _probe_on(
    slot: np.ndarray,
    pend: np.ndarray,
    mask: int,
    marker: np.ndarray,
    empty: int,
    keys: Sequence[tuple[np.ndarray, np.ndarray]],
    values: np.ndarray,
    out: np.ndarray,
) -> None:
    """The slow path of a vectorised linear-probing lookup: the queries ``pend`` found
    another key in their slot ``slot[pend]`` (advanced in place), so they probe on
    until they meet their key, where ``out`` takes ``values`` at that slot, or a slot
    that is free (``marker`` holds ``empty``), where ``out`` keeps its miss value.
    ``keys`` pairs each table key column with the queries' values for it."""
    while pend.size:
        sl = (slot[pend] + 1) & mask
        slot[pend] = sl
        hit = np.ones(pend.shape[0], dtype=bool)
        for column, query in keys:
            hit &= column[sl] == query[pend]
        out[pend[hit]] = values[sl[hit]]
        pend = pend[~hit & (marker[sl] != empty)]


class _PieceTable:
    """An open-addressing hash table (linear probing) in numpy arrays: a plain ASCII
    piece of 2 to 16 bytes, packed exactly into two uint64 words (zero-padded: the
    packing is injective because pieces contain no NUL byte; the second word is 0 for
    pieces of at most 8 bytes, and the first has bit 63, which no ASCII byte sets, for
    longer ones, so a short piece's key never equals a long piece's first word) -> its
    word id or DROP. A short piece is looked up by its first word alone.

    Keys and values are separate 1-D arrays of ``2 ** bits`` slots, at most half full;
    a fuller table is replaced by a larger copy (:meth:`grown`), so the arrays stay
    as small as the entries allow. Lookups are vectorised. Inserts run under
    ``_RESOLVE_LOCK``, write all keys of a round before its values and never change
    or remove a filled slot, so a reader racing an insert sees either the finished
    entry or an empty slot (a miss, resolved again); a reader of a replaced table
    keeps reading the old arrays, which no longer change.
    """

    MIN_BITS = 12
    #: Entries after which the table starts afresh instead of growing.
    MAX_FILL = 1 << 17

    def __init__(self, bits: int = MIN_BITS) -> None:
        self.bits = bits
        self.shift = _U64(64 - bits)
        self.mask = (1 << bits) - 1
        self.k1 = np.zeros(1 << bits, dtype=np.uint64)  # 0: empty (no piece packs to 0)
        self.k2 = np.zeros(1 << bits, dtype=np.uint64)
        self.val = np.full(1 << bits, _MISS, dtype=np.int64)  # _MISS: empty
        self.filled = 0

    def _slots(self, k1: np.ndarray, long: np.ndarray, k2long: np.ndarray) -> np.ndarray:
        h = k1 * _H1
        if long.size:
            h[long] ^= k2long * _H2
        h >>= self.shift
        return h.view(np.int64)

    def get(self, k1: np.ndarray, long: np.ndarray, k2long: np.ndarray) -> np.ndarray:
        """Values of the keys ``(k1[i], 0)``, except ``(k1[long[j]], k2long[j])``;
        _MISS for a key not in the table."""
        slot = self._slots(k1, long, k2long)
        out = self.val[slot]
        ok = self.k1[slot] == k1
        if long.size:
            ok[long] &= self.k2[slot[long]] == k2long
        bad = np.flatnonzero(~ok)
        if bad.size:
            k2 = np.zeros(k1.shape[0], dtype=np.uint64)
            k2[long] = k2long
            pend = bad[out[bad] != _MISS]  # wrong key in a filled slot: probe on
            out[bad] = _MISS
            _probe_on(slot, pend, self.mask, self.val, _MISS, [(self.k1, k1), (self.k2, k2)], self.val, out)
        return out

    def put(self, k1: np.ndarray, k2: np.ndarray, vals: np.ndarray) -> None:
        """Insert distinct keys that are not in the table (caller holds the lock and
        keeps the table at most half full)."""
        long = np.flatnonzero(k2)
        slot = self._slots(k1, long, k2[long])
        # the value is written last: a slot counts as filled once it is there
        _probe_insert(slot, self.mask, self.val, _MISS, [(self.k1, k1), (self.k2, k2), (self.val, vals)])
        self.filled += k1.shape[0]

    def items(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        at = np.flatnonzero(self.val != _MISS)
        return self.k1[at], self.k2[at], self.val[at]

    def grown(self, extra: int) -> _PieceTable:
        """A new table holding these entries with room for ``extra`` more."""
        need = self.filled + extra
        bits = max(self.MIN_BITS, (4 * need - 1).bit_length())
        new = _PieceTable(bits)
        new.put(*self.items())
        return new


class _KeyTable:
    """A fixed open-addressing hash table (linear probing) in numpy arrays: the integer
    keys of the vocabulary's n-grams -> feature indices. Built once, read only."""

    def __init__(self, keys: np.ndarray, feats: np.ndarray) -> None:
        bits = max(4, (4 * keys.shape[0] - 1).bit_length())  # at most a quarter full
        self.shift = _U64(64 - bits)
        self.mask = (1 << bits) - 1
        self.keys = np.full(1 << bits, -1, dtype=np.int64)  # -1: empty (keys are >= 0)
        self.feats = np.full(1 << bits, -1, dtype=np.int64)
        _probe_insert(self._slots(keys), self.mask, self.keys, -1, [(self.feats, feats), (self.keys, keys)])

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        h = np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64) * _H1
        h >>= self.shift
        return h.view(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """Feature index of each key, or -1."""
        slot = self._slots(keys)
        out = self.feats[slot]
        found = self.keys[slot]
        bad = np.flatnonzero(found != keys)
        if bad.size:
            out[bad] = -1
            pend = bad[found[bad] != -1]  # another key in the slot: probe on
            _probe_on(slot, pend, self.mask, self.keys, -1, [(self.keys, keys)], self.feats, out)
        return out


class Lookup:
    """Integer lookup tables built from the vocabulary, plus the raw-piece cache.

    Word ids: ``0 .. oov - 1`` for the vocabulary's words, ``oov`` for any other
    token, ``boundary`` for the break between two texts (it ends every n-gram);
    ``base`` exceeds them all. ``grams[n]`` maps the integer keys of the vocabulary's
    n-grams (n >= 2) to feature indices; ``unigram[id]`` is the feature index of a
    word (or -1); ``first[n]``/``last[n]`` flag words that start/end some n-gram.
    """

    def __init__(
        self, terms: Sequence[str], stop: frozenset[str], stem_word: Callable[[str], str] | None, token_re: re.Pattern[str]
    ) -> None:
        words: dict[str, int] = {}
        split = [[words.setdefault(w, len(words)) for w in t.split(" ")] for t in terms]
        self.words = words
        self.oov = len(words)
        self.boundary = len(words) + 1
        self.base = len(words) + 2
        self.stop = stop
        self._stem_word = stem_word
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
        self.grams: dict[int, _KeyTable] = {}
        self.first: dict[int, np.ndarray] = {}
        self.last: dict[int, np.ndarray] = {}
        for n, (ks, fs) in grams.items():
            k = np.asarray(ks, dtype=np.int64)
            self.grams[n] = _KeyTable(k, np.asarray(fs, dtype=np.int64))
            self.first[n] = np.zeros(self.base, dtype=bool)
            self.first[n][k // self.base ** (n - 1)] = True
            self.last[n] = np.zeros(self.base, dtype=bool)
            self.last[n][k % self.base] = True
        # (cache, expansions), swapped as one object. cache: raw piece (bytes) or regex
        # token (str) -> word id, oov, DROP or a _MULTI code indexing expansions. A
        # key's value never changes and expansions only grow, so threads sharing them
        # can only disagree about what is cached, never about a result.
        self._state: tuple[_Cache, list[np.ndarray]] = (_Cache(), [])
        self._table = _PieceTable()

    # -- tokens -> ids -----------------------------------------------------------
    def _word(self, token: str) -> int:
        if token in self.stop:
            return DROP
        return self.words.get(self._stem_word(token) if self._stem_word is not None else token, self.oov)

    def _resolve(self, piece: str | bytes, expansions: list[np.ndarray]) -> int:
        if isinstance(piece, str):  # a regex token
            return self._word(piece)
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
        with DROP markers."""
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
        """Word ids of the pieces of a translated buffer (see the module docstring),
        with DROP markers and ``boundary`` for each NUL piece: plain ASCII pieces of
        2-16 bytes through the numpy hash table, other pieces through :meth:`ids`."""
        padded = b" " + buf + b" " * 16
        B = np.frombuffer(padded, dtype=np.uint8)
        word = B != 32
        edges = np.flatnonzero(word[1:] != word[:-1])
        edges += 1
        starts = edges[0::2]  # padded starts and ends with a space
        lens = edges[1::2] - starts
        ids = np.full(starts.shape[0], DROP, dtype=np.int64)  # one-letter pieces stay DROP
        one = np.flatnonzero(lens == 1)
        ids[one[B[starts[one]] == 0]] = self.boundary
        simple = (lens - 2).view(np.uint64) <= 14  # 2 <= lens <= 16
        if not all_ascii:
            high = np.flatnonzero(B >= 128)
            if high.size:
                simple[np.searchsorted(starts, high, side="right") - 1] = False
        at = np.flatnonzero(simple)
        st, ln = starts[at], lens[at]
        words = np.ndarray((B.shape[0] - 7,), dtype="<u8", buffer=padded, strides=(1,))
        k1 = words[st]
        k1 &= _MASKS[np.minimum(ln, 8)]
        long = np.flatnonzero(ln > 8)
        k1[long] |= _LONG
        k2long = words[st[long] + 8] & _MASKS[ln[long] - 8]
        vals = self._table.get(k1, long, k2long)
        miss = np.flatnonzero(vals == _MISS)
        if miss.size:
            self._resolve_misses(buf, st[miss], ln[miss], k1[miss], words, vals, miss)
        ids[at] = vals
        complex_ = np.flatnonzero(~simple & (lens > 1))
        if complex_.size:
            cs = starts[complex_].tolist()
            pieces = [buf[s - 1 : s - 1 + n] for s, n in zip(cs, lens[complex_].tolist(), strict=True)]
            ids[complex_], expansions = self._ids(pieces)
            multi = np.flatnonzero(ids <= _MULTI)
            if multi.size:
                ids = _expand(ids, multi, [expansions[c] for c in (_MULTI - ids[multi]).tolist()])
        return ids

    def _resolve_misses(
        self, buf: bytes, st: np.ndarray, ln: np.ndarray, k1: np.ndarray, words: np.ndarray, vals: np.ndarray, miss: np.ndarray
    ) -> None:
        """Resolve the pieces (padded starts ``st``, lengths ``ln``) the table missed, in
        Python once per distinct piece; write their ids to ``vals[miss]`` and add them
        to the table."""
        k2 = words[st + 8] & _MASKS[np.maximum(ln - 8, 0)]
        _, first, inverse = np.unique(np.stack([k1, k2], axis=1), axis=0, return_index=True, return_inverse=True)
        new = np.fromiter(
            (
                self._word(buf[s - 1 : s - 1 + n].decode("ascii"))
                for s, n in zip(st[first].tolist(), ln[first].tolist(), strict=True)
            ),
            dtype=np.int64,
            count=first.shape[0],
        )
        vals[miss] = new[inverse.ravel()]
        k1, k2 = k1[first], k2[first]
        with _RESOLVE_LOCK:
            table = self._table
            long = np.flatnonzero(k2)
            absent = np.flatnonzero(table.get(k1, long, k2[long]) == _MISS)  # another thread may have added some
            n = absent.shape[0]
            if table.filled + n > table.MAX_FILL:
                table = _PieceTable()  # start afresh; readers of the old one are unaffected
                if n > table.MAX_FILL:
                    self._table = table
                    return
            if 2 * (table.filled + n) > table.mask + 1:
                table = table.grown(n)
            table.put(k1[absent], k2[absent], new[absent])
            self._table = table


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
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays (indptr, indices, counts as float64) of the n-gram counts of
    ``texts``, plus the row of each stored count."""
    n_docs = len(texts)
    joined = " \x00 ".join(texts)
    if joined.count("\x00") == max(n_docs - 1, 0) and "\u03a3" not in joined:
        fast, other = texts, []
        order = None  # stream position = text index
    else:
        fast_i = [i for i, t in enumerate(texts) if "\x00" not in t and (t.isascii() or "\u03a3" not in t)]
        fast_set = set(fast_i)
        other_i = [i for i in range(n_docs) if i not in fast_set]
        fast, other = [texts[i] for i in fast_i], [texts[i] for i in other_i]
        joined = " \x00 ".join(fast)
        order = np.asarray(fast_i + other_i, dtype=np.int64)
    # one stream of word ids for all texts, ``lk.boundary`` between two texts
    streams: list[np.ndarray] = []
    if fast:
        streams.append(lk.buffer_ids(joined.encode("utf-8", "surrogatepass").translate(_TABLE), joined.isascii()))
    if other:
        per_text = [lk.token_re.findall(t.lower()) for t in other]
        ends = np.cumsum(np.fromiter(map(len, per_text), dtype=np.int64, count=len(other)))
        ids = lk.ids(list(chain.from_iterable(per_text)))
        if fast:
            streams.append(np.array([lk.boundary], dtype=np.int64))
        streams.append(np.insert(ids, ends[:-1], lk.boundary))
    ids = np.concatenate(streams) if len(streams) > 1 else streams[0] if streams else np.zeros(0, dtype=np.int64)
    ids = ids[ids >= 0]  # DROP removed: n-grams run over the kept tokens
    doc = np.cumsum(ids == lk.boundary)  # position of the text in the stream
    if order is not None:
        doc = order[doc]
    lo, hi = ngram_range
    keys: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    n_ids = ids.shape[0]
    for n in range(lo, hi + 1):
        if n == 1:
            f = lk.unigram[ids]
            m = np.flatnonzero(f >= 0)
            k = doc[m]
            k *= n_features
            k += f[m]
            keys.append(k)
            continue
        table = lk.grams.get(n)
        if table is None or n_ids < n:
            continue
        # the boundary and oov start and end no n-gram; a boundary inside a run gives
        # a key no n-gram of the vocabulary has (its digit is never used)
        stop = n_ids - n + 1
        cand = np.flatnonzero(lk.first[n][ids[:stop]] & lk.last[n][ids[n - 1 :]])
        k = ids[cand]
        for j in range(1, n):
            k = k * lk.base + ids[cand + j]
        f = table.get(k)
        m = np.flatnonzero(f >= 0)
        k = doc[cand[m]]
        k *= n_features
        k += f[m]
        keys.append(k)
    flat = np.concatenate(keys)
    flat.sort()
    if flat.size:
        new = np.empty(flat.shape[0], dtype=bool)
        new[0] = True
        np.not_equal(flat[1:], flat[:-1], out=new[1:])
        at = np.flatnonzero(new)
        uniq = flat[at]
        counts = np.diff(at, append=flat.shape[0]).astype(np.float64)
    else:
        uniq, counts = flat, np.zeros(0, dtype=np.float64)
    rows = uniq // n_features
    indptr = np.searchsorted(uniq, np.arange(n_docs + 1, dtype=np.int64) * n_features)
    return indptr, uniq - rows * n_features, counts, rows
