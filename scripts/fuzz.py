"""Fuzz the CLI's JSONL path and the tagger with hypothesis, for a fixed time budget.

Not collected by pytest (it lives outside tests/). Usage::

    python scripts/fuzz.py --minutes 5 [--model DIR]

Targets, run in turn with fresh random seeds until the time is up:

* ``cli``: a JSONL file built from hostile pieces (random bytes, valid objects with
  any unicode text or non-string values, truncated lines, BOMs, gzip magic, deep
  nesting) is passed to ``tagger tag FILE -o OUT``. The run must exit 0 with one valid
  UTF-8 JSON line per input unit, or exit 2 with a one-line ``tagger: error:`` message
  and an output holding only the whole, valid lines written before the bad record;
  never anything else.
* ``tag``: any unicode text (surrogates, controls, NULs, emoji, scripts, known words)
  through ``tag``/``tag_batch``: scores in [0, 1], themes known, evidence spans quoting
  the text, language flag consistent; only documented errors.
* ``article``: the same for ``tag_article`` (paragraph spans locate the paragraphs).

Prints the number of inputs per target and every failure found (hypothesis shrinks
each to a minimal example). Exit status 1 if any target failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tagger
from tagger import cli
from tagger.text import language_supported

WORDS = ["police", "arrested", "trafficking", "victims", "shelter", "human", "forced labour", "the", "and", "\n\n", " ", "-"]
any_text = st.lists(st.one_of(st.text(alphabet=st.characters(), max_size=40), st.sampled_from(WORDS)), max_size=16).map("".join)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _json_line(obj: object) -> bytes:
    return json.dumps(obj).encode("ascii") + b"\n"  # ASCII escapes: lone surrogates allowed


line_piece = st.one_of(
    any_text.map(lambda t: _json_line({"text": t})),
    st.tuples(json_value, any_text).map(lambda p: _json_line({"id": p[0], "text": p[1]})),
    json_value.map(lambda v: _json_line({"text": v})),
    json_value.map(lambda v: _json_line(v)),
    st.binary(max_size=60).map(lambda b: b + b"\n"),
    any_text.map(lambda t: _json_line({"text": t})[: max(1, len(t) // 2)]),  # truncated
    st.sampled_from([b"\n", b"\r\n", b"  \n", b"\xef\xbb\xbf", b"\x1f\x8b\x08\x00", b"[" * 3000 + b"\n", b"\x00\n"]),
)
jsonl_file = st.lists(line_piece, max_size=8).map(b"".join)

COUNTS = {"cli": 0, "tag": 0, "article": 0}
CLI_OUTCOMES = {0: 0, 2: 0}
FUZZ = settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def check_result(t: tagger.Tagger, text: str, r: tagger.TagResult) -> None:
    assert 0.0 <= r.relevance <= 1.0, r.relevance
    assert set(r.scores) == set(t.theme_ids) and all(0.0 <= v <= 1.0 for v in r.scores.values()), r.scores
    assert set(r.themes) <= set(t.theme_ids)
    assert not r.themes or (r.relevant and r.language_supported)
    assert r.language_supported == language_supported(text)
    for h in r.evidence.rule_hits:
        assert 0 <= h.start < h.end <= len(text) and text[h.start : h.end] == h.text, h


def make_targets(t: tagger.Tagger, model_dir: str, work: Path):  # noqa: ANN201
    @FUZZ
    @given(data=jsonl_file)
    def fuzz_cli(data: bytes) -> None:
        COUNTS["cli"] += 1
        src, out = work / "in.jsonl", work / "out.jsonl"
        out.unlink(missing_ok=True)
        src.write_bytes(data)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            rc = cli.main(["tag", str(src), "-o", str(out), "--model", model_dir])
        CLI_OUTCOMES[rc] = CLI_OUTCOMES.get(rc, 0) + 1
        lines = [x for x in err.getvalue().strip().splitlines() if "do not look like English" not in x]
        if rc == 0:
            assert not lines, err.getvalue()
            rows = [json.loads(x) for x in out.read_bytes().decode("utf-8").splitlines()]
            assert all(set(r["themes"]) <= set(t.theme_ids) for r in rows)
        else:
            assert rc == 2, (rc, err.getvalue())
            assert len(lines) == 1 and lines[0].startswith("tagger: error: "), err.getvalue()
            if out.exists():  # a new output keeps the whole lines written before the error
                raw = out.read_bytes()
                assert raw == b"" or raw.endswith(b"\n")
                rows = [json.loads(x) for x in raw.decode("utf-8").splitlines()]
                assert all(set(r["themes"]) <= set(t.theme_ids) for r in rows)
        assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []

    @FUZZ
    @given(batch=st.lists(any_text, min_size=1, max_size=4))
    def fuzz_tag(batch: list[str]) -> None:
        COUNTS["tag"] += len(batch)
        results = t.tag_batch(batch)
        for text, r in zip(batch, results, strict=True):
            check_result(t, text, r)
        assert t.tag(batch[0]).to_dict() == results[0].to_dict()

    @FUZZ
    @given(article=any_text)
    def fuzz_article(article: str) -> None:
        COUNTS["article"] += 1
        a = t.tag_article(article)
        for p in a.paragraphs:
            assert article[p.start : p.end] == p.text
            check_result(t, p.text, p.tags)

    return {"cli": fuzz_cli, "tag": fuzz_tag, "article": fuzz_article}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--model", help="model directory (default: the shipped default model)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # the non-English warning is expected and would flood stderr
    t = tagger.load(args.model)
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = args.model or str(t.save(Path(tmp) / "model"))
        work = Path(tmp) / "work"
        work.mkdir()
        targets = make_targets(t, model_dir, work)
        deadline = time.monotonic() + 60 * args.minutes
        rounds = 0
        while time.monotonic() < deadline and not failures:
            rounds += 1
            for name, target in targets.items():
                try:
                    target()
                except Exception:
                    failures.append(f"[{name}]\n{traceback.format_exc()}")
                if time.monotonic() >= deadline:
                    break
    total = sum(COUNTS.values())
    print(f"fuzzed for {args.minutes:g} min, {rounds} rounds: {total} inputs {COUNTS}; CLI exit codes {CLI_OUTCOMES}")
    for f in failures:
        print("FAILURE", f, file=sys.stderr)
    print("result:", "FAILED" if failures else "no failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
