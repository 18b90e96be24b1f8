"""How long one very long unit takes to tag (issue 6: "10 MB of text in one unit").

Usage: python benchmarks/long_text.py [--mb 1 10] [--model DIR]

Prints, per size, the seconds for the model's features, the rules (evidence) and
a full ``tag()``, and the number of rule hits. Rule matching dominates and is
linear in the length of the text.
"""

from __future__ import annotations

import argparse
import time

import tagger

UNIT = (
    "Police arrested two men suspected of trafficking and took nine workers to a shelter. "
    "Markets closed early and the weather stayed dry for the weekend games. "
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 10.0])
    ap.add_argument("--model")
    args = ap.parse_args()
    t = tagger.load(args.model)
    for mb in args.mb:
        n = int(mb * 1_000_000)
        text = (UNIT * (n // len(UNIT) + 1))[:n]
        t0 = time.perf_counter()
        t.predict_proba([text])
        t1 = time.perf_counter()
        hits = t.rules_.match(text)
        t2 = time.perf_counter()
        r = t.tag(text)
        t3 = time.perf_counter()
        print(
            f"{mb:g} MB: features+model {t1 - t0:.2f}s, rules {t2 - t1:.2f}s ({len(hits)} hits), "
            f"tag() {t3 - t2:.2f}s -> relevant={r.relevant}, themes={list(r.themes)}"
        )


if __name__ == "__main__":
    main()
