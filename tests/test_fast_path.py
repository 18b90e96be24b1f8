"""The fast prediction path (vectorised n-gram counts, numpy-only CSR, worker
processes) must give exactly what scikit-learn gives, and must not import it."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np
import pytest

import tagger
import tagger._fastvec as fastvec
from tagger._sparse import Rows
from tagger._textproc import DEFAULT_STEMMER, ENGLISH_STOP_WORDS
from tagger.errors import InputValueError
from tagger.features import TfidfFeatures

from .conftest import SEEDS

TRAIN = [
    "Police arrested the traffickers after a raid on the brothel near the border.",
    "Victims of trafficking were taken to a shelter and given counselling and legal aid.",
    "The awareness campaign warned students about fake job offers abroad.",
    "Ministers signed a memorandum of understanding on trafficking with their neighbours.",
    "Police and prosecutors met victims at the shelter; the traffickers were charged.",
    "Schools and police joined the campaign against trafficking and forced labour.",
    "Café owners in Zürich said the naïve recruits were trafficked via São Paulo.",
    "Police police police arrested arrested traffickers traffickers in the raid.",
]
KNOWN = "police arrested traffickers shelter victims campaign trafficking"
VARIED = [
    "",
    " ",
    "\n\t ",
    "!!! ??? ... --- ***",
    "a b c d e f g",  # one-letter words only: no tokens
    "I a police x arrested",  # one-letter words between known ones do not break bigrams
    "police zzqx arrested",  # an unknown word between two known ones breaks their bigram
    "police 12345 arrested traffickers qwerty shelter",
    "Police arrested traffickers. Police arrested traffickers. Police arrested traffickers.",
    "POLICE ARRESTED TRAFFICKERS",
    "police_arrested traffickers-shelter victims/campaign",
    "victims’ shelter “police” arrested—traffickers – the campaign…",  # curly quotes and dashes
    "victims\u00a0shelter\u2009police",  # no-break and thin spaces
    "Café ZÜRICH naïve São police",
    "ΟΔΥΣΣΕΥΣ police ΣΑΣ shelter Σ",  # Greek capital sigma (context-dependent lower case)
    "İstanbul police İİ shelter",  # dotted capital I lower-cases to two code points
    "ການຄ້າມະນຸດ police ການຄ້າມະນຸດ shelter",  # Lao
    "การค้ามนุษย์ shelter",  # Thai
    "警察 police 逮捕 shelter",
    "emoji 😀 victims 😀😀 shelter 👍police",
    "nul\x00police\x00arrested traffickers",
    "lone surrogate \ud800 police arrested",
    "tab\tpolice\narrested\r\ntraffickers\x0bshelter\x0cvictims\x1cpolice\x85arrested",
    "x" * 40 + " police " + "y" * 17 + " shelter " + "z" * 9,  # pieces longer than 8 and 16 bytes
    "policepolicepolice arrestedarrested",
    "the shelter " * 3000,  # very long
    (KNOWN + " qqq ") * 400,  # very long, repeated n-grams with unknown words
    "police arrested traffickers " * 50,
    "12 34 56 police 2024 arrested 1st 2nd",
    "Police open a shelter - The Star. It has beds ... Related: Human trafficking arrests | Campaign news",
    "Neighbours counselled victims of forced labor; organized labourers met the neighbors' counseling centre",
]
CONFIGS = [
    ((1, 1), "plain"),
    ((1, 2), "plain"),
    ((1, 2), "stop+stem"),
    ((1, 2), "stop+light-v1"),
    ((1, 3), "stop+stem"),
    ((2, 3), "stop+stem"),
    ((2, 2), "plain"),
]


def _features(ngram_range, processing, sublinear=True):
    # "stop+stem" is what Tagger(stem=True) trains with; "stop+light-v1" what older models use
    stem = DEFAULT_STEMMER if processing == "stop+stem" else processing.removeprefix("stop+")
    extra = {"stop_words": ENGLISH_STOP_WORDS, "stem": stem} if processing != "plain" else {}
    f = TfidfFeatures(ngram_range=ngram_range, min_df=1, max_df=1.0, max_features=None, sublinear_tf=sublinear, **extra)
    vec = f.sklearn_vectorizer().fit(TRAIN)
    f.fit(TRAIN)
    return f, vec


@pytest.mark.parametrize(("ngram_range", "processing"), CONFIGS)
def test_both_counting_paths_equal_sklearn_on_varied_texts(ngram_range, processing):
    f, vec = _features(ngram_range, processing)
    texts = TRAIN + VARIED
    ref = vec.transform(texts).toarray()
    # the whole batch through the vectorised counter, and text by text through the loop
    fast = f._tfidf(*f._counts_vectorised(texts)).tocsr().toarray()
    loop = f._tfidf(*f._counts_loop(texts)).tocsr().toarray()
    assert np.max(np.abs(fast - ref)) < 1e-12
    assert np.max(np.abs(loop - ref)) < 1e-12
    # transform() picks a path by batch size; both sizes agree with scikit-learn
    assert np.max(np.abs(f.transform(texts).toarray() - ref)) < 1e-12
    for t in VARIED[:5]:
        assert np.max(np.abs(f.transform([t]).toarray() - vec.transform([t]).toarray())) < 1e-12


def test_unknown_word_breaks_the_bigram_and_one_letter_word_does_not():
    f, vec = _features((1, 2), "plain")
    j = f.vocabulary_["police arrested"]
    X = f._tfidf(*f._counts_vectorised(["police zzqx arrested"] * 9 + ["I a police x arrested"] * 9)).tocsr()
    assert X[0, j] == 0.0
    assert X[9, j] > 0.0
    assert vec.transform(["police zzqx arrested"])[0, j] == 0.0  # the same in scikit-learn


def test_small_caches_and_resets_give_the_same_counts(monkeypatch):
    f, vec = _features((1, 3), "stop+stem")
    texts = TRAIN + VARIED
    ref = f._counts_vectorised(texts)
    monkeypatch.setattr(fastvec, "CACHE_MAX", 3)
    monkeypatch.setattr(fastvec._PieceTable, "MAX_FILL", 5)
    f._lookup = None
    for _ in range(3):  # caches fill, overflow and restart between calls
        got = f._counts_vectorised(texts)
        for a, b in zip(got, ref, strict=True):
            np.testing.assert_array_equal(a, b)


def test_threads_sharing_one_model_get_identical_results(monkeypatch):
    f, _ = _features((1, 2), "stop+stem")
    monkeypatch.setattr(fastvec._PieceTable, "MAX_FILL", 50)  # force table restarts mid-run
    monkeypatch.setattr(fastvec._PieceTable, "MIN_BITS", 4)  # and growth
    monkeypatch.setattr(fastvec, "CACHE_MAX", 20)
    batches = [[f"{t} word{i}_{k} item{k % 7}" for k, t in enumerate(TRAIN + VARIED[:-3])] for i in range(8)]
    expected = [f._tfidf(*f._counts_loop(b)).tocsr().toarray() for b in batches]
    f._lookup = None
    results: dict[int, list[np.ndarray]] = {}

    def work(i: int) -> None:
        results[i] = [f.transform(batches[(i + r) % 8]).toarray() for r in range(8)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for i in range(4):
        for r in range(8):
            np.testing.assert_allclose(results[i][r], expected[(i + r) % 8], rtol=0, atol=1e-12)


def test_rows_product_equals_scipy():
    f, _ = _features((1, 2), "plain")
    rows = f.transform_rows(TRAIN + VARIED)
    W = np.random.RandomState(0).normal(size=(5, f.n_features))
    np.testing.assert_allclose(rows.matmul_t(W), rows.tocsr() @ W.T, rtol=0, atol=1e-12)
    assert isinstance(rows, Rows) and len(rows) == len(TRAIN + VARIED)


def test_predict_proba_equals_sklearn_logistic_regression():
    import scipy.sparse as sp
    from scipy.special import expit, logit
    from sklearn.linear_model import LogisticRegression

    from tagger.pipeline import _votes

    # With the aside column (off by default) and the echo column. The fixture corpus has
    # no asides and no echoing snippets, so both columns are fitted a weight of 0; give
    # them one, so that a difference in how a column is computed would show.
    model = tagger.train(seeds=SEEDS, cv_folds=3, aside_rule_scale=1.0, echo_rule_scale=1.0)
    assert model.model_.coef_[0, -2] == 0 and model.model_.coef_[0, -1] == 0
    model.model_.coef_[0, -2] = -1.5
    model.model_.coef_[0, -1] = 1.2
    echoing = "Court extends detention of Marco Vell - Daily Post. ... Marco Vell's detention on suspicion of human trafficking"
    texts = [*TRAIN, *VARIED, echoing]
    X = model.features_.sklearn_vectorizer().set_params(vocabulary=model.features_.vocabulary_)
    X.idf_ = model.features_.idf_
    # the equivalent scikit-learn design matrix: TF-IDF, then the rule-vote columns, the
    # lead column, the aside column and the echo column
    assert model.lead_votes_ and model.aside_votes_ and model.echo_votes_
    hits = [model.rules_.match(t) for t in texts]
    votes = _votes(hits, texts, model.vote_columns_, model.label_ids[0], lead=True, aside=True, echo=True)
    assert votes[:, -2].any()  # some text has relevance votes in its asides
    assert votes[-1, -1] > 0 and not votes[:-1, -1].any()  # and only the last one in a sentence echoing its lead
    T = X.transform(texts)
    M = sp.hstack([T, sp.csr_matrix(votes)], format="csr")
    cols = []
    for j in range(len(model.label_ids)):
        lr = LogisticRegression()
        lr.coef_ = model.model_.coef_[j : j + 1]
        lr.intercept_ = model.model_.intercept_[j : j + 1]
        lr.classes_ = np.array([0, 1])
        cols.append(lr.predict_proba(M)[:, 1])
    ref = np.column_stack(cols)
    # texts with no relevance-rule hit: relevance log-odds lowered by the fitted shift
    loose = np.array([not any(h.theme == model.label_ids[0] for h in hs) for hs in hits])
    assert loose.any() and model.relevance_shift_ > 0
    ref[loose, 0] = expit(logit(ref[loose, 0]) - model.relevance_shift_)
    ref[T.getnnz(axis=1) == 0] = 0.0
    assert np.max(np.abs(model.predict_proba(texts) - ref)) < 1e-9


def test_n_jobs_gives_the_same_results(small_tagger, default_tagger):
    texts = [f"{t} {i}" for i in range(80) for t in TRAIN + VARIED[:12]]
    assert len(texts) >= 1000  # large enough to be split between processes
    np.testing.assert_array_equal(small_tagger.predict_proba(texts, n_jobs=2), small_tagger.predict_proba(texts))
    one = default_tagger.tag_batch(texts[:1200])
    assert default_tagger.tag_batch(texts[:1200], n_jobs=2) == one  # workers load the model from its directory


@pytest.mark.parametrize("bad", [0, -2, 1.5, "2", True])
def test_bad_n_jobs_is_a_clear_error(small_tagger, bad):
    with pytest.raises(InputValueError, match="n_jobs"):
        small_tagger.predict_proba(["police"], n_jobs=bad)


def test_loading_and_tagging_do_not_import_sklearn_or_scipy():
    code = (
        "import sys, tagger\n"
        "t = tagger.load()\n"
        "t.tag('Police rescued victims of trafficking.')\n"
        "t.tag_batch(['Police rescued victims of trafficking at the border.'] * 100)\n"
        "t.tag_article('Police rescued victims.\\n\\nA shelter took them in.')\n"
        "heavy = ('sklearn', 'scipy', 'joblib', 'pandas')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_tag_does_not_import_sklearn(tmp_path):
    inp = tmp_path / "one.jsonl"
    inp.write_text('{"text": "Police rescued victims of trafficking."}\n', encoding="utf-8")
    code = (
        "import sys\n"
        "from tagger.cli import main\n"
        f"try:\n    main(['tag', {str(inp)!r}])\nexcept SystemExit:\n    pass\n"
        "print('sklearn' in sys.modules, 'scipy' in sys.modules, file=sys.stderr)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert '"relevant"' in res.stdout
    assert res.stderr.strip().splitlines()[-1] == "False False"


# words of 7 to 18 letters, and unknown words sharing their first 8 or 16 bytes
LONG_WORDS = [
    "abcdefg",
    "abcdefgh",
    "abcdefghi",
    "abcdefghijklmno",
    "abcdefghijklmnop",
    "abcdefghijklmnopq",
    "abcdefghijklmnopqr",
]


def test_pieces_around_the_8_and_16_byte_packing_limits_equal_sklearn():
    train = [" ".join(LONG_WORDS[i:] + LONG_WORDS[:i]) + " police" for i in range(len(LONG_WORDS))]
    f = TfidfFeatures(ngram_range=(1, 2), min_df=1, max_df=1.0, max_features=None)
    vec = f.sklearn_vectorizer().fit(train)
    f.fit(train)
    near = [
        "abcdefgx",
        "abcdefghx",
        "abcdefgz",
        "abcdefghijklmnox",
        "abcdefghijklmnopx",
        "abcdefghijklmnopqx",
        "ABCDEFGHIJKLMNOP",
    ]
    texts = [" ".join(LONG_WORDS[k:] + near[: k + 1] + ["police"] + LONG_WORDS[:k]) for k in range(len(LONG_WORDS))] * 4
    ref = vec.transform(texts).toarray()
    for _ in range(2):  # the second call reads the pieces from the table
        got = f._tfidf(*f._counts_vectorised(texts)).tocsr().toarray()
        assert np.max(np.abs(got - ref)) < 1e-12
    assert ref[:, f.vocabulary_["abcdefghijklmnop"]].all()  # the 16-byte word is found in every text


def test_piece_table_grows_and_restarts_without_changing_counts(monkeypatch):
    f, _ = _features((1, 2), "stop+stem")
    texts = [f"{t} word{i}x{k} item{i % 97}" for i in range(60) for k, t in enumerate(TRAIN)]
    ref = f._counts_loop(texts)
    monkeypatch.setattr(fastvec._PieceTable, "MIN_BITS", 4)
    f._lookup = None
    got = f._counts_vectorised(texts)
    table = f._lookup._table
    assert table.mask + 1 >= 2 * table.filled > 480  # grew from 16 slots, at most half full
    for _ in range(2):
        for a, b in zip(got[:3], ref, strict=True):
            np.testing.assert_array_equal(a, b)
        got = f._counts_vectorised(texts)
    monkeypatch.setattr(fastvec._PieceTable, "MAX_FILL", 100)  # restarts when new pieces overfill it
    more = [f"{t} other{i}" for i in range(40) for t in TRAIN[:2]]
    ref_more = f._counts_loop(more)
    for batch, expected in [(more, ref_more), (texts, ref), (more, ref_more)]:
        got = f._counts_vectorised(batch)
        for a, b in zip(got[:3], expected, strict=True):
            np.testing.assert_array_equal(a, b)
        assert f._lookup._table.filled <= 100


def test_key_table_finds_exactly_its_keys():
    rng = np.random.RandomState(1)
    keys = np.unique(rng.randint(0, 10**12, size=3000)).astype(np.int64)
    feats = rng.permutation(keys.shape[0]).astype(np.int64)
    table = fastvec._KeyTable(keys, feats)
    home = table._slots(keys)
    assert (table.keys[home] != keys).any()  # some keys sit past their home slot: probing is exercised
    np.testing.assert_array_equal(table.get(keys), feats)
    others = np.setdiff1d(rng.randint(0, 10**12, size=3000), keys).astype(np.int64)
    np.testing.assert_array_equal(table.get(others), np.full(others.shape[0], -1))
    np.testing.assert_array_equal(
        table.get(np.concatenate([others, keys])), np.concatenate([np.full(others.shape[0], -1), feats])
    )


def test_batch_with_no_text_for_the_byte_path_equals_sklearn():
    f, vec = _features((1, 3), "stop+stem")
    texts = [f"{t} \x00 police" if i % 2 else f"ΣΟΣ {t}" for i, t in enumerate(TRAIN * 3)]
    got = f._tfidf(*f._counts_vectorised(texts)).tocsr().toarray()
    assert np.max(np.abs(got - vec.transform(texts).toarray())) < 1e-12


def _packed(pieces):
    """The two uint64 key words of each piece, as ``buffer_ids`` packs them."""
    k1 = np.array([int.from_bytes(p[:8], "little") | (1 << 63 if len(p) > 8 else 0) for p in pieces], dtype=np.uint64)
    k2 = np.array([int.from_bytes(p[8:16], "little") for p in pieces], dtype=np.uint64)
    return k1, k2


def _get(table, k1, k2):
    long = np.flatnonzero(k2)
    return table.get(k1, long, k2[long])


def test_piece_table_tells_apart_keys_sharing_first_word_and_slot():
    table = fastvec._PieceTable()
    cands = [b"abcdefgh" + bytes([a, b]) for a in range(97, 123) for b in range(97, 123)]
    k1, k2 = _packed(cands)
    slots = table._slots(k1, np.arange(len(cands)), k2)
    _, first, counts = np.unique(slots, return_index=True, return_counts=True)
    i = int(first[np.flatnonzero(counts > 1)[0]])
    j = next(j for j in range(len(cands)) if j != i and slots[j] == slots[i])
    short = b"abcdefgh"  # the same first word, no second one
    table.put(*_packed([cands[i], short]), np.array([7, 8], dtype=np.int64))
    got = _get(table, *_packed([cands[i], cands[j], short, b"abcdefg"]))
    np.testing.assert_array_equal(got, [7, fastvec._MISS, 8, fastvec._MISS])
    table.put(*_packed([cands[j]]), np.array([9], dtype=np.int64))  # lands one slot further on
    np.testing.assert_array_equal(_get(table, *_packed([cands[j], cands[i], short])), [9, 7, 8])
    assert table.filled == 3
    grown = table.grown(100)
    assert grown.mask + 1 >= 4 * 103
    np.testing.assert_array_equal(_get(grown, *_packed([cands[j], cands[i], short, b"zzzzzzzzzz"])), [9, 7, 8, fastvec._MISS])


def test_piece_table_never_gives_a_short_piece_the_value_of_a_longer_one():
    # "abcdefgh" and "abcdefgh" + suffix share their first key word; put a long one
    # in the short one's home slot, then look the (absent) short one up
    table = fastvec._PieceTable()
    short = b"abcdefgh"
    home = _slots_of(table, [short])[0]
    longs = [short + bytes([a, b, c]) for a in range(97, 123) for b in range(97, 123) for c in range(97, 123)]
    clash = longs[int(np.flatnonzero(_slots_of(table, longs) == home)[0])]
    table.put(*_packed([clash]), np.array([5], dtype=np.int64))
    np.testing.assert_array_equal(_get(table, *_packed([short, clash])), [fastvec._MISS, 5])
    table.put(*_packed([short]), np.array([6], dtype=np.int64))
    np.testing.assert_array_equal(_get(table, *_packed([short, clash])), [6, 5])


def _slots_of(table, pieces):
    k1, k2 = _packed(pieces)
    long = np.flatnonzero(k2)
    return table._slots(k1, long, k2[long])
