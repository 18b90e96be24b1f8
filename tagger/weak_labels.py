"""Weak labels: combining rule votes into labels, per text.

Each label (relevance and every theme) gets the sum of the weights of its rules
that fired; a label is on when that sum reaches ``min_votes`` (default 1.0, so one
full-weight rule or two half-weight rules). Themes are gated by relevance: a text
that is not about trafficking gets no theme, whatever its theme rules say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .rules import RuleHit
from .themes import RELEVANCE


@dataclass(frozen=True)
class WeakLabel:
    """The rules' verdict on one text."""

    relevant: bool
    themes: tuple[str, ...]
    votes: dict[str, float]


def voting_hits(hits: Iterable[RuleHit], per_match: bool = False) -> Iterable[RuleHit]:
    """The hits that vote: one per rule (a rule's hits all carry its weight, so which one
    does not matter), or every match with ``per_match``."""
    return hits if per_match else {h.rule: h for h in hits}.values()


def rule_votes(hits: Sequence[RuleHit], per_match: bool = False) -> dict[str, float]:
    """Sum of rule weights per label; a rule counts once per text however often it fires
    (or once per match with ``per_match``)."""
    votes: dict[str, float] = {}
    for h in voting_hits(hits, per_match):
        votes[h.theme] = votes.get(h.theme, 0.0) + h.weight
    return votes


def weak_label(hits: Sequence[RuleHit], theme_ids: Sequence[str], min_votes: float = 1.0) -> WeakLabel:
    """Combine the hits of one text into a relevance verdict and a set of themes."""
    votes = rule_votes(hits)
    relevant = votes.get(RELEVANCE, 0.0) >= min_votes
    themes = tuple(t for t in theme_ids if relevant and votes.get(t, 0.0) >= min_votes)
    return WeakLabel(relevant, themes, votes)


def weak_label_matrix(hit_lists: Sequence[Sequence[RuleHit]], theme_ids: Sequence[str], min_votes: float = 1.0) -> np.ndarray:
    """0/1 matrix, one row per text, columns ``[relevance, *theme_ids]``."""
    out = np.zeros((len(hit_lists), 1 + len(theme_ids)), dtype=np.int8)
    for i, hits in enumerate(hit_lists):
        wl = weak_label(hits, theme_ids, min_votes)
        out[i, 0] = wl.relevant
        for j, t in enumerate(theme_ids, 1):
            out[i, j] = t in wl.themes
    return out
