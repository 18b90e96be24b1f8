"""Retrain the default model's configuration with a small labelled file, and compare.

Run: python examples/retrain.py [LABELLED.jsonl] [OUT_DIR]

The labelled file uses the gold format {"text", "relevant", "themes"} (or
{"text", "labels": [theme]}). The new model is trained from seeds/ plus the file;
the shipped default model is left untouched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import tagger


def main() -> None:
    here = Path(__file__).parent
    labelled = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "labelled_extra.jsonl"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "retrained"
    old = tagger.load()
    new = tagger.train(out, labelled=[labelled])
    print(f"saved retrained model to {out}")
    probe = "Inspectors ordered recruitment firms to repay fees taken from migrant workers."
    for name, model in (("default", old), ("retrained", new)):
        r = model.tag(probe)
        print(f"{name:>9}: themes={list(r.themes)} prevention={r.scores['prevention']:.2f}")


if __name__ == "__main__":
    main()
