"""Speed of rule matching: ``RuleSet.match_many`` on a batch against ``RuleSet.match``
text by text and against the plain definition (every rule's regex over the whole text).

    python benchmarks/bench_rules.py [--rules seeds/rules.toml] [--repeats 5]

Corpus: ``../shared/data/unlabelled/news_alerts.jsonl`` and
``../shared/data/negatives/reuters.jsonl`` when present, otherwise generated texts.
Prints texts/s (best of ``--repeats``) and checks that all three give the same hits.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tagger.rules import RuleSet, load_rules  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
FILES = ("unlabelled/news_alerts.jsonl", "negatives/reuters.jsonl")


def corpus() -> tuple[list[str], str]:
    if all((SHARED / f).exists() for f in FILES):
        texts = []
        for f in FILES:
            with (SHARED / f).open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh if line.strip()]
        return texts, "../shared/data: " + " + ".join(FILES)
    rng = random.Random(0)
    words = [
        "the",
        "police",
        "arrested",
        "traffickers",
        "court",
        "victims",
        "shelter",
        "of",
        "and",
        "in",
        "a",
        "to",
        "said",
        "cooperation",
        "with",
        "drug",
    ]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(20, 150))) for _ in range(4000)], "generated"


def full_scan(rules: RuleSet, texts: list[str]) -> list[list[tuple[Any, ...]]]:
    """Every rule's regex over every whole text (:meth:`RuleSet._full_scan`), as (rule, start, end, text)."""
    return [[(h.rule, h.start, h.end, h.text) for h in rules._full_scan(text)] for text in texts]


def best(fn: Any, repeats: int) -> tuple[float, Any]:
    t_best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t0)
    return t_best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default=str(ROOT / "seeds" / "rules.toml"))
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    rules = load_rules(args.rules)
    texts, source = corpus()
    chars = sum(map(len, texts))
    print(f"corpus: {source}; {len(texts)} texts, {chars / len(texts):.0f} characters on average; {len(rules)} rules")

    def key(batch: list[list[Any]]) -> list[list[tuple[Any, ...]]]:
        return [[(h.rule, h.start, h.end, h.text) for h in hits] for hits in batch]

    t_many, many = best(lambda: rules.match_many(texts), args.repeats)
    t_one, one = best(lambda: [rules.match(t) for t in texts], args.repeats)
    t_full, full = best(lambda: full_scan(rules, texts), 1)
    assert key(many) == key(one) == full, "match_many, match and the full scan disagree"
    n_hits = sum(map(len, many))
    print(f"hits: {n_hits} (identical from all three)")
    for name, t in (("match_many(batch)", t_many), ("match(text) per text", t_one), ("full regex scan", t_full)):
        print(f"{name:22s} {len(texts) / t:10,.0f} texts/s  ({t * 1e6 / len(texts):6.1f} us/text)")


if __name__ == "__main__":
    main()
