"""The one error type the quiz raises for bad input, bad codes and a bad data file."""

from __future__ import annotations


class QuizError(ValueError):
    """Bad input: the message says which question, option, code or data entry is at fault."""
