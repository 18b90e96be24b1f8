"""Throughput and memory of `tagger tag` on generated collections.

Prints paragraphs per second for a serial run and for ``--jobs 2`` over a generated
corpus of multi-paragraph articles (``--paragraphs`` output), checks that both outputs
are identical, and the peak resident memory (RSS) of the tagger process while it
streams a large generated JSONL file (and a small one, to show memory does not grow
with the input). Everything is generated in a temporary folder and removed after.

    python benchmarks/bench_collections.py                      # defaults: 2000 articles, 50 MB JSONL
    python benchmarks/bench_collections.py --articles 10000 --large-mb 1024

Figures depend on the machine; the process start and model load are included in
the timings (that is what a user waits for).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Sentence pieces written for this benchmark; mixed at random into paragraphs.
SUBJECTS = ["Police", "Prosecutors", "A charity", "The ministry", "Border guards", "Local officials", "The court", "Aid workers",
            "The football club", "Traders", "The city council", "Farmers"]  # fmt: skip
ACTIONS = [
    "arrested three men suspected of trafficking workers across the border",
    "opened a shelter for rescued victims of forced labour",
    "signed an agreement with neighbouring countries to share information on trafficking cases",
    "launched an awareness campaign about fake job offers in village schools",
    "sentenced a recruiter to ten years in prison for human trafficking",
    "provided counselling and legal aid to women who escaped a brothel",
    "held a joint training for labour inspectors with an international donor",
    "said the harvest would be larger than last year",
    "reported heavy traffic on the main highway after the holiday",
    "announced a new stadium for the coming season",
    "seized a shipment of drugs at the port",
    "discussed the budget for road repairs",
]
TAILS = ["on Monday.", "last week.", "after a long investigation.", "according to a statement.", "in the capital.", "."]


def paragraph(rng: random.Random) -> str:
    return " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TAILS)}".replace(" .", ".") for _ in range(rng.randint(2, 4))
    )


def write_corpus(path: Path, n_articles: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    n_paras = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_articles):
            k = rng.randint(3, 6)
            n_paras += k
            fh.write(json.dumps({"id": f"a{i}", "text": "\n\n".join(paragraph(rng) for _ in range(k))}) + "\n")
    return n_paras


def write_large(path: Path, megabytes: float, seed: int = 1) -> int:
    """A JSONL file of about ``megabytes`` MB of one-paragraph records."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    size = n = 0
    block = [json.dumps({"id": f"b{i}", "text": paragraph(rng)}) + "\n" for i in range(2000)]
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            for line in block:
                fh.write(line)
                size += len(line.encode("utf-8"))
                n += 1
    return n


def tagger_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "tagger"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tagger"]


def run_measured(args: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS in MB of that process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in kB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="articles in the throughput corpus (default 2000)")
    ap.add_argument("--large-mb", type=float, default=50, help="size of the large JSONL for the memory test (default 50)")
    ap.add_argument("--model", help="model directory (default: the shipped default model)")
    args = ap.parse_args()
    model = ["--model", args.model] if args.model else []
    tmp = Path(tempfile.mkdtemp(prefix="tagger-bench-"))
    try:
        corpus = tmp / "corpus.jsonl"
        n_paras = write_corpus(corpus, args.articles)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"corpus: {args.articles} articles, {n_paras} paragraphs, {corpus.stat().st_size / 1e6:.1f} MB")
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine slows --jobs most)")
        outs = {}
        for jobs in (1, 2):
            out = tmp / f"out{jobs}.jsonl"
            wall, rss = run_measured(
                [*tagger_cmd(), "tag", str(corpus), "--paragraphs", "--jobs", str(jobs), "-q", "-o", str(out), *model]
            )
            outs[jobs] = out.read_bytes()
            print(f"  --jobs {jobs}: {wall:6.1f} s  {n_paras / wall:8.0f} paragraphs/s  (main process peak RSS {rss:.0f} MB)")
        print(f"  outputs identical: {outs[1] == outs[2]}")
        del outs

        for mb in (args.large_mb / 10, args.large_mb):
            big = tmp / "big.jsonl"
            n = write_large(big, mb)
            size = big.stat().st_size / 1e6
            wall, rss = run_measured([*tagger_cmd(), "tag", str(big), "--format", "jsonl", "-q", "-o", os.devnull, *model])
            print(
                f"streaming {size:7.1f} MB JSONL ({n} records): {wall:6.1f} s, {n / wall:6.0f} records/s, peak RSS {rss:.0f} MB"
            )
            big.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
