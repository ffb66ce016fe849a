r"""Joint laws built from linear forms of uniform seeds, for the finite-law models
(:mod:`.finite_laws`, :mod:`.moment_laws`): the laws that independence statements allow but
that a product of independent blocks never reaches.

A product of blocks honours ``X, Y \text{ independent}`` only by keeping ``X`` and ``Y`` in
different blocks, so a third variable never depends on both (the collider ``Z = X + Y``,
where :math:`I(X;Y \mid Z) > 0`), and three pairwise statements come out as mutual
independence (never the law ``X, Y`` fair bits, ``Z = X \oplus Y``). This module draws:

* seeds :math:`U = (U_1, \dots, U_m)` independent and uniform on :math:`\mathbb{F}_p`
  (``p`` = 2 or 3), and for each variable ``v`` one or two random rows, the matrix
  :math:`A_v` (``v`` reads :math:`A_v U`);
* for a few variables a private bit :math:`N_v` with a random rational law;
* ``v = f_v(A_v U, N_v)`` with ``f_v`` a random map onto the values ``v`` may take.

A statement "groups :math:`G_1, \dots, G_k` mutually independent" holds exactly when the row
spaces :math:`R_{G_i} = \operatorname{span}\{A_v : v \in G_i\}` form a direct sum
(:math:`\dim \sum_i R_{G_i} = \sum_i \dim R_{G_i}`): then :math:`(A_{G_1} U, \dots, A_{G_k} U)`
is uniform on the product of the images, hence independent, and functions of it and of
private bits stay independent. Rows are drawn variable by variable and a draw that breaks a
statement is drawn again (a sum that is not direct stays so when rows are added), so every
law returned satisfies every statement; pairwise statements allow ``Z`` to read
:math:`U_1 + U_2`, the xor law.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

#: Tries for one variable's rows before the draw is given up.
TRIES = 12
#: Most outcomes enumerated (seeds times private bits).
MAX_POINTS = 64


def rank_mod(rows: Sequence[Sequence[int]], p: int) -> int:
    """The rank of ``rows`` over :math:`\\mathbb{F}_p` (Gaussian elimination)."""
    work = [list(r) for r in rows]
    rank = 0
    width = len(work[0]) if work else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(work)) if work[i][col] % p), None)
        if pivot is None:
            continue
        work[rank], work[pivot] = work[pivot], work[rank]
        inv = pow(work[rank][col], p - 2, p)
        work[rank] = [x * inv % p for x in work[rank]]
        for i in range(len(work)):
            if i != rank and work[i][col] % p:
                f = work[i][col]
                work[i] = [(a - f * b) % p for a, b in zip(work[i], work[rank], strict=True)]
        rank += 1
    return rank


def direct(groups: Sequence[set[str]], rows: Mapping[str, list[tuple[int, ...]]],
           p: int) -> bool:
    """Whether the row spaces of ``groups`` (the variables with rows so far) form a direct
    sum: :math:`\\operatorname{rank}(\\text{all rows}) = \\sum_i \\operatorname{rank}(R_i)`
    (a variable in two groups counts twice, so it breaks the sum)."""
    parts = [[r for v in sorted(g) if v in rows for r in rows[v]] for g in groups]
    everything = [r for part in parts for r in part]
    if not everything:
        return True
    return rank_mod(everything, p) == sum(rank_mod(part, p) for part in parts if part)


def _row(m: int, p: int, rng: random.Random) -> tuple[int, ...]:
    while True:
        row = tuple(rng.randrange(p) for _ in range(m))
        if any(row):
            return row


def draw_rows(base: Sequence[str], constraints: Sequence[Sequence[set[str]]], p: int, m: int,
              rng: random.Random) -> dict[str, list[tuple[int, ...]]] | None:
    """Rows for each variable of ``base`` (in a random order) such that every statement's
    groups form a direct sum; None when some variable finds none in :data:`TRIES` draws."""
    rows: dict[str, list[tuple[int, ...]]] = {}
    order = list(base)
    rng.shuffle(order)
    for v in order:
        for _ in range(TRIES):
            rows[v] = [_row(m, p, rng) for _ in range(rng.choice((1, 1, 2)))]
            if all(direct(groups, rows, p) for groups in constraints if any(
                    v in g for g in groups)):
                break
        else:
            return None
    return rows


def _read(rows: list[tuple[int, ...]], seeds: tuple[int, ...], p: int) -> tuple[int, ...]:
    """:math:`A_v U` at the seeds ``seeds``."""
    return tuple(sum(a * u for a, u in zip(r, seeds, strict=True)) % p for r in rows)


def _map(inputs: list[tuple], values: Sequence[Any], rng: random.Random) -> dict[tuple, Any]:
    """A random map of ``inputs`` onto ``values`` taking two values at least (one-to-one when
    it can, half of the time)."""
    if len(inputs) <= len(values) and rng.random() < 0.5:
        return dict(zip(inputs, rng.sample(list(values), len(inputs)), strict=True))
    while True:
        out = {i: rng.choice(values) for i in inputs}
        if len(set(out.values())) > 1 or len(inputs) < 2:
            return out


def linear_law(base: Sequence[str], constraints: Sequence[Sequence[set[str]]],
               values: Mapping[str, Sequence[Any]], rng: random.Random
               ) -> tuple[tuple[str, ...], dict[tuple, Fraction]] | None:
    """One joint law of ``base`` (module doc) as a single factor ``(names, {outcome: P})``
    that meets every statement of ``constraints`` (each a list of mutually independent
    groups), each variable on ``values[v]``; None when the rows could not be drawn."""
    need = max((len(groups) for groups in constraints), default=2)  # one row per group
    p = rng.choice((2, 2, 3)) if need <= 3 else 2
    low = max(2, need)
    m = rng.randint(low, max(low, 5 if p == 2 else 3))
    if p**m > MAX_POINTS:
        return None
    rows = draw_rows(base, constraints, p, m, rng)
    if rows is None:
        return None
    room = (MAX_POINTS // p**m).bit_length() - 1  # private bits that keep <= MAX_POINTS
    noisy = [v for v in base if rng.random() < 0.3][:room]
    bits = {v: Fraction(rng.randint(1, 5), 6) for v in noisy}
    seeds = list(itertools.product(range(p), repeat=m))
    maps = {}
    for v in base:
        seen = sorted({_read(rows[v], us, p) for us in seeds})
        inputs = [(s, b) for s in seen for b in ((0, 1) if v in bits else (0,))]
        maps[v] = _map(inputs, values[v], rng)
    dist: dict[tuple, Fraction] = {}
    for us in seeds:
        for flips in itertools.product((0, 1), repeat=len(noisy)):
            prob = Fraction(1, p**m)
            for v, b in zip(noisy, flips, strict=True):
                prob *= bits[v] if b else 1 - bits[v]
            noise = dict(zip(noisy, flips, strict=True))
            outcome = tuple(maps[v][(_read(rows[v], us, p), noise.get(v, 0))] for v in base)
            dist[outcome] = dist.get(outcome, Fraction(0)) + prob
    return tuple(base), dist


__all__ = ["direct", "draw_rows", "linear_law", "rank_mod"]
