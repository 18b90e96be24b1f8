"""Tag an article from Python with the shipped default model.

Run: python examples/tag_article.py [ARTICLE.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

import tagger


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("article.txt")
    t = tagger.load()
    article = t.tag_article(path.read_text(encoding="utf-8"))
    print(f"relevant: {article.relevant} (relevance {article.relevance:.2f})")
    for theme in article.themes:
        paras = [i + 1 for i in article.theme_paragraphs[theme]]
        print(f"  {theme:<12} {article.scores[theme]:.2f}  paragraphs {paras}")
    print()
    # One paragraph in detail: its scores and the evidence behind each theme.
    p = article.paragraphs[3]
    print(f"paragraph {p.index + 1}: {p.text[:80]}...")
    for hit in p.tags.evidence.rule_hits:
        print(f"  rule {hit.rule:<32} {hit.theme:<12} {hit.text!r} at {hit.start}-{hit.end}")
    for theme, terms in p.tags.evidence.top_terms.items():
        print(f"  top terms for {theme}: " + ", ".join(f"{term} ({w:.3f})" for term, w in terms))


if __name__ == "__main__":
    main()
