"""Text intake: checking that a value is a text, and normalising it for hashing.

Contract (documented in the README): a text must be a ``str``. ``None``, bytes,
numbers and other types raise :class:`~tagger.errors.InputTypeError`. Empty or
whitespace-only strings are accepted and are "not relevant, no themes".
"""

from __future__ import annotations

import hashlib
from typing import Any

from .errors import InputTypeError


def check_text(value: Any, what: str = "text") -> str:
    """Return ``value`` if it is a string, else raise a clear :class:`InputTypeError`."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        raise InputTypeError(f"{what} must be str, got bytes; decode it first (e.g. value.decode('utf-8'))")
    raise InputTypeError(f"{what} must be str, got {type(value).__name__}")


def normalise_for_key(text: str) -> str:
    """Whitespace-collapsed, case-folded form used to match the same text across sources."""
    return " ".join(text.split()).casefold()


def text_key(text: str) -> str:
    """A stable identity for a text: sha1 of its normalised form (used for gold-overrides-weak)."""
    return hashlib.sha1(normalise_for_key(text).encode("utf-8", "surrogatepass")).hexdigest()
