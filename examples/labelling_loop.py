"""The labelling loop in one script: evaluate, retrain with labelled data, compare, and
see what to label next.

Run: python examples/labelling_loop.py [LABELLED.jsonl] [HELD_OUT.jsonl] [--quick]

1. evaluates the shipped default model (and the rules alone) on a held-out gold file;
2. retrains the default model's configuration with the labelled file
   (``Tagger.retrain``: same rules, parameters and seed corpus, plus the new gold);
3. prints the before/after evaluation side by side on the same held-out file;
4. lists the held-out texts the new model would most like to have labelled.

The files use the gold format {"text", "relevant", "themes"}. ``--quick`` uses 2-fold
instead of 5-fold cross-validation for the thresholds (faster; used by the tests).
The default model is left untouched; the new one is not saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

import tagger
from tagger.diagnostics import suggest_labels
from tagger.evaluation import evaluate, format_report
from tagger.io import read_texts


def main() -> None:
    here = Path(__file__).parent
    args = [a for a in sys.argv[1:] if a != "--quick"]
    labelled = Path(args[0]) if args else here / "labelled_extra.jsonl"
    held_out = Path(args[1]) if len(args) > 1 else here / "labelled_heldout.jsonl"
    params = {"cv_folds": 2} if "--quick" in sys.argv else {}

    before = tagger.load()
    after = before.retrain(labelled=[labelled], **params)
    s = after.training_summary_
    print(f"retrained on {s['n_examples']} examples {s['by_kind']} (labelled file: {labelled})")
    print(f"thresholds before: {before.thresholds_}")
    print(f"thresholds after:  {after.thresholds_}")
    print()

    # "model" = the retrained model, "before" = the default model, "rules" = the rules alone
    report = evaluate([held_out], after, compare={"before": before})
    print("held-out evaluation (model = retrained):")
    print(format_report(report))

    e = report["files"][str(held_out)]
    if "macro_f1" in e["model"]:
        print(f"macro-F1 before {e['before']['macro_f1']:.3f} -> after {e['model']['macro_f1']:.3f}")
        print(f"micro-F1 before {e['before']['micro_f1']:.3f} -> after {e['model']['micro_f1']:.3f}")
    print()

    print("what to label next (most informative held-out texts for the new model):")
    for row in suggest_labels(after, read_texts(held_out), n=3):
        print(f"  [{row['hints']['priority']:.2f}] {row['text'][:90]}")
        print(f"         {row['hints']['reason']}")


if __name__ == "__main__":
    main()
