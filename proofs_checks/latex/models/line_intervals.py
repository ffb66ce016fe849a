r"""Finite unions of intervals of the line with rational ends: their length, covers by
open balls, separated point sets, and random draws of each (for :mod:`.cover_volumes`)."""

from __future__ import annotations

import random
from fractions import Fraction

Intervals = list[tuple[Fraction, Fraction]]


def measure(parts: Intervals) -> Fraction:
    """The length of a finite union of intervals."""
    total, end = Fraction(0), None
    for lo, hi in sorted(parts):
        if end is not None and lo < end:
            lo = end
        if hi > lo:
            total += hi - lo
        end = hi if end is None else max(end, hi)
    return total


def draw_region(rng: random.Random) -> Intervals:
    """One to three closed intervals with ends in [-3, 4.5] (twelfths)."""
    out = []
    for _ in range(rng.randint(1, 3)):
        lo = Fraction(rng.randint(-36, 30), 12)
        out.append((lo, lo + Fraction(rng.randint(0, 24), 12)))
    return out


def draw_inside(rng: random.Random, region: Intervals, k: int) -> list[Fraction]:
    """``k`` points of ``region``."""
    pts = []
    for _ in range(k):
        lo, hi = rng.choice(region)
        pts.append(lo + (hi - lo) * Fraction(rng.randint(0, 24), 24))
    return pts


def draw_cover(rng: random.Random, region: Intervals, r: Fraction,
               external: bool = False) -> list[Fraction]:
    """A cover of ``region`` by open balls of radius ``r`` with its points *in* the region
    (so it is a cover under either definition, internal or not), dense or tight: half the
    draws a grid of step ``r`` over each interval and its right end, a few random points of
    the region, then random points dropped while it still covers; the other half a chain
    whose consecutive points are ``4/3 r`` to ``23/12 r`` apart (:func:`_tight_cover`: each ball
    barely meets the next, as in the covers an inequality between volumes is tight on).
    With ``external``, one or two points anywhere on the line are added (a cover whose
    centres need not lie in the region)."""
    if rng.random() < 0.5:
        pts = _tight_cover(rng, region, r)
    else:
        pts = [min(lo + r * j, hi) for lo, hi in region for j in range(int((hi - lo) / r) + 2)]
        pts += draw_inside(rng, region, rng.randint(0, 2))
        rng.shuffle(pts)
        for p in list(pts):
            rest = [q for q in pts if q != p]
            if rng.random() < 0.7 and rest and covers(rest, r, region):
                pts = rest
    if external:
        pts += [Fraction(rng.randint(-72, 96), 12) for _ in range(rng.randint(1, 2))]
    return sorted(set(pts))


def _tight_cover(rng: random.Random, region: Intervals, r: Fraction) -> list[Fraction]:
    """Points of each interval ``[lo, hi]`` of ``region``: the first within ``r`` of ``lo``,
    each next one ``k r / 12`` after the last (``k`` in 16..23, near the widest gap ``2r``
    an open cover allows, one ``k`` per interval or per point), until the last ball passes
    ``hi``; a point past ``hi`` is moved to ``hi``."""
    pts: list[Fraction] = []
    for lo, hi in region:
        fixed = rng.randint(16, 23) if rng.random() < 0.5 else None
        p = min(lo + r * Fraction(rng.randint(0, 11), 12), hi)
        pts.append(p)
        while p + r <= hi:
            p = p + r * Fraction(fixed or rng.randint(16, 23), 12)
            pts.append(min(p, hi))
    return pts


def covers(points: list[Fraction], r: Fraction, region: Intervals) -> bool:
    """Whether each point of ``region`` lies at distance < ``r`` from a point of ``points``."""
    opens = sorted((p - r, p + r) for p in points)
    merged: list[list[Fraction]] = []
    for lo, hi in opens:
        if merged and lo < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return all(any(m[0] < lo and hi < m[1] for m in merged) for lo, hi in region)


def separated(points: list[Fraction], r: Fraction) -> bool:
    """Whether distinct points lie farther than ``r`` apart."""
    pts = sorted(points)
    return all(b - a > r for a, b in zip(pts, pts[1:], strict=False))


def inside(parts: Intervals, region: Intervals) -> bool:
    """Whether each interval of ``parts`` lies in one interval of ``region``."""
    return all(any(a <= lo and hi <= b for a, b in region) for lo, hi in parts)


__all__ = ["Intervals", "covers", "draw_cover", "draw_inside", "draw_region", "inside", "measure",
           "separated"]
