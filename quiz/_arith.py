"""The quiz's arithmetic, in whole numbers so every interpreter gets the same digits."""

from __future__ import annotations


def percent(total: int, maximum: int) -> int:
    """total / maximum as a whole number 0-100, halves rounded up (as on the worksheet)."""
    return (200 * total + maximum) // (2 * maximum)


def _tenths(numerator: int, denominator: int) -> int:
    """numerator / denominator in tenths, halves rounded away from zero."""
    magnitude = (20 * abs(numerator) + denominator) // (2 * denominator)
    return -magnitude if numerator < 0 else magnitude


def effect(question_weight: int, points: int, max_points: int, scale_max: int) -> int | float:
    """How far one answer moved its sub-scale from the middle (50), in score points.

    The exact effects add up to score - 50: a sub-scale starts in the middle and each answer
    pushes it up or down by its weighted points above or below the question's midpoint. Shown to
    one decimal; a whole number stays an int so it prints as "10", not "10.0".
    """
    tenths = _tenths(100 * question_weight * (2 * points - max_points), 2 * scale_max)
    return tenths // 10 if tenths % 10 == 0 else tenths / 10
