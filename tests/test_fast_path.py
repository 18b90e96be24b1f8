"""The fast prediction path (vectorised n-gram counts, numpy-only CSR, worker
processes) must give exactly what scikit-learn gives, and must not import it."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np
import pytest

import tagger._fastvec as fastvec
from tagger._sparse import Rows
from tagger._textproc import ENGLISH_STOP_WORDS
from tagger.errors import InputValueError
from tagger.features import TfidfFeatures

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
]
CONFIGS = [
    ((1, 1), "plain"),
    ((1, 2), "plain"),
    ((1, 2), "stop+stem"),
    ((1, 3), "stop+stem"),
    ((2, 3), "stop+stem"),
    ((2, 2), "plain"),
]


def _features(ngram_range, processing, sublinear=True):
    extra = {"stop_words": ENGLISH_STOP_WORDS, "stem": "light-v1"} if processing == "stop+stem" else {}
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


def test_predict_proba_equals_sklearn_logistic_regression(small_tagger):
    from sklearn.linear_model import LogisticRegression

    texts = TRAIN + VARIED
    X = small_tagger.features_.sklearn_vectorizer().set_params(vocabulary=small_tagger.features_.vocabulary_)
    X.idf_ = small_tagger.features_.idf_
    import scipy.sparse as sp

    from tagger.pipeline import _votes

    # the equivalent scikit-learn design matrix: TF-IDF, then the rule-vote columns and
    # the lead column
    assert small_tagger.lead_votes_
    lead = small_tagger.label_ids[0]
    votes = _votes([small_tagger.rules_.match(t) for t in texts], texts, small_tagger.vote_columns_, lead)
    T = X.transform(texts)
    M = sp.hstack([T, sp.csr_matrix(votes)], format="csr")
    cols = []
    for j in range(len(small_tagger.label_ids)):
        lr = LogisticRegression()
        lr.coef_ = small_tagger.model_.coef_[j : j + 1]
        lr.intercept_ = small_tagger.model_.intercept_[j : j + 1]
        lr.classes_ = np.array([0, 1])
        cols.append(lr.predict_proba(M)[:, 1])
    ref = np.column_stack(cols)
    ref[T.getnnz(axis=1) == 0] = 0.0
    assert np.max(np.abs(small_tagger.predict_proba(texts) - ref)) < 1e-9


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
