r"""Random finite instances with exact rational masses, and the edge cases.

:func:`random_instance` draws :math:`|\mathcal C| \in [1, 5]`, :math:`\mu`,
:math:`|V_c| \in [1, 3]`, :math:`|E_c| \in [1, 8]`, :math:`p` on :math:`V_c` and
:math:`\hat p` by one of :data:`MODES`:

- ``dirichlet``: random integer weights, normalised;
- ``mix``: :math:`\lambda p + (1-\lambda)\,\mathrm{Unif}(R_c)`,
  :math:`\lambda \in \{0, 1/4, \dots, 1\}`;
- ``tie``: some masses exactly at the threshold :math:`1/K` (ties go to :math:`B`);
- ``point``: a point mass per prompt;
- ``memorize``: :math:`\hat p = p` ("memorize + IDK");
- ``uniform``: :math:`\hat p = \mathrm{Unif}(R_c)`.

``multiple_choice=True`` gives :math:`V_c = \{a_c\}` (Theorems 3-4); ``p_error_mass=True``
puts mass of :math:`p` on errors (the negative control of Theorem 1).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make

MODES: tuple[str, ...] = ("dirichlet", "mix", "tie", "point", "memorize", "uniform")


def random_simplex(rng: np.random.Generator, n: int, zeros: bool = True) -> list[Fraction]:
    """A random rational point of the simplex on ``n`` atoms (some atoms 0 if ``zeros``)."""
    lo = 0 if zeros else 1
    w = [int(x) for x in rng.integers(lo, 10, size=n)]
    if sum(w) == 0:
        w[int(rng.integers(0, n))] = 1
    s = sum(w)
    return [Fraction(x, s) for x in w]


def _tie(rng: np.random.Generator, nv: int, ne: int, K: int) -> list[Fraction]:  # noqa: N803
    """A distribution on ``nv + ne`` atoms with at least one mass exactly ``1/K``."""
    n = nv + ne
    out = [Fraction(0)] * n
    at = Fraction(1, K)
    idx = [int(i) for i in rng.permutation(n)]
    rest = Fraction(1)
    for i in idx:
        if rest >= at and (rest == 1 or rng.random() < 0.6):
            out[i] = at
            rest -= at
    out[idx[-1]] += rest
    return out


def random_instance(
    rng: np.random.Generator,
    mode: str | None = None,
    multiple_choice: bool = False,
    p_error_mass: bool = False,
    max_prompts: int = 5,
    max_errors: int = 8,
) -> FiniteInstance:
    """A random instance (see the module doc)."""
    mode = mode or MODES[int(rng.integers(0, len(MODES)))]
    m = int(rng.integers(1, max_prompts + 1))
    weights = random_simplex(rng, m, zeros=False)
    nv = [1 if multiple_choice else int(rng.integers(1, 4)) for _ in range(m)]
    ne = [int(rng.integers(1, max_errors + 1)) for _ in range(m)]
    if multiple_choice and rng.random() < 0.5:  # all |E_c| = C - 1: equality case
        ne = [ne[0]] * m
    K = min(ne)  # noqa: N806
    p, ph = [], []
    for i in range(m):
        n = nv[i] + ne[i]
        if p_error_mass:
            pi = random_simplex(rng, n)
        else:
            pi = random_simplex(rng, nv[i]) + [Fraction(0)] * ne[i]
        if mode == "dirichlet":
            qi = random_simplex(rng, n)
        elif mode == "mix":
            lam = Fraction(int(rng.integers(0, 5)), 4)
            qi = [lam * a + (1 - lam) * Fraction(1, n) for a in pi]
        elif mode == "tie":
            qi = _tie(rng, nv[i], ne[i], K)
        elif mode == "point":
            qi = [Fraction(0)] * n
            qi[int(rng.integers(0, n))] = Fraction(1)
        elif mode == "memorize":
            qi = list(pi)
        elif mode == "uniform":
            qi = [Fraction(1, n)] * n
        else:
            raise ValueError(f"mode: unknown {mode!r} (known: {MODES})")
        p.append(pi)
        ph.append(qi)
    return make(weights, nv, ne, p, ph)


def equality_case(n: int) -> FiniteInstance:
    """No prompt, :math:`|V| = |E| = n`, :math:`p = \\hat p = \\mathrm{Unif}(V)`:
    err = 0, err_iiv = 1/2, delta = 0, so Theorem 1's bound is 0 (tight)."""
    u = [Fraction(1, n)] * n + [Fraction(0)] * n
    return make([Fraction(1)], [n], [n], [u], [u])
