"""The one family of errors the library raises on purpose.

Every error a user can trigger with bad input is a :class:`TaggerError`. The
subclasses also derive from the matching built-in (``TypeError``, ``ValueError``,
``FileNotFoundError``) so that ordinary ``except ValueError`` code keeps working.
"""

from __future__ import annotations

from typing import Any, TypeGuard

import numpy as np


class TaggerError(Exception):
    """Base class of every error raised on purpose by tagger."""


class InputTypeError(TaggerError, TypeError):
    """A value has the wrong type (e.g. a text that is not a string)."""


class InputValueError(TaggerError, ValueError):
    """A value has the right type but is not acceptable."""


class DataFileError(TaggerError, ValueError):
    """A data file (JSONL, rules, themes) is malformed; the message names file and line."""

    def __init__(self, path: object, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ModelFileError(TaggerError, ValueError):
    """A model directory is missing, corrupted, of another format version, or unsafe."""


class NotFittedError(TaggerError, ValueError):
    """A prediction method was called on a tagger that has not been fitted or loaded."""


class MissingDependencyError(TaggerError, ImportError):
    """An optional dependency needed for this feature is not installed."""


def is_int(value: object) -> TypeGuard[int | np.integer[Any]]:
    """An int (Python or numpy), not a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def check_positive_int(name: str, value: object) -> int:
    """``value`` as a Python int if it is an integer >= 1 (Python or numpy, not a bool);
    else an :class:`InputValueError` naming ``name`` and what was expected."""
    if not (is_int(value) and value >= 1):
        raise InputValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)
